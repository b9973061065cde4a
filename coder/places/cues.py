"""Words around a name that make it a place, rule it out, or mark a clause or a speaker."""
from __future__ import annotations

import re

_MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "sunday", "christmas", "easter", "ramadan"}
# phrases that contain a gazetteer alternate name but are never places ("White House" is an
# alternate name of Casablanca)
_NEVER = {"white house", "state department", "pentagon", "kremlin", "downing street", "elysee",
          "capitol hill", "wall street", "islamic state", "the west", "west", "east", "north", "south",
          "gulf", "middle east", "congress", "parliament", "senate", "daesh", "isis", "isil"}
# words that open a sentence without beginning a name ("A U.S. judge", "This Syria policy")
_DETERMINERS = {"a", "an", "this", "that", "these", "those", "another", "any", "each", "every", "some",
                "no", "one", "its", "his", "her", "their", "our", "my", "your", "all", "both", "either",
                "neither"}
_CONNECTORS = {"de", "del", "da", "do", "dos", "das", "of", "the", "and", "al", "el", "ez", "es", "as",
               "ad", "ar", "an", "at", "az", "ash", "bin", "ibn", "la", "le", "les", "du", "des", "di",
               "en", "sur", "am", "upon", "y", "i"}
_PREP_CUES = {"in", "at", "near", "outside", "across", "from", "to", "into", "inside", "around",
              "throughout", "towards", "toward", "through", "within", "via", "over", "on", "off",
              "nearby", "beyond", "between", "besieged", "entered", "reached", "captured", "retake",
              "recaptured", "liberated", "shelled", "bombed", "stormed", "seized", "encircled"}
_NEAR_PREPS = {"near", "outside", "around", "nearby", "beyond"}
_DESCRIPTORS = {"city": "P", "town": "P", "village": "P", "capital": "P", "port": "P", "hometown": "P",
                "stronghold": None, "enclave": None, "area": None, "neighbourhood": "P", "neighborhood": "P",
                "district": "A", "province": "A", "governorate": "A", "region": "A", "oblast": "A",
                "state": "A", "county": "A", "prefecture": "A", "outskirts": "near", "suburbs": "near",
                "suburb": "near", "vicinity": "near", "environs": "near", "countryside": "near"}
_SUFFIXES = {"province": "A", "governorate": "A", "oblast": "A", "region": "A", "district": "A",
             "state": "A", "county": "A", "prefecture": "A", "city": "P", "area": "near"}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
               "north-east", "north-west", "south-east", "south-west"}
_DIR_ADJ = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
            "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
            "south-western", "northeast", "northwest", "southeast", "southwest", "north", "south",
            "east", "west", "upper", "lower", "coastal", "rural"}
_UNITS = {"km", "kms", "kilometers", "kilometres", "miles", "mi", "meters", "metres", "m"}
_COMM_VERBS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "speak", "speaks", "spoke",
    "speaking", "discuss", "discusses", "discussed", "discussing", "add", "adds", "added", "adding",
    "note", "notes", "noted", "noting", "state", "states", "stated", "announce", "announces",
    "announced", "announcing", "warn", "warns", "warned", "warning", "claim", "claims", "claimed",
    "claiming", "insist", "insists", "insisted", "report", "reports", "reported", "write", "wrote",
    "acknowledge", "acknowledged", "suggest", "suggests", "suggested", "suggesting", "believe",
    "believes", "believed", "argue", "argued", "argues", "explain", "explained", "stress",
    "stressed", "reiterate", "reiterated", "confirm", "confirmed", "deny", "denied", "assert",
    "asserted", "declare", "declared", "predict", "predicted", "vow", "vowed", "pledge", "pledged",
    "promise", "promised", "hope", "hopes", "hoped", "expect", "expects", "expected", "according",
    "describing", "described", "estimate", "estimated", "estimates",
}
_SUBJECT_NEXT = _COMM_VERBS | {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "should", "may",
    "might", "must", "can", "cannot", "did", "does", "do", "wants", "wanted", "agreed", "agrees",
    "signed", "sent", "sends", "launched", "responded", "condemned", "condemns", "accused", "accuses",
    "urged", "urges", "called", "calls", "demanded", "threatened", "threatens", "imposed", "ordered",
    "expelled", "recalled", "summoned", "blamed", "blames", "appears", "seems", "dismissed",
    "welcomed", "praised", "criticized", "criticised", "slammed", "rejected", "rejects", "plans",
    "considers", "offered", "asked", "intends", "refused", "refuses", "opposes", "opposed",
    "supports", "supported", "backed", "backs", "approved", "announced", "also", "now", "still",
    "and", "or",
}
# words allowed between a communication verb and its own place phrase ("told reporters in Kabul")
_COMM_GAP_OK = {"the", "a", "an", "reporters", "journalists", "lawmakers", "parliament", "press",
                "news", "conference", "briefing", "speech", "interview", "statement", "televised",
                "joint", "on", "at", "in", "during", "while", "visiting", "him", "her", "them", "us",
                "me", "his", "their", "counterpart", "meeting", "summit", "rally", "supporters",
                "crowd", "audience", "today", "yesterday", "earlier", "later", "late", "alongside"}
_CLAUSE_STARTERS = {"which", "who", "whom", "whose", "where", "while", "whilst", "but", "although",
                    "though", "because", "as", "after", "before", "when", "since", "until", "unless",
                    "whereas", "so", "yet", "and", "or", "according"}

# A word: letters joined by apostrophes or hyphens (`\w+(?:['’ʼ-]\w+)*` is `\w(?:\w|['’ʼ]\w|-\w)*`
# written so that the regex engine repeats one character class, several times faster); or initials.
# The quantifiers are possessive (`++`, `*+`): what follows each of them is optional, so giving back
# characters never lets a match succeed that failed or end elsewhere, and the engine need not keep the
# states to backtrack to (a fifth faster; the same tokens).
_INITIALS = r"[A-Z](?:\.[A-Z])++\.?"
_WORD = r"\w++(?:['’ʼ-]\w++)*+"
_TOKEN_RE = re.compile(f"{_INITIALS}|{_WORD}")
_BOUNDARY_RE = re.compile(r"[;:“”\"()\[\]]|\s[—–]\s|\s-\s|--")
_BOUNDARY_CHAR_RE = re.compile(r'[;:“”"()\[\]—–-]')   # every match of _BOUNDARY_RE holds one of these

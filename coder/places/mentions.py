"""Finding place mentions in a sentence, with the cues that say whether each may be the event's
location, plus the sentence's clause boundaries and communication verbs."""
from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, count
from operator import ne
from typing import NamedTuple

from ..memos import Memo
from .cues import (
    _BOUNDARY_CHAR_RE,
    _CLAUSE_STARTERS,
    _COMM_VERBS,
    _CONNECTORS,
    _DESCRIPTORS,
    _DETERMINERS,
    _DIR_ADJ,
    _DIRECTIONS,
    _MONTHS_DAYS,
    _NEAR_PREPS,
    _NEVER,
    _PREP_CUES,
    _SUBJECT_NEXT,
    _SUFFIXES,
    _TOKEN_RE,
    _UNITS,
    _WORD,
)
from .gazetteer import Gazetteer
from .normalise import _ARTICLES, norm
from .words import place_words

BARE_MIN_POP = 100_000     # a bare (uncued) city name counts only above this population


@dataclass(slots=True)   # slots: made and read for every name found
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


class SentenceGeo:
    """A sentence's place mentions and country adjectives, and its clause boundaries and
    communication verbs (offsets).

    The clauses are read only to place an event by the words around its verb, so most analysed
    sentences (the lead, read for the article's countries, and event sentences with no usable place)
    never need them: an analysis keeps the sentence's tokens and finds the clauses on first use.
    """

    __slots__ = ("text", "mentions", "demonym_cc", "_boundaries", "_comm_positions", "_words")

    def __init__(self, text: str, mentions: list[PlaceMention], boundaries: list[int] | None,
                 comm_positions: list[tuple[int, int]] | None, demonym_cc: list[str] | None = None):
        self.text = text
        self.mentions = mentions
        self._boundaries = boundaries                 # clause boundary offsets
        self._comm_positions = comm_positions         # communication verbs (start, end)
        self.demonym_cc = [] if demonym_cc is None else demonym_cc
        self._words = None                            # the tokens, while the clauses are not found

    @classmethod
    def clauses_on_demand(cls, text: str, mentions: list[PlaceMention], demonym_cc: list[str],
                          words: tuple) -> "SentenceGeo":
        """An analysis whose clauses are found from `words` ((toks, words, gaps, low)) when read."""
        found = cls(text, mentions, None, None, demonym_cc)
        found._words = words
        return found

    @property
    def boundaries(self) -> list[int]:
        if self._boundaries is None:
            self._find_clauses()
        return self._boundaries

    @property
    def comm_positions(self) -> list[tuple[int, int]]:
        if self._comm_positions is None:
            self._find_clauses()
        return self._comm_positions

    def _find_clauses(self) -> None:
        self._boundaries, self._comm_positions = _clauses(self.text, *self._words)
        self._words = None

    def _fields(self) -> tuple:
        return self.text, self.mentions, self.boundaries, self.comm_positions, self.demonym_cc

    def __eq__(self, other) -> bool:
        return type(other) is SentenceGeo and self._fields() == other._fields()

    def __repr__(self) -> str:
        return ("SentenceGeo(text={!r}, mentions={!r}, boundaries={!r}, comm_positions={!r}, demonym_cc={!r})"
                .format(*self._fields()))


class Tokens(NamedTuple):
    """A sentence's tokens as three lists (no tuple per token): offsets and texts."""

    starts: list[int]
    ends: list[int]
    words: list[str]


def _tokens(s: str) -> Tokens:
    return _split(s)[0]


_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
# The same pattern for ASCII text, where Unicode's `\w` is `[A-Za-z0-9_]`: the ASCII class is tested
# faster (a sixth off the split), and nearly all news sentences are ASCII.
_SPLIT_ASCII_RE = re.compile(_SPLIT_RE.pattern, re.ASCII)
# Initials ("U.S.") hold a full stop before a capital letter; in the many sentences with none, the
# token pattern's first branch cannot match and the split by words alone gives the same parts
# without trying that branch at every word (15% fewer instructions in the regex split).
_MAY_HOLD_INITIALS = re.compile(r"\.[A-Z]")
_SPLIT_WORDS_RE = re.compile(f"({_WORD})")
_SPLIT_WORDS_ASCII_RE = re.compile(_SPLIT_WORDS_RE.pattern, re.ASCII)


def _splitter(s: str) -> re.Pattern:
    """The split pattern for `s`: `_SPLIT_RE`, or a pattern that splits `s` alike and scans it faster."""
    if _MAY_HOLD_INITIALS.search(s):
        return _SPLIT_ASCII_RE if s.isascii() else _SPLIT_RE
    return _SPLIT_WORDS_ASCII_RE if s.isascii() else _SPLIT_WORDS_RE


def _split(s: str) -> tuple[Tokens, list[str], list[str]]:
    """The tokens, their texts, and the text before each (`gaps[j]` precedes token j, `gaps[n]`
    follows the last): one regex split and a running sum of lengths, no per-token objects."""
    parts = _splitter(s).split(s)   # gap, token, gap, ..., gap
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    return Tokens(offsets[0:-1:2], offsets[1::2], words), words, parts[0::2]


# lower-case Arabic articles before a capitalised name: al-Shura, ar-Raqqa, el-Arish
_ARTICLE_PREFIXES = ("al", "ar", "as", "ad", "an", "az", "el", "at", "ash", "ez", "es", "ed", "ul", "ech")


def _is_cap(t: str) -> bool:
    c = t[0]
    if c.isupper():
        return True
    p = t.find("-")
    return 0 < p <= 3 and p + 1 < len(t) and t[p + 1].isupper() and t[:p] in _ARTICLE_PREFIXES


def _only_space(s: str) -> bool:
    return not s or s.isspace()


_QUOTE_RE = re.compile(r'[“”"]')


def _after_commas(sentence: str, toks) -> list[int]:
    """Indices of the tokens that follow a comma (not the first token): tokens hold no commas, so
    each comma sits in the gap before one token."""
    found: list[int] = []
    comma = sentence.find(",")
    if comma < 0:
        return found
    starts = toks.starts
    while comma >= 0:
        j = bisect_right(starts, comma)
        if 1 <= j < len(toks.words) and (not found or found[-1] != j):
            found.append(j)
        comma = sentence.find(",", comma + 1)
    return found


def _scare_quotes(sentence: str) -> set[int]:
    """Offsets of quote marks around a short unpunctuated phrase ('training “moderate” militants'):
    a word set off, not quoted speech, so they do not end the clause."""
    marks = [m.start() for m in _QUOTE_RE.finditer(sentence)]
    out: set[int] = set()
    k = 0
    while k + 1 < len(marks):
        a, b = marks[k], marks[k + 1]
        if sentence[a] == "”" or sentence[b] == "“":  # not an opening then a closing mark
            k += 1
            continue
        inner = sentence[a + 1:b]
        if len(_TOKEN_RE.findall(inner)) <= 3 and not any(ch in inner for ch in ",.;:!?"):
            out.update((a, b))
        k += 2
    return out


def analyze_sentence(sentence: str, gaz: Gazetteer) -> SentenceGeo:
    """Find place mentions, clause boundaries and communication verbs in one sentence (the clauses
    when first read). Not remembered across articles: what repeats in news is names (remembered
    by `_Lookups`), far more than whole sentences."""
    return _analyze_sentence(sentence, gaz, _lookups(gaz))


def _analyze_sentence(sentence: str, gaz: Gazetteer, lookups: "_Lookups") -> SentenceGeo:
    toks, words, gaps = _split(sentence)
    n = len(toks.words)
    low = list(map(str.lower, words))
    mentions: list[PlaceMention] = []
    demonyms: list[str] = []
    first_word = 0
    while first_word < n and not words[first_word][0].isalnum():
        first_word += 1

    known_words, inert = lookups.facts, lookups.inert
    i = adjective_end = 0
    for j in _name_starts(sentence, words, low):
        if j < i:
            continue           # inside the mention found before
        word = words[j]
        if word in inert and gaps[j + 1] == " ":
            # Neither opens a name nor is a country adjective, and the space after it leaves both
            # lookups below (one word, several words) nothing to find.
            continue
        opens_name, one_word_adjective, adjective_may_go_on, may_open = (known_words.get(word)
                                                                         or lookups.word_facts(word, gaz))
        if not opens_name:
            continue
        if j >= adjective_end:
            if adjective_may_go_on or gaps[j + 1] != " ":
                cc, used = lookups.adjective_at(sentence, toks, gaps, j, gaz, one_word_adjective, adjective_may_go_on)
            else:          # (`adjective_at`'s answer: no several-word adjective starts here)
                cc, used = (one_word_adjective, 1) if one_word_adjective is not None else (None, 0)
            if cc:
                demonyms.append(cc)
            adjective_end = j + used
        if not may_open and (gaps[j + 1] or j + 1 == n):   # (a word run into the next, "U.S.Army",
            continue       # makes another key) no name the gazetteer knows starts with this word
        hit, hn, key = lookups.longest_name(sentence, toks, gaps, low, j, gaz)
        if hit is None:
            continue
        mentions.append(_make_mention(sentence, toks, gaps, low, j, hn, key, hit, gaz, first_word))
        i = j + hn

    if len(mentions) > 1:
        mentions = _merge_qualifiers(sentence, mentions, gaz)
    return SentenceGeo.clauses_on_demand(sentence, mentions, demonyms, (toks, words, gaps, low))


def _merge_qualifiers(sentence: str, mentions: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """"X, Y" qualifiers: Y a country or admin1 holding a candidate of X joins X's mention as its hint.
    (Two mentions at least: one has nothing to merge with.)"""
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
                m.usable = True
                m.cued = True
                skip.add(a + 1)
        merged.append(m)
    return merged


def _name_starts(sentence: str, words: list[str], low: list[str]) -> list[int]:
    """The tokens that may open a name: those that start upper-case or hold a hyphen (al-Raqqa).
    In ASCII text, every word that differs from its lower case instead, found in C with no Python
    step per word: a word that opens a name (`_is_cap`) holds a capital letter, and the few others
    returned ("iPhone") open none, so the mention finder passes over them as over "He"."""
    if not sentence.isascii():
        return [j for j, w in enumerate(words) if w[0].isupper() or "-" in w]
    return list(compress(count(), map(ne, words, low)))


_DASHES = "—–-"


def _boundary_starts(sentence: str) -> list[int]:
    """The starts of `_BOUNDARY_RE.finditer(sentence)`. A spaced dash starts at the space before it
    and ends after the space after it; one that starts inside the match before it is no match
    (" - - ": the second dash's space was taken by the first).

    Read from the characters every match holds, found by one scan for a single character class: a
    pattern of three branches tried at every character is three times slower, and most of the
    characters found are hyphens inside words, passed over with one Python step each. `resume` is
    where that pattern's next search would start (after the match at the dash), `taken` where the
    previous boundary ended (after the space that follows a spaced dash)."""
    found: list[int] = []
    taken = resume = 0
    for hit in _BOUNDARY_CHAR_RE.finditer(sentence):
        p = hit.start()
        if p < resume:
            continue           # the second dash of "--"
        if sentence[p] not in _DASHES:
            start, end = p, p + 1
        elif sentence.startswith("--", p):
            start, end = p, p + 2
        elif p and sentence[p - 1].isspace() and sentence[p + 1:p + 2].isspace():
            start, end = p - 1, p + 2
        else:
            continue           # a hyphen inside a word, or a dash not set off by white space
        resume = end if start == p else p + 1
        if start >= taken:
            found.append(start)
            taken = end
    return found


def _clauses(sentence: str, toks, words: list[str], gaps: list[str], low: list[str]
             ) -> tuple[list[int], list[tuple[int, int]]]:
    """The sentence's clause boundaries (offsets) and communication verbs (start, end)."""
    boundaries = _boundary_starts(sentence)
    if boundaries and _QUOTE_RE.search(sentence):
        scare = _scare_quotes(sentence)
        boundaries = [b for b in boundaries if b not in scare]
    comm = [] if _COMM_VERBS.isdisjoint(low) else [
        (toks.starts[j], toks.ends[j]) for j in compress(count(), map(_COMM_VERBS.__contains__, low))]
    # comma followed by a clause starter or an -ing participle
    for j in _after_commas(sentence, toks):
        if low[j] in _CLAUSE_STARTERS or (low[j].endswith("ing") and words[j].islower() and len(low[j]) > 4):
            boundaries.append(toks.ends[j - 1] + gaps[j].index(","))
    boundaries.sort()
    return boundaries, comm


class _Lookups:
    """What the mention finder asks the gazetteer for every sentence, worked out once per gazetteer.

    The name found in a run of capitalised words depends on nothing but the run's text, so it is
    remembered by that text ("President Bush", "Iraq" recur in every article). A country adjective
    of several words ("South Korean") can only start with the first word of one, so a token that
    is no such first word needs only its own one-word lookup, also remembered.
    """

    MEMO_LIMIT = 100_000   # entries per memo (coder/memos.py)

    def __init__(self, gaz: Gazetteer):
        self.adjective_first_words = frozenset(key.split(" ", 1)[0] for key in gaz.adjectives if " " in key)
        self.written_adjective_first_tokens = frozenset(
            words[0] for written in gaz.written_adjectives if len(words := _TOKEN_RE.findall(written)) > 1)
        self.names = Memo("places: the name in a run of capitalised words", self.MEMO_LIMIT)
        self.name_first_words = _name_first_words(gaz)
        # word -> (`word`'s three answers, `may_open_name`): one memo read per capitalised token
        self.facts = Memo("places: what a capitalised word may open", self.MEMO_LIMIT)
        # The words of `facts` that open no name and no country adjective: followed by one space, such
        # a word adds nothing to an analysis (most capitalised words: "He", "Obama", "Tuesday").
        self.inert = Memo("places: capitalised words that open nothing", self.MEMO_LIMIT)  # read with `in`

    def word_facts(self, word: str, gaz: Gazetteer) -> tuple[bool, str | None, bool, bool]:
        """`word` and, for a word that may open a name, `may_open_name` (else False), remembered."""
        found = self.facts.get(word)
        if found is None:
            opens_name, one_word, may_go_on = self.word(word, gaz)
            found = self.facts.remember(word, (opens_name, one_word, may_go_on,
                                               opens_name and self.may_open_name(word)))
            if not opens_name or found[1:] == (None, False, False):
                self.inert.remember(word, True)
        return found

    def word(self, word: str, gaz: Gazetteer) -> tuple[bool, str | None, bool]:
        """What a token's text alone says: may it open a place name (capitalised, `al-Raqqa`, not
        `Saudi-led`); the country of it as a one-word adjective (None if none); may a country
        adjective of several words start with it."""
        opens_name = _is_cap(word) and not ("-" in word and not _is_cap(word.rsplit("-", 1)[1]))
        may_go_on = norm(word).split(" ", 1)[0] in self.adjective_first_words or (
            word in self.written_adjective_first_tokens)
        return opens_name, gaz.demonym(word), may_go_on

    def may_open_name(self, word: str) -> bool:
        """May a name the gazetteer finds start with this token, followed by white space or nothing?

        The lookup key of such a name starts with the token's key up to its first space (keys are
        made character by character, and white space between tokens becomes that space), and of
        "Russia's" alone with the key of "Russia". So a token whose first key word is the first
        word of no index key, no Arabic article and no name written in capitals opens no name.
        """
        first_words = self.name_first_words
        if first_words is None:
            return True
        first = norm(word).split(" ", 1)[0]
        if not first or first in first_words:
            return True
        if word.endswith(("'s", "’s")):
            first = norm(word[:-2]).split(" ", 1)[0]
            return not first or first in first_words
        return False

    def longest_name(self, sentence: str, toks, gaps: list[str], low: list[str], i: int,
                     gaz: Gazetteer) -> tuple[tuple | None, int, str]:
        """`_longest_name`, remembered by the text of the run of name-like tokens from token i."""
        n = len(toks.words)
        run = 1
        while run < 6 and i + run < n:
            gap = gaps[i + run]
            if gap != " " and gap and not gap.isspace():   # (one space, the usual gap, tested first)
                break
            # `_is_cap` of a word that neither starts upper-case nor holds a hyphen is False
            word = toks.words[i + run]
            if not (word[0].isupper() or low[i + run] in _CONNECTORS or ("-" in word and _is_cap(word))):
                break
            run += 1
        # (a run of one word is the word itself, already hashed by the word lookups: not cut again)
        run_text = toks.words[i] if run == 1 else sentence[toks.starts[i]:toks.ends[i + run - 1]]
        found = self.names.get(run_text)
        if found is None:
            found = self.names.remember(run_text, _longest_name(sentence, toks, low, i, run, gaz))
        return found

    def adjective_at(self, sentence: str, toks, gaps: list[str], i: int, gaz: Gazetteer, one_word: str | None,
                     may_go_on: bool) -> tuple[str | None, int]:
        """`_adjective_at`, searching several words only where a several-word adjective can start."""
        if gaz.adjective_words > 1 and i + 1 < len(toks.words) and _only_space(gap := gaps[i + 1]) and (
                may_go_on or not gap or gap.strip(" ")):
            # Several words may follow: the full search. (A gap of no characters, "U.S.Army", or of
            # other white space, a line break, makes a lookup key that does not start with this
            # word's key, so the first-word test does not apply.)
            return _adjective_at(sentence, toks, i, gaz)
        return (one_word, 1) if one_word is not None else (None, 0)


_LOOKUPS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_OTHER_WHITE_SPACE = re.compile(r"[^\S ]")


def _name_first_words(gaz: Gazetteer) -> frozenset[str] | None:
    """The first word of every key `Gazetteer.find` can hit: index keys, the Arabic articles it
    strips, names written in capitals. None (no shortcut) if a key holds white space other than a
    space, which would split words differently."""
    if _OTHER_WHITE_SPACE.search(" ".join(gaz.index)):
        return None
    words = {key.split(" ", 1)[0] for key in gaz.index}
    words.update(article.strip() for article in _ARTICLES)
    words.update(norm(written).split(" ", 1)[0] for written in gaz.acronyms)
    return frozenset(words)


def _lookups(gaz: Gazetteer) -> _Lookups:
    found = _LOOKUPS.get(gaz)
    if found is None:
        found = _LOOKUPS[gaz] = _Lookups(gaz)
    return found


def _adjective_at(sentence: str, toks, i: int, gaz: Gazetteer) -> tuple[str | None, int]:
    """The longest country adjective from token i ("South Korean", "Iraqis"): (ISO2 or "", tokens),
    or (None, 0)."""
    for m in range(min(gaz.adjective_words, len(toks.words) - i), 0, -1):
        if m > 1 and not all(_only_space(sentence[toks.ends[j - 1]:toks.starts[j]]) for j in range(i + 1, i + m)):
            continue
        cc = gaz.demonym(sentence[toks.starts[i]:toks.ends[i + m - 1]])
        if cc is not None:
            return cc, m
    return None, 0


def _longest_name(sentence: str, toks, low, i: int, run: int, gaz: Gazetteer) -> tuple[tuple | None, int, str]:
    """The longest name the gazetteer knows among the first `run` tokens from token i:
    (candidate codes, tokens used, lookup key), or (None, 0, "")."""
    s0 = toks.starts[i]
    for m in range(run, 0, -1):
        last = toks.words[i + m - 1]
        if not _is_cap(last):
            continue
        t0 = toks.words[i]
        if m == 1 and t0.isupper() and len(t0) > 1 and not gaz.is_acronym(t0):
            continue           # a word in capitals ("CAR BOMB") unless the ontology writes it so ("UAE")
        text = sentence[s0:toks.ends[i + m - 1]]
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        k = norm(text)
        if (m == 1 and (k in _MONTHS_DAYS or len(k) < 2)) or k in _NEVER:
            continue
        codes = gaz.find(text)
        if codes:
            return codes, m, k
    return None, 0, ""


def _qualifies(gaz: Gazetteer, m: PlaceMention, q: PlaceMention) -> bool:
    """Is q ("Iraq" in "Mosul, Iraq") a country or admin1 that holds a candidate of m? If so, m
    takes it as a hint."""
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


def _make_mention(sentence, toks, gaps, low, i, hn, key, codes, gaz: Gazetteer, first_word: int) -> PlaceMention:
    """The mention of tokens i..i+hn-1 with the cues around it, and whether it may be the event's place."""
    s0 = toks.starts[i]
    e_last = toks.ends[i + hn - 1]
    poss = sentence.endswith(("'s", "’s"), s0, e_last)
    name_end = e_last - 2 if poss else e_last
    # (its text is cut once its words are known, below)
    m = PlaceMention(s0, name_end, "", codes, name_start=s0, name_end=name_end)
    followed_by_cap, next_word = _right_context(m, toks, gaps, low, i + hn, poss, codes, gaz)
    preceded_by_cap = _left_context(m, toks, gaps, low, i, first_word, gaz)
    m.text = sentence[m.start:m.end]
    if preceded_by_cap or followed_by_cap:
        m.usable = False           # part of a longer proper name: "Ashton Carter", "Washington Post"
        m.cued = False
    elif poss and not m.cued:
        m.usable = False           # "Russia's defence ministry": context only
    elif not (m.cued or m.part):
        m.usable = _bare_usable(toks, gaps, low, i, key, codes, gaz, first_word, next_word)
    return m


def _right_context(m: PlaceMention, toks, gaps, low, j: int, poss: bool, codes,
                   gaz: Gazetteer) -> tuple[bool, str]:
    """Take a suffix word into the mention ("Nineveh province"); return whether a proper noun follows
    and the word after the mention that tells a subject ("Moscow has said")."""
    n = len(toks.words)
    followed_by_cap = False
    if j < n and _only_space(gaps[j]) and not poss:
        w = low[j]
        if w in _SUFFIXES and (_SUFFIXES[w] != "A" or w != "state" or any(gaz.kind[c >> 1] in "AR" for c in codes)):
            hint = _SUFFIXES[w]
            if hint == "near":
                m.near = True
            else:
                m.kind_hint = hint
            m.end = toks.ends[j]
            m.cued = True
            j += 1
        elif _is_cap(toks.words[j]) and low[j] not in _MONTHS_DAYS:
            followed_by_cap = True
    next_word = low[j] if j < n else ""
    if next_word in ("also", "now", "still", "has", "have", "had") and j + 1 < n and low[j + 1] in _SUBJECT_NEXT:
        next_word = low[j + 1] if low[j] in ("also", "now", "still") else next_word
    return followed_by_cap, next_word


def _left_context(m: PlaceMention, toks, gaps, low, i: int, first_word: int, gaz: Gazetteer) -> bool:
    """Take the words before the name into the mention (direction, demonym, "the city of", a cue);
    return whether a proper noun precedes it."""
    p = i - 1
    preceded_by_cap = False
    if p >= 0 and _only_space(gaps[i]):
        w = low[p]
        if w in _DIR_ADJ:
            if w not in _DIRECTIONS or toks.words[p][0].islower() or p == first_word:
                m.part = True
                m.start = toks.starts[p]
                p -= 1
        elif (cc := gaz.demonym(toks.words[p])) is not None:
            if cc:
                m.hint_cc = cc
            m.start = toks.starts[p]
            p -= 1
        elif _is_cap(toks.words[p]) and p != first_word and w not in _PREP_CUES and w not in _CONNECTORS:
            preceded_by_cap = True
    if p >= 0 and low[p] == "of":
        p = _of_phrase(m, toks, low, p, gaz)
    _prep_cue(m, toks, low, p)
    return preceded_by_cap


_DESCRIPTOR_MODIFIERS = ("largest", "second", "third", "biggest", "main", "key", "ancient", "northern", "old",
                         "strategic", "besieged", "embattled", "holy", "coastal", "border", "southern", "eastern",
                         "western", "central", "frontline", "rebel", "oil")
_PART_NOUNS = ("edge", "heart", "centre", "center", "part", "parts", "north", "south", "east", "west", "rest",
               "streets", "gates")
_ABOUT = ("some", "about", "around", "roughly", "nearly", "almost")


def _of_phrase(m: PlaceMention, toks, low, p: int, gaz: Gazetteer) -> int:
    """"the (Syrian) city of X" / "the outskirts of X" / "30 km southwest of X" / "the heart of X",
    `p` at "of": take the phrase into the mention; return the index of the word before it."""
    q = p - 1
    if q >= 0 and low[q] in _DESCRIPTORS:
        d = _DESCRIPTORS[low[q]]
        if d == "near":
            m.near = True
        elif d:
            m.kind_hint = d
        q -= 1
        while q >= 0 and ((cc := gaz.demonym(toks.words[q])) is not None or low[q] in _DIR_ADJ
                          or low[q] in _DESCRIPTOR_MODIFIERS):
            if cc:
                m.hint_cc = m.hint_cc or cc
            q -= 1
        if q >= 0 and low[q] in ("the", "a", "its", "their"):
            q -= 1
        m.start = toks.starts[q + 1]
        m.cued = True
        return q
    if q >= 0 and low[q] in _DIRECTIONS:
        m.near = True
        m.cued = True
        m.start = toks.starts[q]
        q -= 1
        if q >= 1 and low[q] in _UNITS and toks.words[q - 1][0].isdigit():
            m.start = toks.starts[q - 1]
            q -= 2
        elif q >= 0 and low[q] in _UNITS and toks.words[q][0].isdigit():  # "30km"
            m.start = toks.starts[q]
            q -= 1
        if q >= 0 and low[q] in _ABOUT:
            q -= 1
        return q
    if q >= 0 and low[q] in _PART_NOUNS:
        m.cued = True
        m.start = toks.starts[q]
        if q >= 1 and low[q - 1] == "the":
            q -= 1
        return q - 1
    return p


def _prep_cue(m: PlaceMention, toks, low, p: int) -> None:
    """A preposition or verb of place right before the mention (or before its "the")."""
    if p < 0:
        return
    w = low[p]
    if w in _PREP_CUES:
        m.cue = toks.words[p]
        m.cued = True
        if w in _NEAR_PREPS:
            m.near = True
    elif w == "the" and p >= 1 and low[p - 1] in _PREP_CUES:
        m.cue = toks.words[p - 1]
        m.cued = True


def _opening_name(toks, gaps, low, first: int, gaz: Gazetteer) -> bool:
    """Is the sentence's first word a capitalised word that may begin a proper name with the next one
    ("Kayode Marienthal", "Oxfam Canada"; not a cue, a determiner, a direction or a country adjective,
    and no punctuation between)?"""
    w = low[first]
    return (_is_cap(toks.words[first]) and _only_space(gaps[first + 1])
            and w not in _PREP_CUES and w not in _CONNECTORS and w not in _DIR_ADJ and w not in _DETERMINERS
            and gaz.demonym(toks.words[first]) is None)


def _bare_usable(toks, gaps, low, i: int, key: str, codes, gaz: Gazetteer, first_word: int,
                 next_word: str) -> bool:
    """May a mention without any cue be the event's place? Only a big city by its main name, a region
    or a country, and not as the subject of the clause."""
    if key in place_words()["bare_stop"] or key in _MONTHS_DAYS:
        return False
    best = gaz.resolve(codes)
    k = gaz.kind[best]
    is_main = best * 2 + 1 in codes     # the place's main name, not an alternate one
    if i == first_word + 1 and _opening_name(toks, gaps, low, first_word, gaz):
        return False           # "Michael Jordan visited": the rest of a name, or the subject
    if k == "P" and (gaz.pop[best] < BARE_MIN_POP or not is_main):
        return False
    if next_word in _SUBJECT_NEXT and (k == "C" or best in gaz.capitals or next_word in _COMM_VERBS):
        return False           # "Washington said", "Moscow has", "Syria will": an actor, not a place
    opens = i == first_word or (i == first_word + 1 and low[first_word] == "the")   # "The Netherlands said"
    if (k == "C" or best in gaz.capitals) and (opens or (i and "," in gaps[i])
                                               or low[i - 1] in ("and", "but", "while", "as", "when")):
        return False           # clause-initial country/capital = grammatical subject ("Jordan met ...")
    if i == first_word and k == "P" and not is_main:
        return False
    return True

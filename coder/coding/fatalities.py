"""Fatalities: the number of people a sentence says were killed, or None when it states none.

Only a stated number counts (`killing at least 11 people` -> 11, `two soldiers and a civilian were
killed` -> 3, `no casualties` -> 0). Vague amounts (`dozens`, `scores`, `several`) and numbers that
mix the dead with the wounded (`killed or wounded 30`) give None: never a guess. "At least N" and
"more than N" give N, as ACLED records the lowest reported figure.
"""
from __future__ import annotations

import re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
# 12 | 1,200 | twenty-five | two hundred | a dozen | a hundred | a | an
_NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD})(?:[ -](?:{_WORD}))?(?: hundred)?|a dozen|a hundred|dozen"
           r"|(?:a|an)(?= (?!(?:number|lot|few|handful|score|dozen|couple|series|total)\b)))")
_ABOUT = (r"(?:(?:at least|at most|more than|over|some|about|around|nearly|almost|up to|as many as|approximately|"
          r"roughly|an estimated|a total of|another|a further|the) )?")
_QTY = rf"{_ABOUT}(?P<n>{_NUMBER})"
_NOUN = r"(?: (?!(?:and|or|were|was|have|has|had|are|been|killed|dead|died|wounded|injured|in|on|at|by|when|after)\b)[\w'-]+){0,3}"
_MORE = rf"(?:(?:,| and|, and) {_ABOUT}(?P<m>{_NUMBER}){_NOUN})*"
_KILL_VERB = (r"(?:kill(?:ed|ing|s)?|shot dead|shooting dead|shoots dead|gunned down|murder(?:ed|ing|s)?|"
              r"massacr(?:ed|ing|es)|slaughter(?:ed|ing|s)?|execut(?:ed|ing|es)|behead(?:ed|ing|s)?|"
              r"claim(?:ed|ing|s)? the lives of|left|leaving|leaves)")
_DIED = (r"(?:(?:were|was|have been|has been|had been|are|is|being|got|get) )?(?:(?:reportedly|also|all|confirmed|"
         r"later|so far) )?(?:killed|dead|died|slain|murdered|perished|shot dead|executed|beheaded|"
         r"lost (?:their|his|her) lives?|confirmed dead)")

_DEATH_WORDS = ("kill", "dead", "death", "died", "slain", "murder", "massacr", "slaughter", "execut", "behead", "lives",
                "perish", "casualt", "fatalit", "hurt", "injur", "harm")
_ANY_DEATH = re.compile("(?i)" + "|".join(_DEATH_WORDS))
_ZERO = re.compile(r"\b(?:no (?:one|body|people|person|civilians?|soldiers?)? ?(?:was|were) (?:killed|hurt|injured|harmed)|"
                   r"nobody was (?:killed|hurt|injured)|none (?:were|was) (?:killed|hurt|injured)|"
                   r"no (?:reports? of )?(?:any )?(?:casualt(?:y|ies)|deaths?|fatalit(?:y|ies)|loss of life|injur(?:y|ies))|"
                   r"without (?:causing |reports? of )?(?:any )?(?:casualt(?:y|ies)|loss of life|fatalit(?:y|ies)))\b")
_ACTIVE = re.compile(rf"\b{_KILL_VERB} {_QTY}{_NOUN}{_MORE}(?P<tail> dead)?")
_PASSIVE = re.compile(rf"(?<![\w,.])(?<!\d[.,])(?<!no ){_QTY}{_NOUN}{_MORE} {_DIED}\b")
_TOLL = re.compile(rf"\bdeath toll (?:\w+ ){{0,6}}?(?:to|at|of|reached|hit|is|was|stands at|stood at) {_QTY}\b")
_DEATHS = re.compile(rf"(?<![\w,.]){_QTY} (?:deaths|fatalities|dead|people dead|killed)\b")
# Each count pattern with the words one of which it cannot match without: it runs only when one is there.
_COUNTS = ((_ACTIVE, ("kill", "dead", "gunned down", "murder", "massacr", "slaughter", "execut", "behead", "claim",
                      "left", "leav")),
           (_PASSIVE, ("killed", "dead", "died", "slain", "murdered", "perished", "executed", "beheaded", "live")),
           (_TOLL, ("death toll",)),
           (_DEATHS, ("deaths", "fatalities", "dead", "killed")))


# The expressions of the functions below, compiled once.
_NUMBER_WORD_SPLIT = re.compile(r"[ -]")
_MORE_NUMBERS = re.compile(rf"(?:,| and|, and) {_ABOUT}({_NUMBER})")
_NOT_WORDS = re.compile(r"[^\w,.'-]+")
# Bytes of ASCII text: a character `_NOT_WORDS` matches as a space, any other as itself.
_ASCII_NOT_WORDS = bytes(0x20 if c >= 128 or _NOT_WORDS.fullmatch(chr(c)) else c for c in range(256))
# A comma or stop after a word character, before a space or the end (`(?<=\w)[,.](?= |$)`), replaced
# by a plain space (no template to expand). Written to start with the character: the engine then
# skips to each comma or stop instead of trying the look-behind at every position.
_WORD_END = re.compile(r"[,.](?<=\w[,.])(?= |$)")
_KILLED_AND_WOUNDED = re.compile(r"\bkill(?:ed|ing)? (?:and|or) (?:wound|injur)")
_WERE = re.compile(r" (?:were|was|have been|has been|had been) ")


def to_int(text: str) -> int | None:
    text = text.strip()
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    if text in ("a", "an"):
        return 1
    if text in ("a dozen", "dozen"):
        return 12
    if text == "a hundred":
        return 100
    total, hundred = 0, text.endswith(" hundred")
    for word in _NUMBER_WORD_SPLIT.split(text.removesuffix(" hundred")):
        value = _UNITS.get(word, _TENS.get(word))
        if value is None:
            return None
        total += value
    return total * 100 if hundred else total


def _amounts(match: re.Match) -> int | None:
    """The first number of a match plus every number coordinated with it (`two soldiers and a civilian`)."""
    first = to_int(match.group("n"))
    if first is None:
        return None
    more = _MORE_NUMBERS.findall(match.group(0)[match.end("n") - match.start(0):])
    return first + sum(to_int(m) or 0 for m in more)


# The characters outside ASCII that `_ANY_DEATH` takes for a letter of its words, where lower-casing
# does not give that letter: dotless i and long s (its case-blind matching's extra pairs) and dotted
# capital I (which lower-cases to two characters, `i` and a combining dot; its expression reads `i`).
_FOLD = (("\u0131", "i"), ("\u0130", "i"), ("\u017f", "s"))


def _mentions_death(sentence: str) -> bool:
    """Whether any word of death or casualties is in the sentence (`_ANY_DEATH`), each word searched
    for in C, many times faster than the case-blind alternation. Folded by `_FOLD` and lower-cased,
    every character of a sentence is the letter `_ANY_DEATH` reads it as (a test checks all of them)."""
    if not sentence.isascii():  # (in ASCII, ignoring case is lower-casing)
        for odd, letter in _FOLD:  # str.replace: a search in C, where str.translate reads each character
            sentence = sentence.replace(odd, letter)
    lower = sentence.lower()
    return any(map(lower.__contains__, _DEATH_WORDS))


def _spaced(lower: str) -> str:
    """The text with `_NOT_WORDS`'s characters spaces (a run of them one space or several: the count's
    text is split on spaces later, and `_WORD_END`, which makes a comma or stop that ends a word (not
    a number, 1,200) a space, reads a run of spaces as one). An ASCII text (most) through a byte
    table, in C: a quarter of the time of the expression's substitution."""
    if lower.isascii():
        return lower.encode("ascii").translate(_ASCII_NOT_WORDS).decode("ascii")
    return _NOT_WORDS.sub(" ", lower)


def count_killed(sentence: str) -> int | None:
    """How many people the sentence says were killed; 0 when it says nobody was; None otherwise."""
    if not _mentions_death(sentence):
        return None  # most sentences: no word of death or casualties at all
    text = " ".join(_WORD_END.sub(" ", _spaced(sentence.lower())).split())
    # (each expression below is searched for only when a word it cannot match without is there)
    if "kill" in text and _KILLED_AND_WOUNDED.search(text):
        return None  # `killing and wounding 30`: the dead are not counted apart
    for pattern, needed in _COUNTS:
        if not any(map(text.__contains__, needed)):
            continue
        for match in pattern.finditer(text):
            if pattern is _ACTIVE and match.group(0).split()[0] in ("left", "leaving", "leaves") and not match.group("tail"):
                continue  # `left 20 wounded` is not a death count; `left 20 dead` is
            if pattern is _PASSIVE and match.group("n") in ("a", "an") and not _WERE.search(match.group(0)):
                continue  # `a landmine killed ...`: the killer, not the dead
            value = _amounts(match)
            if value is not None:
                return value
    if ("no" in text or "without" in text) and _ZERO.search(text):
        return 0
    return None

"""The words and regular expressions of date expressions: month and weekday names, the phrase
tables read before an expression's core, the core patterns and the cheap routing checks."""
from __future__ import annotations

import re

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_MONTH_NUM = {name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, 1)}
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_NUM = {name[:3].lower(): i for i, name in enumerate(_WEEKDAY_NAMES)}

# Month and weekday names are matched case-sensitively (Title or UPPER case): "may" and "march"
# in lower case are never months.
_MON_ABBR = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|SEPT|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
_MON_TAILS = "|".join(sorted({n[1:] for n in _MONTH_NAMES} | {n[1:].upper() for n in _MONTH_NAMES}, key=len, reverse=True))
_ABBR_TAILS = "|".join(sorted({a[1:] for a in _MON_ABBR.split("|")}, key=len, reverse=True))
# first letter as a character class (fast scanning); the whole word is checked against _MON_LOOKUP
_MON = rf"(?P<mon>[JFMASOND](?:(?:{_MON_TAILS})\b|(?:{_ABBR_TAILS})\b\.?))"
_MON_LOOKUP = {**{n: i for i, n in enumerate(_MONTH_NAMES, 1)}, **{n.upper(): i for i, n in enumerate(_MONTH_NAMES, 1)},
               **{a: _MONTH_NUM[a[:3].lower()] for a in _MON_ABBR.split("|")}}
_WD_ALT = "|".join(_WEEKDAY_NAMES + [w.upper() for w in _WEEKDAY_NAMES])
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"


def _month_number(word: str) -> int:
    """'Oct.', 'October', 'OCT' -> 10."""
    return _MONTH_NUM[word[:3].lower()]


def _is_month(word: str) -> bool:
    """Is a word the fast pattern matched a month name? (The pattern spells months loosely: "Jarch".)"""
    return word.rstrip(".") in _MON_LOOKUP


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}
_VAGUE = {"a few": 3, "few": 3, "several": 4, "a couple of": 2, "a couple": 2}   # value used


def _phrases(*items: str) -> dict[int, frozenset[str]]:
    by_len: dict[int, set[str]] = {1: set(), 2: set(), 3: set()}
    for item in items:
        by_len[len(item.split())].add(item)
    return {n: frozenset(v) for n, v in by_len.items()}


# Words before the core of an expression, read right to left: [prep] [part] [rel] CORE, or for
# counts [in] [hedge] [number] CORE.
_PREP = _phrases("on", "in", "since", "by", "until", "till", "from", "during", "throughout", "through",
                 "at", "over", "within", "as of")
_PART = _phrases("early", "late", "mid", "end of", "the end of", "start of", "the start of", "beginning of",
                 "the beginning of", "middle of", "the middle of", "earlier", "later")
_PART_WD = _phrases("early", "late", "earlier", "later", "early on", "late on", "earlier on", "later on",
                    "overnight", "overnight on")
_PART_DAY = _phrases("early", "late", "earlier", "later")
_REL = _phrases("last", "next", "this", "past", "coming", "this past", "this coming", "the past", "the coming")
_HEDGE = _phrases("about", "around", "nearly", "almost", "over", "just", "only", "roughly",
                  "approximately", "barely", "more than", "less than", "some")
_NUMS = _phrases(*_NUMBER_WORDS, *_VAGUE)
_NONE = _phrases()
_ORD_PREP = _phrases("on", "since", "until", "till", "by", "from")
_RELDAY_PREP = _phrases("since", "until", "till", "by", "from", "as of")          # not "in today's world"
_IN = _phrases("in")

# kind -> (prep, part, rel) phrase tables for the words before the core
_GRAMMAR: dict[str, tuple[dict, dict, dict]] = {
    "iso": (_PREP, _NONE, _NONE), "numeric": (_PREP, _NONE, _NONE),
    "md": (_PREP, _NONE, _NONE), "dm": (_PREP, _NONE, _NONE),
    "my": (_PREP, _PART, _NONE), "month": (_PREP, _PART, _REL), "year": (_PREP, _PART, _NONE),
    "weekday": (_PREP, _PART_WD, _REL), "relday": (_RELDAY_PREP, _PART_DAY, _NONE),
    "period": (_PREP, _PART, _NONE), "rel": (_PREP, _NONE, _NONE), "ordinal": (_ORD_PREP, _NONE, _NONE),
}

_ORD_NEXT = ("and|when|at|in|after|before|as|but|while|following|during|amid|to|with|for|morning|afternoon"
             "|evening|night|or|that|which|where")

# Core patterns: each starts with a literal or a character class, which lets the regex engine
# skip ahead fast (a leading \b or look-behind makes every scan several times slower); the
# character before a match is checked in Python (_BAD_BEFORE) and the words before it are read by
# _prefix. Groups: "D" needs a digit, "MD" a digit and a month name, "M" a month name, "W" a weekday,
# "R" today/tonight/yesterday/tomorrow/night/morning..., "U" a unit word (day, week, month, year...).
_PATTERNS: dict[str, list[tuple[str, re.Pattern]]] = {
    "D": [
        # 2016-10-24, 2016/10/24
        ("iso", re.compile(r"(?P<y>(?:19|20)\d\d)(?P<sep>[-/])(?P<m>\d\d?)(?P=sep)(?P<d>\d\d?)(?![\d])")),
        # 24/10/2016, 10/24/2016, 24.10.2016 (a four-digit year is required)
        ("numeric", re.compile(rf"(?P<a>\d\d?)(?P<sep>[/.])(?P<b>\d\d?)(?P=sep){_YEAR}(?![/])")),
        # in 2014, since 2014, mid-2015 (needs a preposition or modifier)
        ("year", re.compile(r"(?P<y>(?:19|20)\d\d)\b(?![,.]\d)(?!\s*(?:%|percent|per\s+cent))")),
        # on the 24th (followed by punctuation or a function word: not "the 24th floor")
        ("ordinal", re.compile(
            r"[Tt]he\s+(?P<d>\d\d?)(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|last|next|the\s+month|the\s+same)(?:\s+month)?)?"
            rf"(?=\s*$|\s*[,.;:!?)\u2014\u2013-]|\s+(?:{_ORD_NEXT})\b)")),
    ],
    "MD": [
        # Oct. 24(, 2016)
        ("md", re.compile(rf"{_MON}(?:\s+|(?<=\.))(?P<d>\d\d?)(?:st|nd|rd|th)?(?![\d:])(?!\.\d)(?:(?:,\s*|\s+){_YEAR})?")),
        # 24(th) (of) October( 2016)
        ("dm", re.compile(rf"(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?")),
        # October 2016
        ("my", re.compile(rf"{_MON}\s+(?:of\s+)?{_YEAR}")),
    ],
    "M": [
        # in March, last May, mid-June, by the end of March
        ("month", re.compile(rf"(?P<mon>[JFMASOND](?:{_MON_TAILS}))\b(?!\s*\d)")),
    ],
    "W": [
        # Monday, Monday night
        ("weekday", re.compile(rf"(?P<wd>{_WD_ALT})(?![A-Za-z])(?:\s+(?P<tod>morning|afternoon|evening|night|overnight)\b)?")),
    ],
    "R": [
        # today, tonight, yesterday (morning), the day before yesterday, last night, this morning, overnight
        ("relday", re.compile(
            r"(?P<rd>[TtYyLlOo](?:he\s+day\s+before\s+yesterday|he\s+day\s+after\s+tomorrow|oday|ODAY|onight|esterday|ESTERDAY"
            r"|omorrow|OMORROW|ast\s+night|his\s+(?:morning|afternoon|evening)|vernight))\b"
            r"(?:\s+(?P<tod>morning|afternoon|evening|night)\b)?")),
    ],
    "U": [
        # this week, last month, next year, the past week, the weekend
        ("period", re.compile(
            r"(?P<rel>[TtLlNnPpCc](?:his\s+past|his\s+coming|he\s+past|he\s+coming|he\s+last|his|ast|ext|oming|he(?=\s+weekend)))\s+"
            r"(?P<unit>week|weekend|month|year)\b")),
        # (two) days ago, (a) week later, (in two) weeks' time, (three) days from now
        ("count", re.compile(
            r"(?P<unit>[HhDdWwFfMmYy](?:our|ay|eek|ortnight|onth|ear|ecade))(?P<pl>s)?\b"
            r"(?P<time>['’]\s*time\b|['’](?=\s)|\s+time\b)?"
            r"(?:\s+(?P<dir>ago|earlier|later|before|after|afterwards?|prior|previously|from\s+now)\b)?")),
        # the next day, the following week, the previous evening, the day before
        ("rel", re.compile(
            r"[Tt]he\s+(?:(?P<adj>next|following|previous|preceding|same)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
            r"|(?P<unit2>day)\s+(?P<dir>before|after|earlier|later))\b")),
    ],
}
_UNITS = frozenset({"hour", "day", "week", "fortnight", "month", "year", "decade"})
# every "ordinal" match holds a digit and its ordinal suffix: without one, no need to scan for it
_ORDINAL_SUFFIX = re.compile(r"\d(?:st|nd|rd|th)\b")
# the same in ASCII text, where \d is [0-9]: a range test per character where \d looks up each one's
# Unicode category (the search runs on every sentence with a digit)
_ORDINAL_SUFFIX_ASCII = re.compile(r"[0-9](?:st|nd|rd|th)\b", re.ASCII)
# kinds whose pattern needs a year of four digits, 19xx or 20xx: none can match a sentence without one
_YEAR_KINDS = frozenset({"iso", "numeric", "year"})
# a match is void when the character before it is one of these (the look-behind, done in Python)
_WORDCHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_BAD_BEFORE = {kind: _WORDCHARS for group in _PATTERNS.values() for kind, _ in group}
_BAD_BEFORE.update({kind: _WORDCHARS | frozenset("/.-") for kind in ("iso", "numeric")})
_BAD_BEFORE.update({kind: _WORDCHARS | frozenset(",.$£€") for kind in ("year", "dm")})

# Cheap routing: which pattern groups can match at all.
_HAS_DIGIT = re.compile(r"\d")


def _has_digit(s: str) -> bool:
    """`_HAS_DIGIT.search(s)`: in ASCII text `\\d` is 0-9, and ten substring tests beat the regex
    fourfold."""
    if s.isascii():
        return ("0" in s or "1" in s or "2" in s or "3" in s or "4" in s or "5" in s or "6" in s or "7" in s
                or "8" in s or "9" in s)
    return _HAS_DIGIT.search(s) is not None


# Does the sentence hold the first three letters of a month name, in Title or upper case? (Written as
# a tree of its letters: the regex engine tries four branches where a flat list of 37 tries them all.)
_HAS_MONTH = re.compile(r"J(?:an|u[nl]|AN|U[NL])|F(?:eb|EB)|M(?:a[ry]|A[RY])|A(?:pr|ug|PR|UG)|S(?:ep|EP)|O(?:ct|CT)"
                        r"|N(?:ov|OV)|D(?:ec|EC)")
_HAS_WEEKDAY = re.compile(_WD_ALT)
_HAS_RELDAY = re.compile(r"oday|ODAY|night|NIGHT|esterday|ESTERDAY|omorrow|OMORROW|morning|afternoon|evening")
_RELDAY_WORDS = ("oday", "night", "esterday", "omorrow", "morning", "afternoon", "evening", "ODAY", "NIGHT",
                 "ESTERDAY", "OMORROW")   # _HAS_RELDAY's words


def _has_relday(s: str) -> bool:
    """`_HAS_RELDAY.search(s)`, by substring tests: twice as fast as the regex, which tries eleven
    words at every letter o, n, e, m or a."""
    for word in _RELDAY_WORDS:
        if word in s:
            return True
    return False


# a unit word after a space or at the start ("Days later"); not the "day" of "Monday", not "25-year-old"
# (the look-ahead, the first letters of the words, spares the engine trying every word at every space)
_HAS_UNIT = re.compile(r"\s(?=[DdWwMmYyHhFfaen])(?:[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear|[Hh]our|[Ff]ortnight|[Dd]ecade"
                       r"|morning|afternoon|evening|night)")
_UNIT_START = ("Day", "Week", "Month", "Year", "Hour", "Fortnight", "Decade")
# _HAS_UNIT's words after a space, in the cases it takes them (its substring form in printable text)
_UNIT_AFTER_SPACE = tuple(" " + word for word in ("day", "week", "month", "year", "hour", "fortnight", "decade",
                                                   *_UNIT_START, "morning", "afternoon", "evening", "night"))


def _holds_time_word(low: str) -> bool:
    """Does the lower-cased text hold a unit word (day, week...) or a part of the day? Every match of
    _HAS_UNIT does, and every relative-day word but "tomorrow" ("today" and "yesterday" hold "day").
    Most sentences hold none, and a lower-cased copy and eleven substring tests cost a third of the
    unit scan, which tries its branches at every space: the routing asks this first."""
    return ("day" in low or "year" in low or "week" in low or "month" in low or "night" in low or "hour" in low
            or "morning" in low or "evening" in low or "afternoon" in low or "decade" in low or "fortnight" in low)


def _unit_after_space(s: str) -> bool:
    """A unit word after a space or at the start (the unit scan itself). In printable text, where " "
    is the only white space, a test for each of _HAS_UNIT's words after a space: the scan, which
    tries a branch at every space, cost twice as much."""
    if s.startswith(_UNIT_START):
        return True
    if not s.isprintable():
        return _HAS_UNIT.search(s) is not None
    return any(map(s.__contains__, _UNIT_AFTER_SPACE))


_NOT_WEEKDAY_BEFORE = frozenset({"good", "bloody", "black", "super", "ash", "holy", "palm", "easter", "maundy",
                                 "cyber", "giving", "casual", "the", "a", "an", "every", "each", "one", "that"})
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_TODAY_NAME = frozenset({"the", "usa", "bbc", "nbc"})
_NAME_MONTHS = {"May", "June", "April", "August", "MAY", "JUNE", "APRIL", "AUGUST"}
_MONTH_PREPS = {"in", "since", "until", "till", "by", "from", "during", "throughout", "through", "as of", "over"}
_YEAR_PREPS = {"in", "since", "until", "till", "by", "from", "during", "throughout", "through", "as of"}
_OF_NEXT = re.compile(r"\s+of\b")
_NAMED_911 = re.compile(r"\s+(?:attack|terror|hijack|commission|anniversary|memorial)")
_SPACE = " \t\n\r\xa0"

"""Resolve the date of an event from the words of its sentence and the article's date.

Standard library only, for speed on millions of sentences: patterns are compiled once at import,
each starts with a literal or character class (fast scanning), and a sentence is only scanned by
the pattern groups its words can feed (digits, month names, weekday names, time words).

    >>> import datetime as dt
    >>> r = resolve_event_date("Rebels attacked the town on Wednesday.", dt.date(2016, 10, 27))
    >>> r.date, r.text, r.precision
    (datetime.date(2016, 10, 26), 'on Wednesday', 1)

Conventions (precision is ACLED's time_precision):

* Past by default: a bare weekday, month or day of month is the latest one on or before the
  article date ("on Thursday" in a Thursday article is that day). ``future=True`` takes the
  earliest one on or after it. Words that carry their own direction ("yesterday", "last", "ago",
  "tomorrow", "next", "later this week") keep it whatever ``future`` says. "last Monday" is the
  latest Monday strictly before the article date, "next Monday" the first strictly after.
* A day and month without a year ("Oct. 24") is read as in news style, where other years are
  written out: the past reading takes the latest such date up to 31 days *after* the article date
  (so "voters go to the polls on Nov. 8" stays this year), a named weekday ("Sunday, Nov. 6")
  picks the year in which it agrees. Slash dates need a four-digit year; when both day/month and
  month/day are valid ("05/10/2016") the reading nearest the article date (on the expected side)
  wins, and with no article date the result is None.
* "last night" is the day before the article date (precision 1); "overnight" too, with precision
  2 since the night runs into the article date.
* Several expressions: the one nearest the verb (character distance from the trigger word; on a
  tie the one after the verb), skipping those inside a ", who/which ... ," aside that does not
  hold the verb. Without ``verb_start`` the first one.
* Ranges ("last week", "earlier this month", "in March", "in 2014", "early October") are dated at
  their midpoint, rounded down (the expected value, and the "middle of the period" that event
  datasets such as ACLED use for week- and month-level dates). A range that
  contains the article date ends at the article date in the past reading ("this week" in a
  Thursday article runs Monday..Thursday) and starts there in the future reading. Weeks run
  Monday..Sunday (ISO); "earlier this week" stops the day before the article date. Precision: 2
  for weeks, weekends and "a few days", 3 for months, parts of months ("early March"), years.
* "since X" / "from X" describe something ongoing: the date is the *start* of X, with X's
  precision, and the reason says "since".
* "two days later", "the next day", "a week earlier" count from another date in the same
  sentence (the nearest one); with none the date is None and the reason says it cannot be anchored.
* Relative words with no article date give date None (never a guess); absolute dates with a year
  ("Oct. 24, 2016", "2016-10-24", "in 2014") still resolve.
* Lower-case "may"/"march" are never months; a month name alone needs a preposition or a modifier
  ("in March", "last May", "mid-June"); "May" followed by a capitalised word is a name.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateResolution", "resolve_event_date", "infer_article_date"]

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DateResolution:
    date: dt.date | None      # None when nothing is known: never invent a date
    text: str | None          # the expression used, as written in the sentence; None if none
    precision: int | None     # ACLED time_precision: 1 day, 2 week / few days, 3 month or vaguer
    reason: str               # why this date
    start: int | None         # character offsets of `text` in the sentence
    end: int | None


# --------------------------------------------------------------------------------------------
# Vocabulary

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
            r"(?P<rel>[TtLlNnPpCc](?:his\s+past|his\s+coming|he\s+past|he\s+coming|he\s+last|his|ast|ext|ast|oming|he(?=\s+weekend)))\s+"
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
# a match is void when the character before it is one of these (the look-behind, done in Python)
_WORDCHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_BAD_BEFORE = {kind: _WORDCHARS for group in _PATTERNS.values() for kind, _ in group}
_BAD_BEFORE.update({kind: _WORDCHARS | frozenset("/.-") for kind in ("iso", "numeric")})
_BAD_BEFORE.update({kind: _WORDCHARS | frozenset(",.$£€") for kind in ("year", "dm")})

# Cheap routing: which pattern groups can match at all.
_HAS_DIGIT = re.compile(r"\d")
_HAS_MONTH = re.compile(rf"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|{_MON_ABBR}|MAY")
_HAS_WEEKDAY = re.compile(_WD_ALT)
_HAS_RELDAY = re.compile(r"oday|ODAY|night|NIGHT|esterday|ESTERDAY|omorrow|OMORROW|morning|afternoon|evening")
# a unit word after a space or at the start ("Days later"); not the "day" of "Monday", not "25-year-old"
_HAS_UNIT = re.compile(r"\s(?:[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear|[Hh]our|[Ff]ortnight|[Dd]ecade|morning|afternoon|evening|night)")
_UNIT_START = ("Day", "Week", "Month", "Year", "Hour", "Fortnight", "Decade")

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


# --------------------------------------------------------------------------------------------
# Date arithmetic


def _fmt(d: dt.date) -> str:
    return f"{d.isoformat()} ({_WEEKDAY_NAMES[d.weekday()]})"


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _add_years(d: dt.date, n: int) -> dt.date:
    y = d.year + n
    return dt.date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _part(lo: dt.date, hi: dt.date, part: str | None) -> tuple[dt.date, dt.date, str]:
    """early / mid / late thirds of a range."""
    if not part:
        return lo, hi, ""
    p = part
    n = (hi - lo).days + 1
    third = max(n // 3, 1)
    if p.startswith("early") or "beginning" in p or "start" in p:
        return lo, lo + dt.timedelta(days=third - 1), f"{p} (first third) "
    if p.startswith("mid") or "middle" in p:
        return lo + dt.timedelta(days=third), hi - dt.timedelta(days=third), f"{p} (middle third) "
    return hi - dt.timedelta(days=third - 1), hi, f"{p} (last third) "


def _span(lo: dt.date, hi: dt.date, article: dt.date | None, future: bool, since: bool,
          precision: int, what: str) -> tuple[dt.date, int, str]:
    """Date a range: its start for "since", else its midpoint, clipped at the article date."""
    clip = ""
    if article is not None and lo <= article <= hi:
        if future:
            lo, clip = article, ", from the article date"
        else:
            hi, clip = article, ", up to the article date"
    if since:
        return lo, precision, f"since {what}: ongoing from its start {lo.isoformat()}"
    mid = lo + dt.timedelta(days=(hi - lo).days // 2)
    if lo == hi:
        return lo, precision, f"{what}: {lo.isoformat()}{clip}"
    return mid, precision, f"{what}: range {lo.isoformat()}..{hi.isoformat()}{clip}, midpoint"


def _md_year(m: int, d: int, article: dt.date, future: bool) -> dt.date | None:
    """The month-day nearest the article date in the chosen direction (Feb. 29: a leap year)."""
    if future:
        for y in range(article.year, article.year + 9):
            if _valid(y, m, d) and dt.date(y, m, d) >= article:
                return dt.date(y, m, d)
    else:
        limit = article + _MD_SLACK
        for y in range(article.year + 1, article.year - 9, -1):
            if _valid(y, m, d) and dt.date(y, m, d) <= limit:
                return dt.date(y, m, d)
    return None


# News style gives the year of any date outside the current year, so a day and month written
# without a year in the weeks after the article date is a scheduled date ("voters go to the polls
# on Nov. 8") rather than the same day a year earlier: the past reading accepts up to 31 days ahead.
_MD_SLACK = dt.timedelta(days=31)


def _direction(rel: str | None, future: bool) -> tuple[str, bool]:
    """'last' / 'next' / bare; returns (normalised word, future)."""
    r = rel or ""
    if r in ("last", "past", "this past", "the past"):
        return "last", False
    if r in ("next", "coming", "this coming", "the coming"):
        return "next", True
    return r, future


# --------------------------------------------------------------------------------------------
# Candidates


class _Unresolved(Exception):
    """A real date expression that cannot be dated (no article date, ambiguous, no anchor)."""


@dataclass
class _Cand:
    kind: str
    g: dict
    start: int
    end: int


def _since(c: _Cand) -> bool:
    return c.g.get("prep") in ("since", "from")


def _words_before(s: str, st: int, k: int) -> list[tuple[str, int]]:
    """Up to k whitespace-separated words before offset st, nearest first, lower-cased, with starts."""
    out: list[tuple[str, int]] = []
    j = st
    while len(out) < k:
        i = j
        while i > 0 and s[i - 1] in _SPACE:
            i -= 1
        if i == j or i == 0:
            break
        w_end = i
        while i > 0 and s[i - 1] not in _SPACE:
            i -= 1
        out.append((s[i:w_end].lower(), i))
        j = i
    return out


def _take(words: list[tuple[str, int]], idx: int, table: dict[int, frozenset[str]]) -> tuple[str | None, int]:
    for n in (3, 2, 1):
        if table[n] and idx + n <= len(words):
            phrase = " ".join(w for w, _ in reversed(words[idx:idx + n]))
            if phrase in table[n]:
                return phrase, idx + n
    return None, idx


def _prefix(kind: str, s: str, st: int, g: dict) -> int:
    """Read the words before the core into g (prep, part, rel, n, hedge); return the new start."""
    if kind == "count":
        words = _words_before(s, st, 4)
        idx = 0
        g["n"], idx = _take(words, idx, _NUMS)
        g["hedge"], idx = _take(words, idx, _HEDGE)
        g["in"] = None
        if g["dir"] is None:                # "in two weeks' time", not "was in two weeks ago"
            g["in"], idx = _take(words, idx, _IN)
        return words[idx - 1][1] if idx else st
    prep_t, part_t, rel_t = _GRAMMAR[kind]
    g.setdefault("part", None)
    g.setdefault("rel", None)
    lo = st
    if part_t is not _NONE and s[max(0, st - 4):st].lower() == "mid-":
        g["part"], lo = "mid", st - 4
        words = _words_before(s, lo, 2)
        idx = 0
    else:
        words = _words_before(s, st, 5)
        idx = 0
        if rel_t is not _NONE and not g.get("rel"):
            g["rel"], idx = _take(words, idx, rel_t)
        if part_t is not _NONE:
            g["part"], idx = _take(words, idx, part_t)
    if kind == "dm" and idx < len(words) and words[idx][0] == "the":
        g["prep"], idx2 = _take(words, idx + 1, prep_t)      # on the 24th of October
        if g["prep"]:
            idx = idx2
    else:
        g["prep"], idx = _take(words, idx, prep_t)
    return words[idx - 1][1] if idx else lo


def _accept(kind: str, g: dict, s: str, start: int, end: int, future: bool) -> bool:
    """Reject matches that are not dates (names, counts, habits)."""
    if "mon" in g and g["mon"].rstrip(".") not in _MON_LOOKUP:
        return False                # "Jarch": the fast pattern spells months loosely
    if kind in ("md", "dm"):
        mon = _MONTH_NUM[g["mon"][:3].lower()]
        if mon == 9 and g["d"] == "11" and not g["y"] and _NAMED_911.match(s, end):
            return False            # "the Sept. 11 attacks" names an event of 2001
        return 1 <= int(g["d"]) <= (29 if mon == 2 else calendar.monthrange(2001, mon)[1])
    if kind == "iso":
        return _valid(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        return _valid(y, b, a) or _valid(y, a, b)
    if kind == "month":
        prep = g["prep"] or ""
        if not (prep in _MONTH_PREPS or g["part"] or g["rel"]):
            return False
        if g["mon"] in _NAME_MONTHS and _CAPITALISED_NEXT.match(s, end):
            return False            # "by May Smith", "in June Carter's words"
        if g["mon"] in ("May", "MAY") and not g["part"] and not g["rel"] and prep not in ("in", "since", "until", "till", "during", "throughout"):
            return False            # "criticised by May" is Theresa May
        return True
    if kind == "year":
        return bool(g["part"] or (g["prep"] or "") in _YEAR_PREPS)
    if kind == "ordinal":
        return g["prep"] is not None
    if kind == "weekday":
        if g["prep"] or g["part"] or g["rel"]:
            return True
        before = _words_before(s, start, 1)
        if before and before[0][0] in _NOT_WEEKDAY_BEFORE:
            return False            # Good Friday, Bloody Sunday, every Friday, the Sunday Times
        if not g["tod"] and _CAPITALISED_NEXT.match(s, end):
            return False            # Sunday Times, Monday Night Football
        return True
    if kind == "relday":
        if g["rd"][0] == "T" and g["rd"].lower() == "today":
            before = _words_before(s, start, 1)
            if before and before[0][0] in _TODAY_NAME:
                return False        # the Today programme, USA Today
        return True
    if kind == "period":
        if g["rel"].lower() == "the":
            return g["prep"] in ("over", "at", "during", "on", "through", "throughout")
        return True
    if kind == "count":
        if g["unit"].lower() not in _UNITS:
            return False
        if g["dir"] is None and not g["in"]:
            return False            # "two days", "a week": durations
        if g["in"] and g["dir"] is None:
            # "in two weeks' time" is a date; "killed in two days" is a duration
            if not (future or g["time"]) or g["n"] is None or _OF_NEXT.match(s, end):
                return False
        if g["n"] is None and not g["pl"] and g["unit"].lower() != "fortnight":
            return False            # "day later" alone is not an expression
        if g["unit"].lower() == "hour" and g["dir"] and g["dir"].lower() != "ago":
            return False
        return True
    return True


_WD_GAP = re.compile(r",?\s+(?:the\s+)?$")


def _candidates(s: str, future: bool) -> list[_Cand]:
    groups = []
    has_digit = _HAS_DIGIT.search(s) is not None
    has_month = _HAS_MONTH.search(s) is not None
    if has_digit:
        groups.append("D")
        if has_month:
            groups.append("MD")
    if has_month:
        groups.append("M")
    if _HAS_WEEKDAY.search(s):
        groups.append("W")
    if _HAS_RELDAY.search(s):
        groups.append("R")
    if _HAS_UNIT.search(s) or s.startswith(_UNIT_START):
        groups.append("U")
    found: list[_Cand] = []
    for group in groups:
        for kind, rx in _PATTERNS[group]:
            bad = _BAD_BEFORE[kind]
            for m in rx.finditer(s):
                st = m.start()
                if st and s[st - 1] in bad:
                    continue
                g = m.groupdict()
                start = _prefix(kind, s, st, g)
                if _accept(kind, g, s, start, m.end(), future):
                    found.append(_Cand(kind, g, start, m.end()))
    if len(found) <= 1:
        return found
    found.sort(key=lambda c: (c.start - c.end, c.start))   # longest first
    kept: list[_Cand] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    # "Monday, Oct. 24": one expression, dated by the day and month
    merged: list[_Cand] = []
    for c in kept:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.kind == "weekday" and c.kind in ("md", "dm") and not c.g["prep"]
                and _WD_GAP.match(s, prev.end, c.start)):
            c.g["prep"] = prev.g["prep"]
            c.g["wd"] = prev.g["wd"]
            merged[-1] = _Cand(c.kind, c.g, prev.start, c.end)
        else:
            merged.append(c)
    return merged


# --------------------------------------------------------------------------------------------
# Resolution of one candidate -> (date, precision, reason)


def _need(article: dt.date | None, text: str) -> dt.date:
    if article is None:
        raise _Unresolved(f"'{text}' is relative and the article date is unknown")
    return article


def _resolve(c: _Cand, s: str, article: dt.date | None, future: bool,
             cands: list[_Cand]) -> tuple[dt.date, int, str]:
    g = c.g
    text = s[c.start:c.end]
    kind = c.kind
    since = _since(c)

    if kind == "iso":
        d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        return d, 1, ("since " if since else "") + f"explicit date '{text}'"

    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        dm_ok, md_ok = _valid(y, b, a), _valid(y, a, b)
        if dm_ok and md_ok and a != b:
            dm, md = dt.date(y, b, a), dt.date(y, a, b)
            if article is None:
                raise _Unresolved(f"'{text}' is ambiguous (day/month or month/day) and the article date is unknown")
            # the reading on the expected side of the article date, nearest to it
            ok = [x for x in (dm, md) if (x >= article if future else x <= article)] or [dm, md]
            best = min(ok, key=lambda x: abs((x - article).days))
            form = "day/month" if best == dm else "month/day"
            return best, 1, f"ambiguous '{text}' read as {form}: nearest the article date {article.isoformat()}"
        d = dt.date(y, b, a) if dm_ok else dt.date(y, a, b)
        return d, 1, f"explicit date '{text}' ({'day/month' if dm_ok and a != b or a == b else 'month/day'})"

    if kind in ("md", "dm"):
        mon, day = _MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
        if g["y"]:
            y = int(g["y"])
            if not _valid(y, mon, day):
                raise _Unresolved(f"'{text}' is not a valid date")
            return dt.date(y, mon, day), 1, ("since " if since else "") + f"explicit date '{text}'"
        art = _need(article, text)
        d = _md_year(mon, day, art, future)
        if g.get("wd"):
            # "Sunday, Nov. 6": the year in which the weekday agrees, if one is near
            wd = _WEEKDAY_NUM[g["wd"][:3].lower()]
            agree = [dt.date(y, mon, day) for y in range(art.year - 1, art.year + 2)
                     if _valid(y, mon, day) and dt.date(y, mon, day).weekday() == wd]
            if agree:
                best = min(agree, key=lambda x: abs((x - art).days))
                return best, 1, f"'{text}': the year in which {_WEEKDAY_NAMES[wd]} falls on that day, nearest the article date {_fmt(art)}"
        if d is None:
            raise _Unresolved(f"'{text}' is not a valid date near the article date")
        side = "on or after" if future else "on or before"
        if d > art and not future:
            side = "within a month after (a date without a year is this year's)"
        return d, 1, ("since " if since else "") + f"'{text}' {side} article date {_fmt(art)}"

    if kind == "my":
        mon, y = _MONTH_NUM[g["mon"][:3].lower()], int(g["y"])
        lo, hi, pw = _part(dt.date(y, mon, 1), _month_end(y, mon), g["part"])
        return _span(lo, hi, article, future, since, 3, f"{pw}month '{text}'")

    if kind == "month":
        mon = _MONTH_NUM[g["mon"][:3].lower()]
        art = _need(article, text)
        rel, fut = _direction(g["rel"], future)
        if rel == "last":
            y = art.year if mon < art.month else art.year - 1
        elif rel == "next":
            y = art.year if mon > art.month else art.year + 1
        elif rel == "this":
            y = art.year
        elif fut:
            y = art.year if mon >= art.month else art.year + 1
        else:
            y = art.year if mon <= art.month else art.year - 1
        lo, hi, pw = _part(dt.date(y, mon, 1), _month_end(y, mon), g["part"])
        return _span(lo, hi, art, fut, since, 3, f"{pw}month '{text}' relative to article date {art.isoformat()}")

    if kind == "year":
        y = int(g["y"])
        lo, hi, pw = _part(dt.date(y, 1, 1), dt.date(y, 12, 31), g["part"])
        return _span(lo, hi, article, future, since, 3, f"{pw}year '{text}'")

    if kind == "weekday":
        art = _need(article, text)
        wd = _WEEKDAY_NUM[g["wd"][:3].lower()]
        rel, fut = _direction(g["rel"], future)
        diff = art.weekday() - wd
        if rel == "last":
            d = art - dt.timedelta(days=(diff - 1) % 7 + 1)
            side = "strictly before"
        elif rel == "next":
            d = art + dt.timedelta(days=(-diff - 1) % 7 + 1)
            side = "strictly after"
        elif fut:
            d = art + dt.timedelta(days=(-diff) % 7)
            side = "on or after"
        else:
            d = art - dt.timedelta(days=diff % 7)
            side = "on or before"
        word = _WEEKDAY_NAMES[wd]
        extra = f" ({g['part'] or g['tod']})" if (g["part"] or g["tod"]) else ""
        return d, 1, ("since " if since else "") + f"weekday '{word}'{extra} {side} article date {_fmt(art)}"

    if kind == "relday":
        art = _need(article, text)
        w = " ".join(g["rd"].lower().split())
        tod = (g["tod"] or "").lower()
        if w == "overnight":
            return art - _DAY, 2, f"'overnight': the night before the article date {art.isoformat()}, may run into it"
        if w == "last night":
            return art - _DAY, 1, f"'last night': the evening before the article date {art.isoformat()}"
        if w == "the day before yesterday":
            return art - 2 * _DAY, 1, f"'the day before yesterday': two days before the article date {art.isoformat()}"
        if w == "the day after tomorrow":
            return art + 2 * _DAY, 1, f"'the day after tomorrow': two days after the article date {art.isoformat()}"
        base = w.split()[-1]
        off = {"yesterday": -1, "tomorrow": 1}.get(base, 0)
        d = art + off * _DAY
        if base in ("today", "tonight", "morning", "afternoon", "evening"):
            why = "the article date"
        else:
            why = f"{'the day before' if off < 0 else 'the day after'} the article date {art.isoformat()}"
        return d, 1, ("since " if since else "") + f"'{w}{(' ' + tod) if tod else ''}': {why}"

    if kind == "period":
        art = _need(article, text)
        rel, unit = " ".join(g["rel"].lower().split()), g["unit"]
        if rel == "the":
            rel = ""                                # over the weekend
        part = g["part"]
        if part in ("earlier", "later") and rel == "this":
            rel, part = f"{part} this", None        # earlier this week / later this month
        elif part in ("earlier", "later"):
            part = None                             # "earlier last week": last week
        what = f"'{text}' relative to article date {_fmt(art)}"
        if unit == "weekend":
            fut = future and rel not in ("last", "past", "the past", "the last", "this past", "earlier this")
            if rel in ("next", "this coming", "later this"):
                fut = True
            sat = art - dt.timedelta(days=(art.weekday() - 5) % 7)     # latest Saturday <= article
            if rel in ("last", "past", "the past", "the last", "this past") and art.weekday() >= 5:
                sat -= dt.timedelta(days=7)                             # said at the weekend: the previous one
            if fut:
                sat = art + dt.timedelta(days=(5 - art.weekday()) % 7) if art.weekday() < 5 else art - dt.timedelta(days=art.weekday() - 5)
                if rel == "next" and art.weekday() >= 5:
                    sat += dt.timedelta(days=7)
            lo, hi = sat, sat + _DAY
            lo, hi, pw = _part(lo, hi, part)
            return _span(lo, hi, art, fut, since, 2, pw + what)
        # the past week / the last month: a rolling window ending the day before the article date
        if rel in ("the past", "the last", "past"):
            lo = {"week": art - 7 * _DAY, "month": _add_months(art, -1), "year": _add_years(art, -1)}[unit]
            lo, hi, pw = _part(lo, art - _DAY, part)
            return _span(lo, hi, art, False, since, 2 if unit == "week" else 3, pw + what)
        if unit == "week":
            cur_lo = art - dt.timedelta(days=art.weekday())
            cur_hi, step, prec = cur_lo + 6 * _DAY, dt.timedelta(days=7), 2

            def shift(n: int) -> tuple[dt.date, dt.date]:
                return cur_lo + n * step, cur_hi + n * step
        elif unit == "month":
            cur_lo, cur_hi, prec = art.replace(day=1), _month_end(art.year, art.month), 3

            def shift(n: int) -> tuple[dt.date, dt.date]:
                lo = _add_months(cur_lo, n)
                return lo, _month_end(lo.year, lo.month)
        else:
            cur_lo, cur_hi, prec = dt.date(art.year, 1, 1), dt.date(art.year, 12, 31), 3

            def shift(n: int) -> tuple[dt.date, dt.date]:
                return dt.date(art.year + n, 1, 1), dt.date(art.year + n, 12, 31)
        fut = future
        if rel in ("last", "this past"):
            lo, hi = shift(-1)
            fut = False
        elif rel in ("next", "this coming"):
            lo, hi = shift(1)
            fut = True
        elif rel == "earlier this":
            lo, hi, fut = cur_lo, max(art - _DAY, cur_lo), False
        elif rel == "later this":
            lo, hi, fut = min(art + _DAY, cur_hi), cur_hi, True
        else:
            lo, hi = cur_lo, cur_hi
        lo, hi, pw = _part(lo, hi, part)
        return _span(lo, hi, art, fut, since, prec, pw + what)

    if kind == "count":
        unit = g["unit"].lower()
        n_word = " ".join((g["n"] or "").lower().split())
        vague = not n_word or n_word in _VAGUE or bool(g["hedge"])
        n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS.get(n_word) or _VAGUE.get(n_word, 3)
        dirw = (g["dir"] or ("from now" if g["in"] else "")).lower()
        dirw = " ".join(dirw.split())
        sign = -1 if dirw in ("ago", "earlier", "before", "prior", "previously") else 1
        if unit == "hour":
            art = _need(article, text)
            return art, 1, f"'{text}': hours before the article date {art.isoformat()}"
        if dirw in ("ago", "from now") or g["in"]:
            anchor, aprec, aname = _need(article, text), 1, "the article date"
        else:
            anchor, aprec, aname = _anchor(c, s, article, future, cands, text)
        d = _shift(anchor, unit, sign * n)
        prec = {"day": 2 if vague else 1, "week": 2, "fortnight": 2}.get(unit, 3)
        prec = max(prec, aprec)
        return d, prec, f"'{text}': {n}{' (about)' if vague else ''} {unit}(s) {'before' if sign < 0 else 'after'} {aname} {anchor.isoformat()}"

    if kind == "rel":
        unit = (g["unit"] or g["unit2"]).lower()
        adj = (g["adj"] or g["dir"]).lower()
        if adj == "same":
            anchor, aprec, aname = _anchor(c, s, article, future, cands, text)
            return anchor, aprec, f"'{text}': the same day as {aname} {anchor.isoformat()}"
        sign = -1 if adj in ("previous", "preceding", "before", "earlier") else 1
        if adj == "next" and unit in ("week", "month", "year") and g["prep"] in ("in", "within", "over", "during"):
            # "in the next week": the coming days from the article date, not from another event
            art = _need(article, text)
            hi = {"week": art + 7 * _DAY, "month": _add_months(art, 1), "year": _add_years(art, 1)}[unit]
            return _span(art + _DAY, hi, art, True, False, 2 if unit == "week" else 3,
                         f"'{text}' after article date {art.isoformat()}")
        anchor, aprec, aname = _anchor(c, s, article, future, cands, text)
        if unit in ("day", "morning", "afternoon", "evening", "night"):
            d, prec = anchor + sign * _DAY, 1
        else:
            d, prec = _shift(anchor, unit, sign), 2 if unit == "week" else 3
        return d, max(prec, aprec), f"'{text}': one {unit} {'before' if sign < 0 else 'after'} {aname} {anchor.isoformat()}"

    if kind == "ordinal":
        art = _need(article, text)
        day = int(g["d"])
        rel = " ".join((g["rel"] or "").lower().split())
        if rel in ("last",):
            first = _add_months(art.replace(day=1), -1)
        elif rel == "next":
            first = _add_months(art.replace(day=1), 1)
        elif rel in ("this", "the month", "the same"):
            first = art.replace(day=1)
        else:
            first = None
        if first is not None:
            if not _valid(first.year, first.month, day):
                raise _Unresolved(f"'{text}': no day {day} in that month")
            return dt.date(first.year, first.month, day), 1, f"'{text}' in the month of {first.isoformat()[:7]}"
        step = 1 if future else -1
        first = art.replace(day=1)
        for k in range(0, 4):
            mo = _add_months(first, step * k)
            if _valid(mo.year, mo.month, day):
                d = dt.date(mo.year, mo.month, day)
                if (d >= art) if future else (d <= art):
                    side = "on or after" if future else "on or before"
                    return d, 1, ("since " if since else "") + f"day of month '{text}' {side} article date {art.isoformat()}"
        raise _Unresolved(f"'{text}' has no valid day near the article date")

    raise _Unresolved(f"'{text}' not understood")  # pragma: no cover


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return d + n * _DAY
    if unit == "week":
        return d + n * 7 * _DAY
    if unit == "fortnight":
        return d + n * 14 * _DAY
    if unit == "month":
        return _add_months(d, n)
    if unit == "decade":
        return _add_years(d, 10 * n)
    return _add_years(d, n)


def _is_relative(c: _Cand) -> bool:
    if c.kind == "rel":
        return True
    if c.kind == "count":
        d = c.g["dir"]
        return bool(d) and d != "ago" and not d.startswith("from") and not c.g["in"]
    return False


def _anchor(c: _Cand, s: str, article: dt.date | None, future: bool, cands: list[_Cand],
            text: str) -> tuple[dt.date, int, str]:
    """The nearest other (non-relative) date in the sentence, for 'two days later' and the like."""
    others = [o for o in cands if o is not c and not _is_relative(o)]
    others.sort(key=lambda o: min(abs(o.start - c.end), abs(c.start - o.end)))
    for o in others:
        try:
            d, p, _ = _resolve(o, s, article, future, cands)
        except _Unresolved:
            continue
        return d, p, f"'{s[o.start:o.end]}'"
    raise _Unresolved(f"'{text}' counts from another event and cannot be anchored: no other date in the sentence")


_RELATIVE_OPENERS = ("who ", "which ", "whose ", "whom ", "where ")


def _in_aside(s: str, c: _Cand, verb: int) -> bool:
    """True when the expression sits in a comma-bounded relative clause that does not hold the verb:
    in "Rebels, who seized the town in 2014, attacked it on Wednesday" 2014 belongs to 'seized'."""
    left = s.rfind(",", 0, c.start)
    right = s.find(",", c.end)
    if left < 0 or right < 0 or left < verb < right:
        return False
    return s[left + 1:left + 8].lstrip().startswith(_RELATIVE_OPENERS)


# --------------------------------------------------------------------------------------------
# Public API


def resolve_event_date(sentence: str, article_date: dt.date | None, *, verb_start: int | None = None,
                       future: bool = False) -> DateResolution:
    """The event date expressed in `sentence` (the expression nearest the verb), or the article date.

    `verb_start` is the trigger's character offset in the sentence; `future=True` reads bare
    weekdays, months and day-months forward from the article date (for "will meet on Friday").
    """
    cands = _candidates(sentence, future)
    if not cands:
        if article_date is None:
            return DateResolution(None, None, None, "no date expression and no article date", None, None)
        return DateResolution(article_date, None, 1, "article date", None, None)

    if len(cands) == 1:
        chosen = cands[0]
    elif verb_start is None:
        chosen = cands[0]
    else:
        v0 = verb_start
        v1 = v0
        n = len(sentence)
        while v1 < n and (sentence[v1].isalnum() or sentence[v1] in "-'"):
            v1 += 1

        def dist(cand: _Cand) -> tuple[int, int, int]:
            aside = int(_in_aside(sentence, cand, v0))
            if cand.end <= v0:
                return aside, v0 - cand.end, 1
            if cand.start >= v1:
                return aside, cand.start - v1, 0      # ties go to the expression after the verb
            return 0, 0, 0
        chosen = min(cands, key=dist)

    text = sentence[chosen.start:chosen.end]
    try:
        d, prec, reason = _resolve(chosen, sentence, article_date, future, cands)
    except _Unresolved as e:
        return DateResolution(None, text, None, str(e), chosen.start, chosen.end)
    if len(cands) > 1:
        reason += f" (nearest of {len(cands)} date expressions{' to the verb' if verb_start is not None else ', first'})"
    return DateResolution(d, text, prec, reason, chosen.start, chosen.end)


# --------------------------------------------------------------------------------------------
# Article dates

_FULL_DATES = [
    ("iso", re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])")),
    ("md", re.compile(rf"{_MON}\s*(?P<d>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)")),
    ("dm", re.compile(rf"(?<![\d.,])(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(?P<y>(?:19|20)\d\d)(?!\d)")),
    ("numeric", re.compile(r"(?<![\d/.-])(?P<a>\d\d?)(?P<sep>[/.])(?P<b>\d\d?)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/])")),
]
_DATELINE = re.compile(rf"^[^\n]{{0,80}}?,\s*(?:(?:{_WD_ALT}),?\s+)?{_MON}\s*(?P<d>\d\d?)(?![\d:])", re.M)
_COPYRIGHT = re.compile(r"(?i:©|\(c\)|copyright)\s*(?P<y>(?:19|20)\d\d)(?!\d)")
_ANY_YEAR = re.compile(r"(?<![\d,.$£€/-])(?P<y>(?:19|20)\d\d)(?![\d,.]?\d)(?!\s*(?:%|(?i:percent)))")
_HEAD_LINES = 6
_HEAD_CHARS = 800


def infer_article_date(text: str) -> tuple[dt.date | None, str]:
    """A publication date found in the first lines of an article (title, byline, dateline).

    Full dates win ("October 25, 2016", "25 October 2016", "2016-10-25", unambiguous "25/10/2016").
    A dateline without a year ("WASHINGTON, Oct. 25 (Reuters) -") takes the year from a copyright
    line, or from the only year the text mentions; otherwise it gives (None, reason).
    """
    lines = [ln for ln in text[:4000].splitlines() if ln.strip()][:_HEAD_LINES]
    head = "\n".join(lines)[:_HEAD_CHARS]
    best: tuple[int, dt.date, str] | None = None
    for kind, rx in _FULL_DATES:
        for m in rx.finditer(head):
            g = m.groupdict()
            y = int(g["y"])
            if kind == "iso":
                mo, d = int(g["m"]), int(g["d"])
            elif kind == "numeric":
                a, b = int(g["a"]), int(g["b"])
                if _valid(y, b, a) and _valid(y, a, b) and a != b:
                    continue        # 05/10/2016: day/month or month/day? not a safe publication date
                mo, d = (b, a) if _valid(y, b, a) else (a, b)
            else:
                if g["mon"].rstrip(".") not in _MON_LOOKUP:
                    continue
                mo, d = _MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
            if not _valid(y, mo, d):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), dt.date(y, mo, d), m.group(0))
            break
    if best is not None:
        line_no = head.count("\n", 0, best[0]) + 1
        return best[1], f"full date '{best[2]}' in line {line_no} of the article"

    m = _DATELINE.search(head)
    if m is not None and m.group("mon").rstrip(".") not in _MON_LOOKUP:
        m = None
    if m is None:
        return None, f"no date in the first {len(lines)} lines of the article"
    mo, d = _MONTH_NUM[m.group("mon")[:3].lower()], int(m.group("d"))
    written = m.group(0)[m.start("mon") - m.start():].strip()
    c = _COPYRIGHT.search(text)
    if c:
        y, where = int(c.group("y")), f"the copyright line '{c.group(0)}'"
    else:
        years = sorted({int(x.group("y")) for x in _ANY_YEAR.finditer(text)})
        if len(years) != 1:
            said = ", ".join(map(str, years)) if years else "none"
            return None, f"dateline '{written}' has no year and the text names no single year (years: {said})"
        y, where = years[0], f"the only year in the text, {years[0]}"
    if not _valid(y, mo, d):
        return None, f"dateline '{written}' is not a valid date in {y}"
    return dt.date(y, mo, d), f"dateline '{written}' with the year from {where}"

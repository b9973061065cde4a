"""Finding the date expressions of a sentence: scan, read the words before each core, reject
what is not a date, and keep the longest of overlapping matches."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .arithmetic import _valid
from .patterns import (
    _BAD_BEFORE,
    _CAPITALISED_NEXT,
    _GRAMMAR,
    _HAS_MONTH,
    _HAS_WEEKDAY,
    _HEDGE,
    _IN,
    _MONTH_PREPS,
    _NAME_MONTHS,
    _NAMED_911,
    _NONE,
    _NOT_WEEKDAY_BEFORE,
    _NUMS,
    _OF_NEXT,
    _ORDINAL_SUFFIX,
    _ORDINAL_SUFFIX_ASCII,
    _PATTERNS,
    _SPACE,
    _TODAY_NAME,
    _UNITS,
    _YEAR_KINDS,
    _YEAR_PREPS,
    _has_digit,
    _has_relday,
    _holds_time_word,
    _is_month,
    _month_number,
    _unit_after_space,
)


@dataclass
class _Cand:
    """A date expression found in a sentence: its pattern kind, the pattern's groups plus the words
    read before the core (prep, part, rel...), and its offsets, those words included."""

    kind: str
    g: dict
    start: int
    end: int


def _since(c: _Cand) -> bool:
    return c.g.get("prep") in ("since", "from")


def _words_before(s: str, st: int, k: int) -> list[tuple[str, int]]:
    """Up to k whitespace-separated words before offset st, nearest first, lower-cased, with starts.
    The words end at st after at least one space; a word that runs to the start of `s` counts, spaces
    there do not. (str.rsplit from the right of the text before st: a fifth of the cost of a match
    of the words on that text reversed, which it gives when the only white space there is " ".)"""
    if st <= 0 or s[st - 1] not in _SPACE:
        return []
    text = s[:st]
    if not text.isprintable():
        return _words_before_reversed(s, st, k)   # tabs, new lines, no-break spaces: see _SPACE
    # printable text holds no white space but " " (the gaps of _SPACE), so rsplit's gaps are its own
    words = text.rsplit(None, k)
    if len(words) > k:
        del words[0]                               # the text before the k words
    out: list[tuple[str, int]] = []
    end = st
    for word in reversed(words):
        end = text.rfind(word, 0, end)             # only spaces lie between it and the word after it
        out.append((word.lower(), end))
    return out


def _words_before_reversed(s: str, st: int, k: int) -> list[tuple[str, int]]:
    """`_words_before` for any white space: one regular-expression match on the text before st read
    backwards (stepping back one character at a time in Python cost twice the whole routing of a
    sentence)."""
    m = _BACK_WORDS[k].match(s[st - 1::-1])  # s[:st] reversed
    if m is None:
        return []
    out: list[tuple[str, int]] = []
    for n in range(1, k + 1):
        a, b = m.span(n)
        if a < 0:
            break
        out.append((s[st - b:st - a].lower(), st - b))
    return out


def _words_back(s: str, st: int, k: int) -> list[str]:
    """The words of `_words_before(s, st, k)` without their starts, which _prefix needs only for the
    last word it takes (`_word_start`): in ASCII text one lower-cased copy and one rsplit."""
    if st <= 0 or s[st - 1] not in _SPACE:
        return []
    text = s[:st]
    if not (text.isascii() and text.isprintable()):
        return [word for word, _ in _words_before_reversed(s, st, k)]
    words = text.lower().rsplit(None, k)    # (lower-casing ASCII text keeps its white space)
    if len(words) > k:
        del words[0]                        # the text before the k words
    words.reverse()
    return words


def _word_start(s: str, st: int, n: int) -> int:
    """The start of the n-th word before st (n >= 1), as `_words_before` reads them."""
    return _words_before(s, st, n)[n - 1][1]


def _back_words(k: int) -> re.Pattern:
    """Up to k words, each after its spaces, in reversed text: group n is the n-th word back."""
    nested = ""
    for _ in range(k):
        nested = f"[{_SPACE}]+([^{_SPACE}]+)" + (f"(?:{nested})?" if nested else "")
    return re.compile(nested)


_BACK_WORDS = {k: _back_words(k) for k in range(1, 6)}   # _prefix reads up to five words


def _take(words: list[str], idx: int, table: dict[int, frozenset[str]]) -> tuple[str | None, int]:
    """The longest phrase of the table (three words, two, one) that ends at words[idx] (the words
    are nearest first): (the phrase in text order, the index after it), or (None, idx)."""
    left = len(words) - idx
    if left <= 0:
        return None, idx
    first = words[idx]
    if left >= 2:
        two = f"{words[idx + 1]} {first}"
        if left >= 3 and table[3]:
            three = f"{words[idx + 2]} {two}"
            if three in table[3]:
                return three, idx + 3
        if two in table[2]:
            return two, idx + 2
    if first in table[1]:
        return first, idx + 1
    return None, idx


def _prefix(kind: str, s: str, st: int, g: dict) -> int:
    """Read the words before the core into g (prep, part, rel, n, hedge); return the new start."""
    if kind == "count":
        words = _words_back(s, st, 4)
        idx = 0
        g["n"], idx = _take(words, idx, _NUMS)
        g["hedge"], idx = _take(words, idx, _HEDGE)
        g["in"] = None
        if g["dir"] is None:                # "in two weeks' time", not "was in two weeks ago"
            g["in"], idx = _take(words, idx, _IN)
        return _word_start(s, st, idx) if idx else st
    prep_t, part_t, rel_t = _GRAMMAR[kind]
    g.setdefault("part", None)
    g.setdefault("rel", None)
    lo = st
    if part_t is not _NONE and s[max(0, st - 4):st].lower() == "mid-":
        g["part"], lo = "mid", st - 4
        words = _words_back(s, lo, 2)
        idx = 0
    else:
        words = _words_back(s, st, 5)
        idx = 0
        if rel_t is not _NONE and not g.get("rel"):
            g["rel"], idx = _take(words, idx, rel_t)
        if part_t is not _NONE:
            g["part"], idx = _take(words, idx, part_t)
    if kind == "dm" and idx < len(words) and words[idx] == "the":
        g["prep"], idx2 = _take(words, idx + 1, prep_t)      # on the 24th of October
        if g["prep"]:
            idx = idx2
    else:
        g["prep"], idx = _take(words, idx, prep_t)
    return _word_start(s, lo, idx) if idx else lo


def _accept(kind: str, g: dict, s: str, start: int, end: int, future: bool) -> bool:
    """Reject matches that are not dates (names, counts, habits)."""
    if "mon" in g and not _is_month(g["mon"]):
        return False                # "Jarch": the fast pattern spells months loosely
    if kind in ("md", "dm"):
        mon = _month_number(g["mon"])
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
        before = _words_back(s, start, 1)
        if before and before[0] in _NOT_WEEKDAY_BEFORE:
            return False            # Good Friday, Bloody Sunday, every Friday, the Sunday Times
        if not g["tod"] and _CAPITALISED_NEXT.match(s, end):
            return False            # Sunday Times, Monday Night Football
        return True
    if kind == "relday":
        if g["rd"][0] == "T" and g["rd"].lower() == "today":
            before = _words_back(s, start, 1)
            if before and before[0] in _TODAY_NAME:
                return False        # the Today programme, USA Today
        return True
    if kind == "period":
        if g["rel"].lower() == "the":
            return g["prep"] in ("over", "at", "during", "on", "through", "throughout")
        return True
    if kind == "count":
        if not _count_may_date(g, future):
            return False            # (also checked before the words before it are read: _candidates)
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


def _count_may_date(g: dict, future: bool) -> bool:
    """False for a count match that _accept rejects whatever the words before it, checked before
    _prefix reads them (most count matches: "way", "May", "five years"): a unit word that is not one,
    or no direction ("ago", "later"...) where neither a future tense nor "time" can make "in two days"
    a date."""
    if g["unit"].lower() not in _UNITS:
        return False
    return g["dir"] is not None or future or bool(g["time"])


_WD_GAP = re.compile(r",?\s+(?:the\s+)?$")


def _groups(s: str) -> list[str]:
    """The pattern groups that can match in `s` at all (see _PATTERNS), in _PATTERNS' order."""
    return _route(s)[0]


def _route(s: str) -> tuple[list[str], int, int]:
    """`_groups(s)`, with the offsets of the first month name and the first weekday name (0 when
    none), found by the routing's own searches: no pattern led by one can match before it."""
    groups = []
    has_digit = _has_digit(s)
    month = _HAS_MONTH.search(s)
    if has_digit:
        groups.append("D")
        if month:
            groups.append("MD")
    if month:
        groups.append("M")
    low = s.lower()
    weekday = None
    if _holds_time_word(low):
        if "day" in low:                    # (every weekday name holds "day" or "DAY")
            weekday = _HAS_WEEKDAY.search(s)
            if weekday:
                groups.append("W")
        if _has_relday(s):
            groups.append("R")
        if _unit_after_space(s):
            groups.append("U")
    elif "omorrow" in low and _has_relday(s):   # the one relative-day word without a time word in it
        groups.append("R")
    return groups, month.start() if month else 0, weekday.start() if weekday else 0


# Patterns that start with a month name (_MON, or the month pattern's own spelling of one): every
# match _accept keeps starts where _HAS_MONTH matches, and a match it rejects ("Sune 5") cannot run
# over such a place (no month name's tail holds one), so their scans start at the first month name.
_MONTH_LED = frozenset({"md", "my", "month"})


def _unit_kind_may_match(kind: str, s: str, future: bool) -> bool:
    """False when a pattern of the "U" group cannot give an expression _candidates keeps, by words
    it needs: its scans try a branch at most letters of a sentence, substring tests cost a tenth."""
    if kind == "period":                    # the unit word: week(end), month, year
        return "week" in s or "month" in s or "year" in s
    if kind == "rel":                       # "the next|following|previous|preceding|same <unit>"
        return ("next" in s or "following" in s or "previous" in s or "preceding" in s or "same" in s
                or "before" in s or "after" in s or "earlier" in s or "later" in s)   # "the day before"
    # count: _count_may_date needs a direction word after the unit, a future tense, or "time" or an
    # apostrophe after it ("in two weeks' time")
    return (future or "'" in s or "\u2019" in s or "ago" in s or "later" in s or "after" in s or "before" in s
            or "earlier" in s or "prior" in s or "previously" in s or "from" in s or "time" in s)


def _candidates(s: str, future: bool) -> list[_Cand]:
    groups, month_at, weekday_at = _route(s)
    found: list[_Cand] = []
    no_year = "D" in groups and "19" not in s and "20" not in s   # most numbers are counts: skip three scans
    for group in groups:
        for kind, rx in _PATTERNS[group]:
            if no_year and kind in _YEAR_KINDS:
                continue
            if kind == "ordinal" and not (_ORDINAL_SUFFIX_ASCII if s.isascii() else _ORDINAL_SUFFIX).search(s):
                continue           # (its scan tries every "the"; a digit is found far faster)
            if kind == "numeric" and not ("/19" in s or "/20" in s or ".19" in s or ".20" in s):
                continue           # its year follows its separator: "24/10/2016", "24.10.2016"
            if group == "U" and not _unit_kind_may_match(kind, s, future):
                continue
            pos = month_at if kind in _MONTH_LED else weekday_at if kind == "weekday" else 0
            bad = _BAD_BEFORE[kind]
            for m in rx.finditer(s, pos):
                st = m.start()
                if st and s[st - 1] in bad:
                    continue
                g = m.groupdict()
                if kind == "count" and not _count_may_date(g, future):
                    continue
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


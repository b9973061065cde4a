"""The event date of a sentence: pick the expression nearest the verb and date it, counting
"two days later" and "the next day" from another date in the same sentence."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .arithmetic import _DAY, _shift, _span
from .expressions import _Cand, _candidates
from .patterns import _NUMBER_WORDS, _VAGUE
from .readings import (
    _Dated,
    _need,
    _read_day_month,
    _read_iso,
    _read_month,
    _read_month_year,
    _read_numeric,
    _read_ordinal,
    _read_period,
    _read_relative_day,
    _read_weekday,
    _read_year,
    _Unresolved,
)


@dataclass(frozen=True)
class DateResolution:
    date: dt.date | None      # None when nothing is known: never invent a date
    text: str | None          # the expression used, as written in the sentence; None if none
    precision: int | None     # ACLED time_precision: 1 day, 2 week / few days, 3 month or vaguer
    reason: str               # why this date
    start: int | None         # character offsets of `text` in the sentence
    end: int | None


_new = object.__new__


def _resolution(date: dt.date | None, text: str | None, precision: int | None, reason: str,
                start: int | None, end: int | None) -> DateResolution:
    """`DateResolution(...)` without the frozen __init__, which sets each field by a call of
    object.__setattr__ (that cost a third of dating a weekday): the same fields, so an equal record."""
    r = _new(DateResolution)
    r.__dict__.update(date=date, text=text, precision=precision, reason=reason, start=start, end=end)
    return r


def _read_count(c: _Cand, s: str, article: dt.date | None, future: bool,
                cands: Sequence[_Cand]) -> _Dated:
    """two days ago, a week later, in two weeks' time: counted from the article date or another date."""
    g, text = c.g, s[c.start:c.end]
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


def _read_relative(c: _Cand, s: str, article: dt.date | None, future: bool,
                   cands: Sequence[_Cand]) -> _Dated:
    """the next day, the following week, the day before, the same day: from another date."""
    g, text = c.g, s[c.start:c.end]
    unit = (g["unit"] or g["unit2"]).lower()
    adj = (g["adj"] or g["dir"]).lower()
    if adj == "same":
        anchor, aprec, aname = _anchor(c, s, article, future, cands, text)
        return anchor, aprec, f"'{text}': the same day as {aname} {anchor.isoformat()}"
    sign = -1 if adj in ("previous", "preceding", "before", "earlier") else 1
    if adj == "next" and unit in ("week", "month", "year") and g["prep"] in ("in", "within", "over", "during"):
        # "in the next week": the coming days from the article date, not from another event
        art = _need(article, text)
        hi = _shift(art, unit, 1)
        return _span(art + _DAY, hi, art, True, False, 2 if unit == "week" else 3,
                     f"'{text}' after article date {art.isoformat()}")
    anchor, aprec, aname = _anchor(c, s, article, future, cands, text)
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        d, prec = anchor + sign * _DAY, 1
    else:
        d, prec = _shift(anchor, unit, sign), 2 if unit == "week" else 3
    return d, max(prec, aprec), f"'{text}': one {unit} {'before' if sign < 0 else 'after'} {aname} {anchor.isoformat()}"


_READERS = {
    "iso": _read_iso,
    "numeric": _read_numeric,
    "md": _read_day_month,
    "dm": _read_day_month,
    "my": _read_month_year,
    "month": _read_month,
    "year": _read_year,
    "weekday": _read_weekday,
    "relday": _read_relative_day,
    "period": _read_period,
    "count": _read_count,
    "rel": _read_relative,
    "ordinal": _read_ordinal,
}


def _resolve(c: _Cand, s: str, article: dt.date | None, future: bool,
             cands: Sequence[_Cand]) -> _Dated:
    """Date one expression: (date, precision, reason), or _Unresolved."""
    reader = _READERS.get(c.kind)
    if reader is None:  # pragma: no cover
        raise _Unresolved(f"'{s[c.start:c.end]}' not understood")
    return reader(c, s, article, future, cands)


def _is_relative(c: _Cand) -> bool:
    if c.kind == "rel":
        return True
    if c.kind == "count":
        d = c.g["dir"]
        return bool(d) and d != "ago" and not d.startswith("from") and not c.g["in"]
    return False


def _anchor(c: _Cand, s: str, article: dt.date | None, future: bool, cands: Sequence[_Cand],
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


def _nearest(sentence: str, cands: Sequence[_Cand], verb_start: int) -> _Cand:
    """The expression nearest the verb word at verb_start, asides last; on a tie the one after it."""
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
    return min(cands, key=dist)


@lru_cache(maxsize=256)
def _sentence_candidates(sentence: str, future: bool) -> tuple[_Cand, ...]:
    """The sentence's date expressions, found once for all the events of a sentence (a tuple: the
    cached result is shared, and nothing downstream may change it)."""
    return tuple(_candidates(sentence, future))


@lru_cache(maxsize=64, typed=True)
def _undated(article_date: dt.date | None) -> DateResolution:
    """The resolution of a sentence with no date expression: the article date (one frozen record
    per date, shared by the events of its articles)."""
    if article_date is None:
        return _resolution(None, None, None, "no date expression and no article date", None, None)
    return _resolution(article_date, None, 1, "article date", None, None)


def resolve_event_date(sentence: str, article_date: dt.date | None, *, verb_start: int | None = None,
                       future: bool = False) -> DateResolution:
    """The event date expressed in `sentence` (the expression nearest the verb), or the article date.

    `verb_start` is the trigger's character offset in the sentence; `future=True` reads bare
    weekdays, months and day-months forward from the article date (for "will meet on Friday").
    """
    cands = _sentence_candidates(sentence, future)
    if not cands:
        return _undated(article_date)
    at = 0 if len(cands) == 1 or verb_start is None else cands.index(_nearest(sentence, cands, verb_start))
    return _dated(sentence, article_date, future, at, verb_start is not None)


@lru_cache(maxsize=256, typed=True)
def _dated(sentence: str, article_date: dt.date | None, future: bool, at: int, by_verb: bool) -> DateResolution:
    """The resolution by the sentence's date expression number `at`: the same for all the events of
    a sentence whose verbs are nearest the same expression (a frozen record, shared)."""
    cands = _sentence_candidates(sentence, future)
    chosen = cands[at]
    text = sentence[chosen.start:chosen.end]
    try:
        d, prec, reason = _resolve(chosen, sentence, article_date, future, cands)
    except _Unresolved as e:
        return _resolution(None, text, None, str(e), chosen.start, chosen.end)
    if len(cands) > 1:
        reason += f" (nearest of {len(cands)} date expressions{' to the verb' if by_verb else ', first'})"
    return _resolution(d, text, prec, reason, chosen.start, chosen.end)

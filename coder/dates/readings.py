"""Dating one expression on its own: a reader per kind of expression gives (date, precision, reason)
or raises _Unresolved (no article date, ambiguous, invalid). Expressions counted from another date
in the sentence ("two days later") are read in `resolve`."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .arithmetic import _DAY, _add_months, _fmt, _md_year, _month_end, _part, _shift, _span, _valid
from .expressions import _Cand, _since
from .patterns import _WEEKDAY_NAMES, _WEEKDAY_NUM, _month_number

_Dated = tuple[dt.date, int, str]   # (date, precision, reason)


class _Unresolved(Exception):
    """A real date expression that cannot be dated (no article date, ambiguous, no anchor)."""


def _direction(rel: str | None, future: bool) -> tuple[str, bool]:
    """'last' / 'next' / bare; returns (normalised word, future)."""
    r = rel or ""
    if r in ("last", "past", "this past", "the past"):
        return "last", False
    if r in ("next", "coming", "this coming", "the coming"):
        return "next", True
    return r, future


def _need(article: dt.date | None, text: str) -> dt.date:
    """The article date, which a relative expression needs."""
    if article is None:
        raise _Unresolved(f"'{text}' is relative and the article date is unknown")
    return article


def _read_iso(c: _Cand, s: str, article: dt.date | None, future: bool,
              cands: Sequence[_Cand]) -> _Dated:
    """2016-10-24, 2016/10/24."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
    d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    return d, 1, ("since " if since else "") + f"explicit date '{text}'"


def _read_numeric(c: _Cand, s: str, article: dt.date | None, future: bool,
                  cands: Sequence[_Cand]) -> _Dated:
    """24/10/2016, 10/24/2016: when both readings are valid, the one nearest the article date."""
    g, text = c.g, s[c.start:c.end]
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


def _read_day_month(c: _Cand, s: str, article: dt.date | None, future: bool,
                    cands: Sequence[_Cand]) -> _Dated:
    """Oct. 24(, 2016), 24 October: without a year, the nearest on the expected side."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
    mon, day = _month_number(g["mon"]), int(g["d"])
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


def _read_month_year(c: _Cand, s: str, article: dt.date | None, future: bool,
                     cands: Sequence[_Cand]) -> _Dated:
    """October 2016."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
    mon, y = _month_number(g["mon"]), int(g["y"])
    lo, hi, pw = _part(dt.date(y, mon, 1), _month_end(y, mon), g["part"])
    return _span(lo, hi, article, future, since, 3, f"{pw}month '{text}'")


def _read_month(c: _Cand, s: str, article: dt.date | None, future: bool,
                cands: Sequence[_Cand]) -> _Dated:
    """in March, last May, mid-June: the month relative to the article date."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
    mon = _month_number(g["mon"])
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


def _read_year(c: _Cand, s: str, article: dt.date | None, future: bool,
               cands: Sequence[_Cand]) -> _Dated:
    """in 2014, mid-2015."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
    y = int(g["y"])
    lo, hi, pw = _part(dt.date(y, 1, 1), dt.date(y, 12, 31), g["part"])
    return _span(lo, hi, article, future, since, 3, f"{pw}year '{text}'")


def _read_weekday(c: _Cand, s: str, article: dt.date | None, future: bool,
                  cands: Sequence[_Cand]) -> _Dated:
    """Monday, last Friday, next Sunday night."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
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


def _read_relative_day(c: _Cand, s: str, article: dt.date | None, future: bool,
                       cands: Sequence[_Cand]) -> _Dated:
    """today, yesterday morning, last night, overnight, the day before yesterday."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
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


def _read_period(c: _Cand, s: str, article: dt.date | None, future: bool,
                 cands: Sequence[_Cand]) -> _Dated:
    """this week, last month, next year, the past week, the weekend, earlier this month."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
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
        lo = _shift(art, unit, -1)
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


def _read_ordinal(c: _Cand, s: str, article: dt.date | None, future: bool,
                  cands: Sequence[_Cand]) -> _Dated:
    """on the 24th, the 3rd of last month."""
    g, text, since = c.g, s[c.start:c.end], _since(c)
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

"""Calendar arithmetic for date expressions: month ends, shifts, parts of ranges, range midpoints."""
from __future__ import annotations

import calendar
import datetime as dt

from .patterns import _WEEKDAY_NAMES

_DAY = dt.timedelta(days=1)


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


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    """d moved by n days, weeks, fortnights, months, years or decades."""
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


# News style gives the year of any date outside the current year, so a day and month written
# without a year in the weeks after the article date is a scheduled date ("voters go to the polls
# on Nov. 8") rather than the same day a year earlier: the past reading accepts up to 31 days ahead.
_MD_SLACK = dt.timedelta(days=31)


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

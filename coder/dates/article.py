"""The publication date of an article, from its first lines (title, byline, dateline)."""
from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .arithmetic import _valid
from .patterns import _MON, _WD_ALT, _is_month, _month_number

# The patterns are compiled on first use: only an article given without a date is searched, and
# compiling them costs a start 3 ms.
_FULL_DATES = [
    ("iso", r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"),
    ("md", rf"{_MON}\s*(?P<d>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
    ("dm", rf"(?<![\d.,])(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
    ("numeric", r"(?<![\d/.-])(?P<a>\d\d?)(?P<sep>[/.])(?P<b>\d\d?)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/])"),
]
# "<up to 80 characters>, [weekday,] Month day" on any head line: the date half of a dateline, and
# of a byline ("By Jane Doe, Oct. 25"). The dateline itself (its place) is coder.coding.segment's.
_HEAD_LINE_DATE = rf"(?m)^[^\n]{{0,80}}?,\s*(?:(?:{_WD_ALT}),?\s+)?{_MON}\s*(?P<d>\d\d?)(?![\d:])"
_COPYRIGHT = r"(?i:©|\(c\)|copyright)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
_ANY_YEAR = r"(?<![\d,.$£€/-])(?P<y>(?:19|20)\d\d)(?![\d,.]?\d)(?!\s*(?:%|(?i:percent)))"
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
    for kind, pattern in _FULL_DATES:
        for m in _rx(pattern).finditer(head):
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
                if not _is_month(g["mon"]):
                    continue
                mo, d = _month_number(g["mon"]), int(g["d"])
            if not _valid(y, mo, d):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), dt.date(y, mo, d), m.group(0))
            break
    if best is not None:
        line_no = head.count("\n", 0, best[0]) + 1
        return best[1], f"full date '{best[2]}' in line {line_no} of the article"

    m = _rx(_HEAD_LINE_DATE).search(head)
    if m is not None and not _is_month(m.group("mon")):
        m = None
    if m is None:
        return None, f"no date in the first {len(lines)} lines of the article"
    mo, d = _month_number(m.group("mon")), int(m.group("d"))
    written = m.group(0)[m.start("mon") - m.start():].strip()
    c = _rx(_COPYRIGHT).search(text)
    if c:
        y, where = int(c.group("y")), f"the copyright line '{c.group(0)}'"
    else:
        years = sorted({int(x.group("y")) for x in _rx(_ANY_YEAR).finditer(text)})
        if len(years) != 1:
            said = ", ".join(map(str, years)) if years else "none"
            return None, f"dateline '{written}' has no year and the text names no single year (years: {said})"
        y, where = years[0], f"the only year in the text, {years[0]}"
    if not _valid(y, mo, d):
        return None, f"dateline '{written}' is not a valid date in {y}"
    return dt.date(y, mo, d), f"dateline '{written}' with the year from {where}"


@cache
def _rx(pattern: str) -> re.Pattern:
    """`pattern` compiled once, on first use (kept here: `re`'s own cache is shared and bounded)."""
    return re.compile(pattern)

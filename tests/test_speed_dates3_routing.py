"""The date finder's routing and its early rejection of count matches give what the plain forms give
(coder/dates/expressions.py): a sentence with no unit word or part of the day is tested for the one
relative-day word without one ("tomorrow") instead of eleven, and the weekday check reads "day" from
the same lower-cased copy; a count match that _accept rejects whatever the words before it is dropped
before _prefix reads them. Checked on real news sentences and sentences written for the edge cases."""
from __future__ import annotations

import pytest

from coder.dates import expressions, patterns
from tests.conftest import real_news_sentences
from tests.test_speed_dates3_words import EDGE
from tests.test_wherewhen_speed import DATE_SENTENCES, EDGE_SENTENCES

ROUTING = [
    "Talks resume tomorrow.", "TOMORROW", "Tomorrow's vote", "the day after tomorrow", "tonight", "TONIGHT",
    "Yesterday", "YESTERDAY NIGHT", "this morning", "overnight", "Overnight", "Today", "today's", "TODAY",
    "Monday", "MONDAY", "monday", "Holiday", "mONDAY", "In five years", "A week ago", "way", "May 3",
    "The \u212aelvin day", "\u0130 day", "\u0130 TOMORROW", "two days later", "in two weeks' time",
    "in two weeks", "in two weeks time", "a way out", "May was there", "the fortnight after", "an hour ago",
    "hours later", "DAYS AGO", "Days later", "five years on", "three decades earlier",
]


def plain_groups(s: str) -> list[str]:
    """The routing as it was: each group's check on its own."""
    groups = []
    has_digit = bool(patterns._HAS_DIGIT.search(s))
    has_month = patterns._HAS_MONTH.search(s) is not None
    if has_digit:
        groups.append("D")
        if has_month:
            groups.append("MD")
    if has_month:
        groups.append("M")
    if ("day" in s or "DAY" in s) and patterns._HAS_WEEKDAY.search(s):
        groups.append("W")
    if patterns._HAS_RELDAY.search(s):
        groups.append("R")
    if patterns._HAS_UNIT.search(s) or s.startswith(patterns._UNIT_START):
        groups.append("U")
    return groups


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    real = real_news_sentences(1500)
    assert len(real) == 1500
    return ROUTING + EDGE + EDGE_SENTENCES + DATE_SENTENCES + real


def test_routing_is_the_plain_routing(sentences):
    for s in sentences:
        assert expressions._groups(s) == plain_groups(s), s
    assert sum("R" in plain_groups(s) for s in sentences) > 50


def _found(sentences):
    return [[(c.kind, c.g, c.start, c.end) for c in expressions._candidates(s, future)]
            for s in sentences for future in (False, True)]


def test_count_matches_dropped_early_are_the_rejected_ones(sentences, monkeypatch):
    early = _found(sentences)
    monkeypatch.setattr(expressions, "_count_may_date", lambda g, future: True)   # every match read and judged
    assert early == _found(sentences)
    assert sum(c[0] == "count" for found in early for c in found) > 30

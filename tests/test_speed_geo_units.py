"""The date finder's unit-word routing gives the plain routing (issue 15).

A sentence whose lower-cased text holds none of the unit words is ruled out without the routing
scan. Checked against the scan on real news sentences and on texts written for the edge cases.
"""
from __future__ import annotations

from coder.dates import patterns
from tests.conftest import real_news_sentences
from tests.test_where8_speed import MORE_EDGE_SENTENCES
from tests.test_wherewhen_speed import DATE_SENTENCES, EDGE_SENTENCES

UNIT_TEXTS = [f"{sep}{unit}{end}" for unit in
              ["day", "Day", "DAY", "days", "week", "Weeks", "WEEK", "month", "Month", "year", "YEAR", "Years",
               "hour", "Hours", "fortnight", "Fortnight", "decade", "Decade", "morning", "Morning", "afternoon",
               "evening", "night", "Night", "NIGHT", "Monday", "today", "hOUR", "dAY"]
              for sep in ("", " ", "\t", "\n", "\xa0", "-", "x", "\u2009") for end in ("", " later", ".")]
UNIT_TEXTS += ["", " ", "The \u212aelvin day", "\u0130 day", "ﬀ day", "Two-day truce", "A 25-year-old", "DAYS AGO"]


def test_unit_routing_is_the_plain_routing():
    texts = UNIT_TEXTS + real_news_sentences(1500) + EDGE_SENTENCES + MORE_EDGE_SENTENCES + DATE_SENTENCES
    for text in texts:
        plain = bool(patterns._HAS_UNIT.search(text)) or text.startswith(patterns._UNIT_START)
        assert (patterns._holds_time_word(text.lower()) and patterns._unit_after_space(text)) == plain, text

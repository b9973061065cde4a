"""The date finder's cheaper scans give what the plain ones give (coder/dates): month-led and weekday
patterns scanned from the first month or weekday name the routing found, the unit patterns skipped
when a word they need is missing, the words before an expression read by str.rsplit, and resolutions
made without the frozen __init__. Checked on real news sentences and sentences written for the edge
cases: the same expressions, the same dates."""
from __future__ import annotations

import datetime as dt
import pickle
import re
from dataclasses import FrozenInstanceError

import pytest

from coder.dates import DateResolution, expressions, resolve
from coder.dates import patterns
from coder.dates.patterns import _ABBR_TAILS, _MON_TAILS
from tests.conftest import real_news_sentences
from tests.test_speed_dates3_routing import ROUTING
from tests.test_speed_dates3_words import EDGE, plain_words_before
from tests.test_wherewhen_speed import DATE_SENTENCES, EDGE_SENTENCES

SCANS = [
    "Sune 5 and June 6", "JAY 2015, MAY 2016", "Mugust 3 or August 4, 2016", "SEPT 11 and Sept. 12",
    "Jarch Monday, Oct. 24", "Fundays: Sunday Times and on Sunday", "Dan 5 Dec 6", "OCTOBER 2016 and Octane 5",
    "the day before", "They met the day later.", "the day earlier", "the next week", "The following morning", "the same day", "a day later",
    "in two weeks' time", "in two weeks\u2019 time", "in two weeks time", "two years ago", "five years",
    "a week afterwards", "three days prior", "days previously", "two days from now", "this week", "the weekend",
    "last month", "next year", "the past week", "this coming weekend", "earlier this month",
    "They met on Monday and Tuesday.", "Sunday, Nov. 6, 2016", "on 24 October and October 25",
]


def _month_words() -> list[str]:
    """Words the month-led patterns match loosely, before a real month name: each first letter with
    each month name's and abbreviation's tail."""
    tails = _MON_TAILS.split("|") + _ABBR_TAILS.split("|")
    return [f"{first}{tail} {n} and in {first}{tail}, then on March {n} 2016"
            for first in "JFMASOND" for n, tail in enumerate(tails, 1)]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    real = real_news_sentences(1500)
    assert len(real) == 1500
    return SCANS + _month_words() + ROUTING + EDGE + EDGE_SENTENCES + DATE_SENTENCES + real


def _found(sentences):
    return [[(c.kind, c.g, c.start, c.end) for c in expressions._candidates(s, future)]
            for s in sentences for future in (False, True)]


_FAST_ROUTE = expressions._route


def _plain_route(s):
    """The routing, every pattern scanned from the start of the sentence."""
    return _FAST_ROUTE(s)[0], 0, 0


def test_same_expressions_as_plain_scans(sentences, monkeypatch):
    fast = _found(sentences)
    monkeypatch.setattr(expressions, "_route", _plain_route)
    monkeypatch.setattr(expressions, "_unit_kind_may_match", lambda kind, s, future: True)
    plain = _found(sentences)
    assert fast == plain
    kinds = {c[0] for found in fast for c in found}
    assert {"md", "my", "month", "weekday", "period", "count", "rel"} <= kinds   # each fast path was used
    assert sum(map(len, fast)) > 600


def test_unit_words_are_needed(sentences):
    """Each unit pattern skipped by _unit_kind_may_match finds nothing that _candidates keeps."""
    for s in sentences:
        for future in (False, True):
            for kind in ("period", "rel", "count"):
                if not expressions._unit_kind_may_match(kind, s, future):
                    assert not [c for c in expressions._candidates(s, future) if c.kind == kind], (s, kind)


def test_words_before_by_rsplit(sentences):
    """At every word end of the sentences: rsplit's reading is the reversed pattern's and the plain one's."""
    for s in sentences[:800] + ["a\u00a0b c", "a\tb  c ", "x\u2003y z ", "\x0bq r "]:
        for st in range(len(s) + 1):
            for k in (1, 2, 5):
                got = expressions._words_before(s, st, k)
                assert got == plain_words_before(s, st, k), (s, st, k)
                if st and s[st - 1] in " \t\n\r\xa0":
                    assert got == expressions._words_before_reversed(s, st, k), (s, st, k)


def test_words_back_are_the_words_before(sentences):
    """_prefix's reading: the words of `_words_before` without their starts, and the start of the
    n-th of them when it takes n."""
    for s in sentences[:800] + ["a\u00a0b c", "a\tb  c ", "x\u2003y z ", "\x0bq r ", "\u0130X on "]:
        for st in range(len(s) + 1):
            for k in (1, 2, 4, 5):
                plain = plain_words_before(s, st, k)
                assert expressions._words_back(s, st, k) == [word for word, _ in plain], (s, st, k)
                if len(plain) == k:
                    assert expressions._word_start(s, st, k) == plain[-1][1], (s, st, k)


def test_numeric_dates_need_a_separator_before_the_year(sentences):
    numeric = dict(expressions._PATTERNS["D"])["numeric"]
    found = 0
    for s in sentences:
        matches = list(numeric.finditer(s))
        found += len(matches)
        if not ("/19" in s or "/20" in s or ".19" in s or ".20" in s):
            assert not matches, s
    assert found >= 2


UNIT_EDGE = ["Days later", "days later", " day", "\tday", "a\u00a0week on", "in\u2003May", "a\x1cyear", "DAY one",
             "the Dayton talks", "Holiday", "one\nnight", "last night", "a fortnight", "Decades", "the hour", "TODAY"]


def test_unit_after_space_is_the_unit_scan(sentences):
    for s in sentences + UNIT_EDGE:
        plain = patterns._HAS_UNIT.search(s) is not None or s.startswith(patterns._UNIT_START)
        assert patterns._unit_after_space(s) == plain, s
    assert sum(patterns._unit_after_space(s) for s in sentences) > 100


def test_ordinal_suffix_in_ascii_text(sentences, monkeypatch):
    texts = sentences + ["the 21st", "\u0663rd", "the 2nd\u00e9", "1st_", "on the 4th-floor", "x1th"]
    for s in texts:
        if s.isascii():
            assert bool(patterns._ORDINAL_SUFFIX_ASCII.search(s)) == bool(patterns._ORDINAL_SUFFIX.search(s)), s
    fast = _found(texts)
    monkeypatch.setattr(expressions, "_ORDINAL_SUFFIX", re.compile(""))         # scan every sentence
    monkeypatch.setattr(expressions, "_ORDINAL_SUFFIX_ASCII", re.compile(""))
    assert fast == _found(texts)
    assert any(c[0] == "ordinal" for found in fast for c in found)


def test_resolution_is_the_dataclass():
    day = dt.date(2016, 10, 27)
    for fields in [(day, "on Monday", 1, "weekday", 3, 12), (None, None, None, "article date", None, None)]:
        made, plain = resolve._resolution(*fields), DateResolution(*fields)
        assert type(made) is DateResolution
        assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
        assert pickle.loads(pickle.dumps(made)) == plain
        assert vars(made) == vars(plain) and list(vars(made)) == list(vars(plain))
        with pytest.raises(FrozenInstanceError):
            made.date = None


def _dates(sentences):
    out = []
    for s in sentences:
        for day in (dt.date(2016, 10, 27), None):
            for future in (False, True):
                for verb in (None, len(s) // 2):
                    resolve._dated.cache_clear()
                    resolve._undated.cache_clear()
                    resolve._sentence_candidates.cache_clear()
                    out.append(resolve.resolve_event_date(s, day, verb_start=verb, future=future))
    return out


def test_same_dates_as_the_plain_forms(sentences, monkeypatch):
    fast = _dates(sentences[:700])
    monkeypatch.setattr(expressions, "_route", _plain_route)
    monkeypatch.setattr(expressions, "_unit_kind_may_match", lambda kind, s, future: True)
    monkeypatch.setattr(expressions, "_words_before", plain_words_before)
    monkeypatch.setattr(resolve, "_resolution", DateResolution)
    plain = _dates(sentences[:700])
    assert fast == plain
    assert [r.reason for r in fast] == [r.reason for r in plain]
    assert sum(r.text is not None for r in fast) > 800

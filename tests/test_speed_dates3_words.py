"""The date finder reads the words before an expression with one regular-expression match on the text
read backwards (coder/dates/expressions.py `_words_before`): it gives what stepping back one
character at a time gives, at every offset of real news sentences and of sentences written for the
edge cases, and so the same expressions and the same dates."""
from __future__ import annotations

import datetime as dt

import pytest

from coder.dates import expressions, resolve
from coder.dates.patterns import _SPACE
from tests.conftest import real_news_sentences

EDGE = [
    "", " ", "x", "on Tuesday", " on Tuesday", "   Tuesday", "on\u00a0Tuesday", "on\tlast\nTuesday",
    "They met  on   last  Tuesday, \u00a0 and (on Friday) or on-Monday.", "mid-June and in mid-2015",
    "Police raided the house early on Tuesday morning, two days after the March 3 vote.",
    "In 2014, 12 people died; on 2016-10-24 and 24/10/2016 more, as in the 1990s and 20 years ago.",
    "Talks will resume next Monday, the 3rd of last month, or in two weeks' time.",
    "Last week, this year, the past month, over the weekend and three days later.",
    "ON TUESDAY, YESTERDAY NIGHT and TODAY", "Sunday Times, every Friday, Good Friday, USA Today",
    "\u00a0 \t Monday", "word\u2003Monday and word\x0bFriday",   # other white space is not a gap here
]


def plain_words_before(s: str, st: int, k: int) -> list[tuple[str, int]]:
    """The reading one character at a time that `_words_before` replaces."""
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


@pytest.fixture(scope="module")
def real_sentences() -> list[str]:
    return real_news_sentences(1500)


def test_every_offset_of_the_edge_cases():
    for s in EDGE:
        for st in range(len(s) + 1):
            for k in range(1, 6):
                assert expressions._words_before(s, st, k) == plain_words_before(s, st, k), (s, st, k)


def test_word_ends_of_real_sentences(real_sentences):
    assert len(real_sentences) == 1500
    for s in real_sentences:
        offsets = [st for st in range(len(s) + 1) if st == len(s) or s[st] not in _SPACE]   # where a core starts
        for st in offsets:
            for k in (1, 2, 4, 5):
                assert expressions._words_before(s, st, k) == plain_words_before(s, st, k), (s, st, k)


def _found(sentences, future):
    return [[(c.kind, c.g, c.start, c.end) for c in expressions._candidates(s, future)] for s in sentences]


def _dates(sentences):
    out = []
    for s in sentences:
        for day in (dt.date(2016, 10, 27), None):
            for future in (False, True):
                for verb in (None, 0, len(s) // 2):
                    resolve._dated.cache_clear()
                    resolve._sentence_candidates.cache_clear()
                    out.append(resolve.resolve_event_date(s, day, verb_start=verb, future=future))
    return out


def test_same_expressions_and_dates(real_sentences, monkeypatch):
    sentences = EDGE + real_sentences
    fast = _found(sentences, False), _found(sentences, True), _dates(EDGE + real_sentences[:500])
    monkeypatch.setattr(expressions, "_words_before", plain_words_before)
    plain = _found(sentences, False), _found(sentences, True), _dates(EDGE + real_sentences[:500])
    assert fast == plain
    assert sum(map(len, fast[0])) > 300                      # real expressions were compared

"""Shortcuts of the places-and-dates stage give what the plain forms give.

Mention finding splits ASCII sentences with an ASCII-only copy of its token pattern, reads the text
between tokens from the split's gaps and a one-word run from its word instead of cutting them again,
and finds clause boundaries from their punctuation; a name's readings are scored once for each set of
hints and actors; the date finder routes by faster-written checks of the same language, skips the
ordinal pattern in a sentence with no ordinal suffix after a digit and the weekday check in one
without "day", and dates the events of a sentence nearest the same expression once. Each is checked
against the plain form on real news sentences and on sentences written for the edge cases.
"""
from __future__ import annotations

import datetime as dt
import re
from itertools import product

import pytest

from coder.dates import expressions, patterns, resolve
from coder.places import mentions
from coder.places.cues import _BOUNDARY_RE
from tests.conftest import real_news_sentences
from tests.test_wherewhen_speed import DATE_SENTENCES, EDGE_SENTENCES

MORE_EDGE_SENTENCES = [
    "Troops , Iraq  ,Syria and, near   Mosul, Iraq,",
    "On the 21st, the 3rd of this month and the 22nd they met; 1st-2nd places, 4 th",
    "THE 2ND OF MAY, the 1st. The 11th\u00a0and the 12th-century fort",
    "Sunday Times, MONDAY night, Holiday, today, TODAY and Daydream",
    "x", "", "   ", "Iraq", "’s", "-", "a,b ,c",
]


@pytest.fixture(scope="module")
def real_sentences() -> list[str]:
    return real_news_sentences(1500)


def _all(real_sentences):
    return EDGE_SENTENCES + MORE_EDGE_SENTENCES + DATE_SENTENCES + real_sentences


def test_real_sentences_are_there(real_sentences):
    assert len(real_sentences) == 1500
    assert sum(s.isascii() for s in real_sentences) > 1000


def test_ascii_split_is_the_unicode_split(real_sentences):
    for sentence in _all(real_sentences):
        if sentence.isascii():
            assert mentions._SPLIT_ASCII_RE.split(sentence) == mentions._SPLIT_RE.split(sentence), sentence
        toks, words, gaps = mentions._split(sentence)
        plain = mentions._SPLIT_RE.split(sentence)
        assert words == plain[1::2] and gaps == plain[0::2]


def test_gaps_are_the_text_between_tokens(real_sentences):
    # the mention finder reads `gaps[j]` where it cut `sentence[ends[j - 1]:starts[j]]`
    for sentence in _all(real_sentences):
        toks, words, gaps = mentions._split(sentence)
        assert len(gaps) == len(words) + 1
        for j in range(1, len(words)):
            assert gaps[j] == sentence[toks.ends[j - 1]:toks.starts[j]]
        # and a run of one word is remembered by the word itself, where longer runs are cut from the text
        assert words == [sentence[a:b] for a, b in zip(toks.starts, toks.ends)]


def test_scored_readings_are_remembered_as_worked_out(gaz):
    names = sorted(key for key, codes in gaz.index.items() if len(codes) > 1)[::40]
    assert len(names) > 100
    for key in names:
        codes = gaz.index[key]
        countries = sorted({gaz.cc[c >> 1] for c in codes})
        admin1 = (gaz.cc[codes[0] >> 1], gaz.a1[codes[0] >> 1])
        for hints in [(None, None, None), ("P", None, None), ("A", countries[-1], None), (None, None, admin1)]:
            for actors in ([], [countries[0]], countries[-1:], (countries[0], "ZZ")):
                plain = tuple(gaz._score_readings(codes, *hints, tuple(actors)))
                assert gaz._scored(codes, *hints, actors) == plain
                assert gaz._scored(codes, *hints, list(actors)) == plain   # remembered: the same again


ORDINALS = ["on the 21st, they said", "the 2nd of this month", "THE 3RD", "on the 4th-floor", "the 1st1",
            "the 5th of next month.", "the 31st and", "on the 9th\u2014", "the 10th"]


def test_every_ordinal_holds_a_digit_and_its_suffix():
    rx = dict(patterns._PATTERNS["D"])["ordinal"]
    for text in ORDINALS:
        for m in rx.finditer(text):
            assert patterns._ORDINAL_SUFFIX.search(m.group())


def test_ordinal_pattern_skipped_only_when_it_cannot_match(real_sentences, monkeypatch):
    sentences = ORDINALS + _all(real_sentences)
    fast = [expressions._candidates(s, future) for s in sentences for future in (False, True)]
    monkeypatch.setattr(expressions, "_ORDINAL_SUFFIX", re.compile(""))   # scan every sentence,
    monkeypatch.setattr(expressions, "_ORDINAL_SUFFIX_ASCII", re.compile(""))  # ASCII ones too
    assert fast == [expressions._candidates(s, future) for s in sentences for future in (False, True)]
    assert any(c.kind == "ordinal" for found in fast for c in found)


def test_every_weekday_name_holds_day():
    assert all("day" in name or "DAY" in name for name in patterns._WD_ALT.split("|"))


def test_boundaries_found_from_punctuation_are_the_regex_ones(real_sentences):
    def plain(text):
        return [m.start() for m in _BOUNDARY_RE.finditer(text)]

    for n in range(1, 6):   # every short run of spaces, dashes, quotes and a letter
        for chars in product([" ", "-", "—", "–", "\n", "x", '"', ";"], repeat=n):
            text = "".join(chars)
            assert mentions._boundary_starts(text) == plain(text), repr(text)
    for sentence in _all(real_sentences) + ["a - b -- c — d – e", "x - - y", "x -- - y", "x --- y", " - "]:
        assert mentions._boundary_starts(sentence) == plain(sentence), sentence


def _plain_event_date(sentence, article_date, verb_start, future):
    """`resolve_event_date` as written before a sentence's resolutions were shared."""
    cands = resolve._sentence_candidates(sentence, future)
    if not cands:
        return resolve._undated(article_date)
    chosen = cands[0] if len(cands) == 1 or verb_start is None else resolve._nearest(sentence, cands, verb_start)
    text = sentence[chosen.start:chosen.end]
    try:
        d, prec, reason = resolve._resolve(chosen, sentence, article_date, future, cands)
    except resolve._Unresolved as e:
        return resolve.DateResolution(None, text, None, str(e), chosen.start, chosen.end)
    if len(cands) > 1:
        by_verb = " to the verb" if verb_start is not None else ", first"
        reason += f" (nearest of {len(cands)} date expressions{by_verb})"
    return resolve.DateResolution(d, text, prec, reason, chosen.start, chosen.end)


def test_shared_event_dates_are_the_plain_ones(real_sentences):
    dated = [s for s in ORDINALS + _all(real_sentences) if expressions._candidates(s, False)]
    assert len(dated) > 200
    for sentence in dated:
        verbs = sorted({0, len(sentence) // 3, len(sentence) // 2, max(0, len(sentence) - 5)})
        for article_date in (dt.date(2016, 10, 27), dt.date(2017, 1, 2), None):
            for future in (False, True):
                for verb_start in [None, *verbs, *verbs]:    # each twice: the second time shared
                    got = resolve.resolve_event_date(sentence, article_date, verb_start=verb_start, future=future)
                    want = _plain_event_date(sentence, article_date, verb_start, future)
                    assert got == want, (sentence, verb_start)


# The routing checks as first written: _HAS_MONTH as a flat list of the month abbreviations, _HAS_UNIT
# without its look-ahead.
PLAIN_HAS_MONTH = re.compile(rf"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|{patterns._MON_ABBR}|MAY")
PLAIN_HAS_UNIT = re.compile(
    r"\s(?:[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear|[Hh]our|[Ff]ortnight|[Dd]ecade|morning|afternoon|evening|night)")


def test_month_and_unit_routing_is_the_plain_routing(real_sentences):
    months = [name[:k] for name in patterns._MONTH_NAMES for k in (2, 3, 4, len(name))]
    words = months + [m.upper() for m in months] + [m.lower() for m in months] + ["Sept", "SEPT", "MAy", "jUN"]
    units = ["day", "Day", "DAY", "week", "Weeks", "month", "Month", "year", "YEAR", "hour", "Hours", "fortnight",
             "Fortnight", "decade", "Decade", "morning", "Morning", "afternoon", "evening", "night", "Night"]
    texts = words + [f"{sep}{unit}" for unit in units for sep in ("", " ", "\t", "\n", "\xa0", "-", "x")]
    for text in texts + _all(real_sentences):
        assert bool(patterns._HAS_MONTH.search(text)) == bool(PLAIN_HAS_MONTH.search(text)), text
        assert bool(patterns._HAS_UNIT.search(text)) == bool(PLAIN_HAS_UNIT.search(text)), text

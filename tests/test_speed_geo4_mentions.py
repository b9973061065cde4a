"""Mention finding's per-word passes in C give what the plain forms give.

In ASCII text the mention finder takes every word that differs from its lower case as a possible
name start (no Python test of each word's first letter, no second pass for hyphens), and a clause's
communication verbs are found by one pass in C over the lower-case words. Both are checked against
the plain forms on real news sentences and on sentences written for the edge cases: words with a
capital letter inside ("iPhone", "eBay"), hyphens before and after capitals ("pro-US", "al-Raqqa",
"Saudi-led"), words in capitals, non-ASCII text.
"""
from __future__ import annotations

import pytest

from coder.places import mentions
from coder.places.cues import _COMM_VERBS
from tests.conftest import real_news_sentences
from tests.test_wherewhen_speed import EDGE_SENTENCES

CAPITAL_INSIDE = [
    "An iPhone maker and eBay met pro-US and anti-Iraq groups in al-Raqqa and el-Arish on Monday.",
    "Saudi-led forces, well-known NATO-backed units and McDonald's staff left Baghdad-based offices.",
    "The de-facto al-Shabaab ar-Raqqa ad-Dawr as-Sahwa ash-Shaddadi es-Sider leaders said.",
    "U.S.-backed fighters said in post-war Iraq; x-Ray and a-B met in iRaq, ISIS-held Mosul.",
    "Ça va: São Paulo and pro-Kurdish groups in Erbil-based camps said.",
    "covid-19 hit Wuhan-area towns - said the WHO -- near MOSUL.",
]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return EDGE_SENTENCES + CAPITAL_INSIDE + real_news_sentences(1500)


def _plain_name_starts(sentence, words, low):
    return [j for j, w in enumerate(words) if w[0].isupper() or "-" in w]


def test_real_sentences_are_there(sentences):
    assert len(sentences) > 1500


def test_extra_name_starts_open_no_name(gaz, sentences):
    lookups = mentions._lookups(gaz)
    for sentence in sentences:
        toks, words, gaps = mentions._split(sentence)
        low = [w.lower() for w in words]
        fast = mentions._name_starts(sentence, words, low)
        plain = _plain_name_starts(sentence, words, low)
        assert fast == sorted(set(fast)), sentence
        opens = [j for j in plain if lookups.word(words[j], gaz)[0]]
        assert set(opens) <= set(fast), sentence          # no word that opens a name is missed
        for j in set(fast) - set(plain):
            assert not lookups.word(words[j], gaz)[0], (sentence, words[j])


def test_analysis_is_the_plain_one(gaz, sentences, monkeypatch):
    fast = [mentions.analyze_sentence(s, gaz) for s in sentences]
    monkeypatch.setattr(mentions, "_name_starts", _plain_name_starts)
    mentions._LOOKUPS.clear()         # (fresh memos: the plain run works every answer out again)
    assert fast == [mentions.analyze_sentence(s, gaz) for s in sentences]
    assert sum(len(found.mentions) for found in fast) > 1000


def test_communication_verbs_are_the_plain_ones(sentences):
    for sentence in sentences:
        toks, words, gaps = mentions._split(sentence)
        low = [w.lower() for w in words]
        _, comm = mentions._clauses(sentence, toks, words, gaps, low)
        assert comm == [(toks.starts[j], toks.ends[j]) for j in range(len(words)) if low[j] in _COMM_VERBS]

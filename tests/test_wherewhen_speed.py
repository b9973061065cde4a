"""The fast paths of place finding give what the plain definitions give.

Mention finding (coder/places/mentions.py) remembers names by the text of their capitalised run,
looks up several-word country adjectives only after a word that can start one, tokenises with one
regex split, and finds commas and clause boundaries without walking every token. Each shortcut
is checked here against the plain rule it replaces, on sentences written to hit the edge cases:
no space between tokens ("U.S.Army"), a line break or a no-break space inside a name, possessives,
Arabic articles, hyphens, words in capitals.
"""
from __future__ import annotations

import re

import pytest

from coder.places import Gazetteer, analyze_sentence
from coder.places import mentions
from coder.places.cues import _BOUNDARY_CHAR_RE, _BOUNDARY_RE, _TOKEN_RE

# The token pattern as first written; _TOKEN_RE is the same language, written to scan faster.
PLAIN_TOKEN_RE = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w(?:\w|['’ʼ]\w|-\w)*")

EDGE_SENTENCES = [
    "Forces entered U.S.Army base near Mosul, Iraq.",
    "South\nKorean troops shelled Aleppo on Monday.",
    "South\xa0Korean troops shelled Aleppo.",
    "South  Korean troops in  New  York said they were ready.",
    "South Korean and North Korean officials met in Panmunjom.",
    "The Saudi-led coalition bombed al-Raqqa's outskirts.",
    "U.S. and U.K. forces hit Sanaa, Yemen, which they said was a rebel base.",
    "NORTH KOREAN forces; BAGHDAD IRAQ -- CAR BOMB IN KABUL",
    "Costa\tRican police in San José detained Sri Lankan nationals.",
    "Iraqis fled Mosul’s western districts, according to the UN.",
    "Côte d'Ivoire forces near Abidjan, while al-Qaeda fighters seized ar-Raqqa.",
    "US-backed fighters in North Carolina “moderate” militants (reportedly) said: no.",
    "Michael Jordan visited Jordan, and Washington said Moscow has a plan.",
    "A_-b Foo, Ünited Státes troops in Düsseldorf",
    "President George W. Bush met Pakistan's President in Islamabad on Tuesday",
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize("sentence", EDGE_SENTENCES)
def test_token_pattern_is_the_plain_one(sentence):
    assert _TOKEN_RE.findall(sentence) == PLAIN_TOKEN_RE.findall(sentence)
    plain = [(m.start(), m.end(), m.group()) for m in PLAIN_TOKEN_RE.finditer(sentence)]
    toks, words, gaps = mentions._split(sentence)
    assert list(zip(*toks)) == plain
    assert words == [t[2] for t in plain]
    assert gaps[1:-1] == [sentence[a[1]:b[0]] for a, b in zip(plain, plain[1:])]


@pytest.mark.parametrize("sentence", EDGE_SENTENCES)
def test_commas_and_boundary_characters(sentence):
    toks = mentions._tokens(sentence)
    walked = [j for j in range(1, len(toks.words)) if "," in sentence[toks.ends[j - 1]:toks.starts[j]]]
    assert mentions._after_commas(sentence, toks) == walked
    if _BOUNDARY_RE.search(sentence):
        assert _BOUNDARY_CHAR_RE.search(sentence)


@pytest.mark.parametrize("sentence", EDGE_SENTENCES)
def test_remembered_lookups_give_the_full_search(gaz, sentence):
    """At every capitalised token: the several-word adjective shortcut and the remembered name
    equal the full search, whether the memo is cold or warm."""
    toks, words, gaps = mentions._split(sentence)
    low = [w.lower() for w in words]
    for warm in (False, True):
        lookups = mentions._Lookups(gaz) if not warm else mentions._lookups(gaz)
        for j, word in enumerate(words):
            opens_name, one_word, may_go_on = lookups.word(word, gaz)
            if not opens_name:
                continue
            assert lookups.adjective_at(sentence, toks, gaps, j, gaz, one_word, may_go_on) == \
                mentions._adjective_at(sentence, toks, j, gaz), (sentence, word)
            assert lookups.longest_name(sentence, toks, gaps, low, j, gaz) == \
                mentions._longest_name(sentence, toks, low, j, _plain_run(sentence, toks, low, j), gaz), (sentence, word)


def _plain_run(sentence, toks, low, i) -> int:
    """The run of name-like tokens from token i, measured as it was before the shortcut."""
    run = 1
    while run < 6 and i + run < len(toks.words) and mentions._only_space(sentence[toks.ends[i + run - 1]:toks.starts[i + run]]) \
            and (mentions._is_cap(toks.words[i + run]) or low[i + run] in mentions._CONNECTORS):
        run += 1
    return run


def test_analysis_is_the_same_cold_and_warm(gaz):
    first = [analyze_sentence(s, gaz) for s in EDGE_SENTENCES]
    again = [analyze_sentence(s, gaz) for s in EDGE_SENTENCES]
    assert first == again
    assert [m.text for m in first[1].mentions] == ["Aleppo"]          # no "South\nKorean" adjective
    assert first[4].demonym_cc == ["KR", "KP"]
    assert "Mosul, Iraq" in [m.text for m in first[0].mentions]


def test_gazetteer_memos_answer_as_the_lookups(gaz):
    codes = gaz.find("Washington")
    assert len(codes) > 1
    assert gaz.resolve(codes) == gaz._rank(codes, None, None, None, (), None)
    assert gaz.resolve(codes) == gaz.resolve(codes)
    for word in ("Syrian", "U.S.", "Kurdish", "Mosul", "syrian"):
        assert gaz.demonym(word) == gaz._demonym(word) == gaz.demonym(word)

"""The fast paths of place finding give what the plain definitions give.

Mention finding (coder/places/mentions.py) remembers names by the text of their capitalised run,
looks up several-word country adjectives only after a word that can start one, tokenises with one
regex split, and finds commas and clause boundaries without walking every token. Each shortcut
is checked here against the plain rule it replaces, on sentences written to hit the edge cases:
no space between tokens ("U.S.Army"), a line break or a no-break space inside a name, possessives,
Arabic articles, hyphens, words in capitals.

Placing events (coder/places/locate.py) works the article context out only when an event needs it
and a sentence's clauses only when read; dates (coder/dates) route a sentence by substring tests.
These are checked against the eager forms they replace.
"""
from __future__ import annotations

import re

import pytest

from collections import Counter
from operator import itemgetter

from coder.dates import expressions, patterns
from coder.places import ArticleGeoOnDemand, analyze_sentence, article_context, locate_event
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


ARTICLE = [
    "KABUL, Afghanistan - Taliban fighters attacked a checkpoint in Kandahar province on Monday.",
    "Afghan officials said the attack near Kandahar killed three policemen; the Taliban denied it.",
    "Paris and Washington condemned the attack, while Pakistani officials met in Islamabad.",
    "Fighting continued in the south, officials in Kabul said, and Georgia sent aid.",
    "The ministry said “moderate” rebels (reportedly) left Tripoli, Libya, on Tuesday.",
]


def _context_fields(geo):
    return (list(geo.countries.items()), geo.dateline, geo.dateline_text, geo.main_place,
            list(geo.place_counts.items()))


@pytest.mark.parametrize("dateline", [None, "KABUL, Afghanistan -", "Paris -"])
def test_context_on_demand_is_the_eager_context(gaz, dateline):
    """Whatever an event reads first, the context on demand is the one `article_context` builds,
    and every event is placed alike."""
    eager = article_context(ARTICLE, dateline, gaz)
    for first in ("countries", "main_place", "dateline", None):
        lazy = ArticleGeoOnDemand(ARTICLE, dateline, gaz)
        if first:
            getattr(lazy, first)
        for sentence in ARTICLE:
            for verb in ("attacked", "said", "condemned", "sent", "left", "killed"):
                at = sentence.find(verb)
                if at < 0:
                    continue
                for actors in ([], ["PAK"], ["USA", "GEO"]):
                    assert locate_event(sentence, at, at + len(verb), actors, lazy, gaz) == \
                        locate_event(sentence, at, at + len(verb), actors, eager, gaz), (sentence, verb, actors)
        assert _context_fields(lazy) == _context_fields(eager)
        assert lazy.sentences.keys() == eager.sentences.keys()


@pytest.mark.parametrize("sentence", EDGE_SENTENCES + ARTICLE)
def test_clauses_on_demand_are_the_eager_clauses(gaz, sentence):
    found = analyze_sentence(sentence, gaz)
    toks, words, gaps = mentions._split(sentence)
    boundaries, comm = mentions._clauses(sentence, toks, words, gaps, [w.lower() for w in words])
    eager = mentions.SentenceGeo(sentence, found.mentions, boundaries, comm, found.demonym_cc)
    assert found == eager
    assert (found.boundaries, found.comm_positions) == (boundaries, comm)


def test_name_countries_and_locations_are_the_plain_ones(gaz):
    for name in ("Washington", "Georgia", "Syria", "Kandahar", "Paris", "Tripoli", "Punjab", "Nineveh"):
        codes = gaz.find(name)
        places = {c >> 1 for c in codes}
        only_country = next(iter(places)) if len(places) == 1 else None
        assert gaz.name_countries(codes) == (
            gaz.cc[only_country] if only_country is not None and gaz.kind[only_country] == "C" else None,
            len({gaz.cc[c >> 1] for c in codes}) == 1), name
        for i in places:
            place = gaz.place(i)
            loc = gaz.location(i, text=name, reason="r", precision=None, start=1, end=2)
            assert (loc.location_name, loc.geonameid, loc.latitude, loc.longitude, loc.admin1,
                    loc.location_country, loc.geo_precision) == (
                place.name, place.geonameid, place.latitude, place.longitude, place.admin1, place.country3,
                1 if place.kind == "city" else 3), name


def test_top_country_is_the_first_most_common():
    """`_rank` takes the article's top country as Counter.most_common(1) does: the first counted of
    the most counted (ties included)."""
    for counts in (Counter({"LB": 2, "LY": 2}), Counter({"LY": 2, "LB": 2}), Counter({"LB": 1, "LY": 3}),
                   Counter({"SY": 1})):
        assert max(counts.items(), key=itemgetter(1))[0] == counts.most_common(1)[0][0]


DATE_SENTENCES = [
    "Rebels attacked the town on Wednesday.", "On 2016-10-24 and 24/10/2016 they met, as in 2014.",
    "Some 250 people died three days later.", "It rained tonight and this morning.", "x\u0663y in \u0662\u0660",
    "The 3rd of last month, 30 km away, 1,000 troops", "In the 1990s and 20 years ago", "TODAY, YESTERDAY NIGHT",
]


@pytest.mark.parametrize("sentence", DATE_SENTENCES + EDGE_SENTENCES)
def test_date_routing_is_the_regex_routing(sentence):
    assert patterns._has_digit(sentence) == bool(patterns._HAS_DIGIT.search(sentence))
    assert patterns._has_relday(sentence) == bool(patterns._HAS_RELDAY.search(sentence))


@pytest.mark.parametrize("sentence", DATE_SENTENCES)
def test_year_patterns_skipped_only_when_they_cannot_match(sentence, monkeypatch):
    for future in (False, True):
        fast = expressions._candidates(sentence, future)
        monkeypatch.setattr(expressions, "_YEAR_KINDS", frozenset())
        full = expressions._candidates(sentence, future)
        monkeypatch.undo()
        assert fast == full

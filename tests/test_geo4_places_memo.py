"""Shortcuts of the places stage give what the plain search gives.

A capitalised word that no gazetteer key can start with is not looked up as a name; a Location's
place columns are remembered per place. Each is checked against the plain form on sentences written to hit the edge cases.
"""
from __future__ import annotations

import pytest

from coder.places import mentions
from coder.places.records import Location

SENTENCES = [
    "Forces entered U.S.Army base near Mosul, Iraq.",
    "Russia's forces and Syria’s army shelled Aleppo's outskirts.",
    "The Hague\tcourt met in New\xa0York and Sao\u2003Paulo.",
    "South\nKorean troops shelled Aleppo on Monday.",
    "Minister Smith, Thursday, told the Taliban in al-Raqqa and ar-Raqqa to leave.",
    "Foo_Bar and Ünited Státes troops in Düsseldorf and Kyiv.",
    "U.S. and U.K. forces hit Sanaa, Yemen, which they said was a rebel base.",
    "President George W. Bush met Pakistan's President in Islamabad on Tuesday",
    "Gondor and Osgiliath have downplayed their meeting after a hafling was reported on the pass of Cirith Ungol.",
    "They said This Week that Nowhereville's mayor visited Paris",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_words_that_open_no_name_are_skipped_alike(gaz, sentence):
    """With the first-word shortcut or without it (every word looked up), the same analysis."""
    plain = mentions._Lookups(gaz)
    plain.name_first_words = None
    assert all(plain.may_open_name(w) for w in mentions._split(sentence)[1])
    assert mentions._analyze_sentence(sentence, gaz, mentions._Lookups(gaz)) == \
        mentions._analyze_sentence(sentence, gaz, plain)


def test_first_words_hold_every_key_start(gaz):
    lookups = mentions._lookups(gaz)
    assert lookups.name_first_words is not None
    for name in ("Kyiv", "al-Raqqa", "U.S.", "USA", "The Hague", "Russia's"):
        assert lookups.may_open_name(name), name
    assert not lookups.may_open_name("Qxzzyqv")


def test_location_columns_are_the_place_columns(gaz):
    for name in ("Kandahar", "Syria", "Nineveh", "Kurdistan", "Paris", "Washington"):
        for code in gaz.find(name):
            i = code >> 1
            p = gaz.place(i)
            for precision in (None, 2):
                assert gaz.location(i, text=name, reason="r", precision=precision, start=1, end=2) == Location(
                    name, p.name, p.geonameid, p.latitude, p.longitude, p.admin1, p.country3,
                    precision or (1 if p.kind == "city" else 3), "r", 1, 2)


ARTICLE = [
    "Gunmen attacked a market on Monday, police said.",
    "Officials in Baghdad and Paris condemned the attack; Kenyan troops were sent to Kismayo.",
    "The army said it would retake the town.",
]


@pytest.mark.parametrize("dateline", ["MOSUL, Iraq -", "NAIROBI -", "PARIS -", "Nowhereville -", None])
def test_unambiguous_dateline_needs_no_context(gaz, dateline):
    """A dateline town of one candidate is placed without reading the article's sentences, as the
    full context places it; the context built later is the eager one."""
    from coder.places import ArticleGeoOnDemand, article_context, locate_event

    eager = article_context(ARTICLE, dateline, gaz)
    lazy = ArticleGeoOnDemand(ARTICLE, dateline, gaz)
    assert lazy.dateline == eager.dateline
    if dateline in ("MOSUL, Iraq -", "NAIROBI -"):
        assert eager.dateline is not None and not lazy.sentences       # nothing analysed
    for sentence in ARTICLE:
        for verb in ("attacked", "condemned", "sent", "retake"):
            at = sentence.find(verb)
            if at >= 0:
                assert locate_event(sentence, at, at + len(verb), [], lazy, gaz) == \
                    locate_event(sentence, at, at + len(verb), [], eager, gaz), (sentence, verb)
    context = lazy.context()
    assert (context.countries, context.dateline, context.dateline_text, context.main_place) == \
        (eager.countries, eager.dateline, eager.dateline_text, eager.main_place)

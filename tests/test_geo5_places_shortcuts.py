"""Shortcuts of places and dates give what the plain forms give.

A token's facts are read from one memo; the tokens that may open a name are found by comparing
words with their lower case; the article context counts in plain dicts; the dedup keys stay the
event ids of the story and of the day; an undated sentence shares one resolution per article date.
Each is checked against the plain form, on sentences written to hit the edge cases.
"""
from __future__ import annotations

import datetime as dt

import pytest

from coder.coding.events import event_id
from coder.coding.wherewhen import dedup_keys
from coder.places import article_context
from coder.places import mentions

SENTENCES = [
    "Prime Minister John Kerry met Foreign Secretary Boris Johnson in New York.",
    "Secretary General Ban Ki-moon visited Port Au Prince and Rio De Janeiro on Monday.",
    "Forces entered U.S.Army base near Mosul, Iraq, and U.S.AZzqx Town.",
    "Leaders of the United Arab Emirates and the United States of America met in Abu Dhabi.",
    "South\nKorean troops shelled Aleppo near Sao\u2003Paulo Zzqx Town.",
    "The Hague\tcourt met in New\xa0York and Sao Paulo Qqqz.",
    "Russia's forces and Syria’s army shelled Aleppo's outskirts in Deir Ez Zor Province.",
    "U.S. and U.K. forces hit Sanaa, Yemen, which they said was a rebel base.",
    "Foo_Bar and Ünited Státes troops in Düsseldorf and Kyiv Zzqx.",
    "Gen. Zzqx Smith of the Army Corps of Engineers arrived in Fort Worth Zzqx Texas.",
    "The UAE Zzqx Army and the DRC Qqzz said they would meet in Kinshasa Democratic Republic.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_token_facts_are_the_two_lookups(gaz, sentence):
    lookups = mentions._Lookups(gaz)
    for word in mentions._split(sentence)[1]:
        opens_name, one_word, may_go_on = lookups.word(word, gaz)
        assert lookups.word_facts(word, gaz) == (opens_name, one_word, may_go_on,
                                                 opens_name and lookups.may_open_name(word))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_analysis_is_the_same_with_and_without_the_shortcuts(gaz, sentence):
    plain = mentions._Lookups(gaz)
    plain.name_first_words = None
    assert mentions._analyze_sentence(sentence, gaz, mentions._Lookups(gaz)) == \
        mentions._analyze_sentence(sentence, gaz, plain)


def test_context_counts_and_main_place(gaz):
    sentences = ["Clashes in Aleppo and Damascus killed ten.", "Syrian troops shelled Aleppo.",
                 "Turkish officials in Ankara said Aleppo was quiet.", "Clashes in Damascus went on."]
    geo = article_context(sentences, None, gaz)
    assert geo.main_place is not None and geo.main_place.location_name == "Aleppo"
    assert list(geo.countries)[0] == "SY" and geo.countries["SY"] >= 3 and geo.countries["TR"] >= 1
    assert sum(geo.place_counts.values()) >= 4
    # a tie of counts goes to the place first seen
    tie = article_context(["Clashes in Damascus.", "Clashes in Aleppo."], None, gaz)
    assert tie.main_place.location_name == "Damascus"


@pytest.mark.parametrize("date", [dt.date(2016, 1, 5), None])
@pytest.mark.parametrize("codes", [("IRQ", "190", "USA"), ("---", "0231", None), ("SYRGOV", "111", "---")])
def test_dedup_keys_are_the_event_ids(date, codes):
    record = {"doc_id": "doc-1", "event_date": date, "source_code": codes[0], "event_code": codes[1],
              "target_code": codes[2]}
    assert dedup_keys(record) == {"dedup_story_key": event_id("doc-1", *codes),
                                  "dedup_day_key": event_id(date, *codes)}


NAME_START_SENTENCES = SENTENCES + [
    "ϒpsilon and Ǆemal met the al-Raqqa council; pro-Russian and Saudi-led forces left.",
    "the state-run agency said ÉTAT and état-major officials met in Île-de-France.",
    "no capital here, nor a hyphen",
]


@pytest.mark.parametrize("sentence", NAME_START_SENTENCES)
def test_name_starts_are_the_capitalised_or_hyphenated_tokens(sentence):
    words = mentions._split(sentence)[1]
    low = [w.lower() for w in words]
    assert mentions._name_starts(sentence, words, low) == [j for j, w in enumerate(words)
                                                           if w[0].isupper() or "-" in w]


def test_a_sentence_without_a_date_gets_the_article_date():
    from coder.dates import resolve_event_date

    day = dt.date(2016, 1, 5)
    found = resolve_event_date("Talks went on.", day)
    assert (found.date, found.text, found.precision, found.reason) == (day, None, 1, "article date")
    assert resolve_event_date("Talks went on.", None).reason == "no date expression and no article date"
    later = resolve_event_date("Talks went on.", dt.datetime(2016, 1, 5, 12, 0))
    assert type(later.date) is dt.datetime   # the date as given, whatever dates came before

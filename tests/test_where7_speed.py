"""Shortcuts of placing events give what the plain forms give.

A name's place is resolved without the article's countries when they cannot change it (working them
out reads the article's lead); the mention finder skips the capitalised words it knows open no name
and no country adjective. Each is checked against the plain form: on every ambiguous name of the
gazetteer in many contexts, and on sentences written to hit the edge cases plus real news sentences.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice

import pytest

from coder.places import mentions
from tests.conftest import real_news_sentences
from tests.test_wherewhen_speed import EDGE_SENTENCES as PLACE_EDGE_SENTENCES

# The mention finder's edge cases (tests/test_wherewhen_speed.py), and more for the word skip.
EDGE_SENTENCES = PLACE_EDGE_SENTENCES + [
    "Zzqx  Zzqx\tZzqx\nZzqx, Zzqx.Zzqx Zzqx",
    "He said Zzqx met Putin in Sochi; Zzqx's aides and Putin’s staff met in Paris, France.",
    "Kurdish Kurdish fighters, Kurdish and Kurdish-led Syrian forces",
    "Sri Sri Lankan Lankan Sri  Lankan Sri",
    "New New York York New",
]


def _real_sentences(limit: int = 1500) -> list[str]:
    return real_news_sentences(limit)


class _NeverInert(dict):
    """An `inert` word memo that stays empty: the mention finder takes its full path for every word."""

    def remember(self, word, value):
        return value


def test_inert_words_change_no_analysis(gaz):
    plain = mentions._Lookups(gaz)
    plain.inert = _NeverInert()
    sentences = EDGE_SENTENCES + _real_sentences()
    for _ in range(2):   # the second time every word is known, and the inert ones skipped
        for sentence in sentences:
            found = mentions.analyze_sentence(sentence, gaz)
            assert found == mentions._analyze_sentence(sentence, gaz, plain), sentence
    assert "Zzqx" in mentions._lookups(gaz).inert


def _contexts(gaz, codes):
    """Hints, actors and article countries that favour each candidate of a name in turn."""
    countries = sorted({gaz.cc[c >> 1] for c in codes})
    admin1 = sorted({(gaz.cc[c >> 1], gaz.a1[c >> 1]) for c in codes})
    hints = [(None, None, None), ("P", None, None), ("A", None, None), (None, countries[-1], None),
             (None, None, admin1[0])]
    actors = [[], [countries[0]], countries[-1:]]
    articles = [None, Counter()] + [Counter({cc: 1}) for cc in countries] + \
               [Counter({cc: 1, countries[0]: 2}) for cc in countries] + [Counter(dict.fromkeys(countries, 1))]
    return hints, actors, articles


def test_article_countries_are_read_only_when_they_can_change_the_place(gaz):
    names = sorted(key for key, codes in gaz.index.items() if len(codes) > 1)[::7]
    decided_without = 0
    for key in names:
        codes = gaz.index[key]
        hints, actors, articles = _contexts(gaz, codes)
        for kind_hint, hint_cc, hint_a1 in hints:
            for actor_cc in actors:
                def everywhere(article_cc):
                    return gaz.resolve(codes, kind_hint=kind_hint, hint_cc=hint_cc, hint_a1=hint_a1,
                                       actor_cc=actor_cc, article_cc=article_cc)

                for article_cc in articles:
                    asked = []

                    def countries():
                        asked.append(True)
                        return article_cc

                    found = gaz.resolve_in_article(codes, kind_hint=kind_hint, hint_cc=hint_cc, hint_a1=hint_a1,
                                                   actor_cc=actor_cc, article_countries=countries)
                    if asked:
                        assert found == everywhere(article_cc), key
                    else:
                        decided_without += 1
                        assert all(found == everywhere(other) for other in articles), key
    assert decided_without > len(names)     # the shortcut is taken


def test_a_name_of_one_candidate_never_reads_the_article(gaz):
    names = [key for key, codes in islice(gaz.index.items(), 0, None, 50) if len(codes) == 1]
    for key in names:
        codes = gaz.index[key]
        for kind_hint in (None, "P", "A"):
            found = gaz.resolve_in_article(codes, kind_hint=kind_hint,
                                           article_countries=lambda: pytest.fail("read the article"))
            assert found == codes[0] >> 1 == gaz.resolve(codes, kind_hint=kind_hint, article_cc=Counter({"SY": 1}))


def test_one_word_adjective_before_a_space_is_the_adjective_search(gaz):
    """`_analyze_sentence` answers `adjective_at` itself for a word no several-word adjective starts
    with, followed by one space: its one-word adjective, or none."""
    lookups = mentions._Lookups(gaz)
    checked = 0
    for sentence in EDGE_SENTENCES + _real_sentences(500):
        toks, words, gaps = mentions._split(sentence)
        for j, word in enumerate(words):
            opens_name, one_word, may_go_on, _ = lookups.word_facts(word, gaz)
            if opens_name and not may_go_on and gaps[j + 1] == " ":
                checked += 1
                assert lookups.adjective_at(sentence, toks, gaps, j, gaz, one_word, may_go_on) == \
                    mentions._adjective_at(sentence, toks, j, gaz) == \
                    ((one_word, 1) if one_word is not None else (None, 0)), (sentence, word)
    assert checked > 100

"""The word split of mention finding gives the token split (issue 15).

Mention finding splits a sentence with no full stop before a capital letter by the word pattern
alone: no initials ("U.S.") can match there. Checked against the token split on real news sentences
and on sentences written for the edge cases.
"""
from __future__ import annotations

import pytest

from coder.places import mentions
from tests.conftest import real_news_sentences
from tests.test_where8_speed import MORE_EDGE_SENTENCES
from tests.test_wherewhen_speed import DATE_SENTENCES, EDGE_SENTENCES

INITIALS_SENTENCES = [
    "U.S. troops entered al-Raqqa.", "The U.N. and the E.U.", "U.K", "A.B.C.D. met", "x.Y", "a.b.c",
    "Mr. Smith went.", "Dr.Jones", "3.5 percent.", "End.", ".A", "A.", "É.A. and A.É", "U.S.’s aid",
    "Kabul.Afghanistan", "Rebels attacked Aleppo. Troops left.", "ñ.Ñ", "Z.z.Z",
]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return (real_news_sentences(1500) + EDGE_SENTENCES + MORE_EDGE_SENTENCES + DATE_SENTENCES
            + INITIALS_SENTENCES)


def test_the_split_is_the_token_split(sentences):
    for sentence in sentences:
        assert mentions._splitter(sentence).split(sentence) == mentions._SPLIT_RE.split(sentence), sentence


def test_sentences_without_initials_take_the_word_split(sentences):
    # the shortcut is taken where it can be: most sentences hold no full stop before a capital letter
    words_only = [s for s in sentences if mentions._splitter(s) in (mentions._SPLIT_WORDS_RE,
                                                                     mentions._SPLIT_WORDS_ASCII_RE)]
    assert len(words_only) > len(sentences) * 0.8
    assert mentions._splitter("U.S. troops") is mentions._SPLIT_ASCII_RE
    assert mentions._splitter("Troops in Kabul.") is mentions._SPLIT_WORDS_ASCII_RE

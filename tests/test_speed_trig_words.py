"""The word table reads each word's lower-case form from a table of the words met before (one str
per word, its hash computed once) rather than from the string store: the same words, on real news,
when the table is forgotten midway, and from another vocabulary."""
from __future__ import annotations

import spacy

from coder.coding import triggers
from coder.coding.triggers import Words
from coder.memos import Memo
from tests.conftest import real_news_sentences

EDGE = ["Rebels attacked the town of Aleppo.", "ÉTAT ISLAMIQUE: l'attaque à Mossoul ; 3,000 killed — 12/05/2016!",
        "“Nothing,” said Rohan… Gondor's army, U.S.-backed, hit Mordor 😀 twice.", "", "   "]


def _plain(doc) -> list[str]:
    return [token.lower_ for token in doc]


def test_words_are_the_lower_case_forms_on_real_news(mini_coder):
    sentences = EDGE + real_news_sentences(600)
    for doc in mini_coder.nlp.pipe(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)):
        words = Words(doc)
        assert words.lower == _plain(doc)
        assert Words(doc).lower == words.lower  # read again, from the table only
        assert all(map(lambda a, b: a is b, Words(doc).lower, words.lower))  # the one str per word


def test_a_full_table_is_forgotten_and_refilled(mini_coder, monkeypatch):
    monkeypatch.setattr(triggers, "_WORD_TABLE_MAX", 5)
    monkeypatch.setattr(triggers, "_WORD_TABLES", Memo("word tables, by string store", 8))
    for text in EDGE + real_news_sentences(60):
        doc = mini_coder.nlp(text)
        assert Words(doc).lower == _plain(doc)
        assert len(triggers._WORD_TABLES[id(doc.vocab.strings)]) <= 5  # emptied when one more would not fit


def test_a_word_of_another_vocabulary_reads_the_same(mini_coder):
    other = spacy.blank("en")
    for text in EDGE[:3]:
        assert Words(other(text)).lower == _plain(mini_coder.nlp(text)) == Words(mini_coder.nlp(text)).lower


def test_each_vocabulary_reads_its_own_store(mini_coder):
    """A word that only another pipeline has met is read from that pipeline's own store (one table a
    store: a thread coding with another pipeline cannot hand this one a store without the word)."""
    other = spacy.blank("en")
    doc = other("Zyzzogeton qqxv attacked.")
    assert Words(doc).lower == ["zyzzogeton", "qqxv", "attacked", "."]
    mine = mini_coder.nlp("Gondor attacked Mordor.")
    assert Words(mine).lower == _plain(mine)
    assert triggers._WORD_TABLES[id(other.vocab.strings)].strings is other.vocab.strings
    assert triggers._WORD_TABLES[id(mine.vocab.strings)].strings is mine.vocab.strings


def test_a_given_lower_is_kept(mini_coder):
    doc = mini_coder.nlp("Gondor attacked Mordor.")
    given = _plain(doc)
    assert Words(doc, given).lower is given

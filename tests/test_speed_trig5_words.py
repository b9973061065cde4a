"""The word table reads its two columns (LOWER ids and punctuation flags) with one `tolist` of the
transposed array: the same lists as the tokens say, on edge cases (an empty doc among them, whose
array has no rows) and on real news."""
from __future__ import annotations

from coder.coding.triggers import Words
from tests.conftest import real_news_sentences

EDGE = ["", "   ", ".", "?!", "Rebels attacked the town of Aleppo.", "“Nothing,” said Rohan… U.S.-backed (twice)!",
        "ÉTAT ISLAMIQUE: l'attaque à Mossoul ; 3,000 killed — 12/05/2016 😀"]


def _check(doc) -> None:
    words = Words(doc)
    assert words.ids == [token.lower for token in doc]
    assert words.punct == [int(token.is_punct) for token in doc]
    assert words.lower == [token.lower_ for token in doc]
    assert type(words.ids) is list and type(words.punct) is list
    assert all(type(value) is int for value in words.ids + words.punct)  # Python ints, not NumPy's


def test_the_columns_on_edge_cases(mini_coder):
    for text in EDGE:
        _check(mini_coder.nlp.make_doc(text))


def test_the_columns_on_real_news(mini_coder):
    sentences = real_news_sentences(300)
    for doc in mini_coder.nlp.pipe(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)):
        _check(doc)

"""The shallow pipeline works out only the word attributes the coder reads (coding/coder.py,
`keep_read_attributes`): the same tokens, sentences, attribute values and events as spaCy's full set."""
import spacy
from spacy.attrs import IDS

from coder import Coder
from coder.coding.coder import READ_ATTRIBUTES, load_pipeline
from tests.conftest import load_script, real_news_sentences

import pytest

NAMES = {value: name for name, value in IDS.items()}
READ = ["lower_", "is_alpha", "is_lower", "is_punct", "is_space", "is_stop", "is_title", "is_upper"]


def full_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def test_shallow_vocab_works_out_only_the_read_attributes():
    nlp, _ = load_pipeline("shallow", None)
    assert set(nlp.vocab.lex_attr_getters) == READ_ATTRIBUTES
    assert sorted(NAMES[a].lower() + ("_" if NAMES[a] == "LOWER" else "") for a in READ_ATTRIBUTES) == sorted(READ)
    # a word it has not met: what it reads is worked out, the rest left at zero
    token = nlp("Zyxwvutian rebels shelled 12,000 homes.")[0]
    assert (token.lower_, token.is_title, token.is_alpha, token.shape_) == ("zyxwvutian", True, True, "")
    assert nlp("12,000 homes")[0].like_num is False  # not worked out
    assert full_pipeline()("12,000 homes")[0].like_num is True


def test_same_tokens_sentences_and_read_values_as_the_full_set():
    sentences = real_news_sentences(1500)
    if not sentences:
        pytest.skip("needs ../shared (bench/realnews.py)")
    trimmed, full = load_pipeline("shallow", None)[0], full_pipeline()
    # paragraphs of a few sentences, with words no vocabulary has met (new lexemes either way)
    texts = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    texts += ["Qwertyville's mayor, Dr. Xolotl-Brandt, met ZYX officials on 3/4/2021... Then 5 left!"]
    compared = 0
    for a, b in zip(trimmed.pipe(texts), full.pipe(texts)):
        assert [t.text for t in a] == [t.text for t in b]
        assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b]
        for name in READ:
            assert [getattr(t, name) for t in a] == [getattr(t, name) for t in b], name
        compared += len(a)
    assert compared > 20000


def test_same_events_as_the_full_set():
    try:
        records = list(load_script("bench/realnews.py").articles(120))
    except (OSError, ImportError):
        records = []
    if not records:
        pytest.skip("needs ../shared (bench/realnews.py)")
    texts = [(r["text"], r["date"]) for r in records]
    trimmed, full = Coder(), Coder(nlp=full_pipeline())

    def coded(coder):  # every column but the pipeline's label (`shallow` / `shallow:pipeline`)
        return [[{k: v for k, v in event.items() if k != "analysis"} for event in coder.code_text(text, date=date)]
                for text, date in texts]

    events = coded(trimmed)
    assert events == coded(full)
    assert sum(map(len, events)) > 300

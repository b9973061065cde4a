"""The shallow pipeline's sentencizer (coding/sentences.py) sets every token's sentence start as
spaCy's Sentencizer does, on the same tokens: on real news, on edge cases, with starts set before
it, with its options; it serialises and pickles; and `pipe_texts` makes nlp.pipe's docs."""
import pickle

import pytest
import spacy
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from coder.coding.coder import load_pipeline
from coder.coding.segment import clean_article
from coder.coding.sentences import ArraySentencizer, pipe_texts
from coder.coding.tokenizer import blank_english
from tests.conftest import real_news_articles, real_news_sentences

EDGE_TEXTS = [
    "", " ", "\n\n", ".", "!!!", "...", "?!", ". . .", "Hello", "Hello.", "Hello. ", "Hello .",
    "Hello?! World", "Wait... what? Yes!! No.", "He said \"stop.\" Then he left.", "(See above.) Next one.",
    "“Go.” ‘Now.’ [1] Done.", "They left...and came back", "U.S. troops met Mr. Smith in St. Louis. Talks ended.",
    "Hello.  World", "Hello.\n\nWorld.\n", "Hello. \t World", ". Start", "? ! . Start", "A. B. C.", "a.b.c",
    "end . . . next", "3.5 million. 4.5 more.", "漢字。次！終わり", "هل أنت؟ نعم.", "Что? Да.", "१. परीक्षा। अगला॥ अंत",
    "Stop‼ Go‽ Now⁈ ok", "full width．next？yes！", "- . -", "!!! Hello", ") . (", "Hi!) (there", "😀. 😀!",
]


def spacys_pipeline(*, punct_chars=None, overwrite=False):
    """spaCy's Sentencizer after the coder's tokenizer: the reference."""
    nlp = blank_english()
    nlp.replace_pipe("sentencizer", "sentencizer", config={"punct_chars": punct_chars, "overwrite": overwrite})
    assert type(nlp.get_pipe("sentencizer")) is Sentencizer
    return nlp


def starts(doc) -> list[int]:
    """Every token's `sent_start` (1, -1 or 0)."""
    return doc.to_array("SENT_START").astype("int64").tolist()


def same_starts(texts, ours, spacys):
    compared = 0
    for text in texts:
        assert starts(ours(text)) == starts(spacys(text)), text
        compared += 1
    return compared


@pytest.fixture(scope="module")
def pipelines():
    return blank_english(), spacys_pipeline()


def test_blank_english_splits_with_the_array_sentencizer():
    for nlp in (blank_english(), load_pipeline("shallow", None)[0]):
        assert nlp.pipe_names == ["sentencizer"]
        assert type(nlp.get_pipe("sentencizer")) is ArraySentencizer
        assert nlp.get_pipe("sentencizer").punct_chars == set(Sentencizer.default_punct_chars)


def test_real_news_paragraphs_split_as_spacy_splits_them(pipelines):
    ours, spacys = pipelines
    paragraphs = [p.text for record in real_news_articles(400) for p in clean_article(record["text"]).paragraphs]
    sentences = real_news_sentences(100000)  # GUM and EWT too, a few at a time
    texts = paragraphs + [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    assert same_starts(texts, ours, spacys) > 2000
    assert sum(len(list(ours(text).sents)) for text in paragraphs) == sum(
        len(list(spacys(text).sents)) for text in paragraphs)


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_edge_cases_split_as_spacy_splits_them(pipelines, text):
    ours, spacys = pipelines
    assert starts(ours(text)) == starts(spacys(text))
    assert [t.is_sent_start for t in ours(text)] == [t.is_sent_start for t in spacys(text)]


@pytest.mark.parametrize("options", [{"punct_chars": [";", "<eos>", ""]}, {"punct_chars": ["e"]}, {"overwrite": True}])
def test_options_work_as_in_spacy(options):
    ours, spacys = blank_english(), spacys_pipeline(**options)
    ours.replace_pipe("sentencizer", "eventcoder_sentencizer", config=options)
    texts = EDGE_TEXTS + ["a; b <eos> c;d", "one; two;; three", "Here. There; everywhere"]
    same_starts(texts, ours, spacys)


PRESET = [  # words, sent_starts set before the sentencizer runs
    (["Hello", ".", "World", "."], [True, None, None, None]),
    (["Hello", ".", "World", "."], [False, None, None, None]),
    (["Hello", ".", "World", "."], [None, None, False, None]),
    (["Hello", "there", "World", "."], [None, None, True, None]),
    (["Hello", ".", "World", "!", "Again"], [True, False, None, None, True]),
    (["Hello"], [False]), (["Hello"], [None]), (["."], [True]),
]


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("words, preset", PRESET)
def test_starts_set_before_are_kept_as_spacy_keeps_them(words, preset, overwrite):
    vocab = blank_english().vocab
    ours = ArraySentencizer(overwrite=overwrite)
    spacys = Sentencizer(overwrite=overwrite)
    assert starts(ours(Doc(vocab, words=words, sent_starts=preset))) == \
        starts(spacys(Doc(vocab, words=words, sent_starts=preset)))


def test_the_pipeline_serialises_and_pickles(tmp_path):
    nlp = blank_english()
    text = "Hello?! World. He said \"stop.\" Then 漢字。次"
    expected = starts(spacys_pipeline()(text))
    for copy in (pickle.loads(pickle.dumps(nlp)), blank_english().from_bytes(nlp.to_bytes())):
        assert type(copy.get_pipe("sentencizer")) is ArraySentencizer
        assert starts(copy(text)) == expected
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert type(loaded.get_pipe("sentencizer")) is ArraySentencizer and starts(loaded(text)) == expected


def test_new_punct_chars_are_searched_for():
    sentencizer = ArraySentencizer()
    nlp = blank_english()
    assert starts(sentencizer(nlp.make_doc("ab; cd. ef"))) == [1, -1, -1, -1, 1]
    sentencizer.from_bytes(Sentencizer(punct_chars=[";"]).to_bytes())
    assert starts(sentencizer(nlp.make_doc("ab; cd. ef"))) == [1, -1, 1, -1, -1]
    copied = pickle.loads(pickle.dumps(sentencizer))
    assert copied.punct_chars == {";"} and starts(copied(nlp.make_doc("ab; cd. ef"))) == [1, -1, 1, -1, -1]


def test_pipe_texts_makes_nlp_pipes_docs():
    texts = ["Hello. World!", "", "One? Two", "x"]
    for nlp in (blank_english(), spacys_pipeline()):
        assert [starts(d) for d in pipe_texts(nlp, texts)] == [starts(d) for d in nlp.pipe(texts)]
        assert [[t.text for t in d] for d in pipe_texts(nlp, texts)] == [[t.text for t in d] for d in nlp.pipe(texts)]


def test_pipe_texts_fails_as_nlp_pipe_does(monkeypatch):
    nlp = blank_english()
    nlp.max_length = 20
    for make in (pipe_texts, lambda nlp, texts: list(nlp.pipe(texts))):
        with pytest.raises(ValueError, match="E088"):
            make(nlp, ["short", "a text longer than twenty characters"])

    def broken(self, doc):
        raise RuntimeError("broken")

    monkeypatch.setattr(ArraySentencizer, "set_sent_starts", broken)
    for make in (pipe_texts, lambda nlp, texts: list(nlp.pipe(texts))):
        with pytest.raises(RuntimeError, match="broken"):
            make(blank_english(), ["Hello."])
        forgiving = blank_english()
        forgiving.set_error_handler(lambda name, proc, docs, error: None)
        assert make(forgiving, ["Hello.", "World."]) == [None, None]


def test_other_pipelines_go_through_nlp_pipe(monkeypatch):
    nlp = blank_english()
    nlp.add_pipe("sentencizer", name="spacys")
    calls = []
    monkeypatch.setattr(type(nlp), "pipe", lambda self, texts: calls.append(texts) or iter([]))
    pipe_texts(nlp, ["Hello."])
    pipe_texts(spacy.blank("en"), ["Hello."])
    assert calls == [["Hello."], ["Hello."]]

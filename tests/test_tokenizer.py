"""The shallow pipeline (coding/tokenizer.py) tokenises as spaCy's blank English one, with less work
per new word: the same tokens, sentences, read attribute values and events; the dispatched affix
searches find what spaCy's expressions find, and fall back to them where they cannot be read."""
import pickle
import re

import pytest
import spacy
from spacy.attrs import IDS
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from coder import Coder
from coder.coding.coder import load_pipeline
from coder.coding.tokenizer import READ_ATTRIBUTES, DispatchedSearch, InfixFilter, _infix_finditer, _search
from tests.conftest import real_news_articles, real_news_sentences

NAMES = {value: name for name, value in IDS.items()}
READ = ["lower_", "is_alpha", "is_lower", "is_punct", "is_space", "is_stop", "is_title", "is_upper"]
EN = spacy.blank("en").Defaults
# Words with affixes of every kind, a trailing newline, and characters from the large classes
TRICKY = ["10km", "5km²", "$5", "US$30", "(Reuters)", "U.S.", "Iraq's", "IRAQ'S", "it’s", "don't", "--", "—",
          "...", "…", "wait…", "end.\n", "end\n", "a\n", "'quoted'", '"Stop!"', "«non»", "50%", "30°C.", "A.",
          "well-known", "3-4", "1+2", "a:b", "x/y", "e.g.", "😀", "hi😀", "漢字。", "،", "ok؟", "1,000.", "#tag",
          "@user", "http://example.com/a.", "[1]", "{x}", "<b>", "a_b_", "km", "kg.", "Mr.", "H&M", "¡Hola!"]


def full_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spans(found):
    return None if found is None else found.span()


def test_shallow_vocab_works_out_only_the_read_attributes():
    nlp, _ = load_pipeline("shallow", None)
    assert set(nlp.vocab.lex_attr_getters) == READ_ATTRIBUTES
    assert sorted(NAMES[a].lower() + ("_" if NAMES[a] == "LOWER" else "") for a in READ_ATTRIBUTES) == sorted(READ)
    # a word it has not met: what it reads is worked out, the rest left at zero
    token = nlp("Zyxwvutian rebels shelled 12,000 homes.")[0]
    assert (token.lower_, token.is_title, token.is_alpha, token.shape_) == ("zyxwvutian", True, True, "")
    assert nlp("12,000 homes")[0].like_num is False  # not worked out
    assert full_pipeline()("12,000 homes")[0].like_num is True


def test_the_default_affixes_are_all_dispatched():
    tokenizer = load_pipeline("shallow", None)[0].tokenizer
    assert isinstance(tokenizer.prefix_search, DispatchedSearch) and tokenizer.prefix_search.first
    assert isinstance(tokenizer.suffix_search, DispatchedSearch) and not tokenizer.suffix_search.first
    assert isinstance(tokenizer.infix_finditer, InfixFilter)
    assert None not in tokenizer.suffix_search.edges  # every English suffix rule was read
    assert tokenizer.suffix_search.__self__.pattern == compile_suffix_regex(EN.suffixes).pattern


def test_dispatched_searches_find_what_spacys_find():
    prefix = _search(EN.prefixes, compile_prefix_regex, "^{}", first=True)
    suffix = _search(EN.suffixes, compile_suffix_regex, "{}$", first=False)
    infix = _infix_finditer(EN.infixes)
    plain = compile_prefix_regex(EN.prefixes), compile_suffix_regex(EN.suffixes), compile_infix_regex(EN.infixes)
    words = {w for s in real_news_sentences(3000) for w in s.split()} | set(TRICKY)
    # every character an affix can start or end with, at each end of a word, a number and alone
    edge_chars = set().union(*(e for e in suffix.edges + prefix.edges if e)) | infix.starts
    strings = set(words) | {w[i:] for w in words for i in range(len(w))} | {w[:i] for w in words for i in range(1, len(w))}
    strings |= {f"{a}{c}{b}" for c in edge_chars for a, b in (("", ""), ("ab", ""), ("", "ab"), ("9", ""), ("A", "."))}
    for string in strings:
        assert spans(prefix(string)) == spans(plain[0].search(string)), string
        assert spans(suffix(string)) == spans(plain[1].search(string)), string
        assert [m.span() for m in infix(string)] == [m.span() for m in plain[2].finditer(string)], string
    assert len(strings) > 50000


def test_rules_it_cannot_read_keep_spacys_search():
    readable = ["'s", "(?<=[0-9])km", "\\.\\.+", "(?:a|bc)", "x(?=y)?"]
    unread = [readable + ["\\d"], readable + ["a?"], readable + ["(?i:x)"], readable + ["a|b"], readable + ["[^a]"]]
    for entries in unread:
        found = _search(entries, compile_suffix_regex, "{}$", first=False)
        assert isinstance(found, DispatchedSearch) or found == compile_suffix_regex(entries).search
        if isinstance(found, DispatchedSearch):  # a rule it cannot read is tried for every character
            assert None in found.edges
        for string in ["bak's", "9km", "a..", "xbc", "x", "9", "A", "abc", "b"]:
            assert spans(found(string)) == spans(compile_suffix_regex(entries).search(string)), (entries, string)
    # a rule with an alternative of its own is not anchored as a whole: spaCy's search is kept
    assert _search(["a|b"], compile_suffix_regex, "{}$", first=False) == compile_suffix_regex(["a|b"]).search
    assert _infix_finditer(["-", "a?"]) == compile_infix_regex(["-", "a?"]).finditer  # can match nothing
    # a flag set in the first rule holds for all: a part without that rule would lose it
    flagged = ["(?s)x", "a.b"]
    assert _search(flagged, compile_suffix_regex, "{}$", first=False) == compile_suffix_regex(flagged).search
    # a numbered back-reference counts the groups of the rules before it: kept whole
    numbered = ["(x)y", "(a)\\1"]  # `\1` is `(x)`: "aa" has no suffix; a split would read it as `(a)`
    assert _search(numbered, compile_suffix_regex, "{}$", first=False) == compile_suffix_regex(numbered).search
    assert compile_suffix_regex(numbered).search("aa") is None


def test_the_tokenizer_serialises_and_pickles():
    nlp = load_pipeline("shallow", None)[0]
    text = "Iraq's troops (U.S.-trained) shelled 10km of Mosul's west bank… on 3/4/2021!"
    restored = spacy.blank("en").tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in restored(text)] == [t.text for t in nlp(text)]
    copied = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert isinstance(copied.suffix_search, DispatchedSearch)
    assert [t.text for t in copied(text)] == [t.text for t in nlp(text)]


def test_same_tokens_sentences_and_read_values_as_spacys_blank_pipeline():
    sentences = real_news_sentences(1500)
    if not sentences:
        pytest.skip("needs ../shared (bench/realnews.py)")
    fast, full = load_pipeline("shallow", None)[0], full_pipeline()
    # paragraphs of a few sentences, then words no vocabulary has met (new lexemes either way)
    texts = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    texts += [" ".join(TRICKY), "Qwertyville's mayor, Dr. Xolotl-Brandt, met ZYX officials on 3/4/2021... Then 5 left!"]
    compared = 0
    for a, b in zip(fast.pipe(texts), full.pipe(texts)):
        assert [(t.text, t.whitespace_) for t in a] == [(t.text, t.whitespace_) for t in b]
        assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b]
        for name in READ:
            assert [getattr(t, name) for t in a] == [getattr(t, name) for t in b], name
        compared += len(a)
    assert compared > 20000


def test_same_events_as_spacys_blank_pipeline():
    records = real_news_articles(120)
    texts = [(r["text"], r["date"]) for r in records]
    fast, full = Coder(), Coder(nlp=full_pipeline())

    def coded(coder):  # every column but the pipeline's label (`shallow` / `shallow:pipeline`)
        return [[{k: v for k, v in event.items() if k != "analysis"} for event in coder.code_text(text, date=date)]
                for text, date in texts]

    events = coded(fast)
    assert events == coded(full)
    assert sum(map(len, events)) > 300

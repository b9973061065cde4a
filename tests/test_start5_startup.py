"""Start-up work skipped on a warm start: ACLED cue phrases compiled when first needed (and all
checked when the loader reads the files); spaCy's tokenizer cache flushed only when this process
tokenised the ontology's phrases."""
import re

import pytest

from coder.coding.acled import CueIndex, CueList, CueMatches, compile_rules


def test_cue_phrases_are_compiled_when_first_needed():
    # Phrases of plain words are matched on the sentence's words (no expression at all); one only
    # its expression can read (`sit-*`: an empty word) compiles it the first time a sentence needs it.
    index = CueIndex({"shelling": CueList(["heavy shell*", "sit-* ins", "mortar fire"]), "other": CueList(["riot"])})
    assert index._compiled == {}
    assert CueMatches(index, "Heavy shelling hit the town.").has(index.bits["shelling"])
    assert not CueMatches(index, "Mortar rounds fell.").has(index.bits["shelling"])
    assert index._compiled == {}
    assert not CueMatches(index, "Sit ins were held.").has(index.bits["shelling"])
    assert len(index._compiled) == 1
    assert all(isinstance(r, re.Pattern) for r in index._compiled.values())


def test_the_loaders_check_compiles_every_phrase(monkeypatch):
    items = [("acled/mine.yaml", {"cues": {"fire": ["mortar fire", "open fire"]}})]
    compiled = []
    real = re.compile
    monkeypatch.setattr("coder.coding.acled.re.compile", lambda p, *a: compiled.append(p) or real(p, *a))
    compile_rules(items)
    assert compiled == []
    compile_rules(items, check=True)
    assert len(compiled) == 2


@pytest.mark.parametrize("warm", [False, True])
def test_the_tokenizer_cache_is_flushed_only_after_tokenising_the_ontology(monkeypatch, tmp_path, warm):
    import spacy

    from coder import Coder
    from conftest import MINI

    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    if warm:
        Coder(ontology=[MINI], geocode=False)  # builds the cache
    flushed = []

    class Watched:
        """The pipeline's tokenizer, noting every re-setting of its rules (the flush)."""

        def __init__(self, tokenizer):
            object.__setattr__(self, "tokenizer", tokenizer)

        def __call__(self, text):
            return self.tokenizer(text)

        def __getattr__(self, name):
            return getattr(self.tokenizer, name)

        def __setattr__(self, name, value):
            flushed.append(name)
            setattr(self.tokenizer, name, value)

    nlp = spacy.blank("en")
    nlp.tokenizer = Watched(nlp.tokenizer)
    Coder(ontology=[MINI], geocode=False, nlp=nlp)
    assert flushed == ([] if warm else ["rules"])

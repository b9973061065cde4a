"""The fast paths of actor finding, the per-sentence rules and segmenting give what the plain code gave.

Each fast path is checked against the slow form it replaces, on built inputs (no timing)."""
import dataclasses
import pickle
import random

import pytest
import spacy

from coder.coding import segment
from coder.coding.actors import Mention
from coder.coding.roles import CLAUSE_BREAK, Sentence, Words


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


# Words around the hints, with the letters re.I also matches elsewhere (`ı`, `İ`, `ſ`, Kelvin sign).
_PIECES = ["photo", "Photo", "PHOTOS", "image", "ımage", "İMAGE", "pıcture", "picture", "video", "vİdeo", "loading",
           "Loadıng", "file photo", "by", "credit", "courtesy", "Reuters", "...", "…", "=" * 60, "_" * 55, "(" * 52,
           "-=" * 30]
_CHARS = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ()._-=*!?:;…'\"\t\u00a0\u2003ıİſ\u212aé—")


def _random_lines(count: int):
    rng = random.Random(7)
    for _ in range(count):
        parts = [rng.choice(_PIECES) if rng.random() < 0.3 else
                 "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 12))]
        yield "".join(rng.choice(["", " ", "(", ")", ": "]) + part for part in parts)


def test_segment_prefilters_find_what_the_expressions_find():
    for body in _random_lines(5000):
        assert [m.span() for m in segment._inline_fragments(body)] == [m.span() for m in segment._INLINE_RX.finditer(body)]
        assert [m.span() for m in segment._symbol_runs(body)] == [m.span() for m in segment._SYMBOL_RUN_RX.finditer(body)]


def test_words_are_the_tokens_attributes(nlp):
    doc = nlp("Iraqi troops, backed by U.S. jets; attacked -- \"Mosul\" (Reuters) — said officials: ok!")
    words = Words(doc)
    assert words.lower == [t.lower_ for t in doc]
    assert [bool(p) for p in words.punct] == [t.is_punct for t in doc]
    given = Words(doc, lower=[t.lower_ for t in doc])
    assert given.lower == words.lower and given.punct == words.punct


def test_sentence_clause_breaks(nlp):
    doc = nlp("Talks failed; rebels attacked: the army — said officials — withdrew, it said.")
    sent = Sentence(doc, 0, len(doc), [])
    assert sent.breaks == [i for i, t in enumerate(doc) if t.text in CLAUSE_BREAK]
    for i in range(len(doc) + 1):
        before = [b for b in sent.breaks if b < i]
        after = [b for b in sent.breaks if b >= i]
        assert sent.clause_break_before(i) == (before[-1] if before else None)
        assert sent.clause_break_from(i) == (after[0] if after else None)
        for j in range(i, len(doc) + 1):
            assert sent.has_break(i, j) == any(i <= b < j for b in sent.breaks)


def test_mention_is_still_a_frozen_dataclass():
    mention = Mention(0, 2, ("---MIL",), (None,), "the troops", "agent 'troops' with no country", "x.yaml:1")
    assert [f.name for f in dataclasses.fields(Mention)] == [
        "start", "end", "codes", "countries", "text", "reason", "where", "person", "place", "kind", "name"]
    assert mention.generic and mention.kind == "actor" and mention.place is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 1
    placed = dataclasses.replace(mention, codes=("IRQMIL",), place=True)
    assert placed.codes == ("IRQMIL",) and placed.place and not placed.generic
    assert dataclasses.replace(mention) == mention and hash(dataclasses.replace(mention)) == hash(mention)
    assert pickle.loads(pickle.dumps(mention)) == mention
    assert "generic" not in repr(mention)


def test_actor_decisions_are_remembered_per_day(default_coder):
    """A person's code depends on the day; the remembered decision must too."""
    first = default_coder.code_text("Obama met Netanyahu in Jerusalem.", date="2013-03-20")
    again = default_coder.code_text("Obama met Netanyahu in Jerusalem.", date="2013-03-20")
    later = default_coder.code_text("Obama met Netanyahu in Jerusalem.", date="2019-03-20")
    assert first == again
    assert [e["source_code"] for e in first] != [e["source_code"] for e in later] or \
        [e["source_reason"] for e in first] != [e["source_reason"] for e in later]

"""The fast paths of actor finding, the per-sentence rules, records, fill and segmenting give what the
plain code gave.

Each fast path is checked against the slow form it replaces, on built inputs (no timing)."""
import dataclasses
import pickle
import random

import pytest
import spacy

from coder.coding import events, segment
from coder.coding.actors import Mention
from coder.coding.fill import ContextCountry
from coder.coding.roles import CLAUSE_BREAK, Roles, Sentence, Words


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


def _mention(start: int, end: int, code: str) -> Mention:
    return Mention(start, end, (code,), (code[:3] if code[:3] != "---" else None,), "x", "r", "w")


def test_records_keep_their_column_order(default_coder):
    result = default_coder.code_doc(default_coder.nlp("Iraqi troops attacked Islamic State fighters in Mosul."),
                                    date="2016-10-20", doc_id="d1")
    assert result.events
    for record in result.events:
        keys = list(record)
        assert keys[0] == "event_id"
        assert keys.index("doc_id") < keys.index("sentence_index") < keys.index("source_code") < \
            keys.index("target_code") < keys.index("dyad") == keys.index("target_name") + 1
        assert record["event_id"] == events.event_id(
            record["doc_id"], record["sentence_index"], record["verb_start"], record["source_code"],
            record["source_start"], record["target_code"], record["target_start"], record["event_code"])


def test_sentence_groups_are_the_members_of_each_group(nlp):
    doc = nlp("Russia , Iran and Turkey met France and Britain , then Egypt or Qatar and the UN spoke .")
    starts = [i for i, t in enumerate(doc) if t.text[0].isupper()]
    sent = Sentence(doc, 0, len(doc), [_mention(i, i + 1, "AAA") for i in starts])
    n = len(sent.mentions)
    assert sent.groups == [[m for m in range(n) if sent.group_of[m] == g] for g in range(n)]
    assert any(len(group) > 1 for group in sent.groups)


def test_noun_triggers_without_anchors_leave_no_modifiers(nlp):
    doc = nlp("military offensive began")
    sent = Sentence(doc, 0, len(doc), [_mention(0, 1, "---MIL")])
    sent.note_noun_triggers([1])
    assert sent.modifiers == {0}
    sent.note_noun_triggers([])
    assert sent.modifiers == set()


class _NoPlaces:
    def _place_at(self, sent, i):
        return None


def test_context_country_keeps_roles_it_cannot_fill(nlp):
    doc = nlp("Protesters attacked police in the morning .")
    sources, targets = [_mention(0, 1, "---OPP")], [_mention(2, 3, "---COP")]
    sent = Sentence(doc, 0, len(doc), sources + targets)

    class _Match:
        anchor = 1

    roles = Roles(sources, targets, False, "how")
    kept = ContextCountry(_NoPlaces()).apply(sent, _Match(), roles)
    assert kept == roles and kept.sources == sources and kept.targets == targets

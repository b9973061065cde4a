"""The second round of fast paths in records, roles and fill gives what the plain code gave.

Each fast path is checked against the slow form it replaces, on built inputs (no timing)."""
import random

import pytest
import spacy

from coder.coding import events
from coder.coding.actors import Mention
from coder.coding.fill import ContextCountry
from coder.coding.roles import Roles, Sentence


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def _mention(start: int, end: int, code: str) -> Mention:
    return Mention(start, end, (code,), (code[:3] if code[:3] != "---" else None,), "x", "r", "w")


def test_record_id_is_event_id_of_its_parts():
    rng = random.Random(3)
    values = ["doc-1", "", "ünïcode\x1f", None, 0, 17, -3, "IRQMIL", "---", "190", 2**40]
    for _ in range(2000):
        parts = [rng.choice(values) for _ in range(8)]
        assert events._record_id(*parts) == events.event_id(*parts)


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

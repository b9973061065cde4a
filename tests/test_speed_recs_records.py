"""Records start as a copy of one template per article (coding/events.py `_record_template`): they
hold the same columns, in the same order, with the same values, as a record built column by column."""
from types import SimpleNamespace

import pytest
import spacy

from coder.coding import events
from coder.coding.actors import Mention
from coder.coding.roles import Modality, Roles, Sentence
from coder.io.columns import NAMES
from coder.ontology.model import CodebookEntry, Ontology, PatternSpec

from conftest import real_news_articles


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _plain_record(context, info, code, verb_code, verb, spec, roles, mood, main_event, source, target, event_id):
    """A record as build_records made it before the template: one dict display, the sides after."""
    record = {
        "event_id": None, **context["doc_columns"],
        "sentence_index": context["sentence_index"], "sentence_text": context["sentence_text"],
        "sentence_start": context["sentence_start"], "sentence_end": context["sentence_end"],
        **events._code_columns(info, code, verb_code),
        "verb_text": verb[0], "verb_start": verb[1], "verb_end": verb[2],
        "trigger": spec.trigger, "passive": roles.passive, "negated": mood.negated,
        "future": mood.future, "hypothetical": mood.hypothetical, "modality_text": mood.cue or None,
        "main_event": main_event,
        "rule_id": spec.pid, "rule_location": spec.where, "rule_pattern": spec.text, "roles_reason": roles.how,
    }
    record["event_id"] = event_id
    for side, values in (("source", source), ("target", target)):
        record.update(zip((f"{side}_{name}" for name in events._FIELDS), values))
    record["dyad"] = source[6] != "unknown" and target[6] != "unknown"
    return record


def _build(nlp, doc_columns, context=None):
    doc = nlp.make_doc("Syrian and Kurdish fighters attacked Iraq")
    sources = [Mention(0, 4, ("SYRMIL", "KURMIL"), ("SYR", None), "Syrian and Kurdish fighters", "r", "w")]
    targets = [Mention(5, 6, ("IRQ",), ("IRQ",), "Iraq", "r", "w")]
    sent = Sentence(doc, 0, len(doc), sources + targets)
    spec = PatternSpec("p1", "190", "verb", "attack", ("attack",), (), "v.yaml:1")
    match = SimpleNamespace(pattern=SimpleNamespace(spec=spec), anchor=4, end=5, words=(4,))
    onto = Ontology(codebook={"190": CodebookEntry("190", "Fight", -10.0, 4)})
    context = context if context is not None else {}
    context.update({"offset": 10, "doc_columns": doc_columns, "sentence_index": 3, "sentence_text": doc.text,
                    "sentence_start": 10, "sentence_end": 10 + len(doc.text)})
    roles, mood = Roles(sources, targets, False, "h"), Modality(negated=True, cue="not")
    records, why = events.build_records(ontology=onto, sent=sent, match=match, roles=roles, mood=mood,
                                        context=context, require_dyad=False, main_event=False)
    assert why == "kept"
    info = onto.event_info("190")
    verb = ("attacked", 10 + doc[4].idx, 10 + doc[4].idx + len(doc[4]))
    plain = []
    for record in records:
        source = events._side_values(doc, sources[0], record["source_code"], record["source_country"], 10)
        target = events._side_values(doc, targets[0], "IRQ", "IRQ", 10)
        plain.append(_plain_record(context, info, "190", "190", verb, spec, roles, mood, False, source, target,
                                   record["event_id"]))
    return records, plain, context


def test_records_equal_the_plain_build_in_values_and_column_order(nlp):
    doc_columns = {"doc_id": "d", "doc_date": None, "doc_title": "t"}
    records, plain, _ = _build(nlp, doc_columns)
    assert len(records) == 2 and records[0] is not records[1]  # two sources: two records, not one dict shared
    for record, expected in zip(records, plain):
        assert record == expected and list(record) == list(expected)


def test_the_template_follows_the_articles_doc_columns(nlp):
    context: dict = {}
    first, _, _ = _build(nlp, {"doc_id": "a", "doc_title": "one"}, context)
    second, plain, _ = _build(nlp, {"doc_id": "b", "doc_title": "two"}, context)  # the next article, same context
    assert [r["doc_id"] for r in first] == ["a", "a"] and [r["doc_id"] for r in second] == ["b", "b"]
    assert all(r == p and list(r) == list(p) for r, p in zip(second, plain))
    assert all(r["doc_title"] == "one" for r in first)  # records are copies: the next article changed none


def test_coded_real_news_records_hold_every_column_once(default_coder):
    from coder.io.read import to_article

    found = [e for r in default_coder.code_articles([to_article(a, a["id"]) for a in real_news_articles(40)])
             for e in r.events]
    assert found
    for record in found:
        assert sorted(record) == sorted(NAMES)
        assert list(record)[:2] == ["event_id", "doc_id"] and list(record)[-3:] == ["dyad", "dedup_story_key",
                                                                                       "dedup_day_key"]

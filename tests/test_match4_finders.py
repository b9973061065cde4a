"""The cheaper trigger and actor finding gives what the plain code gave: a TriggerMatch made at once
is the frozen dataclass it was, chains of the same entries code alike in every paragraph
(remembered by the entries' identity), a paragraph without actor phrases costs nothing and changes
nothing, and POS tags are read only once a pattern matched (no timing)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest

from coder.coding.actors import Mention
from coder.coding.coder import _actor_index
from coder.coding.triggers import TriggerMatch


def _fields(mention: Mention) -> tuple:
    return tuple(getattr(mention, f.name) for f in dataclasses.fields(Mention))


def test_a_trigger_match_made_at_once_is_a_frozen_dataclass():
    match = TriggerMatch(None, 3, 5, (3, 4), None, 6)
    assert (match.anchor, match.end, match.words, match.target, match.source) == (3, 5, (3, 4), None, 6)
    assert match == TriggerMatch(None, 3, 5, (3, 4), None, 6) and hash(match) == hash(TriggerMatch(None, 3, 5, (3, 4), None, 6))
    assert dataclasses.replace(match, words=(3,)) == TriggerMatch(None, 3, 5, (3,), None, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.anchor = 4


def test_a_paragraph_without_actor_phrases_finds_none(mini_coder):
    seen, notes = {"someone"}, []
    assert mini_coder.actors.find(mini_coder.nlp("It rained all day."), dt.date(2020, 1, 1), seen, notes) == []
    assert seen == {"someone"} and notes == []


def test_chains_code_alike_in_every_paragraph(default_coder):
    """The coding of a chain is remembered by its entries' identity: a later paragraph, and a new
    finder that has remembered nothing, code the same text the same."""
    from coder.coding.actors import ActorFinder

    text = "Iraqi troops and the US-led coalition met President Obama. Fighting went on in Syria and in Baghdad."
    day = dt.date(2014, 5, 1)
    finder = default_coder.actors
    first = finder.find(default_coder.nlp(text), day, set())
    again = finder.find(default_coder.nlp("Meanwhile. " + text), day, set())
    fresh = ActorFinder(default_coder.nlp, default_coder.ontology).find(default_coder.nlp(text), day, set())
    assert first and [_fields(m)[2:] for m in first] == [_fields(m)[2:] for m in again]
    assert list(map(_fields, first)) == list(map(_fields, fresh))
    assert [m.text for m in first if m.place] == ["Syria", "Baghdad"]


def test_a_surname_names_the_same_person_entry_each_time(default_coder):
    finder = default_coder.actors
    day = dt.date(2014, 5, 1)
    seen: set[str] = set()
    named = finder.find(default_coder.nlp("President Barack Obama spoke."), day, seen)
    later = [finder.find(default_coder.nlp("Obama said he would visit."), day, seen) for _ in range(2)]
    assert named and later[0] and later[0] == later[1]
    assert later[0][0].person == named[0].person
    assert len(finder._people) == len(set(finder._people.values()))  # one entry per (surname, person)


def test_pos_tags_are_read_once_a_pattern_matched(mini_coder):
    """Without a tagger the determiner rule decides; the tag check is made only for a match."""
    doc = mini_coder.nlp.make_doc("Gondor will attack Mordor.")
    actor_at, ends = _actor_index(doc, mini_coder.actors.find(doc, None, set()))
    finder = mini_coder.triggers
    assert finder._paragraph(doc)[1] is None  # not found out yet
    found = finder.find(doc, 0, len(doc), actor_at, ends)
    assert found and finder._paragraph(doc)[1] is False
    tagged = mini_coder.nlp("Gondor will attack Mordor.")
    actor_at, ends = _actor_index(tagged, mini_coder.actors.find(tagged, None, set()))
    assert [(m.pattern.spec.pid, m.anchor) for m in finder.find(tagged, 0, len(tagged), actor_at, ends)] == \
        [(m.pattern.spec.pid, m.anchor) for m in found]


def test_a_pickled_actor_finder_remembers_nothing(mini_coder):
    """Codings are remembered by the entries' identity, which another process does not share."""
    finder = mini_coder.actors
    doc = mini_coder.nlp("Gondor will attack Mordor.")
    found = finder.find(doc, None, set())
    assert found and finder._decided
    copy = pickle.loads(pickle.dumps(finder))
    assert copy._decided == {} and copy._people == {} and finder._decided
    assert list(map(_fields, copy.find(doc, None, set()))) == list(map(_fields, found))

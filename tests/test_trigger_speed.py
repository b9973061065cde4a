"""The compiled trigger index: it pickles into the ontology cache, refuses a cache of another shape,
and its shortcuts (words a pattern needs, synonyms grouped by their next word) drop no match."""
from __future__ import annotations

import pickle

import pytest

from coder.coding.triggers import TriggerFinder, _any_of, _required_words

SENTENCES = [
    "Gondor attacked Mordor on Tuesday.",
    "Mordor was attacked by Gondor.",
    "Rohan and Gondor held talks with Mordor in the capital.",
    "Nothing happened in the Shire.",
]


def _matches(coder, finder, text):
    from coder.coding.coder import _actor_index

    doc = coder.nlp(text)
    actor_at, ends = _actor_index(doc, coder.actors.find(doc, None, set()))
    return [(m.pattern.spec.pid, m.anchor, m.end, m.words, m.target, m.source)
            for m in finder.find(doc, 0, len(doc), actor_at, ends, select=False)]


def test_a_pickled_finder_finds_the_same_matches(mini_coder):
    copy = pickle.loads(pickle.dumps(mini_coder.triggers, protocol=pickle.HIGHEST_PROTOCOL))
    found = [_matches(mini_coder, mini_coder.triggers, s) for s in SENTENCES]
    assert found == [_matches(mini_coder, copy, s) for s in SENTENCES]
    assert any(found)


def test_a_finder_pickled_in_another_layout_is_refused(mini_coder):
    # the ontology cache treats an unpicklable file as stale and rebuilds it
    state = {k: v for k, v in mini_coder.triggers.__getstate__().items() if k != "layout"}
    with pytest.raises(ValueError, match="layout"):
        TriggerFinder.__new__(TriggerFinder).__setstate__(state)


def test_every_pattern_with_a_later_word_needs_one_of_its_words(mini_coder):
    choices: dict = {}
    for pattern in mini_coder.triggers.patterns:
        needs = _required_words(pattern, choices)
        later = [e for e in pattern.elements[1:] if e.kind in ("lit", "head", "alt")]
        if not later:
            assert needs is None
        else:
            assert any(needs == (frozenset(e.alternatives) if e.kind == "alt" else e.forms) for e in later)


@pytest.mark.parametrize("required, expected", [
    ([frozenset({"a"}), frozenset({"b"})], frozenset({"a", "b"})),
    ([frozenset({"a"}), None], None),
    ([frozenset({"a"}), frozenset({"a"})], frozenset({"a"})),
])
def test_words_any_of_several_patterns_need(required, expected):
    assert _any_of(required) == expected

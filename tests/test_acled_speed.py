"""The fast paths of ACLED typing and fatality counting give what their plain definitions give.

A cue list matches a sentence when one of its cues' regular expressions (`cue_regex`) matches the
normalised sentence; the index reads each word once instead. A sentence mentions death when the
case-blind `_ANY_DEATH` expression matches it; ASCII sentences are searched word by word instead.
"""
from __future__ import annotations

import re

import pytest

from coder.coding import fatalities
from coder.coding.acled import CueIndex, CueList, CueMatches, acled_files, cue_regex, load_rules, normalise

SENTENCES = [
    "Government troops clashed with Islamist rebels near the town of Gao on Tuesday.",
    "A suicide bomber blew himself up at a crowded market in Kabul, killing 12 civilians.",
    "Police fired tear gas and rubber bullets to disperse the protesters outside parliament.",
    "Militants seized the town of Palmyra and set up a new military base near its airport.",
    "The army said soldiers recovered a cache of weapons and dismantled two IEDs.",
    "Gunmen abducted 30 schoolgirls; villagers said they were taken captive at night.",
    "The rebels withdrew from the city without a fight, handing it over to the army.",
    "A cease-fire deal was signed in Doha after a prisoner exchange.",
    "Sit-ins and rallies were held during the week-long protests in Khartoum.",
    "Ukrainian forces shelled Russian positions with artillery and Grad rockets.",
    "Rioters torched cars and looted shops as the demonstration turned violent.",
    "An earthquake killed 40 people in the mountains, officials said.",
    "They abused women and girls in the camp, the report said.",
    "Self-detonating drones struck the airport; fighter jets bombed the hills.",
    "",
    "!!!",
    "Éléonore's café in Zürich hosted the İstanbul talks; the ſtrike was called off.",
]

ODD_CUES = ["abus* women|girls", "sit-in|rally", "x-y*", "during|at ... protest*", "... protest*",
            "set|sets up ... base*", "shell*", "grad", "u.s.", "o'neil*", "cease fire*", "ab*-c"]


def _texts_from(cues: list[str]) -> list[str]:
    """A sentence made from each cue (first alternative, `*` as `s`, a gap as two words), and a near
    miss (its first word cut short), so that every cue is tried matching and not matching."""
    texts = []
    for cue in cues:
        words = [("the big" if w == "..." else w.split("|")[0].replace("*", "s")) for w in cue.split()]
        texts.append("On Monday, " + " ".join(words).upper() + ", they said.")
        texts.append("Reports of " + words[0][:-1] + " " + " ".join(words[1:]) + " today.")
    return texts


def _definition(cues: list[str]) -> re.Pattern:
    """One expression for a list: any of its cues' expressions."""
    return re.compile("|".join(f"(?:{cue_regex(cue)})" for cue in cues))


def _by_definition(cues: list[str], text: str) -> bool:
    return _definition(cues).search(normalise(text)) is not None


@pytest.fixture(scope="module")
def rules():
    return load_rules(acled_files(None))


def _raw_cues(rules) -> dict[str, list[str]]:
    from coder.ontology.yamlio import load_yaml  # the cue lists as written, to check against

    out: dict[str, list[str]] = {}
    for path in acled_files(None):
        data = load_yaml(path)
        out.update((data or {}).get("cues") or {})
    assert set(out) == set(rules.cues)
    return out


def test_index_matches_the_cue_definition_on_every_default_list(rules):
    raw = _raw_cues(rules)
    texts = SENTENCES + _texts_from([cue for cues in raw.values() for cue in cues])
    definitions = {name: _definition(cues) for name, cues in raw.items()}
    index = rules.index
    for text in texts:
        matches = CueMatches(index, text)
        for name, definition in definitions.items():
            assert matches.has(index.bits[name]) is (definition.search(normalise(text)) is not None), (name, text)


@pytest.mark.parametrize("cue", ODD_CUES)
def test_index_matches_the_cue_definition_on_odd_cues(cue):
    index = CueIndex({"odd": CueList([cue]), "other": CueList(["shell*", "clash*"])})
    for text in SENTENCES + _texts_from([cue]):
        assert CueMatches(index, text).has(index.bits["odd"]) is _by_definition([cue], text), text


def test_any_and_all_agree_with_has(rules):
    index = rules.index
    names = list(index.bits)
    for text in SENTENCES:
        found = {name for name in names if CueMatches(index, text).has(index.bits[name])}
        for first, second in zip(names, names[1:] + names[:1]):
            bits = index.bits[first] | index.bits[second]
            assert CueMatches(index, text).any_of(bits) is bool(found & {first, second})
            assert CueMatches(index, text).all_of(bits) is ({first, second} <= found)


def test_a_word_is_read_the_same_after_it_is_remembered_or_forgotten(rules):
    index, forgetful = CueIndex(rules.cues), CueIndex(rules.cues)
    forgetful._words.limit = 5  # forgets its words at nearly every sentence
    first = [CueMatches(index, text).found for text in SENTENCES]
    assert [CueMatches(index, text).found for text in SENTENCES] == first
    assert [CueMatches(forgetful, text).found for text in SENTENCES] == first
    assert len(forgetful._words) <= max(5, max(len(set(normalise(t).split())) for t in SENTENCES))


@pytest.mark.parametrize("text", SENTENCES + [
    "Two soldiers were KILLED.", "TWO DIED", "Ten were \u212aILLED", "ſlain", "the EXECUTIVE met", "Lives lost",
    "Nothing happened here.", "Kıll", "KİLLED five",
])
def test_mentions_death_is_the_case_blind_search(text):
    assert fatalities._mentions_death(text) is (fatalities._ANY_DEATH.search(text) is not None)

"""Fatality counting's fast paths read a sentence as its plain definitions do.

`_mentions_death` searches the folded, lower-cased sentence word by word for every sentence (the
case-blind `_ANY_DEATH` expression read the ones outside ASCII); `count_killed` normalises a
sentence in one pass where it took three.
"""
from __future__ import annotations

import random
import re
import sys

import pytest

from coder.coding import fatalities


def test_folding_gives_each_character_the_letter_the_case_blind_expression_reads():
    everything = "".join(map(chr, (c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)))
    folded = everything
    for odd, letter in fatalities._FOLD:
        folded = folded.replace(odd, letter)
    folded = folded.lower()
    assert len(folded) == len(everything)  # one character for one: a word found is found in the sentence
    for letter in sorted(set("".join(fatalities._DEATH_WORDS))):
        read_as = set(re.findall("(?i)" + letter, everything))
        assert read_as == {c for c, f in zip(everything, folded) if f == letter}, letter


@pytest.mark.parametrize("text", [
    "Gunmen shot dead five villagers \u2014 \u201cwe saw it\u201d, one said.", "Kıll\u0131ng", "KİLLED five",
    "İnjured", "DİED", "ſlain", "LİVEſ", "The \u212aILLING went on.", "Caf\u00e9 owners were hurt.",
    "Nothing happened in S\u00e3o Paulo.", "\u0130\u0131\u017f", "Fatalıtıes",
])
def test_mentions_death_is_the_case_blind_search_outside_ascii(text):
    assert fatalities._mentions_death(text) is (fatalities._ANY_DEATH.search(text) is not None)


def _normalised_in_three_passes(sentence: str) -> str:
    text = " ".join(fatalities._NOT_WORDS.sub(" ", sentence.lower()).split())
    text = fatalities._WORD_END.sub(" ", text)
    return " ".join(text.split())


def test_counts_read_the_text_as_the_three_pass_normalisation_did(monkeypatch):
    rng = random.Random(4)
    pieces = ["killed", "12", "1,200", " ", ", ", ". ", ".", ",", "\u201c", "\u201d", "x.", "y,", "-", "'", "\t",
              "\n", "five", "were", "dead", "no one was hurt", "\u00e9", "_", "(", ")", "  "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    seen = []  # the normalised text of each count (its first search)
    monkeypatch.setattr(fatalities, "_KILLED_AND_WOUNDED", _Recording(fatalities._KILLED_AND_WOUNDED, seen))
    counts = [fatalities.count_killed(text) for text in texts]
    assert seen == [_normalised_in_three_passes(t) for t in texts if fatalities._mentions_death(t)]
    assert {None, 0} < set(counts)


class _Recording:
    """An expression that records the texts it is asked to search."""

    def __init__(self, pattern: re.Pattern, seen: list):
        self.pattern, self.seen = pattern, seen

    def search(self, text):
        self.seen.append(text)
        return self.pattern.search(text)

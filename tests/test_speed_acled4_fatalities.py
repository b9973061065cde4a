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


def _count_killed_plain(sentence: str) -> int | None:
    """count_killed as first written: three-pass normalisation, every expression searched."""
    if fatalities._ANY_DEATH.search(sentence) is None:
        return None
    text = " ".join(fatalities._NOT_WORDS.sub(" ", sentence.lower()).split())
    text = " ".join(fatalities._WORD_END.sub(" ", text).split())
    if fatalities._KILLED_AND_WOUNDED.search(text):
        return None
    for pattern, _ in fatalities._COUNTS:
        for match in pattern.finditer(text):
            if pattern is fatalities._ACTIVE and match.group(0).split()[0] in ("left", "leaving", "leaves") \
                    and not match.group("tail"):
                continue
            if pattern is fatalities._PASSIVE and match.group("n") in ("a", "an") and \
                    not fatalities._WERE.search(match.group(0)):
                continue
            value = fatalities._amounts(match)
            if value is not None:
                return value
    return 0 if fatalities._ZERO.search(text) else None


def test_counts_are_the_plain_definition_s():
    rng = random.Random(4)
    pieces = ["killed", "12", "1,200", " ", ", ", ". ", ".", ",", "\u201c", "\u201d", "x.", "y,", "-", "'", "\t",
              "\n", "five", "were", "dead", "no one was hurt", "\u00e9", "_", "(", ")", "  ", "and", "wounded",
              "killing", "left", "at least", "people", "without any casualties", "a", "death toll rose to",
              "\u0130", "\u017f", "!", ";", "nobody was injured"]
    counts = []
    for _ in range(4000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        counts.append(fatalities.count_killed(text))
        assert counts[-1] == _count_killed_plain(text), text
    assert {None, 0} < set(counts) and any(counts)

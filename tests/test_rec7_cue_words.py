"""A word's cue bits (`CueIndex._look_up`, prefixes found by their first characters) are what the
plain definition gives: the bits of the word itself plus those of every prefix it starts with."""
import itertools

import pytest

from coder.coding.acled import CueIndex, CueList, acled_files, load_rules, normalise

WORDS = ["", "a", "ab", "abc", "abcd", "shell", "shelled", "shellfish", "she", "sh", "s", "ied", "ieds", "i", "uav",
         "uavs", "jet", "jets", "jetty", "grad", "gradual", "protest", "protestors", "demonstrat", "civilians",
         "ç", "çafé", "café", "x" * 30]


def _by_definition(index: CueIndex, word: str) -> int:
    bits = index._exact.get(word, 0)
    for prefix, prefix_bits in index._prefix.items():
        if word.startswith(prefix):
            bits |= prefix_bits
    return bits


def test_every_word_of_the_default_lists_and_their_cuts():
    index = load_rules(acled_files(None)).index
    cues = [*index._exact, *index._prefix]
    words = {w[:n] + end for w in cues for n in range(len(w) + 1) for end in ("", "s", "ing")} | set(WORDS)
    for word in sorted(words):
        assert index._look_up(word) == _by_definition(index, word), word


@pytest.mark.parametrize("cues", [["a*", "ab*", "abc*", "abcd"], ["x*"], ["*"], ["sh*|she*|shell*", "shell fire"],
                                  ["ç*", "ça*"], ["abc"]])
def test_short_and_odd_prefixes(cues):
    index = CueIndex({"one": CueList(cues), "two": CueList(["ab*", "b c*"])})
    for word in WORDS + [normalise(c) for c in cues] + ["".join(p) for p in itertools.product("abcx", repeat=3)]:
        assert index._look_up(word) == _by_definition(index, word), word

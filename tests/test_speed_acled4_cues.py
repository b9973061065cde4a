"""ACLED typing's fast paths give what their plain definitions give.

A sentence's words are split in C through a byte table when it is ASCII (the `\\w+` expression's
findall before); a sentence's cue bits are the union of its words' (`CueIndex._look_up`) however
many of its words the index remembers. (A rule whose lists are settled is tested with bit
operations: test_event_speed.py pins that against the CueMatches methods.)
"""
from __future__ import annotations

import random

from coder.coding import fatalities
from coder.coding.acled import _WORD, CueIndex, acled_files, load_rules, words_of

ASCII = [chr(c) for c in range(128)]
ODD = ["\u00e9", "\u212a", "\u0130", "\u0131", "\u017f", "\u00df", "\u2019", "\u00a0", "\u03a3", "\u0663", "\u2028"]
WORDS = ["Killed", "air", "strike", "SHELLING", "protest", "civilians", "cease-fire", "1,200", "sit-ins", "a"]


def _texts(seed: int, pieces: list[str], count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_words_are_the_expression_s_words():
    for text in _texts(1, ASCII + WORDS) + _texts(2, ASCII + WORDS + ODD):
        assert words_of(text) == _WORD.findall(text.lower()), text


def test_count_text_spaced_as_the_expression_spaces_it():
    for text in _texts(3, ASCII + WORDS) + _texts(4, ASCII + WORDS + ODD):
        lower = text.lower()
        spaced, plain = fatalities._spaced(lower), fatalities._NOT_WORDS.sub(" ", lower)
        assert spaced.split() == plain.split(), text
        assert fatalities._WORD_END.sub(" ", spaced).split() == fatalities._WORD_END.sub(" ", plain).split(), text


def test_a_sentence_s_cue_bits_are_its_words_bits_however_many_are_remembered():
    rules = load_rules(acled_files(None))
    index = CueIndex(rules.cues)
    index._words = type(index._words)(index._words.name, 12)  # forgets often
    for text in _texts(5, [w + " " for w in WORDS] + [" ", ", ", "bomb ", "the "], 400):
        words = words_of(text)
        assert index.read(words) == _union(index, words), text


def _union(index: CueIndex, words: list[str]) -> int:
    bits = 0
    for word in words:
        bits |= index._look_up(word)
    return bits

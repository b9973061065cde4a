"""The stop-after-a-word expression of the fatality counter, written to start with the stop, marks
what the look-behind-first form marks."""
import random
import re

from coder.coding import fatalities

LOOK_BEHIND_FIRST = re.compile(r"(?<=\w)[,.](?= |$)")


def test_word_end_is_the_look_behind_first_expression():
    rng = random.Random(7)
    pieces = ["1", "200", "a", "killed", ",", ".", " ", ", ", ". ", "x.", "y,", "é", "_", "-", "'", ",.", ".,", "\n"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert fatalities._WORD_END.sub(" ", text) == LOOK_BEHIND_FIRST.sub(" ", text), text


def test_counts_are_unchanged_on_stops_and_commas():
    assert fatalities.count_killed("Gunmen killed 1,200 people.") == 1200
    assert fatalities.count_killed("They killed 12, officials said.") == 12
    assert fatalities.count_killed("Two soldiers and a civilian were killed.") == 3

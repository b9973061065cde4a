"""Fatality counts: only a number the sentence states, never a guess."""
from __future__ import annotations

import pytest

from coder.coding.fatalities import count_killed

CASES = [
 ("The blast killed 12 people in the market.", 12),
 ("Gunmen killed 12.", 12),
 ("The attack killed at least 11 people, police said.", 11),
 ("At least a dozen people were dead after the raid.", 12),
 ("At least a dozen dead in overnight raid", 12),
 ("Two soldiers and a civilian were killed in the ambush.", 3),
 ("There were no casualties.", 0),
 ("No casualties were reported.", 0),
 ("No one was killed in the explosion.", 0),
 ("Nobody was hurt in the attack.", 0),
 ("The grenade exploded without causing any casualties.", 0),
 ("Six Malian soldiers were killed and eight are missing.", 6),
 ("At least 24 people were killed and 18 others injured.", 24),
 ("Fighters attacked the village, leaving 30 people dead and 20 wounded.", 30),
 ("The strike left 20 wounded.", None),
 ("Warplanes targeted the town, killing and wounding 30 civilians.", None),
 ("Dozens of people were killed in the clashes.", None),
 ("Scores were killed.", None),
 ("One person was killed and 13 others were wounded.", 1),
 ("A policeman was killed when militants opened fire.", 1),
 ("A landmine killed two herders.", 2),
 ("Troops shot dead three protesters.", 3),
 ("Police shot dead 3 demonstrators on Friday.", 3),
 ("The death toll rose to 45 on Sunday.", 45),
 ("The death toll from the bombing has risen to 1,200.", 1200),
 ("Twenty-five people died in the fire set by the mob.", 25),
 ("The rebels executed four hostages.", 4),
 ("Militants killed five soldiers and three civilians.", 8),
 ("The attack claimed the lives of seven villagers.", 7),
 ("A suicide bomber killed 41 police trainees.", 41),
 ("The airstrike killed 6 civilians, including 2 women.", 6),
 ("Six people have been killed in the violence.", 6),
 ("The clashes left 14 dead.", 14),
 ("Officials reported 9 deaths after the shelling.", 9),
 ("More than 35 protesters were killed and hundreds wounded.", 35),
 ("Militants killed or wounded at least 26 civilians.", None),
 ("Eight civilians were injured when a grenade was hurled.", None),
 ("The attack killed a number of people.", None),
 ("The army said it killed 150 militants in 2016.", 150),
 ("Two hundred people were killed in the massacre.", 200),
 ("There were no reports of any casualty, said an official.", 0),
 ("Police arrested 20 protesters.", None),
 ("An improvised explosive device killed a soldier on patrol.", 1),
 ("Four soldiers were reportedly killed.", 4),
 ("killing 6", 6),
]


@pytest.mark.parametrize("text,killed", CASES)
def test_count_killed(text, killed):
    assert count_killed(text) == killed


def test_enough_phrasings():
    assert len(CASES) >= 30


def test_fatalities_column_is_set_on_coded_events():
    from coder import Coder

    coder = Coder(require_dyad=False, geocode=False)
    events = coder.code_text("Gunmen killed 12 villagers in Zamfara state on Tuesday.", date="2021-06-01")
    assert events and {e["fatalities"] for e in events} == {12}
    events = coder.code_text("Police arrested three suspected militants in Mombasa.", date="2021-06-01")
    assert events and {e["fatalities"] for e in events} == {None}

"""The ACLED rules as data: actor types and interaction codes, cue words, checked files, layering."""
from __future__ import annotations

import pytest

from coder.coding.acled import AcledTyper, acled_files, actor_class, cue_regex, interaction, load_rules
from coder.errors import OntologyError


@pytest.fixture(scope="module")
def rules():
    return load_rules(acled_files(None))


@pytest.mark.parametrize("code,country,expected", [
    ("SYRMIL", "SYR", "state"),
    ("USAGOV", "USA", "state"),
    ("---COP", None, "state"),
    ("IRQ", "IRQ", "state"),              # a bare country stands for its state
    ("NGAREBBKH", "NGA", "rebels"),
    ("IMGMUSISI", None, "rebels"),
    ("---INS", None, "rebels"),
    ("---UAF", None, "political_militia"),
    ("---CRM", None, "political_militia"),
    ("KURMIL", None, "identity_militia"),  # an armed group of a people, not a state
    ("IGOAFRAFU", None, "external"),
    ("---CVL", None, "civilians"),
    ("PSECVL", "PSE", "civilians"),
    ("---OPP", None, "civilians"),
    ("---MED", None, "civilians"),
    ("---", None, "unknown"),
    (None, None, "unknown"),
])
def test_actor_class(rules, code, country, expected):
    assert actor_class(rules, code, country) == expected


@pytest.mark.parametrize("inter1,inter2,expected", [
    (1, 7, 17), (7, 1, 17), (1, 2, 12), (2, 2, 22), (6, 0, 60), (0, 1, 10), (1, 6, 16), (8, 2, 28), (0, 0, None),
])
def test_interaction(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


def _record(code, source, source_country, target, target_country, location=None):
    return {"doc_id": "d", "sentence_index": 0, "sentence_text": "", "event_code": code, "source_code": source,
            "source_country": source_country, "target_code": target, "target_country": target_country,
            "location_country": location}


@pytest.mark.parametrize("event_type,record,expected", [
    ("Battles", _record("190", "SYRMIL", "SYR", "SYRREB", "SYR", "SYR"), (1, 2)),
    ("Battles", _record("190", "TURMIL", "TUR", "---REB", None, "SYR"), (8, 2)),   # foreign forces
    ("Violence against civilians", _record("180", "---UAF", None, None, None), (3, 7)),  # unnamed victims
    ("Violence against civilians", _record("186", "---REB", None, "AFGGOV", "AFG"), (2, 7)),
    ("Explosions/Remote violence", _record("183", None, None, "---MIL", None), (3, 1)),  # unnamed bombers
    ("Protests", _record("141", "---OPP", None, "BLRGOV", "BLR"), (6, 1)),
    ("Protests", _record("141", None, None, None, None), (6, 0)),               # the crowd, unnamed
    ("Riots", _record("145", "---CVL", None, "---COP", None), (5, 1)),
    ("Protests", _record("175", "KENCOP", "KEN", "---OPP", None, "KEN"), (1, 6)),
])
def test_inter_codes(rules, event_type, record, expected):
    assert AcledTyper(rules).inter_codes(record, event_type) == expected


@pytest.mark.parametrize("cue,text,matches", [
    ("shell*", "troops shelled the city", True),
    ("shell*", "a shelter for the displaced", False),
    ("set|sets up ... base*", "forces set up a new military base", True),
    ("set|sets up ... base*", "they set up camp", False),
    ("cease fire", "the cease fire held", True),
    ("rape", "a rapid advance", False),
])
def test_cue_words(cue, text, matches):
    import re

    assert bool(re.search(cue_regex(cue), text)) is matches


def test_every_typology_entry_is_acleds(rules):
    assert len(rules.typology) == 25
    assert rules.typology["Air/drone strike"] == ("Explosions/Remote violence", "Political violence")
    assert rules.typology["Excessive force against protesters"][1] == "Political violence; Demonstrations"


def test_bad_rules_are_reported_with_file_and_line(tmp_path):
    folder = tmp_path / "acled"
    folder.mkdir()
    (folder / "typing.yaml").write_text(
        "kind: acled\n"
        "typology:\n"
        "  - {sub_event_type: Attack, event_type: Violence against civilians, disorder_type: Political violence}\n"
        "cues:\n"
        "  victims: [civilians]\n"
        "rules:\n"
        "  - sub_event_type: Attack\n"
        "    codes: [\"18\"]\n"
        "    any: [victim]\n"
        "  - sub_event_type: Air or drone strike\n"
        "    codes: [\"195\"]\n"
        "  - sub_event_type: Attack\n"
        "    codes: [180]\n", encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        load_rules((folder / "typing.yaml",))
    problems = [str(p) for p in err.value.problems]
    assert any(p.startswith("acled/typing.yaml:13:") and "number or boolean" in p for p in problems), problems
    (folder / "typing.yaml").write_text((folder / "typing.yaml").read_text().replace("codes: [180]", 'codes: ["180"]'))
    with pytest.raises(OntologyError) as err:
        load_rules((folder / "typing.yaml",))
    problems = [str(p) for p in err.value.problems]
    assert "acled/typing.yaml:7: [E204] unknown cue list 'victim' in `any`" in problems
    assert any(p.startswith("acled/typing.yaml:10: [E204] sub-event type 'Air or drone strike'") for p in problems)


def test_a_users_acled_folder_is_layered_over_ours(tmp_path):
    from coder import Coder

    folder = tmp_path / "mine" / "acled"
    folder.mkdir(parents=True)
    (folder / "typing.yaml").write_text(
        "kind: acled\n"
        "rules:\n"
        "  - sub_event_type: Other   # state visits, for a study of diplomacy under conflict\n"
        "    codes: [\"042\"]\n", encoding="utf-8")
    coder = Coder(ontology=[tmp_path / "mine"], require_dyad=False, geocode=False)
    events = coder.code_text("The Russian president visited China on Tuesday.", date="2021-06-01")
    assert {e["acled_sub_event_type"] for e in events} == {"Other"}
    events = coder.code_text("Gunmen kidnapped 30 students from a school in Kaduna state.", date="2021-06-01")
    assert {e["acled_sub_event_type"] for e in events} == {"Abduction/forced disappearance"}


def test_ontology_check_reports_a_users_broken_acled_rules(tmp_path):
    from coder.ontology.load import load_ontology

    folder = tmp_path / "mine" / "acled"
    folder.mkdir(parents=True)
    (folder / "typing.yaml").write_text(
        "kind: acled\n"
        "rules:\n"
        "  - sub_event_type: Other\n"
        "    codes: [\"042\"]\n"
        "    any: [visits]\n", encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        load_ontology([tmp_path / "mine"])
    assert [str(p) for p in err.value.problems] == ["mine/acled/typing.yaml:3: [E204] unknown cue list 'visits' in `any`"]


TYPED_TEXTS = [
    "Rebels attacked an army base near Aleppo, killing 12 soldiers.",
    "Thousands of protesters marched in Nairobi against the new tax law.",
    "Police fired tear gas at rioters who burned shops in Lagos.",
    "A roadside bomb exploded near a police convoy in Kabul, wounding three officers.",
    "Gunmen abducted 20 villagers in Zamfara state.",
    "Government forces recaptured the town of Palmyra from Islamic State fighters.",
]


def test_the_default_rules_are_read_from_the_cache_folder_once_compiled(tmp_path, monkeypatch, default_coder):
    """An ontology without ACLED files of its own types with the default rules: the second start reads
    them compiled from the cache (no YAML read), the same rules; an edited file is compiled again."""
    import shutil

    from coder.coding import acled

    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "acled"
    shutil.copytree(acled_files(None)[0].parent, folder)
    files = tuple(sorted(folder.glob("*.yaml")))
    first = acled.load_rules.__wrapped__(files)
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["acled"]

    def no_reading(_files):
        raise AssertionError("read the YAML again")

    monkeypatch.setattr(acled, "read_rules", no_reading)
    again = acled.load_rules.__wrapped__(files)
    assert again.typology == first.typology and again.rules == first.rules
    typed = []
    for rules_read in (first, again):  # cue lists and their index too: the same types, fatalities, interactions
        monkeypatch.setattr(default_coder, "acled", AcledTyper(rules_read))
        typed.append([r for text in TYPED_TEXTS for r in default_coder.code_text(text, date="2016-03-01")])
    assert typed[0] == typed[1] and len({r["acled_sub_event_type"] for r in typed[0]}) >= 5
    monkeypatch.undo()
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    files[0].write_text(files[0].read_text("utf-8") + "\n# an edit\n", "utf-8")
    acled.load_rules.__wrapped__(files)
    assert len(list((tmp_path / "cache").glob("acled-*.pickle"))) == 2

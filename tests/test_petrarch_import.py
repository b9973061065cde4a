"""The PETRARCH dictionary importer: every format feature on small invented dictionaries, and
(when ../shared/petrarch is present) the real production and validation dictionaries."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from coder.ontology.load import load_ontology
from coder.ontology.petrarch import import_petrarch

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

PETRARCH = SHARED / "petrarch"

ACTORS = """\
<!-- invented actors for the importer tests -->
# a comment line
GONDOR_ [GND]
+MINAS_ANOR
+GONDORIAN_

ARNOR_KINGDOM  [ark]  # lower case code
+NORTH_KINGDOM

WHITE_COUNCIL [IGOWCN]

DENETHOR_THE_STEWARD
+LORD_DENETHOR
\t[GNDELI <19310101]
\t[GNDGOV 310102-500315]
\t[GNDREL >500316] [GNDMIL 050101-20101231]
\t[GND]

ROVING_BANDS_OF_DUNLAND
RIDERS_OF_THE_MARK [RHNMIL]

BOROMIR_OF_GONDOR [GNDMIL 20010230-20020101]
ORTHANC_WATCH [+++]
THE_TWO_TOWERS [GND/MOR]
SOUTHERN_FIEFS [GNDREBXY7]
"""

AGENTS = """\
!OFFICER! = OFFICER, OFFICERS, CHIEF, CHIEFS
COUNCILLOR {} [~LEG]
STEWARD_OF_THE_CITY {STEWARDS_OF_THE_CITY} [~GOVELI]
WATCH!OFFICER! [~COP]
RANGER_FELLOWSHIP [NGO~]
BANNERMAN
"""

VERBS = """\
####### SYNONYM SETS #######
&STEED
+HORSE
+PONY_

&BEAST
+&STEED
+OLIPHAUNT

####### VERB PATTERNS #######

--- PARLEY [040] ---
PARLEY
CONFER {CONFERS CONFERRED CONFERRING}
+SIT_DOWN {+SAT_DOWN +SITS_DOWN +SITTING_DOWN}
- * {WAR COUNCIL} [043]
- * (WITH +) (ABOUT &BEAST) [046]
- * (UNDER ^ FLAG) [0311]
- * TERMS (FROM $) [050:051]
- SECRETLY * [044]
- $ * {GRAND MEETING} [045]
- % * TRUCE [0871]
- + * (FROM $) [080]
- * &DRAGONS [190]
- * GOSSIP [---]
- * NONSENSE [12x]
- * RUMOURS [:112]

--- SCORCH [---] ---
SCORCH
HORSE_+SHOE {HORSE_+SHOED HORSE_+SHOES}
DEFY [120]
- * FIELDS [195]
"""

DISCARDS = """\
# sport and song
+GREAT_HOBBIT_RACE  # story level
DRINKING SONG
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    src = tmp_path_factory.mktemp("petrarch_src")
    files = [write(src, "Test.actors.txt", ACTORS), write(src, "Test.agents.txt", AGENTS),
             write(src, "Test.verbs.txt", VERBS), write(src, "Test.discards.txt", DISCARDS)]
    out = tmp_path_factory.mktemp("petrarch_out")
    report = import_petrarch(files, out)
    return out, report


def entries(out: Path, kind: str) -> list[dict]:
    found = []
    for path in out.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data["kind"] == kind:
            found.extend(data["entries"])
    return found


def verb_file(out: Path) -> dict:
    return yaml.safe_load(next(out.glob("verbs/*.yaml")).read_text("utf-8"))


def patterns(out: Path) -> dict[str, tuple[str, str]]:
    """pattern text -> (code, trigger)."""
    found = {}
    for entry in verb_file(out)["entries"]:
        for trigger in ("verbs", "nouns"):
            for item in entry.get(trigger, []):
                found[item["pattern"]] = (entry["code"], trigger)
    return found


def problem(report, line: int, text: str, name: str) -> bool:
    return any(p.startswith(f"{name}:{line}:") and text in p for p in report.problems)


# ------------------------------------------------------------------------------------ the output

def test_output_loads_as_a_complete_ontology(imported):
    out, report = imported
    onto = load_ontology([out])
    assert len(onto.codebook) > 200  # our codebook was copied in
    assert (out / "codebook" / "cameo.yaml").is_file()
    assert onto.patterns and onto.people and onto.discards
    assert report.counts["countries"] == 3 and report.counts["discards"] == 2


def test_cli_check_passes(imported):
    from click.testing import CliRunner

    from coder.cli import main

    result = CliRunner().invoke(main, ["ontology", "check", str(imported[0])])
    assert result.exit_code == 0, result.output


def test_summary_and_problems_are_readable(imported):
    _, report = imported
    text = report.summary()
    assert "countries" in text and "skipped" in text and "verb patterns" in text
    assert all(p.count(":") >= 2 for p in report.problems)


# ------------------------------------------------------------------------------------ actors

def test_undated_three_letter_code_is_a_country_with_synonyms(imported):
    gondor = next(e for e in entries(imported[0], "countries") if e["code"] == "GND")
    assert gondor["name"] == "Gondor"
    assert gondor["names"] == ["Gondor", "Minas Anor", "Gondorian"]


def test_lower_case_code_is_upper_cased_and_noted(imported):
    out, report = imported
    assert any(e["code"] == "ARK" for e in entries(out, "countries"))
    assert any("Test.actors.txt:7:" in n and "upper-cased" in n for n in report.notes)


def test_longer_undated_code_is_an_organisation_with_a_type(imported):
    council = next(e for e in entries(imported[0], "organisations") if e["code"] == "IGOWCN")
    assert council["type"] == "igo" and council["country"] is None
    riders = next(e for e in entries(imported[0], "organisations") if e["code"] == "RHNMIL")
    assert riders["country"] == "RHN"


def test_dated_codes_become_roles_in_file_order(imported):
    steward = next(e for e in entries(imported[0], "people") if e["name"] == "Denethor The Steward")
    assert steward["aliases"] == ["Lord Denethor"]
    assert steward["code"] == "GND" and steward["country"] == "GND" and steward["surname"] is None
    assert steward["roles"] == [
        {"code": "GNDELI", "start": "0001-01-01", "end": "1931-01-01"},
        {"code": "GNDGOV", "start": "1931-01-02", "end": "1950-03-15"},  # YYMMDD: 31-99 -> 19YY
        {"code": "GNDREL", "start": "1950-03-16", "end": None},
        {"code": "GNDMIL", "start": "2005-01-01", "end": "2010-12-31"},  # 00-30 -> 20YY
    ]


def test_dated_roles_apply_on_the_event_date(imported):
    onto = load_ontology([imported[0]])
    person = next(p for p in onto.people.values() if p.name == "Denethor The Steward")
    import datetime as dt

    assert person.code_on(dt.date(1940, 6, 1))[0] == "GNDGOV"
    assert person.code_on(dt.date(1960, 6, 1))[0] == "GNDREL"
    assert person.code_on(None)[0] == "GND"


def test_codeless_phrase_joins_the_next_coded_entry(imported):
    out, report = imported
    riders = next(e for e in entries(out, "organisations") if e["code"] == "RHNMIL")
    assert "Roving Bands Of Dunland" in riders["phrases"]
    assert any("Test.actors.txt:19:" in n and "no code" in n for n in report.notes)
    assert len([n for n in report.notes if "no code" in n]) == 1


def test_bad_dates_and_codes_are_reported_with_file_and_line(imported):
    _, report = imported
    assert problem(report, 22, "bad date", "Test.actors.txt")  # 30 February
    assert problem(report, 23, "'+++' is not a CAMEO actor code", "Test.actors.txt")
    assert not any("Boromir" in p for e in entries(imported[0], "organisations") for p in e["phrases"])


def test_unusual_codes_are_mapped_and_noted(imported):
    out, report = imported
    codes = {e["code"] for e in entries(out, "organisations")} | {e["code"] for e in entries(out, "countries")}
    assert "GND" in codes  # THE_TWO_TOWERS [GND/MOR] keeps the first code
    assert "GNDREB" in codes  # GNDREBXY7 cut to whole three-letter groups
    assert any("Test.actors.txt:24:" in n and "several actors" in n for n in report.notes)


def test_short_acronyms_keep_capitals(tmp_path):
    src = write(tmp_path, "Caps.actors.txt", "UN_ [IGOUNX]\n+U.N.\nUNITED_SHIRES [USH]\n+US\n")
    out = tmp_path / "out"
    import_petrarch([src], out)
    phrases = [p for e in entries(out, "organisations") for p in e["phrases"]]
    names = [p for e in entries(out, "countries") for p in e["names"]]
    assert phrases == ["UN", "U.N."] and names == ["United Shires", "US"]


# ------------------------------------------------------------------------------------ agents

def test_agents_with_plurals_substitutions_and_codes(imported):
    out, report = imported
    agents = {e["phrases"][0]: e for e in entries(out, "agents")}
    assert agents["councillor"]["code"] == "LEG"
    assert agents["steward of the city"]["phrases"] == ["steward of the city", "stewards of the city"]
    assert agents["steward of the city"]["code"] == "GOVELI"
    assert agents["watchofficer"]["phrases"] == ["watchofficer", "watchofficers", "watchchief", "watchchiefs"]
    assert agents["ranger fellowship"]["code"] == "NGO"
    assert any("Test.agents.txt:5:" in n and "prefix agent code" in n for n in report.notes)
    assert problem(report, 6, "no agent code", "Test.agents.txt")


# ------------------------------------------------------------------------------------ discards

def test_discards_keep_their_scope(imported):
    found = {e["phrase"]: e["scope"] for e in entries(imported[0], "discards")}
    assert found == {"GREAT HOBBIT RACE": "article", "DRINKING SONG": "sentence"}


# ------------------------------------------------------------------------------------ verbs

def test_synsets_get_plurals_and_nested_sets(imported):
    synsets = verb_file(imported[0])["synsets"]
    assert synsets["STEED"] == ["horse", "horses", "pony"]  # PONY_ : no plural
    assert synsets["BEAST"] == ["horse", "horses", "pony", "oliphaunt", "oliphaunts"]
    assert {"parley", "conferred", "sat down", "sitting down"} <= set(synsets["V_PARLEY"])


def test_block_verbs_become_bare_patterns(imported):
    found = patterns(imported[0])
    assert found["parley"] == ("040", "verbs")
    assert found["confer"] == ("040", "verbs")
    assert found["sit down"] == ("040", "verbs")
    assert found["defy"] == ("120", "verbs")  # own code inside a [---] block
    assert "scorch" not in found  # the null code: nothing to code


def test_verb_marked_with_plus_is_inflected_in_the_block_synset(imported):
    out = imported[0]
    assert {"horse shoe", "horse shoed", "horse shoes", "horse shoeing"} <= set(verb_file(out)["synsets"]["V_SCORCH"])
    assert not any(p.startswith("horse") or "HORSE" in p for p in patterns(out))  # block code [---]: no bare pattern


def test_pattern_features_convert(imported):
    found = patterns(imported[0])
    assert found["&V_PARLEY * war council"] == ("043", "verbs")  # {NOUN PHRASE} stays together
    assert found["&V_PARLEY * with + * about * &BEAST"] == ("046", "verbs")  # (PREP ...) and +
    assert found["&V_PARLEY * under * flag"] == ("0311", "verbs")  # ^ becomes a gap
    assert found["&V_PARLEY * terms * from $"] == ("050", "verbs")  # paired code keeps the first
    assert found["secretly * &V_PARLEY"] == ("044", "nouns")  # starts on the pre-verb word
    assert found["&V_PARLEY * grand meeting"] == ("045", "verbs")  # leading $ dropped
    assert found["&V_PARLEY * truce"] == ("0871", "verbs")  # % dropped, noted
    assert found["&V_PARLEY * gossip"] == ("00", "verbs")  # [---]: matches, codes nothing


def test_block_patterns_start_with_the_block_synset_or_the_single_verb(tmp_path):
    assert patterns_of(tmp_path, "--- WANDER [---] ---\nWANDER\n- * (INTO +) [042]\n") == \
        {"wander * into +": ("042", "verbs")}
    assert patterns_of(tmp_path, "--- WANDER [---] ---\nWANDER\nROAM\n- * (INTO +) [042]\n") == \
        {"&V_WANDER * into +": ("042", "verbs")}


def patterns_of(folder: Path, verbs: str) -> dict:
    out = folder / "out"
    import_petrarch([write(folder, "Small.verbs.txt", verbs)], out)
    return patterns(out)


def test_unconvertible_patterns_are_reported(imported):
    _, report = imported
    name = "Test.verbs.txt"
    assert problem(report, 23, "target before the verb", name)
    assert problem(report, 24, "unknown synonym set &DRAGONS", name)
    assert problem(report, 26, "bad event code", name)
    assert problem(report, 27, "reverse-only event code", name)
    assert any(f"{name}:22:" in n and "compound-actor" in n for n in report.notes)


def test_reimport_replaces_earlier_output(tmp_path):
    src = write(tmp_path, "One.actors.txt", "ERIADOR_ [ERD]\n")
    out = tmp_path / "out"
    import_petrarch([src], out)
    src.unlink()
    other = write(tmp_path, "Two.actors.txt", "LINDON_ [LND]\n")
    (out / "mine.yaml").write_text("kind: discards\nentries: []\n", encoding="utf-8")
    import_petrarch([other], out)
    assert [e["code"] for e in entries(out, "countries")] == ["LND"]
    assert (out / "mine.yaml").exists()  # a user's own file stays


def test_imported_ontology_codes_a_sentence(imported):
    from coder import Coder

    coder = Coder(ontology=[imported[0]], analysis="shallow")
    events = coder.code_text("Gondor conferred with the Arnor Kingdom about horses.", date="2001-05-01")
    assert ("GND", "046", "ARK") in {(e["source_code"], e["event_code"], e["target_code"]) for e in events}
    events = coder.code_text("Lord Denethor scorched the fields of the North Kingdom.", date="1940-05-01")
    assert {(e["source_code"], e["event_code"]) for e in events} == {("GNDGOV", "195")}


# ------------------------------------------------------------------------------------ shared data

@pytest.mark.skipif(not (PETRARCH / "validation").is_dir(), reason="../shared/petrarch/validation not present")
def test_validation_dictionaries_import_and_load(tmp_path):
    report = import_petrarch([PETRARCH / "validation"], tmp_path)
    onto = load_ontology([tmp_path])
    assert report.counts["verb patterns"] > 300 and report.counts["agents"] > 50
    assert len(onto.people) == report.counts["people"] > 0
    assert all(p.split(":")[1].isdigit() for p in report.problems)


@pytest.mark.slow
@pytest.mark.skipif(not (PETRARCH / "production").is_dir(), reason="../shared/petrarch/production not present")
def test_production_dictionaries_import_fast_and_load(tmp_path):
    began = time.perf_counter()
    report = import_petrarch([PETRARCH / "production"], tmp_path)
    assert time.perf_counter() - began < 30
    total = sum(report.counts[k] for k in ("countries", "organisations", "people"))
    assert total + sum("actors.txt" in w for w, _ in report.skipped) > 26_000
    assert report.counts["verb patterns"] > 4_500
    # Everything read is either written or reported (verbs with the null code need no pattern).
    onto = load_ontology([tmp_path])
    written = [p for p in onto.patterns if p.form == "active"]  # the loader derives passive and nominal forms
    assert len(written) == report.counts["verb patterns"]

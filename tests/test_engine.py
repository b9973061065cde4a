"""Engine behaviour on a tiny fictional ontology (tests/fixtures/mini_ontology), shallow mode."""
import pytest

from conftest import triples

CASES = [
    # sentence, expected (source, code, target) triples
    ("Gondorian troops attacked the Orc Horde on Tuesday.", [("GONMIL", "190", "IMGORC")]),
    ("Rohan was attacked by Mordor.", [("MOR", "190", "ROH")]),
    ("Rohan has been repeatedly attacked by Mordorian troops.", [("MORMIL", "190", "ROH")]),
    ("Gondorian and Rohirric fighters pounded the Horde.", [("GONREB", "190", "IMGORC"), ("ROHREB", "190", "IMGORC")]),
    ("Gondor and Rohan attacked Mordor.", [("GON", "190", "MOR"), ("ROH", "190", "MOR")]),
    ("The Orc Horde, backed by Mordorian troops, launched a new offensive against Rohan.", [("IMGORC", "190", "ROH")]),
    ("Gondor carried out airstrikes against purported Horde positions.", [("GON", "195", "IMGORC")]),
    ("Gondor's army attacked Mordor.", [("GONMIL", "190", "MOR")]),
    ("Minas Tirith met with Rohan.", [("GONGOV", "040", "ROH")]),
    ("The Citadel attacked Mordor.", [("GONMIL", "190", "MOR")]),
    ("MDR attacked Gondor.", [("MOR", "190", "GON")]),
    ("Gondor provided new weapons to Rohan.", [("GON", "074", "ROH")]),
    # one side known: kept, the other side `---`; no actor at all, no event
    ("Gondorian troops attacked.", [("GONMIL", "190", "---")]),
    ("Somebody attacked somebody else.", []),
    # lower-case acronym does not match the all-caps entry
    ("mdr attacked Gondor.", [("---", "190", "GON")]),
    # the same actor on both sides is not an event
    ("Gondor attacked Gondor.", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_shallow_coding(mini_coder, text, expected):
    assert triples(mini_coder.code_text(text, date="2016-01-05")) == expected


def test_dated_role_decides_person_code(mini_coder):
    text = "Denethor Steward met with Rohan."
    assert triples(mini_coder.code_text(text, date="2016-06-01")) == [("GONGOV", "040", "ROH")]
    assert triples(mini_coder.code_text(text, date="2018-06-01")) == [("GONELI", "040", "ROH")]


def test_title_gives_code_when_no_role_is_in_force(mini_coder):
    events = mini_coder.code_text("Gondorian steward Denethor Steward met with Rohan.", date="2019-01-01")
    assert triples(events) == [("GONGOV", "040", "ROH")]


def test_surname_codes_after_full_name_or_as_the_one_office_holder(mini_coder):
    # alone: the one person of that surname holding a role on the date; without a role, uncoded
    assert triples(mini_coder.code_text("Denethor visited Rohan.", date="2016-06-01")) == [("GONGOV", "042", "ROH")]
    assert triples(mini_coder.code_text("Denethor visited Rohan.", date="2018-06-01")) == [("---", "042", "ROH")]
    events = mini_coder.code_text("Denethor Steward arrived. Later Denethor visited Rohan.", date="2018-06-01")
    assert triples(events) == [("GONELI", "042", "ROH")]


@pytest.mark.parametrize("text,flags", [
    ("Gondor will attack Mordor.", {"future"}),
    ("Gondor did not attack Mordor.", {"negated"}),
    ("Gondor could attack Mordor.", {"hypothetical"}),
    ("Gondor is ready to attack Mordor.", {"hypothetical"}),
    ("Gondor plans to attack Mordor.", {"future"}),
    ("Gondor won't attack Mordor.", {"negated", "future"}),
    ("Gondor attacked Mordor.", set()),
])
def test_modality_is_recorded_not_dropped(mini_coder, text, flags):
    (event,) = mini_coder.code_text(text)
    assert {f for f in ("negated", "future", "hypothetical") if event[f]} == flags


def test_require_dyad_keeps_only_two_sided_events():
    from coder import Coder
    from conftest import MINI

    coder = Coder(ontology=[MINI], require_dyad=True)
    assert triples(coder.code_text("Gondorian troops attacked.")) == []
    assert triples(coder.code_text("Gondor attacked Mordor.")) == [("GON", "190", "MOR")]


def test_discards(mini_coder):
    assert mini_coder.code_text("Gondor attacked Mordor in the Ring Cup final.") == []
    result = mini_coder.code_article(_article("Gondor attacked Mordor.\nThe film topped the box office."))
    assert result.status == "discarded" and result.events == []


def test_provenance_offsets_point_into_the_text(mini_coder):
    text = "Loading ...\nIn other news, Gondorian troops attacked the Orc Horde (Photo by AFP) again."
    (event,) = mini_coder.code_text(text)
    assert text[event["source_start"]:event["source_end"]] == "Gondorian troops"
    assert text[event["target_start"]:event["target_end"]] == "Orc Horde"
    assert text[event["verb_start"]:event["verb_end"]] == "attacked"
    assert text[event["sentence_start"]:event["sentence_end"]] == "In other news, Gondorian troops attacked the Orc Horde (Photo by AFP) again."
    assert event["sentence_text"] == "In other news, Gondorian troops attacked the Orc Horde again."
    assert event["rule_location"].endswith("verbs.yaml:6")


def test_event_ids_are_deterministic(mini_coder):
    text = "Gondor attacked Mordor. Rohan attacked Mordor."
    first, second = mini_coder.code_text(text), mini_coder.code_text(text)
    assert [e["event_id"] for e in first] == [e["event_id"] for e in second]
    assert len({e["event_id"] for e in first}) == 2


def test_boilerplate_lines_make_no_events(mini_coder):
    text = "Only subscribers can comment. Gondor attacked Mordor.\nGondor attacked Rohan."
    result = mini_coder.code_article(_article(text))
    assert triples(result.events) == [("GON", "190", "ROH")]
    assert result.boilerplate == {"subscription": 1}


def _article(text):
    from coder.io.read import Article

    return Article("doc", text)

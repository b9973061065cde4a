"""The batch record check (`validate_records`): its fast path accepts only what the event JSON Schema
accepts, every kind of violation is still caught and named, and strict mode runs the full engine."""
import datetime as dt

import fastjsonschema
import pytest

from coder.errors import RecordInvalid
from coder.io import schema
from coder.io.schema import (STRICT_ENV, checker_source, event_schema, fast_checker, unchecked_columns,
                             validate_record, validate_records)


@pytest.fixture(scope="module")
def events(mini_coder):
    found = mini_coder.code_text("Gondor attacked Mordor. Rohan met with Gondor.", date="2016-10-25", doc_id="doc-7")
    assert len(found) == 2
    return found


@pytest.fixture(scope="module")
def placed(events):
    """A valid record with every nullable column filled, so range and pattern rules apply to it."""
    return {**events[0], "location_text": "Minas Tirith", "location_name": "Minas Tirith", "geonameid": 7,
            "latitude": 45.5, "longitude": -120.25, "admin1": "Anorien", "location_country": "GND", "geo_precision": 1,
            "location_start": 0, "location_end": 6, "date_text": "Tuesday", "acled_interaction": 12,
            "acled_civilian_targeting": False, "fatalities": 3}


def schema_accepts(record: dict) -> bool:
    try:
        validate_record(record)
    except RecordInvalid:
        return False
    return True


def test_every_column_is_covered_by_the_fast_checker():
    assert unchecked_columns(event_schema()) == []


def test_coded_records_take_the_fast_path_and_pass(events, placed):
    accepts = fast_checker()
    assert all(accepts(record) for record in [*events, placed])
    validate_records([*events, placed])
    validate_records([])


# One row per kind of constraint in schemas/event.schema.json: (column, bad value, words of the message).
VIOLATIONS = [
    ("event_code", 190, "190 is not of type 'string'"),  # type
    ("doc_id", None, "None is not of type 'string'"),  # not nullable
    ("dyad", 1, "1 is not of type 'boolean'"),  # an int is not a bool
    ("sentence_start", True, "True is not of type 'integer'"),  # a bool is not an int
    ("goldstein", "7", "'7' is not of type 'number'"),
    ("trigger", "adjective", "'adjective' is not one of"),  # enum
    ("source_kind", "somewhere", "'somewhere' is not one of"),
    ("latitude", 91.0, "91.0 is greater than the maximum of 90"),  # range
    ("longitude", -180.5, "-180.5 is less than the minimum of -180"),
    ("quad_class", 5, "5 is greater than the maximum of 4"),
    ("sentence_index", -1, "-1 is less than the minimum of 0"),
    ("date_precision", 0, "0 is less than the minimum of 1"),
    ("acled_interaction", 9, "9 is less than the minimum of 10"),
    ("event_id", "XYZ", "'XYZ' does not match"),  # pattern
    ("event_id", "0123456789abcdef0123\n", "does not match"),  # $ is the end of the text, not of a line
    ("location_country", "usa", "'usa' does not match"),
    ("source_code", "US", "'US' does not match"),
    ("event_root", "1", "'1' does not match"),
    ("event_date", dt.datetime(2016, 10, 25, 12, 0), "does not match"),  # a date column holds dates, not times
    ("event_date", "2016-02-30", "is not a 'date'"),  # date format
    ("event_date", 20161025, "is not of type 'string'"),
]


@pytest.mark.parametrize("column, value, words", VIOLATIONS, ids=[f"{c}={v!r}" for c, v, _ in VIOLATIONS])
def test_each_kind_of_violation_is_caught_and_named(placed, events, column, value, words):
    bad = {**placed, column: value}
    assert not fast_checker()(bad)
    with pytest.raises(RecordInvalid) as caught:
        validate_records([events[1], bad])
    message = str(caught.value)
    assert message.startswith(f"document '{bad['doc_id']}': [E301] event record 1 ({bad['event_id']}")
    assert f"{column}: " in message and words in message, message


def test_a_missing_or_an_extra_column_is_caught(placed):
    missing = {k: v for k, v in placed.items() if k != "rule_id"}
    with pytest.raises(RecordInvalid, match=r"event record 0 .*'rule_id' is a required property"):
        validate_records([missing])
    with pytest.raises(RecordInvalid, match=r"Additional properties are not allowed \('colour' was unexpected\)"):
        validate_records([{**placed, "colour": "red"}])
    swapped = {**missing, "colour": "red"}  # the right number of columns, one of them wrong
    assert not fast_checker()(swapped)
    with pytest.raises(RecordInvalid, match="rule_id"):
        validate_records([swapped])


PROBES = [None, "", "abc", "USA", "---USA", "190", "19", "0123456789abcdef0123", "verb", "actor", "2016-10-25",
          0, -1, 1, 3, 4, 5, 10, 88, 89, 1.0, 2.5, -90.0, 91.0, True, False, dt.date(2016, 10, 25),
          dt.datetime(2016, 10, 25), float("nan")]


def test_the_fast_path_never_accepts_what_the_schema_refuses_and_the_verdicts_agree(placed):
    """Every column against a spread of values: the batch check and the JSON Schema engine agree, and
    whatever the fast path accepts, fastjsonschema accepts too."""
    engine = fastjsonschema.compile(event_schema())
    accepts = fast_checker()
    for column in event_schema()["properties"]:
        for value in PROBES:
            record = {**placed, column: value}
            verdict = schema_accepts(record)
            if accepts(record):
                plain = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
                engine(plain)  # raises if the fast path accepted a record the schema refuses
                assert verdict, (column, value)
            try:
                validate_records([record])
                batch = True
            except RecordInvalid:
                batch = False
            assert batch == verdict, (column, value)


def test_a_schema_keyword_the_generator_does_not_know_sends_that_column_to_the_full_engine():
    changed = {**event_schema(), "properties": {**event_schema()["properties"]}}
    changed["properties"]["doc_id"] = {**changed["properties"]["doc_id"], "maxLength": 5}
    assert unchecked_columns(changed) == ["doc_id"]
    source, _ = checker_source(changed)
    assert "if not (False):" in source  # never accepted on the fast path, so the engine decides
    shapeless = {**event_schema(), "additionalProperties": True}
    assert "return False  # a schema shape" in checker_source(shapeless)[0]


def test_strict_mode_runs_the_full_engine_on_every_record(events, monkeypatch):
    checked = []
    monkeypatch.setattr(schema, "validate_record", lambda record, position=None: checked.append(position))
    validate_records(events)
    assert checked == []  # valid records: the fast path alone
    validate_records(events, strict=True)
    assert checked == [0, 1]
    monkeypatch.setenv(STRICT_ENV, "1")
    validate_records(events)
    assert checked == [0, 1, 0, 1]
    monkeypatch.setenv(STRICT_ENV, "0")
    validate_records(events)
    assert checked == [0, 1, 0, 1]


def test_the_code_command_has_a_strict_option(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from coder.cli import main
    from conftest import MINI

    monkeypatch.setenv(STRICT_ENV, "0")  # restored (removed) after the test, whatever the command sets
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Gondor attacked Mordor.", "date": "2016-10-25"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(source), "-o", str(tmp_path / "out.jsonl"), "--ontology", str(MINI),
                                       "--no-geo", "--strict", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1
    import os

    assert os.environ[STRICT_ENV] == "1"

"""The Parquet output as users load it, and the contract between the JSON Schema and Arrow schema."""
import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from coder.io.schema import event_schema
from coder.io.write import EVENT_SCHEMA, SCHEMA_VERSION, AtomicWriter, file_metadata


@pytest.fixture(scope="module")
def parquet_file(tmp_path_factory, mini_coder):
    path = tmp_path_factory.mktemp("out") / "events.parquet"
    events = mini_coder.code_text("Gondor attacked Mordor. Rohan met with Gondor.", date="2016-10-25", doc_id="d1")
    meta = file_metadata(coder_version="x", ontology_version=mini_coder.ontology.version, options={"a": 1})
    with AtomicWriter(path, meta) as writer:
        writer.write(events)
    return path


def test_pandas_types(parquet_file):
    frame = pd.read_parquet(parquet_file)
    assert list(frame.columns) == EVENT_SCHEMA.names
    assert len(frame) == 2
    assert isinstance(frame["event_code"].dtype, pd.CategoricalDtype)
    assert frame["event_code"].tolist() == ["190", "040"]  # codes stay strings: "040", not 40
    assert frame["event_date"].iloc[0] == dt.date(2016, 10, 25)
    assert frame["quad_class"].dtype == "int8" and frame["negated"].dtype == bool


def test_duckdb_types(parquet_file):
    con = duckdb.connect()
    types = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet_file}')").fetchall()[i][:2]
                 for i in range(len(EVENT_SCHEMA)))
    assert types["event_date"] == "DATE" and types["event_code"] == "VARCHAR" and types["goldstein"] == "FLOAT"
    assert con.execute(f"SELECT event_root FROM read_parquet('{parquet_file}') ORDER BY 1").fetchall() == [("04",), ("19",)]


def test_file_metadata(parquet_file):
    meta = pq.read_schema(parquet_file).metadata
    assert meta[b"eventcoder.schema_version"] == SCHEMA_VERSION.encode() == event_schema()["x-schema-version"].encode()
    assert json.loads(meta[b"eventcoder.options"]) == {"a": 1}
    assert pq.ParquetFile(parquet_file).metadata.row_group(0).column(0).compression == "ZSTD"


def test_json_schema_and_arrow_schema_agree():
    schema = event_schema()
    props = schema["properties"]
    assert list(props) == EVENT_SCHEMA.names
    assert set(schema["required"]) == set(EVENT_SCHEMA.names)
    kinds = {"string": pa.types.is_string, "integer": pa.types.is_integer, "number": pa.types.is_floating,
             "boolean": pa.types.is_boolean}
    for field in EVENT_SCHEMA:
        declared = props[field.name]["type"]
        types = declared if isinstance(declared, list) else [declared]
        assert ("null" in types) == field.nullable, field.name
        arrow = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        base = [t for t in types if t != "null"][0]
        if pa.types.is_date32(arrow):
            assert base == "string" and props[field.name]["format"] == "date", field.name
        else:
            assert kinds[base](arrow), field.name


def test_checked_in_json_schema_and_readme_table_are_generated_from_the_column_list():
    from coder.io import columns

    root = Path(__file__).resolve().parents[1]
    checked_in = json.loads((root / "schemas" / "event.schema.json").read_text("utf-8"))
    assert checked_in == columns.json_schema(), "run `python -m coder.io.columns --write`"
    assert columns.readme_table() in (root / "README.md").read_text("utf-8"), "run `python -m coder.io.columns --write`"
    assert set(columns.Event.__annotations__) == set(EVENT_SCHEMA.names)


def test_a_column_missing_from_the_readme_groups_is_named():
    from coder.io import columns

    extra = columns.Column("new_column", "str", "A column nobody documented.")
    original = columns.NAMES
    try:
        columns.NAMES = original + ("new_column",)
        with pytest.raises(ValueError, match="new_column"):
            columns.readme_table()
    finally:
        columns.NAMES = original
    assert extra.json_schema() == {"description": "A column nobody documented.", "type": ["string", "null"]}


def test_writer_is_atomic(tmp_path, mini_coder):
    path = tmp_path / "events.parquet"
    events = mini_coder.code_text("Gondor attacked Mordor.")
    with pytest.raises(RuntimeError):
        with AtomicWriter(path, {}) as writer:
            writer.write(events)
            raise RuntimeError("crash mid-run")
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_invalid_record_is_an_error_with_its_document(mini_coder):
    from coder.errors import RecordInvalid
    from coder.io.schema import validate_record

    (event,) = mini_coder.code_text("Gondor attacked Mordor.", doc_id="doc-7")
    validate_record(event)
    with pytest.raises(RecordInvalid, match=r"document 'doc-7': \[E301\] .*event_code"):
        validate_record({**event, "event_code": 190})

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


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory, mini_coder):
    """A partitioned output in which some events have no date."""
    from coder.io.read import Article
    from coder.runs.batch import BatchRun

    out = tmp_path_factory.mktemp("part") / "events"
    meta = file_metadata(coder_version="x", ontology_version=mini_coder.ontology.version, options={"a": 1})
    articles = [Article(f"d{i}", "Gondor attacked Mordor. Rohan met with Gondor.",
                        date=dt.date(2016, 1 + i % 3, 5) if i % 2 else None) for i in range(6)]
    BatchRun(mini_coder, out, partition="year-month", metadata=meta, progress=False).run(articles)
    return out


@pytest.mark.parametrize("backend", [None, "pyarrow"])
def test_pandas_reads_a_partitioned_folder_with_undated_events(partitioned, backend):
    frame = pd.read_parquet(partitioned, **({"dtype_backend": backend} if backend else {}))
    assert len(frame) == 12
    assert frame["event_date"].isna().sum() == 6
    undated = frame[frame["event_date"].isna()]
    assert set(undated["event_year"].astype(int)) == {0} and set(undated["event_month"].astype(int)) == {0}
    dated = frame[frame["event_date"].notna()]
    assert sorted(set(dated["event_month"].astype(int))) == [1, 2, 3]
    assert frame["event_code"].astype(str).tolist().count("190") == 6


def test_polars_reads_a_partitioned_folder(partitioned):
    pl = pytest.importorskip("polars")
    frame = pl.read_parquet(partitioned)  # the folder itself: it holds nothing but Parquet files
    assert frame.height == 12 and frame["event_date"].null_count() == 6
    assert sorted(frame["event_year"].unique().to_list()) == [0, 2016]


def test_a_run_without_events_still_gives_a_readable_folder(tmp_path, mini_coder):
    from coder.io.read import Article
    from coder.runs.batch import BatchRun

    out = tmp_path / "events"
    BatchRun(mini_coder, out, partition="year-month", progress=False).run([Article("d1", "Nothing happened.")])
    frame = pd.read_parquet(out)
    assert len(frame) == 0 and list(frame.columns) == EVENT_SCHEMA.names + ["event_year", "event_month"]


def test_every_file_of_a_partitioned_folder_carries_the_metadata(partitioned):
    files = list(partitioned.rglob("*.parquet"))
    assert len(files) == 4  # three months and the undated
    for path in files:
        meta = pq.read_schema(path).metadata
        assert meta[b"eventcoder.schema_version"] == SCHEMA_VERSION.encode()
        assert json.loads(meta[b"eventcoder.options"]) == {"a": 1}


def test_atomic_write_follows_the_umask_and_leaves_nothing_on_error(tmp_path):
    import os

    from coder.io.atomic import atomic_open, read_pickle, write_pickle

    old = os.umask(0o027)
    try:
        with atomic_open(tmp_path / "a.txt") as handle:
            handle.write("x")
    finally:
        os.umask(old)
    assert oct((tmp_path / "a.txt").stat().st_mode & 0o777) == oct(0o640)
    with pytest.raises(ZeroDivisionError):
        with atomic_open(tmp_path / "a.txt") as handle:
            handle.write("half")
            1 / 0
    assert (tmp_path / "a.txt").read_text() == "x" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert write_pickle(tmp_path / "c.pickle", {"k": 1}) and read_pickle(tmp_path / "c.pickle") == {"k": 1}
    (tmp_path / "c.pickle").write_bytes(b"truncated")
    assert read_pickle(tmp_path / "c.pickle") is None and read_pickle(tmp_path / "missing.pickle") is None


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path, caplog):
    from coder.io.atomic import write_pickle

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert write_pickle(blocked / "c.pickle", 1, what="compiled ontology") is False
    assert len(caplog.messages) == 1 and caplog.messages[0].startswith(
        f"cannot write the compiled ontology in {blocked}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]

"""The event table: an explicit Arrow schema, and atomic Parquet / JSONL writers.

The schema is derived from the one column list (coder/io/columns.py), never inferred from data, so
every file has the same column types whatever its first batch holds.
"""
from __future__ import annotations

import datetime as dt
import json
import operator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from coder.errors import UsageError
from coder.io.atomic import commit, make_temp
from coder.io.columns import COLUMNS, SCHEMA_VERSION

_ARROW_TYPES = {
    "str": pa.string(), "code": pa.dictionary(pa.int32(), pa.string()), "date": pa.date32(), "bool": pa.bool_(),
    "int8": pa.int8(), "int32": pa.int32(), "int64": pa.int64(), "float32": pa.float32(), "float64": pa.float64(),
}
EVENT_SCHEMA = pa.schema([pa.field(c.name, _ARROW_TYPES[c.kind], nullable=c.nullable) for c in COLUMNS])
_ROW = operator.itemgetter(*EVENT_SCHEMA.names)  # a record's values in column order


def to_table(records: list[dict]) -> pa.Table:
    """Records (dicts with every column) as a table of EVENT_SCHEMA."""
    arrays = []
    # One pass over the records turns rows into columns (a list comprehension per column is 80 passes).
    columns = zip(*map(_ROW, records)) if records else ([] for _ in EVENT_SCHEMA)
    for field, values in zip(EVENT_SCHEMA, columns, strict=True):
        values = list(values)
        if pa.types.is_dictionary(field.type):
            arrays.append(pa.array(values, pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(values, field.type))
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def file_metadata(*, coder_version: str, ontology_version: str, options: dict) -> dict[bytes, bytes]:
    return {
        b"eventcoder.coder_version": coder_version.encode(),
        b"eventcoder.ontology_version": ontology_version.encode(),
        b"eventcoder.schema_version": SCHEMA_VERSION.encode(),
        b"eventcoder.options": json.dumps(options, sort_keys=True, default=str).encode(),
    }


OUTPUT_SUFFIXES = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def output_format(path: str | Path) -> str:
    """'parquet' or 'jsonl' by the suffix of `path` ('-' is JSONL on standard output); anything
    else is a usage error rather than Parquet bytes under a .csv name."""
    if str(path) == "-":
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UsageError("E110", f"unknown output type '{suffix or Path(path).name}': name the output .parquet, "
                         ".jsonl or - (standard output), or give a folder with --partition-by", str(path))
    return OUTPUT_SUFFIXES[suffix]


def check_output(output: str | Path, *, resume: bool = False, partition: str | None = None) -> None:
    """Usage errors in -o, found before any work: an unknown suffix, or - with what it cannot do."""
    if str(output) == "-" and (resume or partition):
        raise UsageError("E110", "-o - streams JSONL to standard output: it cannot be resumed or partitioned", "-o -")
    if not partition:
        output_format(output)


class AtomicWriter:
    """Writes events in batches to a temporary file beside the target and renames it into place
    on close (coder.io.atomic), so a crash never leaves a truncated file under the real name."""

    def __init__(self, path: str | Path, metadata: dict[bytes, bytes]):
        self.path = Path(path)
        self.format = output_format(self.path)
        self.tmp = make_temp(self.path)
        self.rows = 0
        self.batches = 0
        if self.format == "parquet":
            schema = EVENT_SCHEMA.with_metadata(metadata)
            self._writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        else:
            self._handle = open(self.tmp, "w", encoding="utf-8")

    def write(self, records: list[dict]) -> None:
        for batch in to_table(records).to_batches() if records else ():
            self.write_batch(batch)

    def write_batch(self, batch: pa.RecordBatch) -> None:
        """Rows already in Arrow form (the parts of a batch run, read back in order)."""
        self.rows += batch.num_rows
        self.batches += 1
        if self.format == "parquet":
            self._writer.write_batch(batch.cast(self._writer.schema))
        else:
            write_jsonl(batch, self._handle)

    def close(self) -> None:
        if self.format == "parquet":
            self._writer.close()
        else:
            self._handle.close()
        commit(self.tmp, self.path)

    def abort(self) -> None:
        try:
            if self.format == "parquet":
                self._writer.close()
            else:
                self._handle.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> "AtomicWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_jsonl(batch: pa.RecordBatch | pa.Table, handle) -> None:
    """Rows as JSON lines (dates as YYYY-MM-DD, text as UTF-8)."""
    for record in batch.to_pylist():
        handle.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)

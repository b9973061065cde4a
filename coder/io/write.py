"""The event table: an explicit Arrow schema, and atomic Parquet / JSONL writers.

The schema is written out here, never inferred from data, so every file has the same column types
whatever its first batch holds; tests/test_contract.py keeps it in step with
schemas/event.schema.json.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA_VERSION = "1.2"

_code = pa.dictionary(pa.int32(), pa.string())


def _f(name: str, type_: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable)


EVENT_SCHEMA = pa.schema([
    _f("event_id", pa.string(), False),
    _f("doc_id", pa.string(), False),
    _f("sentence_index", pa.int32(), False),
    _f("sentence_text", pa.string(), False),
    _f("sentence_start", pa.int32(), False),
    _f("sentence_end", pa.int32(), False),
    _f("event_date", pa.date32()),
    _f("date_text", pa.string()),
    _f("date_precision", pa.int8()),
    _f("date_reason", pa.string(), False),
    _f("doc_date", pa.date32()),
    _f("doc_date_reason", pa.string(), False),
    _f("location_text", pa.string()),
    _f("location_name", pa.string()),
    _f("geonameid", pa.int64()),
    _f("latitude", pa.float64()),
    _f("longitude", pa.float64()),
    _f("admin1", _code),
    _f("location_country", _code),
    _f("geo_precision", pa.int8()),
    _f("location_reason", pa.string(), False),
    _f("location_start", pa.int32()),
    _f("location_end", pa.int32()),
    _f("source_code", _code),
    _f("source_country", _code),
    _f("source_text", pa.string()),
    _f("source_start", pa.int32()),
    _f("source_end", pa.int32()),
    _f("source_reason", pa.string()),
    _f("source_kind", _code, False),
    _f("source_sector", _code),
    _f("source_name", pa.string()),
    _f("target_code", _code),
    _f("target_country", _code),
    _f("target_text", pa.string()),
    _f("target_start", pa.int32()),
    _f("target_end", pa.int32()),
    _f("target_reason", pa.string()),
    _f("target_kind", _code, False),
    _f("target_sector", _code),
    _f("target_name", pa.string()),
    _f("dyad", pa.bool_(), False),
    _f("event_code", _code, False),
    _f("verb_code", _code, False),
    _f("event_root", _code, False),
    _f("event_name", _code, False),
    _f("quad_class", pa.int8(), False),
    _f("goldstein", pa.float32(), False),
    _f("plover_event", _code),
    _f("plover_mode", _code),
    _f("plover_context", _code),
    _f("acled_event_type", _code),
    _f("acled_sub_event_type", _code),
    _f("verb_text", pa.string(), False),
    _f("verb_start", pa.int32(), False),
    _f("verb_end", pa.int32(), False),
    _f("trigger", _code, False),
    _f("passive", pa.bool_(), False),
    _f("negated", pa.bool_(), False),
    _f("future", pa.bool_(), False),
    _f("hypothetical", pa.bool_(), False),
    _f("modality_text", pa.string()),
    _f("main_event", pa.bool_(), False),
    _f("dedup_story_key", pa.string(), False),
    _f("dedup_day_key", pa.string(), False),
    _f("rule_id", _code, False),
    _f("rule_location", _code, False),
    _f("rule_pattern", _code, False),
    _f("roles_reason", pa.string(), False),
    _f("doc_source", _code),
    _f("doc_url", pa.string()),
    _f("doc_title", pa.string()),
    _f("doc_metadata", pa.string()),
    _f("coder_version", _code, False),
    _f("ontology_version", _code, False),
    _f("analysis", _code, False),
])


def to_table(records: list[dict]) -> pa.Table:
    """Records (dicts with every column) as a table of EVENT_SCHEMA."""
    arrays = []
    for field in EVENT_SCHEMA:
        values = [r[field.name] for r in records]
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


class AtomicWriter:
    """Writes events in batches to a temporary file beside the target and renames it into place
    on close, so a crash never leaves a truncated file under the real name."""

    def __init__(self, path: str | Path, metadata: dict[bytes, bytes]):
        self.path = Path(path)
        self.format = "jsonl" if self.path.suffix.lower() in (".jsonl", ".ndjson") else "parquet"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.rows = 0
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
        if self.format == "parquet":
            self._writer.write_batch(batch.cast(self._writer.schema))
        else:
            for record in batch.to_pylist():
                self._handle.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")

    def close(self) -> None:
        if self.format == "parquet":
            self._writer.close()
        else:
            self._handle.close()
        os.replace(self.tmp, self.path)

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


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)

"""Check every event record against schemas/event.schema.json before it is written.

fastjsonschema compiles the schema to Python once and checks a record in microseconds; when a
record fails, jsonschema runs on it to list every problem with its field.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

import fastjsonschema
from jsonschema import Draft202012Validator

from coder.errors import RecordInvalid
from coder.ontology.load import schemas_dir


@lru_cache(maxsize=1)
def event_schema() -> dict:
    return json.loads((schemas_dir() / "event.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _fast():
    return fastjsonschema.compile(event_schema())


def validate_record(record: dict) -> None:
    """Raise RecordInvalid naming the document and every failing field."""
    plain = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
    try:
        _fast()(plain)
    except fastjsonschema.JsonSchemaException:
        full = Draft202012Validator(event_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(full.iter_errors(plain), key=lambda e: list(e.path))
        detail = "; ".join(f"{'/'.join(map(str, e.path)) or 'record'}: {e.message}" for e in errors[:5])
        raise RecordInvalid("E301", f"event record does not match the event schema: {detail}",
                            f"document '{record.get('doc_id')}'") from None

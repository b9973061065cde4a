"""Check every event record against schemas/event.schema.json before it is written."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

from jsonschema import Draft202012Validator

from .errors import RecordInvalid
from .ontology import schemas_dir


@lru_cache(maxsize=1)
def event_schema() -> dict:
    return json.loads((schemas_dir() / "event.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(event_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_record(record: dict) -> None:
    """Raise RecordInvalid naming the document and every failing field."""
    plain = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
    errors = sorted(_validator().iter_errors(plain), key=lambda e: list(e.path))
    if errors:
        detail = "; ".join(f"{'/'.join(map(str, e.path)) or 'record'}: {e.message}" for e in errors[:5])
        raise RecordInvalid("E301", f"event record does not match the event schema: {detail}",
                            f"document '{record.get('doc_id')}'")

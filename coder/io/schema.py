"""Check every event record against schemas/event.schema.json before it is written.

Two checkers, one verdict:

- `validate_records(records)`, used by the coder once per article, runs a checker generated from
  the schema's own properties: one straight line of `type(v) is ...`, range, enum and compiled
  pattern tests per column, about 6x cheaper per record than the JSON Schema engine. That fast path
  only ever *accepts* values the schema accepts; any record it does not accept, and any schema
  keyword it does not know, goes to the JSON Schema engine, which gives the verdict and the message.
  So every record is still checked against every constraint of the schema file.
- `validate_record(record)` is the JSON Schema engine itself (fastjsonschema, with jsonschema to list
  every problem with its field). Strict mode (`eventcoder code --strict`, or the environment variable
  EVENTCODER_STRICT_SCHEMA=1, which worker processes inherit) runs it on every record as well.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import lru_cache
from typing import Callable, Sequence

import fastjsonschema

from coder.errors import RecordInvalid
from coder.ontology.load import schemas_dir

STRICT_ENV = "EVENTCODER_STRICT_SCHEMA"


@lru_cache(maxsize=1)
def event_schema() -> dict:
    return json.loads((schemas_dir() / "event.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _fast():
    return fastjsonschema.compile(event_schema())


def strict_mode() -> bool:
    """True when every record must also pass the full JSON Schema engine (`--strict`)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def validate_record(record: dict, *, position: int | None = None) -> None:
    """The full JSON Schema check of one record. Raise RecordInvalid naming the document, the record
    (its `position` in the batch and its event id) and every failing field."""
    plain = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
    try:
        _fast()(plain)
    except fastjsonschema.JsonSchemaException as refusal:
        from jsonschema import Draft202012Validator  # only to word a refusal: 0.1-0.3 s to import

        full = Draft202012Validator(event_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(full.iter_errors(plain), key=lambda e: list(e.path))
        detail = "; ".join(f"{'/'.join(map(str, e.path)) or 'record'}: {e.message}" for e in errors[:5])
        # The two engines differ on a few edge cases (jsonschema lets a pattern's $ match before a final
        # newline); the refusal stands, with fastjsonschema's own words.
        detail = detail or f"{getattr(refusal, 'name', 'data').removeprefix('data.')}: {refusal.message}"
        which = "event record" if position is None else f"event record {position}"
        if isinstance(record.get("event_id"), str):
            which += f" ({record['event_id']})"
        raise RecordInvalid("E301", f"{which} does not match the event schema: {detail}",
                            f"document '{record.get('doc_id')}'") from None


def validate_records(records: Sequence[dict], *, strict: bool | None = None) -> None:
    """Check a batch of records (one article's events) against the event schema; raise RecordInvalid
    for the first invalid one, naming its document, position, event id and failing fields.
    `strict` (default: `strict_mode()`) also runs the full JSON Schema engine on every record."""
    if not records:
        return  # most articles: no events, and no need to read the environment
    if strict if strict is not None else strict_mode():
        doubtful = range(len(records))
    else:
        accepts = fast_checker()
        doubtful = [i for i, record in enumerate(records) if not accepts(record)]
    for position in doubtful:
        validate_record(records[position], position=position)


# The fast checker ------------------------------------------------------------------------------
# Built from the properties of schemas/event.schema.json, so it follows the file: a column added to
# coder/io/columns.py (and regenerated into the file) is checked here with no further change.

# Top-level keywords of an object schema that the generated checker covers (or that only annotate).
_OBJECT_KEYWORDS = {"$schema", "$id", "title", "description", "x-schema-version", "type", "additionalProperties",
                    "required", "properties"}
_REMEMBERED = 4096  # values remembered per pattern column
# JSON Schema type -> a Python test that accepts only values of that type (bool is not an integer;
# ints that arrive as floats, strings in a date column and the like are left to the full engine).
_TYPE_TESTS = {"string": "v.__class__ is str", "integer": "v.__class__ is int",
               "number": "(v.__class__ is float or v.__class__ is int)", "boolean": "(v is True or v is False)"}


def _property_test(prop: dict, constants: dict) -> str | None:
    """A Python expression over `v` that is true only for values `prop` accepts, or None when `prop`
    uses a keyword this generator does not know (the column then always goes to the full engine)."""
    types = prop.get("type")
    types = [types] if isinstance(types, str) else list(types or ())
    nullable = "null" in types
    types = [t for t in types if t != "null"]
    if len(types) != 1 or types[0] not in _TYPE_TESTS:
        return None
    type_ = types[0]
    is_date = type_ == "string" and prop.get("format") == "date"
    # Records carry datetime.date objects in date columns, written as ISO dates: a plain date always
    # satisfies the date format, and its ISO form is what the pattern must match. Strings in a date
    # column go to the full engine.
    tests = ["v.__class__ is _date"] if is_date else [_TYPE_TESTS[type_]]
    for keyword, value in prop.items():
        name = f"_c{len(constants)}"
        if keyword in ("type", "description") or (keyword == "format" and is_date):
            continue
        if keyword == "pattern" and type_ == "string":
            # fastjsonschema's reading of a pattern: searched, with every unescaped $ read as \Z. Codes
            # repeat, so values seen to match are remembered (up to _REMEMBERED of them) and most checks
            # are a set lookup: `v in seen or (matches and (seen is full or not seen.add(v)))`.
            constants[name] = re.compile(re.sub(r"(?<!\\)\$", r"\\Z", value)).search
            constants[f"{name}_seen"] = set()
            text = "v.isoformat()" if is_date else "v"
            tests.append(f"(v in {name}_seen or ({name}({text}) is not None and "
                         f"(len({name}_seen) >= {_REMEMBERED} or not {name}_seen.add(v))))")
        elif keyword == "enum" and type_ == "string" and all(isinstance(item, str) for item in value):
            constants[name] = frozenset(value)
            tests.append(f"v in {name}")
        elif keyword in ("minimum", "maximum") and type_ in ("integer", "number") and type(value) in (int, float):
            tests.append(f"v {'>=' if keyword == 'minimum' else '<='} {value!r}")
        else:
            return None
    test = " and ".join(tests)
    return f"v is None or ({test})" if nullable else test


def checker_source(schema: dict) -> tuple[str, dict]:
    """The source of `accepts(record) -> bool` for an object schema, and the constants it uses."""
    constants: dict = {"_date": dt.date}
    names = list(schema.get("properties", {}))
    lines = ["def accepts(record):"]
    covered = (set(schema) <= _OBJECT_KEYWORDS and schema.get("type") == "object"
               and schema.get("additionalProperties") is False and set(schema.get("required", ())) == set(names))
    if not covered:
        lines.append("    return False  # a schema shape the generator does not cover: the full engine decides")
        return "\n".join(lines), constants
    # The right number of keys, each of them found: exactly the schema's columns (required, no others).
    lines += [f"    if record.__class__ is not dict or len(record) != {len(names)}:", "        return False", "    try:"]
    for name in names:
        test = _property_test(schema["properties"][name], constants)
        lines += [f"        v = record[{name!r}]", f"        if not ({test or 'False'}):", "            return False"]
    lines += ["    except KeyError:", "        return False", "    return True"]
    return "\n".join(lines), constants


def unchecked_columns(schema: dict) -> list[str]:
    """Columns whose rules the fast checker does not cover (each of their records takes the slow path)."""
    return [name for name, prop in schema.get("properties", {}).items() if _property_test(prop, {}) is None]


@lru_cache(maxsize=1)
def fast_checker() -> Callable[[dict], bool]:
    """`accepts(record)`: True only if the record surely matches the event schema."""
    source, namespace = checker_source(event_schema())
    exec(compile(source, "<event schema checker>", "exec"), namespace)
    return namespace["accepts"]


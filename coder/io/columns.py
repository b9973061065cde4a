"""The event columns, written once: the Arrow schema (io/write.py), the JSON Schema
(schemas/event.schema.json, generated from here and checked in), the `Event` record type and the
README's column table are all derived from this list.

Regenerate the checked-in files after changing a column:

    python -m coder.io.columns --write

(tests/test_output.py fails while the JSON Schema or the README table is out of step.)
Standard library only, so any stage can import it cheaply.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypedDict

SCHEMA_VERSION = "1.2"

# Column kinds: how each is stored in Arrow and checked in JSON. "code" is a dictionary-encoded
# string (a categorical in pandas, a factor in R).
JSON_TYPES = {"str": "string", "code": "string", "date": "string", "bool": "boolean", "int8": "integer",
              "int32": "integer", "int64": "integer", "float32": "number", "float64": "number"}
PY_TYPES = {"str": str, "code": str, "date": date, "bool": bool, "int8": int, "int32": int, "int64": int,
            "float32": float, "float64": float}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    doc: str
    nullable: bool = True
    rules: dict = field(default_factory=dict)  # further JSON Schema keywords: pattern, minimum, enum

    def json_schema(self) -> dict:
        type_ = JSON_TYPES[self.kind]
        schema: dict = {"description": self.doc, "type": [type_, "null"] if self.nullable else type_}
        if self.kind == "date":
            schema["format"] = "date"
            schema["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        return {**schema, **self.rules}


COLUMNS: tuple[Column, ...] = (
    Column('event_id', 'str', 'Deterministic id: the same input and ontology give the same id.', nullable=False, rules={'pattern': '^[0-9a-f]{20}$'}),
    Column('doc_id', 'str', 'Id of the input article.', nullable=False),
    Column('sentence_index', 'int32', '0-based index of the sentence in the article.', nullable=False, rules={'minimum': 0}),
    Column('sentence_text', 'str', 'The sentence the event was coded from.', nullable=False),
    Column('sentence_start', 'int32', 'Character offset of the sentence in the article text.', nullable=False),
    Column('sentence_end', 'int32', 'End offset (exclusive).', nullable=False),
    Column('event_date', 'date', 'Date of the event (the article date unless the text says otherwise).'),
    Column('date_text', 'str', 'The date expression the event date was read from, as written.'),
    Column('date_precision', 'int8', 'ACLED time_precision: 1 day, 2 week or a few days, 3 month or vaguer.', rules={'minimum': 1, 'maximum': 3}),
    Column('date_reason', 'str', 'How the event date was resolved.', nullable=False),
    Column('doc_date', 'date', 'Publication date of the article.'),
    Column('doc_date_reason', 'str', 'Where the article date came from: input, inferred from the text, or unknown.', nullable=False),
    Column('location_text', 'str', 'The place as written in the sentence.'),
    Column('location_name', 'str', 'GeoNames name of the place.'),
    Column('geonameid', 'int64', 'GeoNames id of the place.'),
    Column('latitude', 'float64', 'Latitude (WGS84).', rules={'minimum': -90, 'maximum': 90}),
    Column('longitude', 'float64', 'Longitude (WGS84).', rules={'minimum': -180, 'maximum': 180}),
    Column('admin1', 'code', 'First-level administrative region.'),
    Column('location_country', 'code', 'ISO 3166-1 alpha-3 country of the place.', rules={'pattern': '^[A-Z]{3}$'}),
    Column('geo_precision', 'int8', 'ACLED geo_precision: 1 town, 2 part of a region or near a town, 3 larger region or country.', rules={'minimum': 1, 'maximum': 3}),
    Column('location_reason', 'str', 'Which rule chose the place (verb phrase, sentence, dateline, article main place, none found).', nullable=False),
    Column('location_start', 'int32', 'Character offset of the place in the article.'),
    Column('location_end', 'int32', 'End offset (exclusive).'),
    Column('source_code', 'code', 'CAMEO actor code of the source.', rules={'pattern': '^([A-Z]{3}|---)([A-Z]{3})*$'}),
    Column('source_country', 'code', 'ISO 3166-1 alpha-3 country of the source, if any.', rules={'pattern': '^[A-Z]{3}$'}),
    Column('source_text', 'str', 'Text of the source mention.'),
    Column('source_start', 'int32', 'Character offset of the source mention.'),
    Column('source_end', 'int32', 'End offset (exclusive).'),
    Column('source_reason', 'str', 'How the source code was decided.'),
    Column('source_kind', 'code', 'Where the source came from: actor (a mention), place (a place standing for its country), context (a role noun given the country of its clause), unknown (`---`).', nullable=False, rules={'enum': ['actor', 'place', 'context', 'unknown']}),
    Column('source_sector', 'code', 'Role part of the source code (MIL of IRQMIL); empty for a bare country or an unknown side.'),
    Column('source_name', 'str', 'Canonical ontology name of the source (the person, organisation or country), not the text.'),
    Column('target_code', 'code', 'CAMEO actor code of the target.', rules={'pattern': '^([A-Z]{3}|---)([A-Z]{3})*$'}),
    Column('target_country', 'code', 'ISO3 country of the target, if any.', rules={'pattern': '^[A-Z]{3}$'}),
    Column('target_text', 'str', 'Text of the target mention.'),
    Column('target_start', 'int32', 'Character offset of the target mention.'),
    Column('target_end', 'int32', 'End offset (exclusive).'),
    Column('target_reason', 'str', 'How the target code was decided.'),
    Column('target_kind', 'code', 'Where the target came from: actor (a mention), place (a place standing for its country), context (a role noun given the country of its clause), unknown (`---`).', nullable=False, rules={'enum': ['actor', 'place', 'context', 'unknown']}),
    Column('target_sector', 'code', 'Role part of the target code (MIL of IRQMIL); empty for a bare country or an unknown side.'),
    Column('target_name', 'str', 'Canonical ontology name of the target (the person, organisation or country), not the text.'),
    Column('dyad', 'bool', 'Both sides are known (actor, place or context); false when one is `---`.', nullable=False),
    Column('event_code', 'code', 'CAMEO event code (2-4 digits, a string).', nullable=False, rules={'pattern': '^[0-9]{2,4}$'}),
    Column('verb_code', 'code', 'The literal CAMEO code of the pattern that fired, before negation and intent were applied to event_code.', nullable=False, rules={'pattern': '^[0-9]{2,4}$'}),
    Column('event_root', 'code', 'CAMEO root code (2 digits).', nullable=False, rules={'pattern': '^[0-9]{2}$'}),
    Column('event_name', 'code', 'CAMEO name of the event code.', nullable=False),
    Column('quad_class', 'int8', '1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.', nullable=False, rules={'minimum': 1, 'maximum': 4}),
    Column('goldstein', 'float32', 'Goldstein conflict-cooperation score of the event code.', nullable=False, rules={'minimum': -10, 'maximum': 10}),
    Column('plover_event', 'code', 'PLOVER event type.'),
    Column('plover_mode', 'code', 'PLOVER mode.'),
    Column('plover_context', 'code', 'PLOVER context.'),
    Column('acled_disorder_type', 'code', 'ACLED disorder type (Political violence, Demonstrations, Political violence; Demonstrations, Strategic developments), set by the ACLED typing step.'),
    Column('acled_event_type', 'code', "ACLED event type, from the sentence's evidence (ontology/acled/); empty for events ACLED does not record."),
    Column('acled_sub_event_type', 'code', "ACLED sub-event type, from the sentence's evidence (ontology/acled/)."),
    Column('acled_interaction', 'int8', "ACLED interaction code: the two sides' actor types (1 state forces ... 8 external forces), smaller digit first; one side alone gives digit x 10.", rules={'minimum': 10, 'maximum': 88}),
    Column('acled_civilian_targeting', 'bool', 'ACLED civilian targeting: true when civilians are the target of political violence; empty for events with no ACLED type.'),
    Column('fatalities', 'int32', 'People the sentence says were killed (`killing at least 11` -> 11, `no casualties` -> 0); empty when it states no number.', rules={'minimum': 0}),
    Column('verb_text', 'str', 'The words of the pattern that fired.', nullable=False),
    Column('verb_start', 'int32', 'Character offset of the trigger.', nullable=False),
    Column('verb_end', 'int32', 'End offset (exclusive).', nullable=False),
    Column('trigger', 'code', 'verb or noun pattern.', nullable=False, rules={'enum': ['verb', 'noun']}),
    Column('passive', 'bool', 'The trigger is in the passive voice.', nullable=False),
    Column('negated', 'bool', 'The event is negated (did not happen).', nullable=False),
    Column('future', 'bool', 'The event is announced for the future.', nullable=False),
    Column('hypothetical', 'bool', 'The event is conditional, intended or possible.', nullable=False),
    Column('modality_text', 'str', 'The words that set negated/future/hypothetical.'),
    Column('main_event', 'bool', "The event of the sentence's main clause (false for events in relative, conditional, temporal or purpose clauses and for reporting frames).", nullable=False),
    Column('dedup_story_key', 'str', 'One-a-story key: equal for the same source, event code and target in one article.', nullable=False, rules={'pattern': '^[0-9a-f]{20}$'}),
    Column('dedup_day_key', 'str', 'One-a-day key: equal for the same source, event code and target on one event date, across articles.', nullable=False, rules={'pattern': '^[0-9a-f]{20}$'}),
    Column('rule_id', 'code', 'Id of the pattern that fired.', nullable=False),
    Column('rule_location', 'code', 'file:line of the pattern in the ontology.', nullable=False),
    Column('rule_pattern', 'code', 'The pattern as written.', nullable=False),
    Column('roles_reason', 'str', 'How source and target were assigned.', nullable=False),
    Column('doc_source', 'code', "The article's source field."),
    Column('doc_url', 'str', "The article's URL."),
    Column('doc_title', 'str', "The article's title."),
    Column('doc_metadata', 'str', 'Other input fields of the article, as a JSON object.'),
    Column('coder_version', 'code', 'eventcoder version.', nullable=False),
    Column('ontology_version', 'code', 'Content hash of the ontology.', nullable=False),
    Column('analysis', 'code', 'Analysis mode and model.', nullable=False),
)
NAMES = tuple(c.name for c in COLUMNS)
BY_NAME = {c.name: c for c in COLUMNS}

# The location columns an event has before (or without) geocoding.
LOCATION_COLUMNS = tuple(n for n in NAMES if n.startswith("location_")
                         or n in ("geonameid", "latitude", "longitude", "admin1", "geo_precision"))

# One event record: a dict with exactly these keys (what `Coder` returns and the writers take).
Event = TypedDict("Event", {c.name: PY_TYPES[c.kind] | None if c.nullable else PY_TYPES[c.kind] for c in COLUMNS})

# The README's column table: related columns share a row.
README_GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (('event_id',), 'deterministic id: same input and ontology, same id'),
    (('doc_id', 'sentence_index', 'sentence_text', 'sentence_start', 'sentence_end'), 'where the event was read'),
    (('event_date', 'date_text', 'date_precision', 'date_reason'), "`date32`, resolved from the sentence (`on Wednesday`, `yesterday`, `Oct. 24`, `since 2014`) against the article date; precision as ACLED's `time_precision` (1 day, 2 week, 3 month or vaguer); empty when nothing is known"),
    (('doc_date', 'doc_date_reason'), 'the article date: from the input, else inferred from the text (dateline, explicit dates), and said so'),
    (('location_text', 'location_name', 'geonameid', 'latitude', 'longitude', 'admin1', 'location_country', 'geo_precision', 'location_reason', 'location_start', 'location_end'), "where: the place attached to the verb, else in the sentence, else the dateline, else the article's main place (the rule is in `location_reason`); precision as ACLED's `geo_precision` (1 town, 2 near a town or part of a region, 3 region or country)"),
    (('source_code', 'source_country', 'source_text', 'source_start', 'source_end', 'source_reason'), 'the source actor: CAMEO code, ISO3 country, text, character offsets, how its code was decided'),
    (('source_kind', 'source_sector', 'source_name'), "where the source came from (`actor`, `place`, `context`, `unknown` for `---`), the role part of its code (`MIL` of `IRQMIL`, empty for a bare country), its canonical ontology name"),
    (('target_*', 'dyad'), 'the same for the target; `dyad` is true when neither side is `---`'),
    (('event_code', 'verb_code', 'event_root', 'event_name', 'quad_class', 'goldstein'), "CAMEO code (string) after the codebook's negation/intent table, the pattern's own code, root, name, QuadClass 1-4, Goldstein score"),
    (('plover_event', 'plover_mode', 'plover_context'), 'mappings from the codebook'),
    (('acled_disorder_type', 'acled_event_type', 'acled_sub_event_type', 'acled_interaction', 'acled_civilian_targeting', 'fatalities'), "ACLED's typology from the sentence's evidence, empty for events ACLED does not record; `fatalities` is the number the sentence says were killed, empty when it states none (see [ACLED](#acled))"),
    (('verb_text', 'verb_start', 'verb_end', 'trigger', 'passive'), 'the words of the pattern that fired; verb or noun pattern; passive voice'),
    (('negated', 'future', 'hypothetical', 'modality_text', 'main_event'), "PLOVER-style modality flags and the words that set them (kept, never dropped); `main_event`: the event of the sentence's main clause"),
    (('dedup_story_key', 'dedup_day_key'), 'duplicates marked, never removed: equal keys for the same source, event and target in one article (one-a-story) or on one event date across articles (one-a-day); drop duplicates on either at analysis time'),
    (('rule_id', 'rule_location', 'rule_pattern', 'roles_reason'), 'provenance: the rule, its `file:line`, the pattern, how source and target were assigned'),
    (('doc_source', 'doc_url', 'doc_title', 'doc_metadata'), 'article metadata (`doc_metadata`: other input fields as JSON)'),
    (('coder_version', 'ontology_version', 'analysis'), 'what produced the row'),
)


def json_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://eventcoder.example/schemas/event.schema.json",
        "title": "eventcoder event record",
        "description": "One coded event. Parquet output has exactly these columns. Generated from "
                       "coder/io/columns.py: edit that file, then run `python -m coder.io.columns --write`.",
        "x-schema-version": SCHEMA_VERSION,
        "type": "object",
        "additionalProperties": False,
        "required": list(NAMES),
        "properties": {c.name: c.json_schema() for c in COLUMNS},
    }


def readme_table() -> str:
    grouped = [n for names, _ in README_GROUPS for n in names]
    missing = [n for n in NAMES if n not in grouped and not n.startswith("target_")]
    if missing:
        raise ValueError(f"README_GROUPS lacks columns {missing}")
    rows = ["| column | meaning |", "|---|---|"]
    rows += [f"| {', '.join(f'`{n}`' for n in names)} | {meaning} |" for names, meaning in README_GROUPS]
    return "\n".join(rows)


def _write(root: Path) -> None:
    (root / "schemas" / "event.schema.json").write_text(
        json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index("| column | meaning |")
    end = text.index("\n\n", start)
    readme.write_text(text[:start] + readme_table() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m coder.io.columns --write   (regenerates the JSON Schema and the README table)")
    _write(Path(__file__).resolve().parents[2])

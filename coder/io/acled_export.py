"""Events as an ACLED table: ACLED's own column names, order and types (the crosswalk is in the
README, section "ACLED").

ACLED records one event per reported incident, so the rows are the ACLED-typed events, one per
sentence and sub-event type: the first event's source and target are `actor1` and `actor2`, the
other actors of the same sentence and type are the associated actors (`assoc_actor_1`,
`assoc_actor_2`, joined with "; " as ACLED does). Events with no ACLED type are left out.
"""
from __future__ import annotations

import pyarrow as pa

from coder.coding.acled import AcledTyper, acled_files, load_rules
from coder.io.export import countries_by_iso3

ACLED_SCHEMA = pa.schema([
    ("event_id_cnty", pa.string()),
    ("event_date", pa.date32()),
    ("year", pa.int16()),
    ("time_precision", pa.int8()),
    ("disorder_type", pa.string()),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("actor1", pa.string()),
    ("assoc_actor_1", pa.string()),
    ("inter1", pa.int8()),
    ("actor2", pa.string()),
    ("assoc_actor_2", pa.string()),
    ("inter2", pa.int8()),
    ("interaction", pa.int8()),
    ("civilian_targeting", pa.string()),
    ("iso", pa.int16()),
    ("region", pa.string()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("admin2", pa.string()),
    ("admin3", pa.string()),
    ("location", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("geo_precision", pa.int8()),
    ("source", pa.string()),
    ("source_scale", pa.string()),
    ("notes", pa.string()),
    ("fatalities", pa.int32()),
    ("tags", pa.string()),
    ("timestamp", pa.int64()),
])
# ACLED's generic actor names for an unnamed side, by actor type.
_UNNAMED = {3: "Unidentified Armed Group", 5: "Rioters", 6: "Protesters", 7: "Civilians"}


def _name(row: dict, side: str) -> str | None:
    """The actor's canonical name when the table has one, else the words of the text, else its code."""
    for column in (f"{side}_name", f"{side}_text", f"{side}_code"):
        value = row.get(column)
        if value and str(value).strip("-"):
            return str(value)
    return None


def to_acled(events: "pa.Table") -> "pa.Table":
    """The ACLED-typed events of an event table as a table with ACLED's columns."""
    rules = load_rules(acled_files(None))
    typer = AcledTyper(rules)
    countries = countries_by_iso3()
    groups: dict[tuple, list[dict]] = {}
    for row in events.to_pylist():
        if row.get("acled_sub_event_type"):
            groups.setdefault((row["doc_id"], row["sentence_index"], row["acled_sub_event_type"]), []).append(row)
    rows = []
    for members in groups.values():
        first = members[0]
        inter1, inter2 = typer.inter_codes(first, first["acled_event_type"])
        iso3 = first.get("location_country")
        country = countries.get(iso3) if iso3 else None
        country_name = rules.country_names.get(iso3 or "") or (country["name"] if country else None)
        suffix = f" ({country_name})" if country_name else ""
        actor1 = _name(first, "source") or (_UNNAMED[inter1] + suffix if inter1 in _UNNAMED else None)
        actor2 = _name(first, "target") or (_UNNAMED[inter2] + suffix if inter2 in _UNNAMED else None)
        day = first.get("event_date")
        rows.append({
            "event_id_cnty": f"{iso3 or 'XXX'}{first['event_id'][:12]}",
            "event_date": day, "year": day.year if day else None, "time_precision": first.get("date_precision"),
            "disorder_type": first.get("acled_disorder_type"), "event_type": first["acled_event_type"],
            "sub_event_type": first["acled_sub_event_type"],
            "actor1": actor1, "assoc_actor_1": _associated(members, "source", actor1), "inter1": inter1 or None,
            "actor2": actor2, "assoc_actor_2": _associated(members, "target", actor2), "inter2": inter2 or None,
            "interaction": first.get("acled_interaction"),
            "civilian_targeting": "Civilian targeting" if first.get("acled_civilian_targeting") else "",
            "iso": country["isonumeric"] if country else None, "region": rules.regions.get(iso3 or ""),
            "country": country_name, "admin1": first.get("admin1"),
            "admin2": None, "admin3": None, "location": first.get("location_name"),
            "latitude": first.get("latitude"), "longitude": first.get("longitude"),
            "geo_precision": first.get("geo_precision"), "source": first.get("doc_source"), "source_scale": None,
            "notes": first["sentence_text"], "fatalities": first.get("fatalities"), "tags": None, "timestamp": None,
        })
    return pa.Table.from_pylist(rows, schema=ACLED_SCHEMA)


def _associated(members: list[dict], side: str, main: str | None) -> str | None:
    names = dict.fromkeys(n for n in (_name(m, side) for m in members) if n and n != main)
    return "; ".join(names) or None

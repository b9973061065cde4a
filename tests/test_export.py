"""`eventcoder export` and `ontology codebook --csv`: each file loaded back the way a researcher
would (pandas), with the target dataset's column names and types."""
from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from coder.coding.sectors import role_part
from click.testing import CliRunner

from coder.cli import main
from coder.io import export
from coder.io.write import to_table

SENTENCES = [
    ("Iraqi troops attacked Islamic State fighters in Mosul on Tuesday.", "2016-10-25"),
    ("The Turkish foreign minister met Russian officials in Moscow on Monday.", "2016-10-25"),
    ("The United Nations sent food aid to Yemen.", "2016-10-25"),
]

ICEWS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
         "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
         "City", "District", "Province", "Country", "Latitude", "Longitude"]
PHOENIX = ["EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
           "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
           "EventCode", "EventRootCode", "PentaClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
           "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources"]


@pytest.fixture(scope="module")
def records(default_coder):
    found = []
    for n, (text, day) in enumerate(SENTENCES):
        found += default_coder.code_text(text, date=day, doc_id=f"doc{n}")
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in found] == [
        ("IRQMIL", "190", "IMGMUSISI"), ("TURGOV", "040", "RUSGOV"), ("IGOUNO", "073", "YEM")]
    # A one-sided event with no date and no place, as the real-news coding keeps them.
    lone = {**found[0], "event_id": "f" * 20, "doc_id": "doc9", "event_date": None, "target_code": "---",
            "target_country": None, "target_text": None, "target_start": None, "target_end": None,
            "target_kind": "unknown", "target_sector": None, "target_name": None, "dyad": False,
            **dict.fromkeys(("location_name", "latitude", "longitude", "location_country", "admin1",
                             "geo_precision", "geonameid"))}
    return [*found, lone]


@pytest.fixture()
def events_file(records, tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(to_table(records), path)
    return path


def _export(events_file, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", str(events_file), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_icews_columns_types_and_values(events_file, tmp_path):
    frame = pd.read_csv(_export(events_file, "icews", tmp_path), sep="\t", dtype={"CAMEO Code": str},
                        parse_dates=["Event Date"])
    assert list(frame.columns) == ICEWS
    assert len(frame) == 4
    assert frame["Event Date"].dtype.kind == "M" and frame["Latitude"].dtype == "float64"
    assert frame["Sentence Number"].dtype == "int64" and frame["Intensity"].dtype == "float64"
    first = frame.iloc[0]
    # the canonical name the coder gives (a composed code takes its country's name), not the text
    assert (first["Source Name"], first["Source Sectors"], first["Source Country"]) == ("Iraq", "Military", "Iraq")
    assert (first["CAMEO Code"], first["City"], first["Province"], first["Country"]) == ("190", "Mosul", "Nineveh", "Iraq")
    assert frame.iloc[2]["CAMEO Code"] == "073"  # leading zero kept
    assert frame.iloc[2]["Source Sectors"] != frame.iloc[2]["Source Sectors"]  # NaN: an IGO has no role part
    lone = frame.iloc[3]
    assert pd.isna(lone["Event Date"]) and pd.isna(lone["Target Name"]) and pd.isna(lone["Latitude"])


def test_phoenix_columns_types_and_values(events_file, tmp_path):
    frame = pd.read_csv(_export(events_file, "phoenix", tmp_path), sep="\t",
                        dtype={"EventCode": str, "EventRootCode": str})
    assert list(frame.columns) == PHOENIX
    row = frame.iloc[1]
    assert (row["Date"], row["Year"], row["Month"], row["Day"]) == (20161024, 2016, 10, 24)
    assert (row["SourceActorFull"], row["SourceActorEntity"], row["SourceActorRole"]) == ("TURGOV", "TUR", "GOV")
    assert (row["EventCode"], row["EventRootCode"], row["PentaClass"]) == ("040", "04", 1)
    assert frame.iloc[0]["PentaClass"] == 4 and frame.iloc[0]["TargetActorAttribute"] == "ISI"
    assert frame["Lat"].dtype == "float64" and frame["GoldsteinScore"].dtype == "float64"
    assert frame.iloc[0]["SentenceID"] == "doc0_0"


def test_gdelt_columns_types_and_values(events_file, tmp_path):
    frame = pd.read_csv(_export(events_file, "gdelt", tmp_path), sep="\t",
                        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert frame.columns[0] == "GLOBALEVENTID" and frame.columns[-1] == "SOURCEURL"
    assert {"Actor1Code", "Actor2CountryCode", "IsRootEvent", "QuadClass", "GoldsteinScale", "ActionGeo_Lat",
            "ActionGeo_CountryCode", "ActionGeo_Type"} <= set(frame.columns)
    assert frame["GLOBALEVENTID"].dtype == "int64" and frame["GLOBALEVENTID"].is_unique
    first = frame.iloc[0]
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == (20161025, 201610, 2016)
    assert (first["Actor1Code"], first["Actor1CountryCode"], first["Actor1Type1Code"]) == ("IRQMIL", "IRQ", "MIL")
    assert first["ActionGeo_CountryCode"] == "IZ"  # FIPS 10-4, as GDELT writes it
    assert first["ActionGeo_Type"] == 4  # a world city
    assert frame.iloc[2]["ActionGeo_Type"] == 1 and frame.iloc[2]["ActionGeo_FullName"] == "Yemen"
    assert 2016.8 < first["FractionDate"] < 2016.9


def test_csv_has_every_event_column(events_file, tmp_path):
    frame = pd.read_csv(_export(events_file, "csv", tmp_path), dtype={"event_code": str})
    assert list(frame.columns) == pq.read_schema(events_file).names
    assert list(frame["event_code"]) == ["190", "040", "073", "190"]


def test_new_engine_columns_are_used_when_present(records):
    table = to_table(records)
    n = table.num_rows
    for name, value in (("source_sector", "INS"), ("source_name", "Iraqi Armed Forces")):
        table = table.set_column(table.schema.get_field_index(name), name, pa.array([value] * n))
    icews = export.to_icews(export.read_events_table(table))
    assert icews.column("Source Sectors").to_pylist()[0] == "Insurgents"
    assert icews.column("Source Name").to_pylist()[0] == "Iraqi Armed Forces"


@pytest.mark.parametrize(("code", "role"), [("IRQMIL", "MIL"), ("---OPP", "OPP"), ("USAGOVMIL", "GOV"),
                                            ("IGOUNO", None), ("USA", None), (None, None), ("IMGMUSISIREB", "REB")])
def test_role_part(code, role):
    assert role_part(code) == role


def test_partitioned_folder_with_differing_dictionaries(records, tmp_path):
    folder = tmp_path / "events"
    for n, part in enumerate((records[:2], records[2:])):
        (folder / f"event_year=2016/event_month={n + 1}").mkdir(parents=True)
        pq.write_table(to_table(part), folder / f"event_year=2016/event_month={n + 1}/part-0.parquet")
    table = export.read_events(folder)
    assert table.num_rows == 4 and table.schema.field("event_code").type == pa.string()


def test_missing_format_module_is_one_line(monkeypatch, events_file, tmp_path):
    monkeypatch.setitem(export.FORMATS, "acled", export.ExportFormat("acled", "coder.io.no_such_module.to_x", ",", ""))
    result = CliRunner().invoke(main, ["export", str(events_file), "--format", "acled", "-o", str(tmp_path / "a.csv")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "eventcoder: --format: [E702] the 'acled' export needs coder.io.no_such_module, which this installation "
        "lacks; upgrade eventcoder"]


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "stata"], "[E701] unknown export format 'stata'"),
])
def test_bad_format(events_file, tmp_path, args, message):
    result = CliRunner().invoke(main, ["export", str(events_file), *args, "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and message in result.output


def test_not_parquet_input(tmp_path):
    bad = tmp_path / "events.parquet"
    bad.write_text("not parquet")
    result = CliRunner().invoke(main, ["export", str(bad), "--format", "csv", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 3 and "[E106]" in result.output and str(bad) in result.output


def test_codebook_csv_loads_with_codes_as_text():
    result = CliRunner().invoke(main, ["ontology", "codebook", "--csv"])
    assert result.exit_code == 0
    frame = pd.read_csv(io.StringIO(result.output), dtype={"code": str, "root": str})
    assert list(frame.columns) == list(export.CODEBOOK_COLUMNS)
    assert frame["code"].is_unique and len(frame) > 300
    row = frame.set_index("code").loc["072"]
    assert (row["name"], row["root"], row["quad_class"]) == ("Provide military aid", "07", 2)
    assert frame["goldstein"].dtype == "float64" and frame["quad_class"].dtype == "int64"
    assert frame["plover_event"].notna().sum() > 200

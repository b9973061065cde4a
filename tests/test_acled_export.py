"""`to_acled`: ACLED's columns, in ACLED's order and types, loaded back as users load them."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from coder.io.acled_export import ACLED_SCHEMA, to_acled

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]

ARTICLES = [
    ("a1", "Israeli warplanes struck Hamas positions in Gaza on Monday, killing at least 11 people.", "2021-05-11"),
    ("a2", "Gunmen killed 12 villagers near Maiduguri on Tuesday.", "2021-06-02"),
    ("a3", "Thousands of protesters rallied in Minsk on Sunday against the election results.", "2020-08-17"),
    ("a4", "The Iranian foreign minister met his Iraqi counterpart in Baghdad on Monday.", "2021-06-01"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from coder import Coder
    from coder.io.read import Article, parse_date
    from coder.io.write import to_table

    coder = Coder(require_dyad=False)
    records = []
    for doc_id, text, day in ARTICLES:
        records += coder.code_article(Article(doc_id, text, parse_date(day, "date"), source="Wire")).events
    path = tmp_path_factory.mktemp("acled") / "events.parquet"
    pq.write_table(to_table(records), path)
    table = to_acled(pq.read_table(path))
    csv_path = path.with_suffix(".csv")
    pacsv.write_csv(table, csv_path)
    return table, csv_path


def test_columns_and_types(exported):
    table, _ = exported
    assert table.column_names == ACLED_COLUMNS
    assert table.schema == ACLED_SCHEMA
    assert pa.types.is_date32(table.schema.field("event_date").type)
    assert pa.types.is_integer(table.schema.field("interaction").type)


def test_rows(exported):
    table, _ = exported
    rows = {r["notes"][:12]: r for r in table.to_pylist()}
    assert len(rows) == 3  # the meeting is not an ACLED event
    air = rows["Israeli warp"]
    assert (air["disorder_type"], air["event_type"], air["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert air["fatalities"] == 11 and air["event_date"] == dt.date(2021, 5, 10) and air["year"] == 2021
    # a state's forces outside their own country are external forces (8), as ACLED codes them
    assert air["inter1"] == 8 and air["source"] == "Wire" and air["country"] == "Palestine"
    attack = rows["Gunmen kille"]
    assert attack["sub_event_type"] == "Attack" and attack["civilian_targeting"] == "Civilian targeting"
    assert attack["inter2"] == 7 and attack["fatalities"] == 12
    assert attack["country"] == "Nigeria" and attack["iso"] == 566 and attack["region"] == "Western Africa"
    protest = rows["Thousands of"]
    assert protest["sub_event_type"] == "Peaceful protest" and protest["disorder_type"] == "Demonstrations"
    assert protest["inter1"] == 6 and protest["interaction"] == 60 and protest["fatalities"] is None
    assert protest["civilian_targeting"] == ""


def test_csv_loads_with_acled_columns(exported):
    pd = pytest.importorskip("pandas")
    _, csv_path = exported
    frame = pd.read_csv(csv_path)
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) == 3
    assert set(frame["sub_event_type"]) == {"Air/drone strike", "Attack", "Peaceful protest"}
    assert sorted(frame["fatalities"].dropna().astype(int)) == [11, 12]


def test_empty_table_keeps_the_columns():
    from coder.io.write import EVENT_SCHEMA

    table = to_acled(EVENT_SCHEMA.empty_table())
    assert table.num_rows == 0 and table.column_names == ACLED_COLUMNS

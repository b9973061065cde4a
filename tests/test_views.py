"""The HTML views: `explain --html` (marked sentences and the decision trace) and `report`."""
from __future__ import annotations

import datetime as dt
import json
import re
import sys

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from coder.cli import main
from coder.io.write import to_table
from coder.report import explain_html, run_report
from conftest import MINI

MOSUL = "Iraqi troops attacked Islamic State fighters in Mosul on Tuesday."


def _marks(page: str) -> list[tuple[str, str, str]]:
    """(kind, text, label) of every mark on a page."""
    found = re.findall(r'<mark class="m (\w+)" title=[^>]*>(.*?)(?:<span class="lbl \w+">(.*?)</span>)?</mark>', page)
    return [(kind, text, label) for kind, text, label in found]


def _self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", page), "no network at view time"


@pytest.fixture(scope="module")
def mosul_page(default_coder):
    return explain_html.render_page([(default_coder.explain(MOSUL, date="2016-10-26"), None, "2016-10-26")])


def test_explain_marks_each_part_with_its_code(mosul_page):
    marks = _marks(mosul_page)
    assert ("source", "Iraqi troops", "IRQMIL") in marks
    assert ("target", "Islamic State fighters", "IMGMUSISI") in marks
    assert ("trigger", "attacked", "190") in marks
    assert ("location", "Mosul", "IRQ") in marks
    _self_contained(mosul_page)


def test_explain_shows_the_decision_trace(mosul_page):
    assert re.search(r"ontology/verbs/19_fight\.yaml:\d+", mosul_page)
    assert "<td class='kept'>kept</td>" in mosul_page
    assert "IRQMIL" in mosul_page and "Use conventional military force" in mosul_page
    assert "weekday &#x27;Tuesday&#x27;" in mosul_page  # the date reason, escaped


def test_dropped_candidates_are_explained_not_marked(default_coder):
    result = default_coder.explain("The building was bombed on Monday.", date="2016-10-26")
    page = explain_html.render_page([(result, None, None)])
    assert "class='dropped'>dropped: neither side names an actor" in page
    assert not [m for m in _marks(page) if m[0] in ("trigger", "source", "target")]


def test_text_is_escaped(mini_coder):
    page = explain_html.render_page([(mini_coder.explain("Gondor <b>attacked</b> Mordor & more.",
                                                          date="2016-01-05"), "<title>", None)])
    assert "<b>" not in page and "&lt;title&gt;" in page and "&amp; more" in page


def test_explain_input_file_to_html(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(d) for d in (
        {"id": "a", "text": "Gondor attacked Mordor on Tuesday.", "date": "2016-01-05", "title": "War in the east"},
        {"id": "b", "text": "Rohan met with Gondor.", "date": "2016-01-06"})) + "\n")
    out = tmp_path / "explain.html"
    result = CliRunner().invoke(main, ["explain", "--input", str(docs), "--html", str(out),
                                       "--ontology", str(MINI), "--no-geo"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert re.findall(r"<h2>(.*?)</h2>", page) == ["War in the east", "b"]
    assert ("trigger", "attacked", "190") in _marks(page) and ("source", "Rohan", "ROH") in _marks(page)


@pytest.mark.parametrize("args", [[], ["Gondor attacked Mordor.", "--input", "x.jsonl"]])
def test_explain_needs_text_or_input(args):
    result = CliRunner().invoke(main, ["explain", *args, "--ontology", str(MINI), "--no-geo"])
    assert result.exit_code == 2 and "[E001] give either TEXT or --input FILE" in result.output


# ---------------------------------------------------------------------------- report

@pytest.fixture(scope="module")
def run_file(default_coder, tmp_path_factory):
    records = []
    for n, (text, day) in enumerate([(MOSUL, "2016-10-26"), ("French jets attacked Islamic State fighters in Raqqa on Monday.", "2016-10-26"),
                                     ("The Turkish foreign minister met Russian officials in Moscow.", "2016-11-02")]):
        records += default_coder.code_text(text, date=day, doc_id=f"d{n}")
    assert len(records) == 3
    lone = {**records[0], "event_id": "f" * 20, "doc_id": "d9", "event_date": None, "target_code": "---",
            "target_kind": "unknown", "dyad": False,
            "latitude": None, "longitude": None, "location_name": None, "location_country": None}
    path = tmp_path_factory.mktemp("run") / "events.parquet"
    pq.write_table(to_table([*records, lone]), path)
    manifest = [{"doc_id": "d0", "status": "coded", "sentences": 1, "events": 1, "seconds": 0.5},
                {"doc_id": "d5", "status": "skipped", "reason": "record 6: no text", "error_code": "E104",
                 "sentences": 0, "events": 0, "seconds": 0}]
    (path.parent / "events.parquet.manifest.jsonl").write_text("\n".join(map(json.dumps, manifest)) + "\n")
    return path


def test_report_summary_counts(run_file):
    summary = run_report.summarise(run_file)
    assert (summary.events, summary.documents, summary.undated, summary.unlocated, summary.one_sided) == (4, 4, 1, 1, 1)
    assert summary.timeline_unit == "day"
    assert summary.roots[0] == ("19", 3)
    assert ("IRQMIL", "IMGMUSISI", 1) in summary.dyads and all("---" not in d for d in summary.dyads)
    assert dict(summary.countries) == {"IRQ": 1, "SYR": 1, "RUS": 1}
    assert summary.manifest["statuses"] == {"coded": 1, "skipped": 1}
    assert summary.manifest["reasons"] == [("skipped: E104 record 6: no text", 1)]
    assert summary.metadata == {}  # written without the run metadata


def test_report_page(run_file, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(run_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    _self_contained(page)
    assert len(re.findall(r"src='data:image/png;base64,", page)) == 4  # timeline, roots, countries, map
    for text in ("25%</b><span>undated (1)", "one-sided (1)", "19 Fight", "IRQMIL", "skipped: E104 record 6: no text"):
        assert text in page


def test_report_months_for_long_runs(run_file, tmp_path):
    table = pq.read_table(run_file).to_pylist()
    table[1]["event_date"] = dt.date(2015, 1, 3)
    path = tmp_path / "long.parquet"
    pq.write_table(to_table(table), path)
    summary = run_report.summarise(path)
    assert summary.timeline_unit == "month" and (dt.date(2015, 1, 1), 4) in summary.timeline
    assert summary.manifest is None
    assert "No manifest beside the events" in run_report.render_report(summary, title="t")


def test_report_without_matplotlib_is_one_line(run_file, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = CliRunner().invoke(main, ["report", str(run_file), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.output.strip() == ("eventcoder: report: [E703] the run report draws its plots with matplotlib: "
                                     "pip install 'eventcoder[report]'")

"""Scoring rules of `eventcoder eval`, and a run over the shared gold files when present."""
import json

import pytest

from coder.report.evaluate import evaluate_file
from conftest import GOLD


def write_gold(tmp_path, records):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


def test_exact_and_relaxed_scores(tmp_path, mini_coder):
    records = [
        {"id": "1", "text": "Gondorian troops attacked Mordor.", "date": None,
         "gold": [{"source": "GONMIL", "event": "190", "target": "MOR"}]},
        {"id": "2", "text": "Gondor attacked Mordor.", "date": None,
         "gold": [{"source": "GONGOV", "event": "193", "target": "MOR"}]},  # relaxed only
        {"id": "3", "text": "Gondor met with Rohan.", "date": None, "gold": []},  # a false positive
        {"id": "4", "text": "Nothing here.", "date": None,
         "gold": [{"source": None, "event": "042", "target": None}]},  # a miss
    ]
    report = evaluate_file(mini_coder, write_gold(tmp_path, records))
    assert (report.exact.tp, report.exact.predicted, report.exact.gold) == (1, 3, 3)
    assert (report.relaxed.tp, report.relaxed.predicted, report.relaxed.gold) == (2, 3, 3)
    assert report.exact.precision == pytest.approx(1 / 3) and report.relaxed.f1 == pytest.approx(2 / 3)


def test_null_gold_actor_matches_any(tmp_path, mini_coder):
    records = [{"id": "1", "text": "Gondor attacked Mordor.", "gold": [{"source": None, "event": "190", "target": None}]}]
    assert evaluate_file(mini_coder, write_gold(tmp_path, records)).exact.tp == 1


def test_plover_gold_compares_plover_events(tmp_path, mini_coder):
    records = [{"id": "1", "text": "Gondor attacked Mordor.",
                "gold": [{"source": "GON", "event": "ASSAULT", "target": "MOR", "scheme": "PLOVER-0.5b1"}]}]
    assert evaluate_file(mini_coder, write_gold(tmp_path, records)).exact.tp == 1


@pytest.mark.gold
@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not present")
def test_every_gold_file_evaluates(default_coder):
    for path in sorted(GOLD.glob("*.jsonl")):
        report = evaluate_file(default_coder, path)
        assert report.records > 0 and report.exact.gold > 0
        assert 0.0 <= report.exact.f1 <= report.relaxed.f1 <= 1.0

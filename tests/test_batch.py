"""Batch runs: parallel workers, the manifest, resuming after a real SIGKILL, partitioned output,
Dask on a real LocalCluster, and life without Dask."""
import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import MINI

SENTENCES = [
    "Gondorian troops attacked the Orc Horde near Minas Tirith on Tuesday.",
    "Rohan was attacked by Mordor yesterday.",
    "Gondor will not attack Mordor, the king said.",
    "Denethor Steward met with Rohan. Later Denethor visited Mordor.",
    "The Orc Horde, backed by Mordorian troops, launched a new offensive against Rohan.",
    "Nothing of note happened in the valley.",
]


def corpus(path, n, *, bad_every=0):
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            if bad_every and i % bad_every == bad_every - 1:
                handle.write("{not json\n")
                continue
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
            handle.write(json.dumps({"id": f"doc{i:06d}", "text": text, "date": f"2016-{1 + i % 12:02d}-15"}) + "\n")
    return path


def cli(*args, check=True):
    out = subprocess.run([sys.executable, "-m", "coder", *map(str, args)], capture_output=True, text=True)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def rows(path):
    return pq.read_table(path).to_pylist()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    return corpus(folder / "articles.jsonl", 1200, bad_every=400), folder


@pytest.fixture(scope="module")
def single_run(inputs):
    articles, folder = inputs
    out = folder / "single.parquet"
    cli("code", articles, "-o", out, "--ontology", MINI, "--on-error", "skip", "--no-geo")
    return out


def test_every_document_is_in_the_manifest(single_run):
    manifest = [json.loads(line) for line in open(f"{single_run}.manifest.jsonl")]
    assert len(manifest) == 1200
    statuses = {row["status"] for row in manifest}
    assert statuses <= {"coded", "no_events", "skipped"} and "skipped" in statuses
    skipped = [row for row in manifest if row["status"] == "skipped"]
    assert len(skipped) == 3 and all(row["error_code"] == "E104" for row in skipped)
    assert sum(row["events"] for row in manifest) == pq.read_metadata(single_run).num_rows
    assert not os.path.exists(f"{single_run}.parts")


@pytest.mark.slow
def test_two_jobs_give_the_same_output_in_the_same_order(inputs, single_run):
    articles, folder = inputs
    out = folder / "jobs2.parquet"
    cli("code", articles, "-o", out, "--ontology", MINI, "--on-error", "skip", "--no-geo", "--jobs", "2")
    assert rows(out) == rows(single_run)


@pytest.mark.slow
def test_resume_after_sigkill_equals_an_uninterrupted_run(tmp_path):
    articles = corpus(tmp_path / "big.jsonl", 8000)
    whole = tmp_path / "whole.parquet"
    cli("code", articles, "-o", whole, "--ontology", MINI, "--no-geo", "-q")
    out = tmp_path / "killed.parquet"
    manifest = tmp_path / "killed.parquet.manifest.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "coder", "code", articles, "-o", out, "--ontology", MINI,
                             "--no-geo", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if manifest.exists() and sum(1 for _ in open(manifest)) >= 1500:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()  # no truncated file under the real name
    done_before = sum(1 for _ in open(manifest))
    assert 0 < done_before < 8000
    result = cli("code", articles, "-o", out, "--ontology", MINI, "--no-geo", "--resume")
    assert f"({done_before} done by the earlier run)" in result.stderr or "done by the earlier run" in result.stderr
    assert rows(out) == rows(whole)
    assert sum(1 for _ in open(manifest)) == 8000


def test_partitioned_dataset(inputs, single_run, tmp_path):
    articles, _ = inputs
    out = tmp_path / "events"
    cli("code", articles, "-o", out, "--ontology", MINI, "--on-error", "skip", "--no-geo", "--partition-by", "year-month")
    assert (out / "event_year=2016" / "event_month=1").is_dir()
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == pq.read_metadata(single_run).num_rows
    assert sorted(table.column("event_id").to_pylist()) == sorted(r["event_id"] for r in rows(single_run))


def test_dedup_keys(mini_coder):
    events = mini_coder.code_text("Gondor attacked Mordor. Gondor attacked Mordor again.", date="2016-01-05")
    assert len(events) == 2 and events[0]["event_id"] != events[1]["event_id"]
    assert events[0]["dedup_story_key"] == events[1]["dedup_story_key"]
    other = mini_coder.code_text("Gondor attacked Mordor.", date="2016-01-05", doc_id="other")[0]
    assert other["dedup_day_key"] == events[0]["dedup_day_key"] and other["dedup_story_key"] != events[0]["dedup_story_key"]


def test_progress_lines_when_not_a_terminal(monkeypatch, capsys, mini_coder, tmp_path):
    from coder.runs import progress
    from coder.runs.batch import BatchRun
    from coder.io.read import Article

    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    BatchRun(mini_coder, tmp_path / "p.parquet").run([Article(str(i), "Gondor attacked Mordor.") for i in range(3)])
    lines = [line for line in capsys.readouterr().err.splitlines() if "documents coded" in line]
    assert len(lines) == 3 and lines[-1].startswith("eventcoder: 3 documents coded")


def test_works_without_dask(tmp_path):
    script = ("import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None\n"
              "from coder import Coder\n"
              f"c = Coder(ontology=[{str(MINI)!r}])\n"
              "print(len(c.code_text('Gondor attacked Mordor.')))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "1", out.stderr
    articles = corpus(tmp_path / "a.jsonl", 2)
    blocked = ("import sys; sys.modules['dask'] = None\n"
               "from coder.cli import main\n"
               f"main(['code', {str(articles)!r}, '-o', {str(tmp_path / 'x')!r}, '--engine', 'dask'])")
    out = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True)
    assert out.returncode == 2
    assert "[E501] the Dask engine needs Dask: pip install 'eventcoder[dask]'" in out.stderr


@pytest.mark.slow
def test_dask_local_cluster_equals_the_local_run(inputs, single_run, tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    from coder import Coder
    from coder.runs.distributed import bag_from_input, code_bag
    from coder.io.read import Columns

    articles, _ = inputs
    coder = Coder(ontology=[MINI], geocode=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        bag = bag_from_input(articles, Columns())
        assert bag.npartitions >= 1
        summary = code_bag(bag.repartition(4), tmp_path / "dask_events", config=coder.config)
    table = ds.dataset(tmp_path / "dask_events", format="parquet", partitioning="hive").to_table()
    local = sorted(rows(single_run), key=lambda r: r["event_id"])
    got = sorted(table.drop(["event_year", "event_month"]).to_pylist(), key=lambda r: r["event_id"])
    assert got == local
    assert summary.statuses["skipped"] == 3 and sum(summary.statuses.values()) == 1200

"""Crash tests: a real run is killed with SIGKILL at a chosen stage (the EVENTCODER_TEST_KILL_AT
hook in coder/runs/killpoints.py, not timing luck), then resumed; the output must equal an
uninterrupted run's: same rows in the same order, nothing doubled, nothing left behind. Also: a
killed rerun without --resume leaves the previous output as it was.

The reference and a few killed runs are real `eventcoder code` processes. The other runs are
processes forked from the test, which has the coder loaded already (a run then costs its coding,
not three seconds of start-up), with parts of 100 documents so 330 documents make four parts: there
are parts before and after every kill point. The reference uses the default 500 per part: the
output does not depend on the part size."""
import json
import os
import subprocess
import sys
import traceback

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import MINI

pytestmark = pytest.mark.slow

DOCS = 330
PART_DOCS = 100
SENTENCES = [
    "Gondorian troops attacked the Orc Horde near Minas Tirith on Tuesday.",
    "Rohan was attacked by Mordor yesterday.",
    "Denethor Steward met with Rohan. Later Denethor visited Mordor.",
    "Nothing of note happened in the valley.",
]


def run(articles, out, *extra, kill_at=None):
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_TEST_KILL_AT"}
    if kill_at:
        env["EVENTCODER_TEST_KILL_AT"] = kill_at
    return subprocess.run([sys.executable, "-m", "coder", "code", str(articles), "-o", str(out), "--ontology",
                           str(MINI), "--no-geo", "-q", "--on-error", "skip", *extra],
                          capture_output=True, text=True, env=env)


def manifest(out):
    with open(f"{out}.manifest.jsonl", encoding="utf-8") as handle:
        return [{k: v for k, v in json.loads(line).items() if k not in ("seconds", "part")} for line in handle]


def events(out):
    if out.is_dir():
        table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
        return sorted(table.drop(["event_year", "event_month"]).to_pylist(), key=lambda r: r["event_id"])
    return pq.read_table(out).to_pylist()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    articles = folder / "articles.jsonl"
    with open(articles, "w", encoding="utf-8") as handle:
        for i in range(DOCS):
            if i % 120 == 119:  # an unreadable line: a skipped record, which must not double either
                handle.write("{not json\n")
                continue
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(2))
            date = f"2016-{1 + i % 12:02d}-15" if i % 7 else ""  # some documents undated
            handle.write(json.dumps({"id": f"doc{i:05d}", "text": text, "date": date}) + "\n")
    reference = folder / "reference.parquet"
    assert run(articles, reference).returncode == 0
    return articles, reference


def assert_same_as_reference(out, reference):
    got, want = events(out), events(reference)
    ids = [e["event_id"] for e in got]
    assert len(ids) == len(set(ids)), "an event is doubled"
    assert len(got) == len(want)
    assert got == want  # every column, in the same order
    assert manifest(out) == manifest(reference)
    assert len(manifest(out)) == DOCS


def leftovers(folder, keep):
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def forked(coder, articles, out, *, kill_at=None, resume=False, jobs=1, partition=None):
    """A batch run in a child process forked from this one; its exit code (-9 when killed)."""
    from coder.io.read import read_articles
    from coder.runs import batch

    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.environ.pop("EVENTCODER_TEST_KILL_AT", None)
            if kill_at:
                os.environ["EVENTCODER_TEST_KILL_AT"] = kill_at
            batch.CHUNK_DOCS = PART_DOCS
            batch.BatchRun(coder, out, jobs=jobs, on_error="skip", resume=resume, partition=partition,
                           progress=False, run_info={"input": str(articles)}).run(read_articles(articles))
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture(scope="module")
def coder():
    from coder import Coder

    return Coder(ontology=[MINI], geocode=False)


# Stage -> where the run is killed. Parts are numbered from 0; manifest and merge count lines / batches.
KILL_POINTS = [
    ("read:150", "reading input, part 0 done"),
    ("part:1", "mid-part: half of part 1's events written"),
    ("commit:1", "part 1 renamed, before more is read"),
    ("part:3", "mid-part of the last part"),
    ("manifest:200", "while the final manifest is written"),
    ("merge:2", "during the merge of the parts"),
    ("renamed", "after the output rename, before the manifest's"),
    ("cleanup", "output and manifest in place, run folder not removed"),
]


@pytest.mark.parametrize("kill_at", [k for k, _ in KILL_POINTS], ids=[k for k, _ in KILL_POINTS])
def test_kill_then_resume_equals_an_uninterrupted_run(inputs, coder, tmp_path, kill_at):
    articles, reference = inputs
    out = tmp_path / "events.parquet"
    assert forked(coder, articles, out, kill_at=kill_at) == -9  # it really reached the kill point
    if kill_at not in ("renamed", "cleanup"):
        assert not out.exists()  # nothing under the real name before the run is complete
    assert forked(coder, articles, out, resume=True) == 0
    assert_same_as_reference(out, reference)
    assert leftovers(tmp_path, {out.name}) == ["events.parquet.manifest.jsonl"]


@pytest.mark.parametrize("kill_at", ["part:0"])
def test_command_killed_then_resumed(inputs, tmp_path, kill_at):
    """The same through the command line, in its own process: lock, run folder and all."""
    articles, reference = inputs
    out = tmp_path / "events.parquet"
    killed = run(articles, out, kill_at=kill_at)
    assert killed.returncode == -9, killed.stderr
    resumed = run(articles, out, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert_same_as_reference(out, reference)
    assert leftovers(tmp_path, {out.name}) == ["events.parquet.manifest.jsonl"]
    again = run(articles, out, "--resume")
    assert again.returncode == 0 and again.stderr == (
        f"eventcoder: {out} is already complete ({DOCS} documents, {len(events(reference))} events): "
        "nothing to resume\n")


def test_killed_twice_with_two_jobs(inputs, coder, tmp_path):
    """Killed mid-part with worker processes, then killed again while resuming (during the merge)."""
    articles, reference = inputs
    out = tmp_path / "events.parquet"
    assert forked(coder, articles, out, jobs=2, kill_at="part:1") == -9
    assert forked(coder, articles, out, jobs=2, resume=True, kill_at="merge:1") == -9
    assert forked(coder, articles, out, resume=True) == 0
    assert_same_as_reference(out, reference)
    assert leftovers(tmp_path, {out.name}) == ["events.parquet.manifest.jsonl"]


@pytest.mark.parametrize("kill_at", ["merge:1", "renamed", "cleanup"])
def test_partitioned_output_killed_then_resumed(inputs, coder, tmp_path, kill_at):
    articles, reference = inputs
    out = tmp_path / "events"
    assert forked(coder, articles, out, partition="year-month", kill_at=kill_at) == -9
    assert forked(coder, articles, out, partition="year-month", resume=True) == 0
    assert events(out) == sorted(events(reference), key=lambda r: r["event_id"])
    assert manifest(out) == manifest(reference)
    assert leftovers(tmp_path, {out.name}) == ["events.manifest.jsonl"]


@pytest.mark.parametrize("kill_at", ["part:1", "manifest:200", "merge:1"])
def test_killed_rerun_without_resume_keeps_the_previous_output(inputs, coder, tmp_path, kill_at):
    articles, reference = inputs
    out = tmp_path / "events.parquet"
    assert forked(coder, articles, out) == 0
    before = out.read_bytes(), open(f"{out}.manifest.jsonl", "rb").read()
    assert forked(coder, articles, out, kill_at=kill_at) == -9
    assert (out.read_bytes(), open(f"{out}.manifest.jsonl", "rb").read()) == before
    # The next run cleans what the killed one left, and completes.
    assert forked(coder, articles, out) == 0
    assert_same_as_reference(out, reference)
    assert leftovers(tmp_path, {out.name}) == ["events.parquet.manifest.jsonl"]


def test_killed_partitioned_rerun_mid_swap_gets_the_previous_output_back(inputs, coder, tmp_path):
    """A dataset folder cannot be replaced by one rename: the old one waits under a hidden name.
    Killed between the two renames, the next run puts the previous output back first."""
    articles, reference = inputs
    out = tmp_path / "events"
    assert forked(coder, articles, out, partition="year-month") == 0
    old_files = sorted(p.relative_to(out) for p in out.rglob("*"))
    from coder.runs import batch

    real_replace = os.replace
    calls = []

    def replace_then_die(src, dst):  # the second rename of the swap is never made
        calls.append((src, dst))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    batch.os.replace = replace_then_die
    try:
        with pytest.raises(KeyboardInterrupt):
            batch.publish_folder(batch.make_temp(out, directory=True), out)
    finally:
        batch.os.replace = real_replace
    assert not out.exists() and (tmp_path / ".events.old").is_dir()
    batch.clean_leftovers(out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == old_files
    assert leftovers(tmp_path, {out.name}) == ["events.manifest.jsonl"]

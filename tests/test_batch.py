"""Batch runs: parallel workers, the manifest, partitioned output, Dask on a real LocalCluster, life
without Dask, and one test per case of issue 14 (SIGKILL at every stage is in tests/test_crash.py)."""
import json
import os
import subprocess
import sys

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
    from coder.errors import InputError
    from coder.io.read import Columns
    from coder.runs.distributed import bag_from_input, code_bag

    articles, _ = inputs
    coder = Coder(ontology=[MINI], geocode=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        bag = bag_from_input(articles, Columns())
        assert bag.npartitions >= 1
        summary = code_bag(bag.repartition(4), tmp_path / "dask_events", config=coder.config)
        before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
        with pytest.raises(InputError) as err:  # --on-error raise is honoured: the first bad record, no output
            code_bag(bag.repartition(4), tmp_path / "dask_events", config=coder.config, on_error="raise")
        assert str(err.value).startswith("JSONL input: [E104] not valid JSON (Expecting property name")
        assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    table = ds.dataset(tmp_path / "dask_events", format="parquet", partitioning="hive").to_table()
    local = sorted(rows(single_run), key=lambda r: r["event_id"])
    got = sorted(table.drop(["event_year", "event_month"]).to_pylist(), key=lambda r: r["event_id"])
    assert got == local
    assert summary.statuses["skipped"] == 3 and sum(summary.statuses.values()) == 1200


# --------------------------------------------------------------------- the cases of issue 14
# Each pins one way a run used to lose, double or misreport events. Kills at every stage of a run
# are in tests/test_crash.py (case 2, a kill while a part's manifest lines are written, among them).

from click.testing import CliRunner  # noqa: E402

from coder.cli import main  # noqa: E402


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def code_cli(articles, out, *extra):
    return invoke("code", articles, "-o", out, "--ontology", MINI, "--no-geo", "-q", *extra)


def one_line(result, expected, exit_code):
    assert result.exit_code == exit_code, result.stderr
    assert result.stderr.splitlines() == [expected]


def snapshot(out):
    return out.read_bytes(), open(f"{out}.manifest.jsonl", "rb").read()


def test_case1_resume_of_a_complete_output_is_a_no_op_that_says_so(tmp_path):
    articles, out = corpus(tmp_path / "a.jsonl", 30), tmp_path / "o.parquet"
    assert code_cli(articles, out).exit_code == 0
    before = snapshot(out)
    events = pq.read_metadata(out).num_rows
    assert events > 0
    one_line(code_cli(articles, out, "--resume"),
             f"eventcoder: {out} is already complete (30 documents, {events} events): nothing to resume", 0)
    assert snapshot(out) == before


def test_case2_a_part_holds_its_own_manifest_lines(tmp_path, mini_coder):
    from coder.io.read import Article
    from coder.runs import batch

    out = tmp_path / "o.parquet"
    run = batch.BatchRun(mini_coder, out, progress=False)
    run.run_dir.mkdir()
    results = list(mini_coder.code_articles([Article("d1", "Gondor attacked Mordor."), Article("d2", "Nothing.")]))
    run._write_part(results)
    (part,) = run.run_dir.glob("part-*.parquet")
    assert [r["doc_id"] for r in batch.read_part_manifest(part)] == ["d1", "d2"]
    assert pq.read_table(part).column("doc_id").to_pylist() == ["d1"]


HOLD_LOCK = ("import sys\nfrom coder.runs.lock import OutputLock\nOutputLock(sys.argv[1]).acquire()\n"
             "print('held', flush=True)\nsys.stdin.read()\n")


def test_case3_a_second_run_on_the_same_output_is_refused_at_once(tmp_path):
    articles, out = corpus(tmp_path / "a.jsonl", 5), tmp_path / "o.parquet"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        started = json.loads(open(f"{out}.lock").read())["started"]
        # A missing ontology folder shows the refusal comes before start-up: the ontology is never read.
        result = invoke("code", articles, "-o", out, "--ontology", tmp_path / "no-such-ontology")
        one_line(result, f"eventcoder: {out}: [E601] another run is writing this output (pid {holder.pid}, "
                         f"started {started}): wait for it to finish, or choose another -o", 7)
        assert not out.exists() and not os.path.exists(f"{out}.run")
    finally:
        holder.stdin.close()
        holder.wait()


def test_case3_a_stale_lock_from_a_killed_run_is_taken_over(tmp_path, caplog):
    articles, out = corpus(tmp_path / "a.jsonl", 5), tmp_path / "o.parquet"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    started = json.loads(open(f"{out}.lock").read())["started"]
    holder.kill()
    holder.wait()
    assert os.path.exists(f"{out}.lock")  # left behind by the killed process
    result = invoke("code", articles, "-o", out, "--ontology", MINI, "--no-geo")  # no -q: it hides warnings
    assert result.exit_code == 0, result.stderr
    warning = f"{out}: taking over a stale lock (pid {holder.pid}, started {started}, no longer running)"
    assert caplog.messages == [warning]
    assert result.stderr.splitlines()[0] == f"eventcoder: warning: {warning}"
    assert pq.read_metadata(out).num_rows > 0 and not os.path.exists(f"{out}.lock")


def test_case4_a_mistyped_or_failed_rerun_leaves_the_previous_output_alone(tmp_path, caplog):
    articles, out = corpus(tmp_path / "a.jsonl", 20), tmp_path / "o.parquet"
    assert code_cli(articles, out).exit_code == 0
    before = snapshot(out)
    one_line(code_cli(tmp_path / "seedz", out), f"eventcoder: {tmp_path / 'seedz'}: [E101] no such file or folder", 3)
    assert snapshot(out) == before
    bad = corpus(tmp_path / "bad.jsonl", 20, bad_every=10)  # fails on line 10 under --on-error raise
    result = code_cli(bad, out)
    one_line(result, f"eventcoder: {bad}:10: [E104] not valid JSON (Expecting property name enclosed in double "
                     "quotes at column 2): each line must be one JSON object", 3)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "bad.jsonl", "o.parquet",
                                                          "o.parquet.manifest.jsonl", "o.parquet.run"]
    assert invoke("code", articles, "-o", out, "--ontology", MINI, "--no-geo").exit_code == 0  # afresh, cleans up
    assert snapshot(out)[0] == before[0] and not os.path.exists(f"{out}.run")
    assert caplog.messages == [f"{out}: starting afresh; the unfinished run in o.parquet.run is "
                               "discarded (--resume would have continued it)"]


def test_resume_refuses_another_input(tmp_path):
    articles, out = corpus(tmp_path / "a.jsonl", 20), tmp_path / "o.parquet"
    other = corpus(tmp_path / "b.jsonl", 20, bad_every=10)
    assert code_cli(other, out).exit_code == 3  # stops at line 10, leaving a run folder
    one_line(code_cli(articles, out, "--resume"),
             f"eventcoder: {out}: [E109] the interrupted run in o.parquet.run had input '{other}', this one "
             f"'{articles}': resume with the same input and options, or run without --resume to start again", 2)


BOMB = """kind: organisations
entries:
  - code: IMGBMB
    name: Bomb
    type: armed_group
    phrases: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  - {code: IMGBMC, name: Bomb2, type: armed_group, phrases: [*a, *a, *a, *a, *a, *a, *a, *a, *a]}
"""


def test_case5_yaml_aliases_are_refused_before_expansion(tmp_path):
    layer = tmp_path / "mine"
    layer.mkdir()
    (layer / "orgs2.yaml").write_text(BOMB)
    articles = corpus(tmp_path / "a.jsonl", 2)
    message = ("mine/orgs2.yaml:7: [E201] not valid YAML: aliases (*name) are not allowed in ontology "
               "files: write the value out")
    one_line(invoke("code", articles, "-o", tmp_path / "o.parquet", "--ontology", MINI, "--ontology", layer),
             f"eventcoder: {message}", 4)
    checked = invoke("ontology", "check", MINI, layer, "--no-examples")
    assert checked.exit_code == 2 and checked.stdout.splitlines() == [message]


def test_case5_only_a_file_with_an_anchor_is_walked_for_aliases(tmp_path, monkeypatch):
    """An alias (`*a`) needs an anchor (`&a`): a file without `&` cannot hold one, and is not walked
    (a quarter of a second for the imported PETRARCH people file); an alias without its anchor is
    refused by the parser itself."""
    import yaml

    from coder.ontology import yamlio

    walked: list[str] = []
    monkeypatch.setattr(yamlio, "_refuse_aliases", lambda node, text: walked.append(text))
    plain = tmp_path / "plain.yaml"
    plain.write_text("kind: organisations\nentries:\n  - {code: IMGX, name: X, type: armed_group, phrases: [x]}\n")
    assert yamlio.load_yaml(plain)["entries"][0]["code"] == "IMGX" and walked == []
    (tmp_path / "bomb.yaml").write_text(BOMB)
    yamlio.load_yaml(tmp_path / "bomb.yaml")
    assert walked == [BOMB]
    (tmp_path / "orphan.yaml").write_text("kind: organisations\nentries: [*a]\n")
    with pytest.raises(yaml.YAMLError, match="undefined alias"):
        yamlio.load_yaml(tmp_path / "orphan.yaml")


def test_case5_an_error_never_prints_a_whole_value(tmp_path):
    layer = tmp_path / "mine"
    layer.mkdir()
    huge = "x" * 200_000
    (layer / "orgs2.yaml").write_text(f"kind: organisations\nentries:\n  - {{code: IMGBIG, name: Big, "
                                      f"type: armed_group, phrases: \"{huge}\"}}\n")
    result = invoke("ontology", "check", MINI, layer, "--no-examples")
    (line,) = result.stdout.splitlines()
    assert line.startswith("mine/orgs2.yaml:3: [E202] entries/0/phrases: 'xxx") and len(line) < 500


def test_messages_are_cut_to_a_few_hundred_characters():
    from coder.errors import MAX_MESSAGE, EventcoderError

    message = str(EventcoderError("E202", "value " + "x" * 1_000_000 + " is not of type 'array'", "a.yaml:3"))
    assert len(message) <= MAX_MESSAGE + len("a.yaml:3: [E202] ")
    assert message.startswith("a.yaml:3: [E202] value xxx") and message.endswith("x is not of type 'array'")
    assert "[999,669 characters cut]" in message


def test_case6_a_bad_byte_skips_one_line_with_its_line_and_offset(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": "Gondor attacked Mordor."}).encode() for i in range(5)]
    lines[2] = b'{"id": "d2", "text": "Gondor \xff attacked Mordor."}'  # 0xff at offset 29 of line 3
    path.write_bytes(b"\n".join(lines) + b"\n")
    problem = f"{path}:3: [E103] not valid UTF-8 (byte 0xff at offset 29 of the line): re-save the file as UTF-8"
    one_line(code_cli(path, tmp_path / "o.parquet"), f"eventcoder: {problem}", 3)
    result = invoke("code", path, "-o", tmp_path / "o.parquet", "--ontology", MINI, "--no-geo", "--on-error", "skip")
    assert result.exit_code == 0
    warning, summary, skipped = result.stderr.splitlines()  # the first run, stopped by the error, is discarded
    assert warning.startswith("eventcoder: warning: ") and "starting afresh" in warning
    assert summary.startswith("5 documents (4 coded, 1 skipped)")
    assert skipped == f"  skipped ?: {problem}"


def test_case6_a_bad_byte_in_a_multiline_csv_row_skips_that_row(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\nd1,Gondor attacked Mordor.\nd2,"Rohan met\nwith \xe9 Gondor."\nd3,Mordor attacked Rohan.\n')
    result = invoke("code", path, "-o", tmp_path / "o.parquet", "--ontology", MINI, "--no-geo", "--on-error", "skip")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [f"  skipped ?: {path}:4: [E103] not valid UTF-8 (byte 0xe9 at offset "
                                              "5 of the line): re-save the file as UTF-8"]
    manifest = [json.loads(line) for line in open(tmp_path / "o.parquet.manifest.jsonl")]
    assert [(r["doc_id"], r["status"]) for r in manifest] == [("d1", "coded"), (None, "skipped"), ("d3", "coded")]


def test_case7_a_duplicate_yaml_key_is_an_error_with_its_line(tmp_path):
    layer = tmp_path / "mine"
    layer.mkdir()
    (layer / "people2.yaml").write_text(
        "kind: people\nentries:\n  - name: Faramir\n    country: GON\n    code: GONELI\n"
        "    roles:\n      - {code: GONMIL, start: \"2015-01-01\", end: \"2016-12-31\"}\n    roles: []\n")
    checked = invoke("ontology", "check", MINI, layer, "--no-examples")
    assert checked.exit_code == 2
    assert checked.stdout.splitlines() == ["mine/people2.yaml:8: [E201] not valid YAML: key 'roles' appears "
                                           "twice in one mapping (lines 6 and 8): merge the two entries"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664)])
def test_case8_output_files_follow_the_umask(tmp_path, mask, mode):
    articles = corpus(tmp_path / "a.jsonl", 3)
    old = os.umask(mask)
    try:
        assert code_cli(articles, tmp_path / "o.parquet").exit_code == 0
        assert code_cli(articles, tmp_path / "events", "--partition-by", "year-month").exit_code == 0
    finally:
        os.umask(old)
    written = [tmp_path / "o.parquet", tmp_path / "o.parquet.manifest.jsonl", tmp_path / "events.manifest.jsonl",
               *(p for p in (tmp_path / "events").rglob("*") if p.is_file())]
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(mode)}


def test_case8_unknown_output_suffix_is_a_usage_error(tmp_path):
    articles = corpus(tmp_path / "a.jsonl", 3)
    one_line(code_cli(articles, tmp_path / "out.csv"),
             f"eventcoder: {tmp_path / 'out.csv'}: [E110] unknown output type '.csv': name the output .parquet, "
             ".jsonl or - (standard output), or give a folder with --partition-by", 2)
    assert not (tmp_path / "out.csv").exists()


def test_case8_dash_writes_jsonl_to_standard_output(tmp_path):
    articles = corpus(tmp_path / "a.jsonl", 12)
    result = code_cli(articles, "-")
    assert result.exit_code == 0
    streamed = [json.loads(line) for line in result.stdout.splitlines()]
    assert code_cli(articles, tmp_path / "o.parquet").exit_code == 0
    stored = rows(tmp_path / "o.parquet")
    assert [e["event_id"] for e in streamed] == [e["event_id"] for e in stored] and streamed
    assert streamed[0]["event_date"] == stored[0]["event_date"].isoformat()
    one_line(code_cli(articles, "-", "--resume"), "eventcoder: -o -: [E110] -o - streams JSONL to standard output: "
                                                  "it cannot be resumed or partitioned", 2)


def test_case8_leftover_temporary_files_are_removed_at_start(tmp_path):
    articles, out = corpus(tmp_path / "a.jsonl", 3), tmp_path / "o.parquet"
    (tmp_path / ".o.parquet.abcd1234.tmp").write_bytes(b"half a Parquet file")
    (tmp_path / ".o.parquet.manifest.jsonl.k_9zq2wx.tmp").write_text('{"doc_id": ')
    (tmp_path / ".o.parquet.x.abcd1234.tmp").write_text("another output's temporary file: not ours")
    assert code_cli(articles, out).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".o.parquet.x.abcd1234.tmp", "a.jsonl", "o.parquet",
                                                          "o.parquet.manifest.jsonl"]


def test_case8_a_run_where_every_record_is_skipped_exits_8(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("{not json\n[1, 2]\n")
    one_line(code_cli(path, tmp_path / "o.parquet", "--on-error", "skip"),
             f"eventcoder: {path}: [E111] no document could be coded: all 2 were skipped or failed (reasons above "
             "and in the manifest)", 8)
    assert pq.read_metadata(tmp_path / "o.parquet").num_rows == 0  # the output and manifest are still written
    assert len(open(tmp_path / "o.parquet.manifest.jsonl").readlines()) == 2


@pytest.mark.parametrize("text, message", [
    ("2016-10-25garbage", "date '2016-10-25garbage' is not YYYY-MM-DD"),
    ("25/10/2016", "date '25/10/2016' is not YYYY-MM-DD"),
    ("2016-13-01", "date '2016-13-01' is not a calendar date (YYYY-MM-DD)"),
    ("9999-12-31", "date 9999-12-31 is outside 1800-01-01 to 2100-12-31"),
    ("1799-12-31", "date 1799-12-31 is outside 1800-01-01 to 2100-12-31"),
    ("2016-10-25T08:30:00+02:00garbage", "date '2016-10-25T08:30:00+02:00garbage' is not YYYY-MM-DD"),
])
def test_case8_dates_are_strict(text, message):
    from coder.errors import InputError
    from coder.io.read import parse_date

    with pytest.raises(InputError) as err:
        parse_date(text, "a.jsonl:3")
    assert str(err.value) == f"a.jsonl:3: [E108] {message}"


@pytest.mark.parametrize("text", ["2016-10-25", " 2016-10-25 ", "2016-10-25T08:30:00Z", "2016-10-25 08:30"])
def test_case8_dates_that_are_accepted(text):
    import datetime as dt

    from coder.io.read import parse_date

    assert parse_date(text, "x") == dt.date(2016, 10, 25)


def test_case8_json_error_says_at_column_once():
    from coder.errors import InputError
    from coder.io.read import _loads

    with pytest.raises(InputError, match=r"\(Unterminated string starting at column 1\)"):
        _loads('"abc', "a.jsonl:1")


def test_case8_a_missing_input_is_reported_before_start_up(tmp_path):
    # With a missing ontology as well: the input is checked first, so the ontology is never read.
    one_line(invoke("code", tmp_path / "nope.jsonl", "-o", tmp_path / "o.parquet", "--ontology", tmp_path / "none"),
             f"eventcoder: {tmp_path / 'nope.jsonl'}: [E101] no such file or folder", 3)


def test_dask_refuses_what_it_cannot_do(tmp_path):
    pytest.importorskip("dask.distributed")
    articles = corpus(tmp_path / "a.jsonl", 3)
    one_line(code_cli(articles, tmp_path / "events", "--engine", "dask", "--resume"),
             "eventcoder: --engine dask: [E502] --resume is not supported with --engine dask: rerun without it (the "
             "previous output stays until the new one is complete)", 2)


@pytest.mark.parametrize("extra, applied", [
    ((), {"jobs": 1}),
    (("--partition-by", "year-month"), {"jobs": 1, "partition_by": "year-month"}),
])
def test_file_metadata_records_only_applied_options(tmp_path, extra, applied):
    articles, out = corpus(tmp_path / "a.jsonl", 3), tmp_path / ("events" if extra else "o.parquet")
    assert code_cli(articles, out, "--on-error", "skip", *extra).exit_code == 0
    files = [out] if out.is_file() else [p for p in out.rglob("*.parquet")]
    for path in files:  # every file of a partitioned dataset carries the metadata
        options = json.loads(pq.read_schema(path).metadata[b"eventcoder.options"])
        run_options = {k: v for k, v in options.items() if k in ("jobs", "partition_by", "engine", "on_error")}
        assert run_options == {"engine": "local", "on_error": "skip", **applied}

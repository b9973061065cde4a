"""Batch runs: stream articles through one or more worker processes into parts, and assemble the
parts into one Parquet or JSONL file or a partitioned dataset, with a manifest of every document.

The run-folder protocol, for `-o events.parquet` (a partitioned folder works the same way):

    events.parquet.lock        held while a run writes this output (coder/runs/lock.py)
    events.parquet.run/        the run in progress:
        run.json               its input and coding options, which --resume must match
        part-000000.parquet    one per chunk of documents: their events, and in the file's
        ...                    metadata their manifest lines, written together by one rename
    events.parquet             assembled from the parts once every document is done, and
    events.parquet.manifest.jsonl   each renamed into place; then the run folder is removed

So a document is done exactly when a part names it: a kill at any moment loses at most the chunk
being coded and never doubles one. While the run folder exists, --resume skips the documents its
parts hold and assembles again (the assembly can be repeated at will); once it is gone, output and
manifest are complete and --resume has nothing to do. A run without --resume starts a new run
folder and changes the previous output only by the final renames. Temporary files a killed run
left behind are removed when the next run on the same output starts. Kill points for the
crash-test suite are in coder/runs/killpoints.py.
"""
from __future__ import annotations

import ctypes
import json
import logging
import multiprocessing as mp
import os
import re
import shutil
import signal
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from coder.coding.coder import Coder, DocResult
from coder.errors import UsageError
from coder.io.atomic import atomic_open, atomic_path, commit, fsync_dir, fsync_file, make_temp
from coder.io.read import Article, Skipped, unique_ids
from coder.process import keep_until_exit
from coder.runs.manifest import manifest_path
from coder.io.write import EVENT_SCHEMA, AtomicWriter, check_output, to_table, write_jsonl
from coder.runs.killpoints import kill_point
from coder.runs.lock import OutputLock
from coder.runs.progress import Progress

log = logging.getLogger(__name__)

CHUNK_DOCS = 500  # documents per part file
BATCH_DOCS = 50  # documents a worker codes per task
MANIFEST_KEY = b"eventcoder.manifest"  # a part's manifest lines, in its Parquet key-value metadata
UNDATED = 0  # event_year / event_month of the partition that holds events without a date


@dataclass
class RunSummary:
    statuses: Counter = field(default_factory=Counter)
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    resumed: int = 0  # documents already done by an earlier, interrupted run
    complete: bool = False  # --resume found the output already complete: nothing was done
    problems: list[dict] = field(default_factory=list)  # skipped and failed documents

    def count(self, row: dict) -> None:
        """Add one manifest row to the totals."""
        self.statuses[row["status"]] += 1
        self.sentences += row["sentences"]
        self.events += row["events"]
        if row["status"] in ("skipped", "failed"):
            self.problems.append(row)

    @property
    def documents(self) -> int:
        return sum(self.statuses.values())

    @property
    def nothing_coded(self) -> bool:
        """True when there were documents and every one was skipped or failed."""
        return self.documents > 0 and self.statuses["skipped"] + self.statuses["failed"] == self.documents


def manifest_row(result: DocResult, part: str | None) -> dict:
    return {"doc_id": result.doc_id, "status": result.status, "reason": result.reason,
            "error_code": result.error_code, "sentences": result.sentences, "events": len(result.events),
            "seconds": round(result.seconds, 4), "part": part}


# --------------------------------------------------------------------- worker processes

_WORKER_CODER: Coder | None = None


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the run's main process dies, so a killed run
    leaves no orphaned workers holding memory."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass


def _init_worker(config: dict) -> None:
    global _WORKER_CODER
    _die_with_parent()
    if _WORKER_CODER is None:  # forked workers inherit the parent's coder; spawned ones build it once
        keep_until_exit()  # a worker keeps its coder for the whole run
        _WORKER_CODER = Coder(**config)


def _code_batch(batch: list[Article | Skipped], on_error: str = "skip") -> list[DocResult]:
    return list(_WORKER_CODER.code_articles(batch, on_error=on_error, check_ids=False))


def _results(coder: Coder, articles: Iterator[Article | Skipped], jobs: int, on_error: str) -> Iterator[DocResult]:
    """DocResults in input order; with jobs > 1 from a pool that holds only a few batches at once,
    so memory does not grow with the input."""
    if jobs <= 1:
        yield from coder.code_articles(articles, on_error=on_error, check_ids=False)
        return
    global _WORKER_CODER
    _WORKER_CODER = coder
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(jobs, initializer=_init_worker, initargs=(coder.config,)) as pool:
        pending: deque = deque()
        batch: list[Article | Skipped] = []
        for article in articles:
            batch.append(article)
            if len(batch) == BATCH_DOCS:
                pending.append(pool.apply_async(_code_batch, (batch, on_error)))
                batch = []
                while len(pending) >= jobs * 3:
                    yield from pending.popleft().get()
        if batch:
            pending.append(pool.apply_async(_code_batch, (batch, on_error)))
        while pending:
            yield from pending.popleft().get()


# --------------------------------------------------------------------- the run

class BatchRun:
    def __init__(self, coder: Coder, output: str | Path, *, jobs: int = 1, on_error: str = "raise",
                 resume: bool = False, partition: str | None = None, metadata: dict[bytes, bytes] | None = None,
                 progress: bool = True, run_info: dict | None = None):
        self.coder, self.jobs = coder, max(1, jobs)
        self.on_error, self.resume, self.partition = on_error, resume, partition
        check_output(output, resume=resume, partition=partition)
        self.to_stdout = str(output) == "-"
        self.output = Path(output)
        self.metadata = metadata or {}
        self.run_info = run_info or {}  # what is coded, and how: --resume must match it
        self.run_dir = Path(f"{output}.run")
        self.manifest = manifest_path(output)
        self.summary = RunSummary()
        self.progress = progress
        self.next_part = 0

    def run(self, items: Iterable[Article | Skipped]) -> RunSummary:
        started = time.perf_counter()
        if self.to_stdout:
            self._stream(items)
        else:
            with OutputLock(self.output):
                self._run_locked(items)
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _run_locked(self, items: Iterable[Article | Skipped]) -> None:
        clean_leftovers(self.output)
        done = self._prepare()
        if self.summary.complete:
            return
        meter = Progress(enabled=self.progress)
        chunk: list[DocResult] = []
        for result in _results(self.coder, self._admit(items, done), self.jobs, self.on_error):
            chunk.append(result)
            meter.update(result)
            if len(chunk) >= CHUNK_DOCS:
                self._write_part(chunk)
                chunk = []
        self._write_part(chunk)
        meter.close()
        self._assemble()

    # ------------------------------------------------------------ start: clean, resume or begin

    def _prepare(self) -> list[dict]:
        """Manifest rows of the documents an interrupted run finished (with --resume), in input
        order; an empty list when the run starts afresh."""
        if self.resume and not self.run_dir.exists() and self.output.exists() and self.manifest.exists():
            with open(self.manifest, encoding="utf-8") as handle:
                for line in handle:
                    self.summary.count(json.loads(line))
            self.summary.resumed = self.summary.documents
            self.summary.complete = True
            return []
        if self.resume and self.run_dir.exists():
            self._check_same_run()
            return self._read_parts()
        # A new run folder, made complete under a temporary name, so one always holds its run.json.
        tmp = make_temp(self.run_dir, directory=True)
        with atomic_open(tmp / "run.json") as handle:
            json.dump(self.run_info, handle, sort_keys=True, default=str)
        if self.run_dir.exists():
            log.warning("%s: starting afresh; the unfinished run in %s is discarded (--resume would "
                        "have continued it)", self.output, self.run_dir.name)
            shutil.rmtree(self.run_dir)
        os.replace(tmp, self.run_dir)
        fsync_dir(self.run_dir.parent)
        return []

    def _check_same_run(self) -> None:
        try:
            with open(self.run_dir / "run.json", encoding="utf-8") as handle:
                before = json.load(handle)
        except (OSError, ValueError):
            before = {}
        now = json.loads(json.dumps(self.run_info, sort_keys=True, default=str))
        for key in sorted(set(before) | set(now)):
            if before.get(key) != now.get(key):
                raise UsageError("E109", f"the interrupted run in {self.run_dir.name} had {key} "
                                 f"{before.get(key)!r}, this one {now.get(key)!r}: resume with the same input "
                                 "and options, or run without --resume to start again", str(self.output))

    def _read_parts(self) -> list[dict]:
        rows: list[dict] = []
        for part in sorted(self.run_dir.glob("part-*.parquet")):
            rows.extend(read_part_manifest(part))
            self.next_part = int(part.stem.split("-")[1]) + 1
        for row in rows:
            self.summary.count(row)
        self.summary.resumed = len(rows)
        return rows

    def _admit(self, items: Iterable[Article | Skipped], done: list[dict]) -> Iterator[Article | Skipped]:
        """Records still to code, in input order. The first len(done) were coded by the interrupted
        run (parts hold an input prefix, by construction) and are passed over after checking that
        they are the same records. Duplicate ids become Skipped; unreadable records go on as
        Skipped (keeping their place, to be reported) or raise, by the error policy."""
        number = 0
        for number, item in enumerate(unique_ids(items), start=1):
            kill_point("read", number)
            if number <= len(done):
                if done[number - 1]["doc_id"] != item.id:
                    raise UsageError("E109", f"record {number} is '{item.id}' but the interrupted run coded "
                                     f"'{done[number - 1]['doc_id']}' there: the input changed; run without "
                                     "--resume to start again", str(self.output))
                continue
            if isinstance(item, Skipped) and self.on_error == "raise":
                raise item.error
            yield item
        if number < len(done):
            raise UsageError("E109", f"the input has {number} records but the interrupted run coded {len(done)}: "
                             "the input changed; run without --resume to start again", str(self.output))

    # ------------------------------------------------------------ parts

    def _write_part(self, chunk: list[DocResult]) -> None:
        """One part: the chunk's events and manifest lines in one file, renamed into place."""
        if not chunk:
            return
        number = self.next_part
        name = f"part-{number:06d}.parquet"
        events = [e for r in chunk for e in r.events]
        rows = [manifest_row(r, name if events else None) for r in chunk]
        table = to_table(events)
        schema = EVENT_SCHEMA.with_metadata({MANIFEST_KEY: "\n".join(json.dumps(r) for r in rows).encode()})
        with atomic_path(self.run_dir / name) as tmp:
            with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
                half = table.num_rows // 2
                writer.write_table(table.slice(0, half))
                kill_point("part", number)
                writer.write_table(table.slice(half))
        kill_point("commit", number)
        for row in rows:
            self.summary.count(row)
        self.next_part += 1

    # ------------------------------------------------------------ the end: assemble and publish

    def _assemble(self) -> None:
        """Manifest and output written beside their real names, the output renamed into place,
        then the manifest, then the run folder removed. Each step can be repeated by --resume."""
        parts = sorted(self.run_dir.glob("part-*.parquet"))
        manifest_tmp = make_temp(self.manifest)
        try:
            with open(manifest_tmp, "w", encoding="utf-8") as handle:
                lines = 0
                for part in parts:
                    for row in read_part_manifest(part):
                        handle.write(json.dumps(row) + "\n")  # ASCII: safe for any id and line-splitting readers
                        lines += 1
                        kill_point("manifest", lines)
            if self.partition:
                folder = make_temp(self.output, directory=True)
                try:
                    write_partitioned(parts, folder, EVENT_SCHEMA.with_metadata(self.metadata))
                    kill_point("merge", 1)
                    publish_folder(folder, self.output)
                except BaseException:
                    _remove(folder)
                    raise
            else:
                with AtomicWriter(self.output, self.metadata) as writer:
                    for part in parts:
                        for batch in pq.ParquetFile(part).iter_batches(batch_size=65536):
                            writer.write_batch(batch)
                            kill_point("merge", writer.batches)
            kill_point("renamed")
            commit(manifest_tmp, self.manifest)
        except BaseException:
            manifest_tmp.unlink(missing_ok=True)
            raise
        kill_point("cleanup")
        shutil.rmtree(self.run_dir)
        fsync_dir(self.run_dir.parent)

    def _stream(self, items: Iterable[Article | Skipped]) -> None:
        """`-o -`: events as JSON lines on standard output as they are coded; no manifest, no lock."""
        meter = Progress(enabled=self.progress)
        for result in _results(self.coder, self._admit(items, []), self.jobs, self.on_error):
            meter.update(result)
            if result.events:
                write_jsonl(to_table(result.events), sys.stdout)
            self.summary.count(manifest_row(result, None))
        meter.close()
        sys.stdout.flush()


def clean_leftovers(output: Path) -> None:
    """Undo what a killed run on `output` left half done: a swapped-out dataset folder comes back if
    the new one never arrived; temporary files and folders are removed."""
    old = _old_name(output)
    if old.exists():
        if output.exists():
            _remove(old)
        else:
            os.replace(old, output)
    run_dir = Path(f"{output}.run")
    for target in (output, manifest_path(output), run_dir):
        for leftover in _temps_of(target):
            _remove(leftover)
    if run_dir.is_dir():
        for leftover in run_dir.glob(".*.tmp"):
            _remove(leftover)


def read_part_manifest(part: Path) -> list[dict]:
    meta = pq.read_schema(part).metadata or {}
    return [json.loads(line) for line in meta[MANIFEST_KEY].decode().splitlines()]


def _old_name(output: Path) -> Path:
    """Where a dataset folder being replaced waits until its successor is in place."""
    return output.with_name(f".{output.name}.old")


def _temps_of(target: Path) -> list[Path]:
    """Temporary files coder.io.atomic made for exactly this target (not for a longer name)."""
    if not target.parent.is_dir():
        return []
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    return [p for p in target.parent.iterdir() if pattern.fullmatch(p.name)]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def publish_folder(folder: Path, output: Path) -> None:
    """Put a finished dataset folder under its real name. Two folders cannot swap in one rename:
    the old one waits under a hidden name, which the next run restores if the new one never arrived."""
    if output.exists():
        old = _old_name(output)
        _remove(old)
        os.replace(output, old)
        os.replace(folder, output)
        fsync_dir(output.parent)
        _remove(old)
    else:
        os.replace(folder, output)
    fsync_dir(output.parent)


def write_partitioned(parts: list[Path], folder: Path, schema: pa.Schema) -> None:
    """A hive-partitioned dataset (event_year=2016/event_month=10/...) in `folder`, every file with
    the run's metadata, and nothing but Parquet files (a `_common_metadata` file stopped polars
    reading the folder). Undated events go to event_year=0/event_month=0: a null partition value
    makes pandas fail ("Cannot yet unify dictionaries with nulls"). A run without events writes one
    empty file there, so readers still find the columns."""
    folder.mkdir(parents=True, exist_ok=True)
    source = ds.dataset([str(p) for p in parts], schema=EVENT_SCHEMA, format="parquet")
    if not parts or source.count_rows() == 0:
        empty = folder / f"event_year={UNDATED}" / f"event_month={UNDATED}"
        empty.mkdir(parents=True)
        pq.write_table(EVENT_SCHEMA.with_metadata(schema.metadata).empty_table(), empty / "part-0.parquet")
    else:
        date = ds.field("event_date")
        scanner = source.scanner(columns={**{n: ds.field(n) for n in EVENT_SCHEMA.names},
                                          "event_year": pc.if_else(date.is_valid(), pc.year(date), UNDATED),
                                          "event_month": pc.if_else(date.is_valid(), pc.month(date), UNDATED)})
        full = scanner.projected_schema.with_metadata(schema.metadata)
        batches = (pa.RecordBatch.from_arrays(b.columns, schema=full) for b in scanner.to_batches())
        ds.write_dataset(pa.RecordBatchReader.from_batches(full, batches), folder, format="parquet",
                         partitioning=["event_year", "event_month"], partitioning_flavor="hive",
                         existing_data_behavior="overwrite_or_ignore",
                         file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))
    for written in folder.rglob("*.parquet"):
        fsync_file(written)

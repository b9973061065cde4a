"""Batch runs: stream articles through one or more worker processes into parts, keep a manifest,
resume after a crash, and assemble the parts into one Parquet file or a partitioned dataset.

Layout while a run is in progress, for `-o events.parquet`:
    events.parquet.parts/part-000000.parquet ...   events of each finished chunk, written atomically
    events.parquet.manifest.jsonl                  one line per input document, appended after its part
A chunk's manifest lines are written only once its part file is in place, so after a crash every
document in the manifest is safely in a part; `--resume` skips those and codes the rest. The
final file (or dataset directory) appears under its real name only when the run is complete.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from coder.errors import InputError
from coder.io.read import Article, Skipped
from coder.coding.coder import Coder, DocResult
from coder.runs.progress import Progress
from coder.io.write import EVENT_SCHEMA, AtomicWriter, to_table

CHUNK_DOCS = 500  # documents per part file (and per manifest flush)
BATCH_DOCS = 50  # documents a worker codes per task


@dataclass
class RunSummary:
    statuses: Counter = field(default_factory=Counter)
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    resumed: int = 0  # documents already done by an earlier, interrupted run
    problems: list[dict] = field(default_factory=list)  # skipped and failed documents

    def count(self, row: dict) -> None:
        """Add one manifest row to the totals."""
        self.statuses[row["status"]] += 1
        self.sentences += row["sentences"]
        self.events += row["events"]
        if row["status"] in ("skipped", "failed"):
            self.problems.append(row)


def manifest_row(result: DocResult, part: str | None) -> dict:
    return {"doc_id": result.doc_id, "status": result.status, "reason": result.reason,
            "error_code": result.error_code, "sentences": result.sentences, "events": len(result.events),
            "seconds": round(result.seconds, 4), "part": part}


# --------------------------------------------------------------------- worker processes

_WORKER_CODER: Coder | None = None


def _init_worker(config: dict) -> None:
    global _WORKER_CODER
    if _WORKER_CODER is None:  # forked workers inherit the parent's coder; spawned ones build it once
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
    def __init__(self, coder: Coder, output: Path, *, jobs: int = 1, on_error: str = "raise", resume: bool = False,
                 partition: str | None = None, metadata: dict[bytes, bytes] | None = None, progress: bool = True):
        self.coder, self.output, self.jobs = coder, Path(output), max(1, jobs)
        self.on_error, self.resume, self.partition = on_error, resume, partition
        self.metadata = metadata or {}
        self.parts = Path(f"{self.output}.parts")
        self.manifest = Path(f"{self.output}.manifest.jsonl")
        self.summary = RunSummary()
        self.progress = progress

    def run(self, items: Iterable[Article | Skipped]) -> RunSummary:
        started = time.perf_counter()
        done = self._prepare()
        meter = Progress(enabled=self.progress)
        with open(self.manifest, "a", encoding="utf-8") as manifest:
            chunk: list[DocResult] = []
            for result in _results(self.coder, self._admit(items, done), self.jobs, self.on_error):
                chunk.append(result)
                meter.update(result)
                if len(chunk) >= CHUNK_DOCS:
                    self._flush(chunk, manifest)
                    chunk = []
            self._flush(chunk, manifest)
        meter.close()
        self._assemble()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _prepare(self) -> dict[str, dict]:
        """Rows of documents an earlier run finished (with --resume), after removing parts that
        no manifest row names (written just before a crash)."""
        done: dict[str, dict] = {}
        if self.resume and self.manifest.exists():
            with open(self.manifest, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError:  # a line cut short by the crash: its document is redone
                        continue
                    done[row["doc_id"]] = row
            named = {row["part"] for row in done.values() if row.get("part")}
            for part in self.parts.glob("*.parquet") if self.parts.exists() else []:
                if part.name not in named:
                    part.unlink()
            self._rewrite_manifest(done.values())
            for row in done.values():
                self.summary.count(row)
            self.summary.resumed = len(done)
        else:
            shutil.rmtree(self.parts, ignore_errors=True)
            self.manifest.unlink(missing_ok=True)
        self.parts.mkdir(parents=True, exist_ok=True)
        for tmp in self.parts.glob(".*.tmp"):
            tmp.unlink()
        return done

    def _rewrite_manifest(self, rows) -> None:
        tmp = self.manifest.with_suffix(".jsonl.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
        os.replace(tmp, self.manifest)

    def _admit(self, items: Iterable[Article | Skipped], done: dict[str, dict]) -> Iterator[Article | Skipped]:
        """Articles still to code. Unreadable records and duplicate ids go on as Skipped (keeping
        their place in the order, to be reported) or raise, by the error policy."""
        seen: set[str] = set(done)
        for item in items:
            if isinstance(item, Skipped):
                if self.on_error == "raise":
                    raise item.error
                yield item
                continue
            if item.id in seen:
                if item.id in done:
                    continue
                err = InputError("E107", f"duplicate document id '{item.id}': ids must be unique", item.origin)
                if self.on_error == "raise":
                    raise err
                yield Skipped(item.id, err)
                continue
            seen.add(item.id)
            yield item

    def _flush(self, chunk: list[DocResult], manifest) -> None:
        if not chunk:
            return
        events = [e for r in chunk for e in r.events]
        part = None
        if events:
            number = len(list(self.parts.glob("part-*.parquet")))
            part = f"part-{number:06d}.parquet"
            tmp = self.parts / f".{part}.tmp"
            pq.write_table(to_table(events), tmp, compression="zstd")
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, self.parts / part)
        for result in chunk:
            row = manifest_row(result, part)
            manifest.write(json.dumps(row) + "\n")  # ASCII: safe for any id, and for line-splitting readers
            self.summary.count(row)
        manifest.flush()
        os.fsync(manifest.fileno())

    def _assemble(self) -> None:
        """Parts, in order, into the final file or dataset: written beside it, then renamed."""
        parts = sorted(self.parts.glob("part-*.parquet"))
        if self.partition:
            write_partitioned(parts, self.output, EVENT_SCHEMA.with_metadata(self.metadata))
        else:
            with AtomicWriter(self.output, self.metadata) as writer:
                for part in parts:
                    for batch in pq.ParquetFile(part).iter_batches(batch_size=65536):
                        writer.write_batch(batch)
        shutil.rmtree(self.parts)


def write_partitioned(parts: list[Path], output: Path, schema: pa.Schema) -> None:
    """A hive-partitioned dataset (event_year=2016/event_month=10/...), swapped in whole."""
    tmp = output.with_name(f".{output.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    source = ds.dataset([str(p) for p in parts], schema=EVENT_SCHEMA, format="parquet") if parts else None
    if source is None:
        tmp.mkdir(parents=True)
        pq.write_metadata(schema, tmp / "_common_metadata")
    else:
        scanner = source.scanner(columns={**{n: ds.field(n) for n in EVENT_SCHEMA.names},
                                          "event_year": pc.year(ds.field("event_date")),
                                          "event_month": pc.month(ds.field("event_date"))})
        ds.write_dataset(scanner, tmp, format="parquet", partitioning=["event_year", "event_month"],
                         partitioning_flavor="hive", existing_data_behavior="error",
                         file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))
        pq.write_metadata(schema, tmp / "_common_metadata")
    if output.exists():
        old = output.with_name(f".{output.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(output, old)
        os.replace(tmp, output)
        shutil.rmtree(old)
    else:
        os.replace(tmp, output)

"""Coding on a Dask cluster: a bag or DataFrame of articles in, a partitioned Parquet dataset out.

Each Dask partition is coded by one task on a worker, which builds its Coder once per process and
writes its events as one Parquet part to a folder all workers can reach (a shared filesystem, as
on SLURM clusters, or this machine for a LocalCluster). The client then assembles the parts into
a hive-partitioned dataset by event year and month and writes the run manifest beside it.
Dask is an optional extra: `pip install eventcoder[dask]`.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from coder.errors import EventcoderError, InputError
from coder.io.atomic import atomic_open, atomic_path, make_temp
from coder.io.read import Article, Columns, Skipped, to_article
from coder.runs.batch import RunSummary, clean_leftovers, manifest_row, publish_folder, write_partitioned
from coder.runs.lock import OutputLock
from coder.runs.manifest import manifest_path
from coder.io.write import EVENT_SCHEMA, to_table

_CODERS: dict[str, object] = {}


def require_dask() -> None:
    try:
        import dask  # noqa: F401
        import dask.bag  # noqa: F401
    except ImportError:
        raise EventcoderError("E501", "the Dask engine needs Dask: pip install 'eventcoder[dask]'", "--engine") from None


def _coder(config: dict):
    """One Coder per worker process, built on its first task."""
    key = json.dumps(config, sort_keys=True)
    if key not in _CODERS:
        from coder.coding.coder import Coder

        _CODERS[key] = Coder(**config)
    return _CODERS[key]


def _code_partition(records, index: int, config: dict, parts_dir: str, columns: Columns) -> list[dict]:
    coder = _coder(config)
    items = [r if isinstance(r, (Skipped, Article)) else to_article(dict(r), f"partition {index}: record {n + 1}",
                                                                     columns) for n, r in enumerate(records)]
    results = list(coder.code_articles(items, on_error="skip", check_ids=False))
    events = [e for r in results for e in r.events]
    part = None
    if events:
        part = f"part-{index:06d}.parquet"
        with atomic_path(Path(parts_dir) / part) as tmp:
            pq.write_table(to_table(events), tmp, compression="zstd")
    return [manifest_row(r, part) for r in results]


class ReportedError(InputError):
    """A record's error as a worker reported it (its text already reads `location: [code] message`)."""

    def __str__(self) -> str:
        return self.message


def code_bag(bag, output: str | Path, *, config: dict, metadata: dict[bytes, bytes] | None = None,
             columns: Columns | None = None, on_error: str = "skip") -> RunSummary:
    """Code a dask.bag of article dicts into a partitioned Parquet dataset at `output`.

    Workers always code on (a task cannot stop its siblings), so with on_error='raise' the run
    fails after coding, on the first bad record in input order, and writes no output."""
    require_dask()
    import dask

    output = Path(output)
    with OutputLock(output):
        clean_leftovers(output)
        parts = make_temp(Path(f"{output}.run"), directory=True)
        try:
            tasks = [dask.delayed(_code_partition)(partition, i, config, str(parts), columns or Columns())
                     for i, partition in enumerate(bag.to_delayed())]
            rows = [row for chunk in dask.compute(*tasks) for row in chunk]  # on the active Client, if any
            summary = RunSummary()
            seen: set[str] = set()
            for row in rows:
                if row["doc_id"] in seen:  # ids are checked across partitions here, on the client
                    row.update(status="skipped", reason=f"[E107] duplicate document id '{row['doc_id']}'",
                               error_code="E107")
                seen.add(row["doc_id"])
                if on_error == "raise" and row["status"] in ("skipped", "failed"):
                    raise ReportedError(row["error_code"] or "E104", row["reason"])
                summary.count(row)
            folder = make_temp(output, directory=True)
            write_partitioned(sorted(parts.glob("part-*.parquet")), folder,
                              EVENT_SCHEMA.with_metadata(metadata or {}))
            publish_folder(folder, output)
            with atomic_open(manifest_path(output)) as handle:
                for row in rows:
                    handle.write(json.dumps(row) + "\n")
        finally:
            shutil.rmtree(parts, ignore_errors=True)
    return summary


def code_dataframe(frame, output: str | Path, **options) -> RunSummary:
    """Code a dask.dataframe with id and text columns (and optional date, source, url, title)."""
    return code_bag(frame.to_bag(format="dict"), output, **options)


def bag_from_input(path: str | Path, columns: Columns, *, partition_size: int = 500):
    """A bag of records read on the workers: .txt files of a folder, JSONL, CSV or Parquet."""
    require_dask()
    import dask.bag as db
    import dask.dataframe as dd

    from coder.io.read import read_articles

    path = Path(path)
    if path.is_dir() or path.suffix.lower() in (".txt",):
        # Folders are listed on the client (ids, metadata), read on the workers.
        return db.from_sequence(list(read_articles(path, columns)), partition_size=partition_size)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return db.read_text(str(path), blocksize="32MiB").map(_json_record)
    if suffix == ".csv":
        return dd.read_csv(str(path), dtype=str, blocksize="32MiB").to_bag(format="dict")
    if suffix == ".parquet":
        return dd.read_parquet(str(path)).to_bag(format="dict")
    return db.from_sequence(list(read_articles(path, columns)), partition_size=partition_size)


def _json_record(line: str):
    from coder.errors import InputError

    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skipped(None, InputError("E104", f"not valid JSON ({exc.msg}): {line[:60]!r}", "JSONL input"))
    return row if isinstance(row, dict) else Skipped(None, InputError("E104", "a line is not a JSON object", "JSONL input"))


def local_client(workers: int):
    """A LocalCluster of worker processes on this machine, for `--engine dask` without --scheduler."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)

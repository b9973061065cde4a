"""Memory over a long run: `eventcoder code` on a 200,000-article
corpus, with the resident memory of the process tree sampled as its parts are written.

    .venv/bin/python bench/make_corpus.py -n 200000 -o bench/corpus.jsonl
    .venv/bin/python bench/stream_memory.py bench/corpus.jsonl [--jobs 2]

The baseline is the memory after the first 1,000 articles; the events go to disk part by part, so
the figures after it should not grow with the input.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the worker processes), from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("VmRSS"))
            with open(f"/proc/{current}/task/{current}/children") as handle:
                stack += [int(child) for child in handle.read().split()]
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total / 1024


def documents_done(run_dir: Path, counted: dict[str, int]) -> int:
    """Documents the run has coded so far: the manifest lines of the parts it has renamed into its
    run folder (coder/runs/batch.py; the manifest itself is written at the end), each part read once
    and remembered in `counted`."""
    from pyarrow import ArrowException

    from coder.runs.batch import read_part_manifest

    for part in sorted(run_dir.glob("part-*.parquet")):
        if part.name not in counted:
            try:
                counted[part.name] = len(read_part_manifest(part))
            except (OSError, KeyError, ArrowException):
                continue  # moved away meanwhile: the run is assembling its output
    return sum(counted.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    marks = [1_000, 10_000, 50_000, 100_000, 150_000, 200_000]
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "events.parquet"
        manifest = Path(f"{out}.manifest.jsonl")
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "coder", "code", str(args.corpus), "-o", str(out), "-q",
                                 "--jobs", str(args.jobs)], cwd=ROOT)
        peak, rows, counted = 0.0, [], {}
        run_dir = Path(f"{out}.run")
        while proc.poll() is None:
            peak = max(peak, tree_rss_mb(proc.pid))
            done = documents_done(run_dir, counted)
            while marks and done >= marks[0]:
                rows.append((marks.pop(0), peak, time.perf_counter() - started))
            time.sleep(0.5)
        if proc.returncode:
            sys.exit(proc.returncode)
        lines = sum(1 for _ in open(manifest))
        rows.append((lines, peak, time.perf_counter() - started))
    base = rows[0][1]
    print(f"{'documents done':>15} {'peak RSS MB':>12} {'vs first 1,000':>15} {'seconds':>9}")
    for count, rss, seconds in rows:
        print(f"{count:>15,} {rss:12.0f} {rss / base:14.2f}x {seconds:9.0f}")


if __name__ == "__main__":
    main()

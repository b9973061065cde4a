"""Memory over a long run: `eventcoder code` on a 200,000-article
corpus, with the resident memory of the process tree sampled as its parts are written.

    .venv/bin/python bench/make_corpus.py -n 200000 -o bench/corpus.jsonl
    .venv/bin/python bench/stream_memory.py bench/corpus.jsonl [--jobs 2]
    .venv/bin/python bench/stream_memory.py bench/corpus.jsonl --memos

Peak memory of the run's processes: resident (RSS) and proportional (PSS, which counts the pages
`--jobs` workers share with the main process once, not once per process: what the run holds). The
baseline is the memory after the first 1,000 articles; the events go to disk part by part, so
what grows after it is what the coder remembers between articles. `--memos` says what that is: it
codes in this process (as `--jobs 1` does) and prints, at each mark, every bounded memo
(coder/memos.py) with its entries, its limit and about how much memory it holds.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the worker processes)."""
    return _tree_mb(pid, "status", "VmRSS")


def tree_pss_mb(pid: int) -> float:
    """Proportional memory of a process and its children: the pages forked workers share with the
    main process shared out among them, not counted once per process."""
    return _tree_mb(pid, "smaps_rollup", "Pss")


def _tree_mb(pid: int, source: str, field: str) -> float:
    """The sum of `field` in /proc/PID/`source` over a process and its children, in MB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/{source}") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith(field + ":"))
            with open(f"/proc/{current}/task/{current}/children") as handle:
                stack += [int(child) for child in handle.read().split()]
        except (FileNotFoundError, StopIteration, ProcessLookupError, PermissionError):
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


def deep_bytes(obj, seen: set[int]) -> int:
    """About how much memory `obj` holds: its size and that of what it contains (containers and the
    coder's own objects followed), each object counted once over all calls sharing `seen`."""
    total, stack = 0, [obj]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        elif type(item).__module__.startswith("coder") and hasattr(item, "__dict__"):
            stack.append(item.__dict__)
    return total


def memo_rows(coder) -> list[tuple[str, int, int, float]]:
    """(name, entries, limit, MB) of every live memo. What the coder holds from the start (its
    ontology, finders and gazetteer) is counted first, so shared objects are not a memo's."""
    from coder.memos import live_memos
    from coder.places import _DEFAULT_MEMO as gazetteers

    memos = live_memos()
    seen = {id(m) for m in memos}  # (passed over while the coder is counted)
    deep_bytes([vars(coder), *gazetteers.values()], seen)
    seen.difference_update(map(id, memos))
    return [(m.name, len(m), m.limit, deep_bytes(m, seen) / 2**20) for m in memos]


def follow_memos(corpus: Path, marks: list[int]) -> None:
    """`--memos`: code the corpus in this process, printing the memos at each mark."""
    from coder import Coder
    from coder.io.read import read_articles
    from coder.runs.batch import BatchRun

    coder = Coder()

    def articles():
        for number, article in enumerate(read_articles(corpus), start=1):
            if marks and number == marks[0]:
                marks.pop(0)
                rows = memo_rows(coder)
                print(f"after {number - 1:,} articles: {tree_rss_mb(os.getpid()):.0f} MB resident, "
                      f"{sum(r[3] for r in rows):.0f} MB in the memos", flush=True)
                for name, entries, limit, mb in rows:
                    if entries:
                        print(f"  {entries:>9,} of {limit:>9,} {mb:7.1f} MB  {name}", flush=True)
            yield article

    with tempfile.TemporaryDirectory() as work:
        BatchRun(coder, Path(work) / "events.parquet", progress=False).run(articles())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--memos", action="store_true",
                        help="code in this process and print the memos' sizes at each mark")
    args = parser.parse_args()
    marks = [1_000, 10_000, 50_000, 100_000, 150_000, 200_000]
    if args.memos:
        follow_memos(args.corpus, [m + 1 for m in marks])
        return
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "events.parquet"
        manifest = Path(f"{out}.manifest.jsonl")
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "coder", "code", str(args.corpus), "-o", str(out), "-q",
                                 "--jobs", str(args.jobs)], cwd=ROOT)
        peak, peak_pss, rows, counted = 0.0, 0.0, [], {}
        run_dir = Path(f"{out}.run")
        while proc.poll() is None:
            peak = max(peak, tree_rss_mb(proc.pid))
            peak_pss = max(peak_pss, tree_pss_mb(proc.pid))
            done = documents_done(run_dir, counted)
            while marks and done >= marks[0]:
                rows.append((marks.pop(0), peak, peak_pss, time.perf_counter() - started))
            time.sleep(0.5)
        if proc.returncode:
            sys.exit(proc.returncode)
        lines = sum(1 for _ in open(manifest))
        rows.append((lines, peak, peak_pss, time.perf_counter() - started))
    base = rows[0][1]
    print(f"{'documents done':>15} {'peak RSS MB':>12} {'vs first 1,000':>15} {'peak PSS MB':>12} {'seconds':>9}")
    for count, rss, pss, seconds in rows:
        print(f"{count:>15,} {rss:12.0f} {rss / base:14.2f}x {pss:12.0f} {seconds:9.0f}")


if __name__ == "__main__":
    main()

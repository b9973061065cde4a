"""Scaling on this machine: `--jobs 1` against `--jobs 2`, and Dask with two local workers, on the
same synthetic articles (bench/make_corpus.py), wall time, start-up included.

    .venv/bin/python bench/scaling.py [--articles 3000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def timed_run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "coder", "code", *args, "-q"], check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    from make_corpus import articles

    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "articles.jsonl"
        with open(corpus, "w", encoding="utf-8") as handle:
            for record in articles(args.articles):
                handle.write(json.dumps(record) + "\n")
        runs = [("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
                ("--engine dask, 2 local workers", ["--engine", "dask", "--jobs", "2"])]
        rows = []
        for name, extra in runs:
            out = Path(work) / name.split()[0].strip("-")
            seconds = timed_run([str(corpus), "-o", str(out) + (".parquet" if "dask" not in name else ""), *extra])
            rows.append((name, seconds))
        sentences = sum(json.loads(line)["sentences"] for line in open(Path(work) / "jobs.parquet.manifest.jsonl"))
    base = rows[0][1]
    print(f"{args.articles:,} articles, {sentences:,} sentences (wall time, start-up included)")
    print(f"{'run':36} {'seconds':>8} {'sent/s':>8} {'speed-up':>9}")
    for name, seconds in rows:
        print(f"{name:36} {seconds:8.1f} {sentences / seconds:8.0f} {base / seconds:8.2f}x")


if __name__ == "__main__":
    main()

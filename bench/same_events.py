"""Code the seeds and every gold file, and compare two such snapshots event by event.

Used to show that a refactor or a speed-up changes no behaviour:

    python bench/same_events.py snapshot /tmp/before      # on the old commit
    python bench/same_events.py snapshot /tmp/after       # on the new one
    python bench/same_events.py compare /tmp/before /tmp/after

A snapshot holds one Parquet file per input and mode (shallow and dependency). `compare` checks
that both have the same files, and in each the same columns, the same event ids in the same order
and the same values, and prints one line per file.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold"
MODES = ("shallow", "dependency")


def inputs() -> list[Path]:
    found = [ROOT / "seeds"]
    if GOLD.is_dir():
        found += sorted(GOLD.glob("*.jsonl"))
    return found


def snapshot(out: Path, modes: tuple[str, ...]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    exe = Path(sys.executable).parent / "eventcoder"
    for source in inputs():
        for mode in modes:
            target = out / f"{source.stem}.{mode}.parquet"
            cmd = [str(exe), "code", str(source), "-o", str(target), "--analysis", mode, "-q",
                   "--on-error", "skip"]
            done = subprocess.run(cmd, capture_output=True, text=True)
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
            print(f"{target.name}: {status}", flush=True)


def compare(before: Path, after: Path, ignore: set[str]) -> int:
    import pyarrow.parquet as pq

    names = sorted({p.name for p in before.glob("*.parquet")} | {p.name for p in after.glob("*.parquet")})
    failures = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            failures += 1
            continue
        ta, tb = pq.read_table(a), pq.read_table(b)
        problems = []
        if ta.column_names != tb.column_names:
            gone = [c for c in ta.column_names if c not in tb.column_names]
            new = [c for c in tb.column_names if c not in ta.column_names]
            problems.append(f"columns differ (gone {gone}, new {new})")
        ids_a, ids_b = ta.column("event_id").to_pylist(), tb.column("event_id").to_pylist()
        if ids_a != ids_b:
            problems.append(f"event ids differ ({len(ids_a)} vs {len(ids_b)} events, "
                            f"{len(set(ids_a) ^ set(ids_b))} not in both)")
        else:
            for column in ta.column_names:
                if column in ignore or column not in tb.column_names:
                    continue
                va, vb = ta.column(column).to_pylist(), tb.column(column).to_pylist()
                if va != vb:
                    row = next(i for i, (x, y) in enumerate(zip(va, vb)) if x != y)
                    problems.append(f"{column} differs from row {row}: {va[row]!r} vs {vb[row]!r}")
        print(f"{name}: {ta.num_rows} events, " + ("same" if not problems else "; ".join(problems)))
        failures += bool(problems)
    print(f"{len(names) - failures} of {len(names)} files identical")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out", type=Path)
    snap.add_argument("--modes", default=",".join(MODES))
    comp = sub.add_parser("compare")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    comp.add_argument("--ignore", default="", help="comma-separated columns not compared")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, tuple(args.modes.split(",")))
        return 0
    return compare(args.before, args.after, set(filter(None, args.ignore.split(","))))


if __name__ == "__main__":
    sys.exit(main())

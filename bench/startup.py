"""Start-up of a `Coder()`: warm (compiled cache present), stale (one ontology file edited since the
cache was built), fresh (no cache at all), for the default ontology and the imported PETRARCH
production dictionaries, each run in a fresh process; the default ontology also as the `eventcoder` program
loads it (frozen, not collected: coder/process.py). Prints the median of `--runs` processes and
their spread (min-max) for wall time, CPU time and peak memory, against a bare spaCy English
tokenizer measured in the same run: what any spaCy-based coder pays anyway (and the same with spaCy's
command-line package deferred, as `import coder` does: coder/spacy_cli.py).

    .venv/bin/python bench/startup.py [--runs 3]

The machine may be shared: CPU seconds are steadier than wall seconds under load. Python's compiled
modules (bytecode) are kept for every run, as on an installed machine: see `run`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PETRARCH = ROOT.parent / "shared" / "petrarch" / "production"

PROBE = """
import json, resource, time
started = time.perf_counter()
{body}
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({{"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024}}))
"""
BARE = "import spacy\nnlp = spacy.blank('en')"
# The same with spaCy's command-line package deferred, as importing `coder` first does
# (coder/spacy_cli.py): the part of the baseline a coder still pays.
BARE_DEFERRED = "import coder\n" + BARE
CODER = "from coder import Coder\ncoder = Coder(ontology={dirs!r})"
# The `eventcoder` program declares that it keeps its coder until it exits (coder/process.py), so
# what it loads is frozen out of the collector's sight instead of settled by a full collection.
PROGRAM = "from coder.process import keep_until_exit\nkeep_until_exit()\n" + CODER


def run(body: str, cache: Path) -> dict:
    """Figures of one fresh process running `body` with `cache` as the cache folder.

    Python's own cache of compiled modules is kept, as on any installed machine (pip writes it at
    install time), in a `bytecode` folder beside `cache`, even where the environment turns it off
    (PYTHONDONTWRITEBYTECODE): without it every process would compile spaCy's and the coder's
    sources again, 0.3-0.5 CPU s that no user pays. The first process that uses a folder fills
    it (a bare start and a Coder() start) and is not counted."""
    bytecode = Path(cache).parent / "bytecode"
    env = {**os.environ, "EVENTCODER_CACHE": str(cache), "PYTHONPATH": str(ROOT),
           "PYTHONPYCACHEPREFIX": str(bytecode)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode.exists():  # fill it: every module a start imports, with a cache of its own
        primer = Path(tempfile.mkdtemp(dir=Path(cache).parent))
        for primed in (BARE, CODER.format(dirs=None)):  # the bare start also imports spaCy's command line
            subprocess.run([sys.executable, "-c", primed], capture_output=True, check=True,
                           cwd=ROOT, env={**env, "EVENTCODER_CACHE": str(primer)})
    out = subprocess.run([sys.executable, "-c", PROBE.format(body=body)], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm(body: str, cache: Path, runs: int) -> list[dict]:
    run(body, cache)  # builds the cache
    return [run(body, cache) for _ in range(runs)]


def fresh(body: str, work: Path, runs: int) -> list[dict]:
    return [run(body, Path(tempfile.mkdtemp(dir=work))) for _ in range(runs)]


def stale(body: str, cache: Path, edited: Path, runs: int) -> list[dict]:
    """Each run edits `edited` anew (a different comment line), so the compiled cache is out of date."""
    original = edited.read_bytes()
    run(body, cache)
    figures = []
    try:
        for n in range(runs):
            edited.write_bytes(original + f"\n# bench/startup.py edit {n} {os.getpid()}\n".encode())
            figures.append(run(body, cache))
    finally:
        edited.write_bytes(original)
    return figures


def summary(figures: list[dict], key: str) -> tuple[float, float, float]:
    values = [f[key] for f in figures]
    return statistics.median(values), min(values), max(values)


def setups(work: Path, petrarch: Path) -> list[tuple[str, list[str], Path]]:
    """(name, ontology folders, the file a stale run edits): copies, so edits never touch the repo."""
    from coder.ontology.load import default_ontology_dir

    default = work / "default" / "ontology"
    shutil.copytree(default_ontology_dir(), default)
    found = [("default", [str(default)], default / "verbs" / "19_fight.yaml")]
    if petrarch.is_dir():
        from coder.ontology.petrarch import import_petrarch

        imported = work / "petrarch"
        report = import_petrarch([petrarch], imported)
        print(report.summary().splitlines()[0])
        largest = max(imported.rglob("*.yaml"), key=lambda p: p.stat().st_size)
        found.append(("PETRARCH production", [str(imported)], largest))
    else:
        print(f"({petrarch} not found: the PETRARCH rows are skipped)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (median, spread)")
    parser.add_argument("--petrarch", type=Path, default=PETRARCH, help="folder of PETRARCH dictionaries")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows.append(("bare spaCy tokenizer (baseline)", fresh(BARE, work, args.runs)))
        rows.append(("bare spaCy tokenizer, its CLI deferred", fresh(BARE_DEFERRED, work, args.runs)))
        for name, dirs, edited in setups(work, args.petrarch):
            ways = (("", CODER), (", program", PROGRAM)) if name == "default" else (("", CODER),)
            for how, template in ways:
                body = template.format(dirs=dirs)
                cache = Path(tempfile.mkdtemp(dir=work))
                rows.append((f"{name}{how}: warm (cache present)", warm(body, cache, args.runs)))
                rows.append((f"{name}{how}: stale (one file edited)", stale(body, cache, edited, args.runs)))
                rows.append((f"{name}{how}: fresh (no cache)", fresh(body, work, args.runs)))
    base = summary(rows[0][1], "cpu")[0]
    print(f"\nstart-up of a fresh process, median of {args.runs} (min-max)")
    print(f"{'':44} {'wall s':>20} {'CPU s':>17} {'CPU vs bare':>11} {'peak MB':>15}")
    for name, figures in rows:
        cells = []
        for key, digits in (("wall", 2), ("cpu", 2), ("peak_mb", 0)):
            mid, low, high = summary(figures, key)
            cells.append(f"{mid:5.{digits}f} ({low:.{digits}f}-{high:.{digits}f})")
        ratio = summary(figures, "cpu")[0] / base
        print(f"{name:44} {cells[0]:>20} {cells[1]:>17} {ratio:10.1f}x {cells[2]:>15}")


if __name__ == "__main__":
    main()

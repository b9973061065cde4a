"""Start-up of a `Coder()`: warm (compiled cache present), stale (one ontology file edited since the
cache was built), fresh (no cache at all), for the default ontology and the imported PETRARCH
production dictionaries, each run in a fresh process; the default ontology also as the `eventcoder` program
loads it (frozen, not collected: coder/process.py). Prints the median of `--runs` processes and
their spread (min-max) for wall time, CPU time and peak memory, against a bare spaCy English
tokenizer measured in the same run: what any spaCy-based coder pays anyway (and the same with spaCy's
command-line package deferred, as `import coder` does: coder/spacy_cli.py).

    .venv/bin/python bench/startup.py [--runs 3]
    .venv/bin/python bench/startup.py --instructions [--base REF]

The machine may be shared: CPU seconds are steadier than wall seconds under load. Python's compiled
modules (bytecode) are kept for every run, as on an installed machine: see `run`.

With `--instructions`, each start runs once under valgrind's callgrind instead, and the table gives
the instructions it executed: the same from run to run whatever the machine's load (hash seeds are
fixed, NumPy's BLAS threads off), so a change of a few per cent to a start can be seen where CPU seconds move by more. With
`--base REF` the same starts are counted for a git commit too (checked out in a temporary
worktree), beside this tree's, with their ratio. About 10 minutes a tree with the PETRARCH rows.
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
sys.path.insert(0, str(ROOT / "bench"))
from instructions import COUNT_STEADY, child_failed, collected, trees_to_count  # noqa: E402  (bench/ holds both scripts)
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


def run(body: str, cache: Path, tree: Path = ROOT, counted: bool = False) -> dict:
    """Figures of one fresh process running `body` with the coder of `tree` and `cache` as the cache
    folder; with `counted`, under callgrind, and its instruction count as "instructions".

    Python's own cache of compiled modules is kept, as on any installed machine (pip writes it at
    install time), in a `bytecode` folder beside `cache`, even where the environment turns it off
    (PYTHONDONTWRITEBYTECODE): without it every process would compile spaCy's and the coder's
    sources again, 0.3-0.5 CPU s that no user pays. The first process of each tree fills it (a bare
    start and a Coder() start) and is not counted."""
    bytecode = Path(cache).parent / "bytecode"
    env = {**os.environ, "EVENTCODER_CACHE": str(cache), "PYTHONPATH": str(tree),
           "PYTHONPYCACHEPREFIX": str(bytecode), **(COUNT_STEADY if counted else {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    primed = bytecode / f"primed-{tree.name}"
    if not primed.exists():  # fill it: every module a start imports, with a cache of its own
        primer = Path(tempfile.mkdtemp(dir=Path(cache).parent))
        for primer_body in (BARE, CODER.format(dirs=None)):  # the bare start also imports spaCy's command line
            subprocess.run([sys.executable, "-c", primer_body], capture_output=True, check=True,
                           cwd=tree, env={**env, "EVENTCODER_CACHE": str(primer)})
        primed.touch()
    command = [sys.executable, "-c", PROBE.format(body=body)]
    if counted:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tree, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if counted:
        figures["instructions"] = collected(out.stderr)
    return figures


def warm(body: str, cache: Path, runs: int, tree: Path = ROOT, counted: bool = False) -> list[dict]:
    run(body, cache, tree)  # builds the cache
    return [run(body, cache, tree, counted) for _ in range(runs)]


def fresh(body: str, work: Path, runs: int, tree: Path = ROOT, counted: bool = False) -> list[dict]:
    return [run(body, Path(tempfile.mkdtemp(dir=work)), tree, counted) for _ in range(runs)]


def stale(body: str, cache: Path, edited: Path, runs: int, tree: Path = ROOT, counted: bool = False) -> list[dict]:
    """Each run edits `edited` anew (a different comment line), so the compiled cache is out of date."""
    original = edited.read_bytes()
    run(body, cache, tree)
    figures = []
    try:
        for n in range(runs):
            edited.write_bytes(original + f"\n# bench/startup.py edit {n} {os.getpid()}\n".encode())
            figures.append(run(body, cache, tree, counted))
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


def measure(work: Path, ontologies: list, petrarch: Path, runs: int, tree: Path = ROOT,
            counted: bool = False) -> list:
    """(row name, figures of each run) for every start: the bare baselines, then each ontology warm,
    stale and fresh (the default ontology also as the `eventcoder` program loads it). `ontologies`
    is filled by the first call (`setups`), after its bare starts, while this process is still small
    (a child's peak memory counts from the size of the process that launched it); later calls, for
    another tree, start from the same copies."""
    rows = [("bare spaCy tokenizer (baseline)", fresh(BARE, work, runs, tree, counted)),
            ("bare spaCy tokenizer, its CLI deferred", fresh(BARE_DEFERRED, work, runs, tree, counted))]
    if not ontologies:
        ontologies.extend(setups(work, petrarch))
    for name, dirs, edited in ontologies:
        ways = (("", CODER), (", program", PROGRAM)) if name == "default" else (("", CODER),)
        for how, template in ways:
            body = template.format(dirs=dirs)
            cache = Path(tempfile.mkdtemp(dir=work))
            rows.append((f"{name}{how}: warm (cache present)", warm(body, cache, runs, tree, counted)))
            rows.append((f"{name}{how}: stale (one file edited)", stale(body, cache, edited, runs, tree, counted)))
            rows.append((f"{name}{how}: fresh (no cache)", fresh(body, work, runs, tree, counted)))
    return rows


def print_times(rows: list, runs: int) -> None:
    base = summary(rows[0][1], "cpu")[0]
    print(f"\nstart-up of a fresh process, median of {runs} (min-max)")
    print(f"{'':44} {'wall s':>20} {'CPU s':>17} {'CPU vs bare':>11} {'peak MB':>15}")
    for name, figures in rows:
        cells = []
        for key, digits in (("wall", 2), ("cpu", 2), ("peak_mb", 0)):
            mid, low, high = summary(figures, key)
            cells.append(f"{mid:5.{digits}f} ({low:.{digits}f}-{high:.{digits}f})")
        ratio = summary(figures, "cpu")[0] / base
        print(f"{name:44} {cells[0]:>20} {cells[1]:>17} {ratio:10.1f}x {cells[2]:>15}")


def print_instructions(by_tree: dict[str, list]) -> None:
    """One column of instructions (millions) per tree, each with its ratio to that tree's bare start,
    and this tree's ratio to the base's."""
    labels = list(by_tree)
    print("\nstart-up of a fresh process, millions of instructions (valgrind callgrind, one run each)")
    print(f"{'':44}" + "".join(f"{label:>30}" for label in labels) + (f"{'vs base':>10}" if len(labels) > 1 else ""))
    for k, (name, _) in enumerate(by_tree[labels[0]]):
        cells, counts = "", []
        for label in labels:
            rows = by_tree[label]
            count, bare = rows[k][1][0]["instructions"], rows[0][1][0]["instructions"]
            counts.append(count)
            cells += f"{count / 1e6:>18,.0f} ({count / bare:4.1f}x bare)"
        ratio = f"{counts[0] / counts[1]:10.3f}" if len(counts) > 1 else ""
        print(f"{name:44}{cells}{ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (median, spread)")
    parser.add_argument("--petrarch", type=Path, default=PETRARCH, help="folder of PETRARCH dictionaries")
    parser.add_argument("--instructions", action="store_true",
                        help="count each start's instructions under valgrind (one run each) instead of timing it")
    parser.add_argument("--base", help="with --instructions: a git commit or branch to count too, beside this tree")
    args = parser.parse_args(argv)
    if args.base and not args.instructions:
        parser.error("--base needs --instructions")
    if args.instructions and shutil.which("valgrind") is None:
        print("startup.py: valgrind not found: install it (Debian: apt-get install valgrind) to count instructions")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ontologies: list = []  # the same copies for every tree
        if not args.instructions:
            print_times(measure(work, ontologies, args.petrarch, args.runs), args.runs)
            return 0
        try:
            with trees_to_count(args.base, work) as trees:
                by_tree = {label: measure(work, ontologies, args.petrarch, 1, tree, counted=True)
                           for label, tree in trees.items()}
        except subprocess.CalledProcessError as failed:
            print(child_failed("startup.py", failed))
            return 1
    print_instructions(by_tree)
    return 0


if __name__ == "__main__":
    sys.exit(main())

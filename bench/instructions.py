"""Instructions the shallow coder executes, counted by valgrind, for this tree and a base commit.

    .venv/bin/python bench/instructions.py [--base REF] [--pass first steady] [--jobs 2]

CPU seconds on a shared machine move by 10-20% from one run to the next, so a change that saves 3%
cannot be seen in them however often the runs take turns. An instruction count can: valgrind's
callgrind counts what the process executes, the same from run to run whatever else the machine is
doing. It is not time (a cache miss costs more than an add), but for a change that leaves the data
alone and removes steps, fewer instructions is less time.

For each tree (this one, and `--base`, checked out into a temporary git worktree), and each pass:
- `first`: bench/throughput.py's first pass: warm up on 45 real-news articles, then code the other
  500, in which no sentence was seen before;
- `steady`: code the 400 articles of the throughput runs once, then again (the counted pass);
the child runs twice under callgrind, once stopping before the counted coding and once after it: the
difference is the coding alone, without start-up or warm-up. Both trees read the same articles (this
tree's bench/realnews.py). Each child runs once uncounted first, which fills the compiled-ontology,
gazetteer and bytecode caches; hash seeds are fixed, NumPy's BLAS threads are off, and the children
run `--jobs` at a time. A count then repeats to within 0.1%, and two trees of the same code agree to
0.3% (their paths differ, and with them the memory layout). About 2 minutes a pass on 2 cores.
Needs valgrind (Debian: `apt-get install valgrind`) and ../shared; says so and exits 0 without them.
A `--base` git does not know, or a child that fails, is named in one line (its last error line), exit 1.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

WARM_UP = 45  # articles coded before the first pass's counted ones, as bench/throughput.py does
STEADY_ARTICLES = 400
_COLLECTED = re.compile(r"Collected : (\d+)")


def child(which: str, counted: bool, limit: int | None) -> None:
    """In the process valgrind watches: set up as the pass `which` does, then code its articles
    (the first `limit` of them, when given) when `counted`; print the number of sentences coded."""
    from coder import Coder  # first: realnews puts this tree on the path, and the tree counted is PYTHONPATH's
    from coder.io.read import to_article
    from realnews import articles

    coder = Coder(analysis="shallow", geocode=True)
    if which == "first":
        records = list(articles(10**9, reuse=False))  # each sentence in one article only
        timed, warm_up = records[:-WARM_UP], records[-WARM_UP:]
    else:
        timed = list(articles(STEADY_ARTICLES))
        warm_up = timed
    timed = timed[:limit]
    list(coder.code_articles([to_article(r, r["id"]) for r in warm_up]))
    if counted:
        results = list(coder.code_articles([to_article(r, r["id"]) for r in timed]))
        print(sum(r.sentences for r in results), "sentences")


def collected(log: str) -> int:
    """The instruction count in callgrind's report."""
    found = _COLLECTED.findall(log)
    if not found:
        raise RuntimeError("callgrind reported no count:\n" + log[-2000:])
    return int(found[-1])


def tree_env(tree: Path, work: Path) -> dict:
    """The environment of a child that runs the coder of `tree` (and this tree's bench scripts), with
    its compiled modules kept in `work` as on an installed machine."""
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT / 'bench'}", **COUNT_STEADY,
           "PYTHONPYCACHEPREFIX": str(work / "bytecode" / tree.name)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# What keeps a count the same from run to run: fixed hash seeds, and no BLAS worker threads. NumPy's
# OpenBLAS starts one per core on import, and they spin while they wait; under valgrind, which runs
# one thread at a time, how long they spin depends on its scheduling (4 to 48 million instructions
# in runs of the same code). The coder makes no BLAS call in the shallow mode.
COUNT_STEADY = {"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}


def count(tree: Path, which: str, counted: bool, work: Path, limit: int | None) -> tuple[int, int]:
    """(instructions, sentences) of one child running the coder of `tree` under callgrind."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={work / 'callgrind.%p'}",
         sys.executable, __file__, "--child", which, *(["--counted"] if counted else []),
         *(["--articles", str(limit)] if limit else [])],
        capture_output=True, text=True, env=tree_env(tree, work), cwd=tree, check=True)
    sentences = int(out.stdout.split()[0]) if counted else 0
    return collected(out.stderr), sentences


def warm_caches(tree: Path, work: Path, passes: list[str], limit: int | None) -> None:
    """Build `tree`'s compiled ontology, gazetteer and bytecode outside the counted runs, by running
    each pass's counted child once as it is. Bytecode above all: a module first imported while
    articles are coded (the bench's own, or one the coder imports when a rule first needs it) would
    otherwise be compiled by whichever counted child ran first, the run before the coding or the one
    after it, and that child alone (100-200 million instructions, as much as a 7% change of the
    steady pass, in either direction)."""
    for which in passes:
        subprocess.run([sys.executable, __file__, "--child", which, "--counted",
                        *(["--articles", str(limit)] if limit else [])],
                       capture_output=True, text=True, env=tree_env(tree, work), cwd=tree, check=True)


def base_tree(ref: str, work: Path) -> Path:
    """`ref` checked out (detached) in a git worktree under `work`; removed by `drop_tree`."""
    path = work / "base"
    subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(path), ref], cwd=ROOT, check=True,
                   capture_output=True, text=True)
    return path


def drop_tree(path: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)


@contextmanager
def trees_to_count(base: str | None, work: Path) -> Iterator[dict[str, Path]]:
    """{"this tree": ROOT} and, with `base`, {"base REF": that commit checked out under `work`},
    removed when the block ends."""
    trees = {"this tree": ROOT}
    try:
        if base:
            trees[f"base {base}"] = base_tree(base, work)
        yield trees
    finally:
        if f"base {base}" in trees:
            drop_tree(trees[f"base {base}"])


def child_failed(script: str, failed: subprocess.CalledProcessError) -> str:
    """One line naming a child that failed (a tree that cannot run, a bad --base) and its last error."""
    last = (failed.stderr or "").strip().splitlines()[-1:] or [f"exit code {failed.returncode}"]
    return f"{script}: {' '.join(map(str, failed.cmd[:4]))} ... failed: {last[0][:300]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a git commit or branch to compare with (default: this tree alone)")
    parser.add_argument("--pass", dest="passes", nargs="+", choices=["first", "steady"], default=["first", "steady"])
    parser.add_argument("--jobs", type=int, default=2, help="children under valgrind at once (default 2)")
    parser.add_argument("--articles", type=int, help="count only the first N articles of each pass (a quick look)")
    parser.add_argument("--child", choices=["first", "steady"], help=argparse.SUPPRESS)
    parser.add_argument("--counted", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.counted, args.articles)
        return 0
    if shutil.which("valgrind") is None:
        print("instructions.py: valgrind not found: install it (Debian: apt-get install valgrind) to count instructions")
        return 0
    from realnews import real_sentences

    if not real_sentences():
        print("instructions.py: ../shared (gold files and UD treebanks) not found: no real-news corpus to code")
        return 0
    with tempfile.TemporaryDirectory(prefix="eventcoder-instructions-") as folder:
        work = Path(folder)
        try:
            with trees_to_count(args.base, work) as trees:
                for tree in trees.values():
                    warm_caches(tree, work, args.passes, args.articles)
                jobs = [(label, which, counted) for which in args.passes for label in trees for counted in (False, True)]
                with ThreadPoolExecutor(args.jobs) as pool:
                    counts = dict(zip(jobs, pool.map(lambda job: count(trees[job[0]], job[1], job[2], work, args.articles), jobs)))
        except subprocess.CalledProcessError as failed:
            print(child_failed("instructions.py", failed))
            return 1
    print_table(counts, trees, args.passes)
    return 0


def print_table(counts: dict, trees: dict, passes: list[str]) -> None:
    print(f"{'pass':<8}{'tree':<28}{'coding, M instructions':>24}{'per sentence':>14}{'vs base':>10}")
    for which in passes:
        base = None
        for label in reversed(list(trees)):  # the base first, when there is one
            (before, _), (after, sentences) = counts[(label, which, False)], counts[(label, which, True)]
            coding = after - before
            ratio = f"{coding / base:.3f}" if base else ""
            base = base or (coding if label.startswith("base") else None)
            print(f"{which:<8}{label:<28}{coding / 1e6:>24,.0f}{coding / sentences:>14,.0f}{ratio:>10}")


if __name__ == "__main__":
    sys.exit(main())

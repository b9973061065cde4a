"""Coding throughput per core against the bare spaCy pipeline, measured in the same run.

    .venv/bin/python bench/throughput.py [--corpus real|synthetic] [--articles 2000] [--repeat 3]
                                         [--analysis shallow dependency]

Prints a table: sentences per second of CPU time (one process, so per core) for the bare spaCy
pipeline (tokenise + rule-based sentences for shallow; tag + parse for dependency) and for the
full coder in each mode, with and without geocoding, and the ratio between them: the median of
`--repeat` runs, with the lowest and highest. CPU time rather than wall time keeps the figures
steady on a shared machine. The default corpus is real news sentences, verbatim
(bench/realnews.py); `--corpus synthetic` uses bench/make_corpus.py (slot-filled sentence shapes,
for scaling runs). The last line is the process's peak memory.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def cpu(fn):
    started = time.process_time()
    value = fn()
    return value, time.process_time() - started


def rates(work, count, repeat: int) -> list[float]:
    """`count(result)` units per CPU second, for each of `repeat` runs of `work`."""
    found = []
    for _ in range(repeat):
        result, seconds = cpu(work)
        found.append(count(result) / seconds)
        del result
    return found


def spread(values: list[float]) -> str:
    return f"{min(values):,.0f}-{max(values):,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["real", "synthetic"], default="real")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--analysis", nargs="+", default=["shallow", "dependency"])
    args = parser.parse_args()

    from make_corpus import articles as synthetic
    from realnews import articles as real

    from coder import Coder
    from coder.io.read import to_article
    from coder.ontology.load import load_ontology
    from coder.coding.coder import load_pipeline
    from coder.coding.segment import clean_article

    records = list((real if args.corpus == "real" else synthetic)(args.articles))
    if not records:
        sys.exit("no articles: the real-news corpus needs ../shared (or use --corpus synthetic)")
    items = [to_article(r, r["id"]) for r in records]
    paragraphs = [p.text for item in items for p in clean_article(item.text).paragraphs]
    onto = load_ontology()
    rows = []
    for analysis in args.analysis:
        bare, _ = load_pipeline(analysis, None)
        sentences = sum(1 for d in bare.pipe(paragraphs, batch_size=256) for _ in d.sents)
        bare_rates = rates(lambda: list(bare.pipe(paragraphs, batch_size=256)),
                           lambda docs: sum(1 for d in docs for _ in d.sents), args.repeat)
        bare_rate = statistics.median(bare_rates)
        label = "tokenise + sentences" if analysis == "shallow" else "tag + parse"
        rows.append((f"{analysis}: bare spaCy ({label})", bare_rate, spread(bare_rates), "1.00x",
                     f"{sentences:,} sentences"))
        for geocode in (False, True):
            coder = Coder(ontology=onto, analysis=analysis, geocode=geocode)
            list(coder.code_articles(items[:50]))  # warm up: gazetteer cache, lazy tables
            events = sum(len(r.events) for r in coder.code_articles(items))
            found = rates(lambda: list(coder.code_articles(items)), lambda rs: sum(r.sentences for r in rs),
                          args.repeat)
            rate = statistics.median(found)
            rows.append((f"{analysis}: eventcoder{'' if geocode else ' --no-geo'}", rate, spread(found),
                         f"{bare_rate / rate:.2f}x", f"{events:,} events"))
    print(f"{args.corpus} corpus, {len(items):,} articles; median of {args.repeat} runs (lowest-highest)")
    print(f"{'per core (CPU time)':44} {'sentences/s':>12} {'spread':>16}  {'time vs bare':>12}  note")
    for name, rate, low_high, ratio, note in rows:
        print(f"{name:44} {rate:>12,.0f} {low_high:>16}  {ratio:>12}  {note}")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()

"""Coding throughput per core against the bare spaCy pipeline, measured in the same run.

    .venv/bin/python bench/throughput.py [--articles 2000] [--analysis shallow dependency]

Prints a table: sentences per second of CPU time (one process, so per core) for the bare spaCy
pipeline (tokenise + rule-based sentences for shallow; tag + parse for dependency) and for the
full coder in each mode, with and without geocoding, and the ratio between them. CPU time rather
than wall time keeps the figures steady on a shared machine. Articles come from
bench/make_corpus.py (real sentence shapes from the seeds, the gold sentences and UD GUM news).
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--analysis", nargs="+", default=["shallow", "dependency"])
    args = parser.parse_args()

    from make_corpus import articles as synthetic

    from coder import Coder
    from coder.io.read import to_article
    from coder.ontology.load import load_ontology
    from coder.coding.coder import load_pipeline
    from coder.coding.segment import clean_article

    records = list(synthetic(args.articles))
    items = [to_article(r, r["id"]) for r in records]
    paragraphs = [p.text for item in items for p in clean_article(item.text).paragraphs]
    onto = load_ontology()
    rows = []
    for analysis in args.analysis:
        bare, _ = load_pipeline(analysis, None)
        docs, bare_seconds = cpu(lambda: list(bare.pipe(paragraphs, batch_size=256)))
        sentences = sum(1 for d in docs for _ in d.sents)
        del docs
        bare_rate = sentences / bare_seconds
        label = "tokenise + sentences" if analysis == "shallow" else "tag + parse"
        rows.append((f"{analysis}: bare spaCy ({label})", bare_rate, "1.00x", f"{sentences:,} sentences"))
        for geocode in (False, True):
            coder = Coder(ontology=onto, analysis=analysis, geocode=geocode)
            list(coder.code_articles(items[:50]))  # warm up: gazetteer cache, lazy tables
            results, seconds = cpu(lambda: list(coder.code_articles(items)))
            coded = sum(r.sentences for r in results)
            events = sum(len(r.events) for r in results)
            rate = coded / seconds
            rows.append((f"{analysis}: eventcoder{'' if geocode else ' --no-geo'}", rate,
                         f"{bare_rate / rate:.2f}x", f"{events:,} events"))
    print(f"{'per core (CPU time)':44} {'sentences/s':>12}  {'time vs bare':>12}  note")
    for name, rate, ratio, note in rows:
        print(f"{name:44} {rate:>12,.0f}  {ratio:>12}  {note}")


if __name__ == "__main__":
    main()

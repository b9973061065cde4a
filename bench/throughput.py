"""Coding throughput against the bare spaCy pipeline, measured in the same run.

    .venv/bin/python bench/throughput.py [--sentences 20000] [--analysis shallow dependency]

Prints sentences per second on one core for: the bare pipeline (tokenise + sentences, or the
parser), and the full coder in each mode, with the ratio between them. The text is real sentence
shapes: the seed articles and the gold development sentences when ../shared/gold is present.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    gold = ROOT.parent / "shared" / "gold"
    for path in sorted(gold.glob("*.jsonl")):
        paragraphs += [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return paragraphs


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20000, help="about this many sentences per measurement")
    parser.add_argument("--analysis", nargs="+", default=["shallow", "dependency"])
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from coder import Coder
    from coder.ingest import Article
    from coder.ontology import load_ontology
    from coder.pipeline import load_pipeline

    onto, load_seconds = timed(load_ontology)
    rows = [("ontology load (YAML + checks)", f"{load_seconds:.2f} s", f"{len(onto.patterns)} patterns, "
             f"{len(onto.phrases)} actor phrases")]
    base = corpus_paragraphs()
    for analysis in args.analysis:
        coder, build_seconds = timed(lambda: Coder(ontology=onto, analysis=analysis))
        rows.append((f"{analysis}: coder start-up (matchers)", f"{build_seconds:.2f} s", ""))
        bare_nlp, _ = load_pipeline(analysis, None)
        per_paragraph = sum(len(list(d.sents)) for d in bare_nlp.pipe(base)) / len(base)
        texts = (base * (int(args.sentences / per_paragraph / len(base)) + 1))[: int(args.sentences / per_paragraph)]
        docs, bare_seconds = timed(lambda: list(bare_nlp.pipe(texts, batch_size=256)))
        sentences = sum(len(list(d.sents)) for d in docs)
        articles = [Article(str(i), t) for i, t in enumerate(texts)]
        list(coder.code_articles(articles[:200]))  # warm up: gazetteer cache, lazy tables
        results, code_seconds = timed(lambda: list(coder.code_articles(articles)))
        coded = sum(r.sentences for r in results)
        events = sum(len(r.events) for r in results)
        bare_rate, code_rate = sentences / bare_seconds, coded / code_seconds
        label = "tokenise + sentences" if analysis == "shallow" else "tag + parse"
        rows.append((f"{analysis}: bare spaCy ({label})", f"{bare_rate:,.0f} sent/s", f"{sentences} sentences"))
        rows.append((f"{analysis}: eventcoder", f"{code_rate:,.0f} sent/s",
                     f"{events} events; {bare_rate / code_rate:.2f}x the bare pipeline's time"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak memory (whole run)", f"{peak:,.0f} MB", ""))
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}")


if __name__ == "__main__":
    main()

"""Coding throughput per core against the bare spaCy pipeline, start-up, and peak memory, in one run.

    .venv/bin/python bench/throughput.py [--corpus real|synthetic] [--articles 400] [--repeat 3]
                                         [--analysis shallow dependency] [--startup-runs 3]
                                         [--first-pass-runs 3]

Prints one table:
- sentences per second of CPU time (one process, so per core) for the bare spaCy pipeline of each
  mode (`spacy.blank("en")` with spaCy's sentencizer for shallow; the shipped parser's tag + parse
  for dependency), for the shallow mode's own pipeline (the same tokens and sentences, with less
  work per new word: coder/coding/tokenizer.py), and for the coder in that mode: shallow without and
  with places and dates (`--no-geo` and the default), dependency with places and dates; beside each,
  how many times the bare pipeline's speed it runs at ("time vs bare": 1.00x would be no cost over
  spaCy);
- the same for one first pass (real corpus only): bare spaCy, the shallow mode's own pipeline and
  shallow coding with places and dates, each in a fresh process, over real sentences it has never
  seen (every sentence of the corpus once, `realnews.articles(reuse=False)`), so that no cache of
  spaCy's tokenizer or of the coder answers from an earlier run. The repeated runs above show the
  steady state of a long batch that has met most words already; the first pass shows the other end;
- start-up of a `Coder()` in a fresh process, warm (compiled cache present) and cold (no cache),
  against a bare spaCy tokenizer: CPU seconds, with wall seconds and the process's peak memory in
  the note (bench/startup.py's probe);
- the peak memory of this process, which holds both pipelines and the coders.

Each figure is the median of `--repeat` (or `--startup-runs`) runs with the lowest and highest; the
bare and coding runs of a mode take turns, and "vs bare" is the median of the rounds' own ratios.
CPU time rather than wall time keeps the figures steady on a shared machine. The default corpus is
real news sentences, verbatim (bench/realnews.py, from ../shared); `--corpus synthetic` uses
bench/make_corpus.py (slot-filled sentence shapes, for scaling runs). The defaults finish in a few
minutes on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Coding runs for each mode: (label, geocode).
VARIANTS = {"shallow": [("eventcoder --no-geo", False), ("eventcoder (places and dates)", True)],
            "dependency": [("eventcoder (places and dates)", True)]}
BARE_LABELS = {"shallow": "bare spaCy (tokenise + sentences)", "dependency": "bare spaCy parser (tag + parse)"}
OWN_PIPELINE = "the coder's own tokenizer (the same)"


def bare_pipeline(analysis: str):
    """spaCy's own pipeline for a mode, as a user would make it: the baseline of "vs bare"."""
    from coder.coding.coder import load_pipeline

    if analysis == "dependency":
        return load_pipeline("dependency", None)[0]  # the shipped parser, as the coder loads it
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def cpu(work):
    started = time.process_time()
    value = work()
    return value, time.process_time() - started


def spread(values: list[float], digits: int = 0) -> str:
    return f"{min(values):,.{digits}f}-{max(values):,.{digits}f}"


def coding_rows(analysis: str, items, paragraphs, onto, repeat: int) -> list[tuple]:
    """(label, sentences/s runs, time vs bare, note) for the bare pipeline and each coder variant.
    The runs take turns (bare, then each coder, `repeat` rounds), and "vs bare" is the median of
    each round's own ratio: a load that comes and goes on a shared machine hits both sides alike."""
    from coder import Coder
    from coder.coding.coder import load_pipeline

    bare = bare_pipeline(analysis)
    own = load_pipeline(analysis, None)[0] if analysis == "shallow" else None
    for nlp in filter(None, (bare, own)):
        list(nlp.pipe(paragraphs[:200]))  # warm up
    coders = []
    for label, geocode in VARIANTS[analysis]:
        coder = Coder(ontology=onto, analysis=analysis, geocode=geocode)
        list(coder.code_articles(items[:50]))  # warm up: gazetteer cache, lazy tables
        coders.append((label, coder))
    bare_rates: list[float] = []
    own_rates: list[float] = []
    rates: dict[str, list[float]] = {label: [] for label, _ in coders}
    events: dict[str, int] = {}
    for _ in range(repeat):
        docs, seconds = cpu(lambda: list(bare.pipe(paragraphs, batch_size=256)))
        sentences = sum(1 for d in docs for _ in d.sents)
        del docs
        bare_rates.append(sentences / seconds)
        if own is not None:
            docs, seconds = cpu(lambda: list(own.pipe(paragraphs, batch_size=256)))
            own_rates.append(sum(1 for d in docs for _ in d.sents) / seconds)
            del docs
        for label, coder in coders:
            results, seconds = cpu(lambda: list(coder.code_articles(items)))
            rates[label].append(sum(r.sentences for r in results) / seconds)
            events[label] = sum(len(r.events) for r in results)
    rows = [(f"{analysis}: {BARE_LABELS[analysis]}", bare_rates, "1.00x", f"{sentences:,} sentences")]
    if own_rates:
        ratio = statistics.median(b / c for b, c in zip(bare_rates, own_rates))
        rows.append((f"{analysis}: {OWN_PIPELINE}", own_rates, f"{ratio:.2f}x", "same tokens and sentences"))
    for label, _ in coders:
        ratio = statistics.median(b / c for b, c in zip(bare_rates, rates[label]))
        rows.append((f"{analysis}: {label}", rates[label], f"{ratio:.2f}x", f"{events[label]:,} events"))
    return rows


FIRST_PASS_WARM_UP = 45  # articles (about 300 sentences) coded before the clock starts


def first_pass_child(kind: str) -> None:
    """In a fresh process: warm up on the corpus's last articles, then code (or, for "bare" and "own",
    tokenise and split with spaCy's pipeline or the coder's) all the others once; print the sentences
    and CPU seconds as JSON."""
    from realnews import articles as real

    from coder.io.read import to_article

    records = list(real(10**9, reuse=False))  # each sentence in one article only
    timed, warm_up = records[:-FIRST_PASS_WARM_UP], records[-FIRST_PASS_WARM_UP:]
    if kind in ("bare", "own"):
        from coder.coding.coder import load_pipeline
        from coder.coding.segment import clean_article

        nlp = bare_pipeline("shallow") if kind == "bare" else load_pipeline("shallow", None)[0]
        paragraphs = [[p.text for r in part for p in clean_article(r["text"]).paragraphs] for part in (timed, warm_up)]
        list(nlp.pipe(paragraphs[1]))
        docs, seconds = cpu(lambda: list(nlp.pipe(paragraphs[0], batch_size=256)))
        sentences = sum(1 for d in docs for _ in d.sents)
    else:
        from coder import Coder

        coder = Coder(analysis="shallow", geocode=True)
        list(coder.code_articles([to_article(r, r["id"]) for r in warm_up]))
        items = [to_article(r, r["id"]) for r in timed]
        results, seconds = cpu(lambda: list(coder.code_articles(items)))
        sentences = sum(r.sentences for r in results)
    print(json.dumps({"sentences": sentences, "seconds": seconds, "articles": len(timed)}))


def first_pass_rows(runs: int) -> list[tuple]:
    """Bare spaCy and shallow coding, each on one first pass in a fresh process, taking turns."""
    def child(kind: str) -> dict:
        out = subprocess.run([sys.executable, __file__, "--first-pass-child", kind], capture_output=True,
                             text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        return json.loads(out.stdout.strip().splitlines()[-1])

    bare, own, coded = [], [], []
    for _ in range(runs):
        bare.append(child("bare"))
        own.append(child("own"))
        coded.append(child("shallow"))
    bare_rates, own_rates, rates = ([f["sentences"] / f["seconds"] for f in runs_] for runs_ in (bare, own, coded))
    own_ratio, ratio = (statistics.median(b / c for b, c in zip(bare_rates, them)) for them in (own_rates, rates))
    note = f"{coded[0]['articles']:,} articles never seen, each run a fresh process"
    return [("first pass: bare spaCy (tokenise + sentences)", bare_rates, "1.00x", f"{bare[0]['sentences']:,} sentences"),
            (f"first pass: {OWN_PIPELINE}", own_rates, f"{own_ratio:.2f}x", "same tokens and sentences"),
            ("first pass: eventcoder (places and dates)", rates, f"{ratio:.2f}x", note)]


def startup_rows(runs: int) -> list[tuple]:
    """Start-up of a fresh process, warm and cold, with bench/startup.py's probe (its `run`, `BARE`
    and `CODER`): the CPU seconds, wall seconds and peak memory the child reports once its Coder() is
    ready (not its exit, which `eventcoder` makes cheap: coder/process.py); medians of `runs` processes."""
    from startup import BARE, BARE_DEFERRED, CODER, run as probe

    body = CODER.format(dirs=None)  # the default ontology
    with tempfile.TemporaryDirectory() as work:
        bare = [probe(BARE, tempfile.mkdtemp(dir=work)) for _ in range(runs)]
        deferred = [probe(BARE_DEFERRED, tempfile.mkdtemp(dir=work)) for _ in range(runs)]
        cold = [probe(body, tempfile.mkdtemp(dir=work)) for _ in range(runs)]  # each builds its own cache
        cache = tempfile.mkdtemp(dir=work)
        probe(body, cache)
        warm = [probe(body, cache) for _ in range(runs)]
    base = statistics.median(f["cpu"] for f in bare)
    rows = []
    for label, figures in (("bare spaCy tokenizer", bare), ("bare spaCy tokenizer, its CLI deferred", deferred),
                           ("Coder(), warm (compiled cache present)", warm),
                           ("Coder(), cold (no cache: builds it)", cold)):
        cpus, walls, peaks = ([f[key] for f in figures] for key in ("cpu", "wall", "peak_mb"))
        note = (f"wall {statistics.median(walls):.2f} s ({spread(walls, 2)}); "
                f"peak {statistics.median(peaks):,.0f} MB ({spread(peaks)})")
        rows.append((f"start-up: {label}", cpus, f"{statistics.median(cpus) / base:.1f}x", note))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["real", "synthetic"], default="real")
    parser.add_argument("--articles", type=int, default=400, help="articles coded per run (default 400)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per coding figure (median, lowest-highest)")
    parser.add_argument("--analysis", nargs="+", choices=["shallow", "dependency"], default=["shallow", "dependency"])
    parser.add_argument("--startup-runs", type=int, default=3, help="fresh processes per start-up figure; 0 skips")
    parser.add_argument("--first-pass-runs", type=int, default=3,
                        help="fresh processes per first-pass figure (real corpus, shallow); 0 skips")
    parser.add_argument("--first-pass-child", choices=["bare", "own", "shallow"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_pass_child:
        return first_pass_child(args.first_pass_child)
    # Start-up first, while this process is small: a child's peak memory (ru_maxrss) starts from
    # the size of the process that launched it.
    startup = startup_rows(args.startup_runs) if args.startup_runs > 0 else []

    import spacy
    from make_corpus import articles as synthetic
    from realnews import articles as real

    from coder.coding.segment import clean_article
    from coder.io.read import to_article
    from coder.ontology.load import load_ontology

    records = list((real if args.corpus == "real" else synthetic)(args.articles))
    if not records:
        sys.exit("no articles: the real-news corpus needs ../shared (or use --corpus synthetic)")
    items = [to_article(r, r["id"]) for r in records]
    paragraphs = [p.text for item in items for p in clean_article(item.text).paragraphs]
    onto = load_ontology()
    rows = []
    for analysis in args.analysis:
        rows += coding_rows(analysis, items, paragraphs, onto, args.repeat)
    if args.corpus == "real" and "shallow" in args.analysis and args.first_pass_runs > 0:
        rows += first_pass_rows(args.first_pass_runs)
    coding_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows += startup

    print(f"{args.corpus} corpus, {len(items):,} articles; spaCy {spacy.__version__}, {os.cpu_count()} cores; "
          f"coding: median of {args.repeat} runs, first pass: of {args.first_pass_runs} processes, "
          f"start-up: of {args.startup_runs} processes (lowest-highest)")
    print(f"{'':48} {'median':>10} {'spread':>15} {'unit':>6}  {'vs bare':>8}  note")
    for name, values, ratio, note in rows:
        unit, digits = ("CPU s", 2) if name.startswith("start-up") else ("sent/s", 0)
        print(f"{name:48} {statistics.median(values):>10,.{digits}f} {spread(values, digits):>15} {unit:>6}  "
              f"{ratio:>8}  {note}")
    print("sent/s: sentences per CPU second (one core); CPU s: CPU seconds of a fresh process up to a ready "
          "Coder(). vs bare: for coding, bare speed / coder speed; for start-up, CPU seconds / bare CPU seconds")
    print(f"peak memory of the coding process (both pipelines and all coders loaded): {coding_peak:,.0f} MB")


if __name__ == "__main__":
    main()

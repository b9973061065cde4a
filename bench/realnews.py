"""A bench corpus of real news sentences, verbatim: the gold development texts and the news
documents of UD GUM (and EWT's news-like weblog posts), grouped into articles.

    .venv/bin/python bench/realnews.py -n 10000 -o bench/realnews.jsonl

Unlike bench/make_corpus.py (synthetic articles for scaling runs), no sentence is rewritten, so
the rate of patterns and actors per sentence is that of wire text: the figure users will get.
Sentences are dealt into articles of 4-12 sentences in 1-4 paragraphs, in a fixed pseudo-random
order (`--seed`), reusing sentences when more articles are asked for than the sources fill
(`reuse=False` stops there instead: every sentence once, for first-pass timings).
Without ../shared the corpus is empty and the script says so.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from coder.ontology.coverage import read_conllu  # noqa: E402


def real_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted((SHARED / "gold").glob("*.jsonl")):
        sentences += [json.loads(line)["text"].strip() for line in path.open(encoding="utf-8") if line.strip()]
    for part in ("train", "dev", "test"):
        for path, kind in ((SHARED / "ud" / "gum-cc-by" / f"gum-ccby-{part}.conllu", "_news_"),
                           (SHARED / "ud" / f"en_ewt-ud-{part}.conllu", "weblog")):
            if path.exists():  # sentences of the treebank's news (GUM) and weblog (EWT) documents
                sentences += [a.text for a in read_conllu(path, id_contains=kind)]
    return [s for s in sentences if 20 < len(s) < 1500]


def articles(n: int, seed: int = 1, *, reuse: bool = True):
    sentences = real_sentences()
    if not sentences:
        return
    rng = random.Random(seed)
    order: list[str] = []
    dealt = False  # the sources have been dealt once
    day = dt.date(2016, 1, 1)
    for i in range(n):
        paragraphs = []
        for _ in range(rng.randint(1, 4)):
            size = rng.randint(1, 4)
            while len(order) < size:
                if not reuse and dealt:
                    return  # the next sentence would be one already dealt
                order += rng.sample(sentences, len(sentences))
                dealt = True
            paragraphs.append(" ".join(order[:size]))
            del order[:size]
        yield {"id": f"real-{i:06d}", "text": "\n\n".join(paragraphs),
               "date": (day + dt.timedelta(days=i % 1500)).isoformat(), "source": "bench"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10000)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = list(articles(args.n, args.seed))
    if not rows:
        print(f"no sentences found under {SHARED}: the real-news corpus needs ../shared", file=sys.stderr)
        return 1
    with args.output.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows):,} articles -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

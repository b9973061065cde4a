"""Synthetic news articles from real sentence shapes, for benchmarks.

    .venv/bin/python bench/make_corpus.py -n 200000 -o bench/corpus.jsonl [--seed 1]

Sentence shapes come from the seed articles, the gold development sentences and the news part of
the UD GUM treebank (when ../shared is present). The actors in each shape are found with the
default ontology and replaced by slots, which are filled at random with other countries,
role nouns and organisations, so the articles vary like a real feed while keeping its sentence
lengths, event density and punctuation. Each article has 12-30 sentences in 3-8 paragraphs, a
date, a source and a URL.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def real_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        sentences += [s.strip() + "." for line in path.read_text("utf-8").splitlines() for s in line.split(". ") if len(s) > 40]
    for path in sorted((SHARED / "gold").glob("*.jsonl")):
        sentences += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    gum = SHARED / "ud" / "gum-cc-by" / "gum-ccby-train.conllu"
    if gum.exists():
        doc = ""
        for line in gum.open(encoding="utf-8"):
            if line.startswith("# newdoc id"):
                doc = line
            if line.startswith("# text = ") and "news" in doc:
                sentences.append(line[len("# text = "):].strip())
    return [s for s in sentences if 30 < len(s) < 400]


def shapes(sentences: list[str]) -> list[str]:
    """Each sentence with its actor mentions replaced by `{}` slots."""
    from coder import Coder

    coder = Coder(geocode=False)
    out = []
    for doc in coder.nlp.pipe(sentences):
        mentions = coder.actors.find(doc, None, set())
        text, last = [], 0
        for m in mentions:
            start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
            text += [doc.text[last:start].replace("{", "(").replace("}", ")"), "{}"]
            last = end
        text.append(doc.text[last:].replace("{", "(").replace("}", ")"))
        out.append("".join(text))
    return out


def fillers() -> list[str]:
    from coder.ontology.load import load_ontology

    onto = load_ontology()
    countries = [p.phrase for p in onto.phrases if p.kind == "country" and p.country][:600]
    adjectives = [p.phrase for p in onto.phrases if p.kind == "adjective" and p.country and not p.phrase.isupper()]
    agents = sorted({p.phrase for p in onto.phrases if p.kind == "agent" and p.phrase.islower()})
    groups = [p.phrase for p in onto.phrases if p.kind == "organisation"][:800]
    rng = random.Random(7)
    combos = [f"{rng.choice(adjectives)} {rng.choice(agents)}" for _ in range(3000)]
    return countries + groups + combos


def articles(n: int, *, seed: int = 1):
    """`n` synthetic article records (dicts with id, text, date, source, url)."""
    rng = random.Random(seed)
    pool, names = shapes(real_sentences()), fillers()
    start = dt.date(2014, 1, 1)
    for i in range(n):
        paragraphs = []
        for _ in range(rng.randint(3, 8)):
            picked = [rng.choice(pool) for _ in range(rng.randint(2, 5))]
            paragraphs.append(" ".join(s.format(*(rng.choice(names) for _ in range(s.count("{}")))) for s in picked))
        day = start + dt.timedelta(days=rng.randrange(3650))
        yield {"id": f"syn{i:07d}", "text": "\n\n".join(paragraphs), "date": day.isoformat(),
               "source": "synthetic", "url": f"https://example.org/{i}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "corpus.jsonl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        for record in articles(args.n, seed=args.seed):
            handle.write(json.dumps(record) + "\n")
    print(f"wrote {args.n} articles to {args.output}")


if __name__ == "__main__":
    main()

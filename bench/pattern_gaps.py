"""Before/after figures for the ontology on the real-news gold samples: the share of records where no
pattern codes, and (ConfliBERT) the share where patterns code only roots of a wrong penta class.

    PYTHONPATH=. python bench/pattern_gaps.py [--analysis dependency] [--ontology DIR] [--list]

`--list` prints the records of each kind, to read what the patterns miss. The gold files are read
from ../shared/gold/ (see its README); the script exits with a message when they are absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coder import Coder
from coder.ontology.coverage import class_shares, measure, read_corpus

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
FILES = ("conflibert_cameo.dev.jsonl", "case2021_task2.dev.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analysis", default="shallow", choices=["shallow", "dependency"])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--ontology", type=Path, action="append", help="ontology folder (default: the shipped one)")
    parser.add_argument("--list", action="store_true", help="print the records with no pattern / a wrong class")
    args = parser.parse_args()
    if not (args.gold / FILES[0]).exists():
        sys.exit(f"no gold files in {args.gold}: nothing to measure")
    coder = Coder(ontology=args.ontology, analysis=args.analysis, require_dyad=False, geocode=False)
    root_class = json.loads((args.gold / "cameo_root_to_penta_conflibert.json").read_text())
    for name in FILES:
        records = [json.loads(line) for line in (args.gold / name).open(encoding="utf-8")]
        found = measure(coder, read_corpus(args.gold / name))
        gold = {r["id"]: r["gold"][0]["event"] for r in records if r["gold"]}
        row = {"file": name, "sentences": found.sentences, "sentence_fired_share": round(found.fired_share, 4)}
        if name.startswith("conflibert"):
            row.update(class_shares(found, gold, root_class))
        else:
            empty = sum(not found.codes_by_document.get(r["id"]) for r in records)
            row.update(documents=len(records), no_pattern=round(empty / len(records), 4))
        print(json.dumps(row))
        if args.list:
            for r in records:
                codes = found.codes_by_document.get(r["id"], set())
                classes = {root_class.get(c[:2]) for c in codes}
                wanted = gold.get(r["id"])
                if not codes or (name.startswith("conflibert") and wanted not in classes):
                    label = wanted if name.startswith("conflibert") else r["meta"].get("acled_sub_event_type")
                    print(f"  {'NONE ' if not codes else 'WRONG'} {label} {sorted(codes)} {' '.join(r['text'].split())[:220]}")


if __name__ == "__main__":
    main()

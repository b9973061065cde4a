"""Precision, recall and F1 against hand-coded gold records (../shared/gold/*.jsonl format).

Exact: source, event and target codes all equal. Relaxed: CAMEO root (or PLOVER event) equal and
the actors' countries (first three letters) equal. A gold actor left null matches any actor.
PLOVER-coded gold is compared on our PLOVER mapping of the CAMEO code.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from coder.errors import InputError
from coder.io.read import Article, parse_date


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "predicted": self.predicted, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    path: str
    records: int = 0
    sentences: int = 0
    seconds: float = 0.0
    exact: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    by_category: dict[str, tuple[Counts, Counts]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"file": self.path, "records": self.records, "sentences": self.sentences,
                "sentences_per_second": round(self.sentences / self.seconds, 1) if self.seconds else None,
                "exact": self.exact.as_dict(), "relaxed": self.relaxed.as_dict(),
                "by_category": {k: {"exact": e.as_dict(), "relaxed": r.as_dict()}
                                for k, (e, r) in sorted(self.by_category.items())}}


def read_gold(path: Path) -> list[dict]:
    if not path.exists():
        raise InputError("E101", "no such gold file", str(path))
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError("E104", f"not valid JSON ({exc.msg})", f"{path}:{number}") from None
            if not isinstance(record, dict) or "text" not in record or "gold" not in record:
                raise InputError("E105", "a gold record needs 'text' and 'gold'", f"{path}:{number}")
            record["_where"] = f"{path}:{number}"
            records.append(record)
    return records


def _triples(events: list[dict], plover: bool) -> list[tuple]:
    key = "plover_event" if plover else "event_code"
    return list(dict.fromkeys((e["source_code"], e[key], e["target_code"]) for e in events))


def _same_actor(gold: str | None, got: str | None, relaxed: bool) -> bool:
    if gold is None:
        return True
    if got is None:
        return False
    gold, got = gold.strip('"'), got
    return gold[:3] == got[:3] if relaxed else gold == got


def _same_event(gold: str, got: str | None, plover: bool, relaxed: bool) -> bool:
    if got is None:
        return False
    if plover or not relaxed:
        return gold == got
    return gold[:2] == got[:2]


def _score(gold: list[dict], predicted: list[tuple], plover: bool, relaxed: bool) -> Counts:
    counts = Counts(predicted=len(predicted), gold=len(gold))
    free = list(predicted)
    for g in gold:
        for p in free:
            if (_same_event(str(g["event"]), p[1], plover, relaxed) and _same_actor(g.get("source"), p[0], relaxed)
                    and _same_actor(g.get("target"), p[2], relaxed)):
                counts.tp += 1
                free.remove(p)
                break
    return counts


def _add(total: Counts, part: Counts) -> None:
    total.tp += part.tp
    total.predicted += part.predicted
    total.gold += part.gold


def evaluate_file(coder, path: Path) -> Report:
    report = Report(str(path))
    for record in read_gold(path):
        plover = any(str(g.get("scheme", "")).startswith("PLOVER") for g in record["gold"])
        date = parse_date(record.get("date") or (record.get("meta") or {}).get("placeholder_date"), record["_where"])
        started = time.perf_counter()
        result = coder.code_article(Article(str(record.get("id")), record["text"], date))
        report.seconds += time.perf_counter() - started
        report.records += 1
        report.sentences += result.sentences
        predicted = _triples(result.events, plover)
        exact = _score(record["gold"], predicted, plover, relaxed=False)
        relaxed = _score(record["gold"], predicted, plover, relaxed=True)
        _add(report.exact, exact)
        _add(report.relaxed, relaxed)
        category = (record.get("meta") or {}).get("category") or record.get("dataset") or "all"
        pair = report.by_category.setdefault(category, (Counts(), Counts()))
        _add(pair[0], exact)
        _add(pair[1], relaxed)
    return report

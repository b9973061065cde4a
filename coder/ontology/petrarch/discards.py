"""Discard dictionaries: one phrase a line; `+` marks an article-level (story) discard."""
from __future__ import annotations

from pathlib import Path

from coder.ontology.petrarch.reading import _read_lines, _words
from coder.ontology.petrarch.report import ImportReport


def _read_discards(path: Path, report: ImportReport) -> list[dict]:
    out = []
    for line in _read_lines(path):
        where = line.where
        text = line.text.strip()
        report.read["discards"] += 1
        scope = "article" if text.startswith("+") else "sentence"
        phrase = " ".join(_words(text.lstrip("+")))
        if not phrase:
            report.skip(where, "empty discard: `+` with no phrase")
            continue
        out.append({"phrase": phrase, "scope": scope, "reason": "PETRARCH discard " + where})
    return out

"""The inputs: which dictionary files, of which kind, and our own codebook and country codes."""
from __future__ import annotations

import re
from pathlib import Path

import yaml


def _source_kind(path: Path) -> str:
    """actors / agents / verbs / discards / issues: from the file name, else from its contents."""
    name = path.name.lower()
    for kind, keys in (("issues", ("issue",)), ("discards", ("discard",)), ("agents", ("agent",)),
                       ("actors", ("actor",)), ("verbs", ("verb", "cameo"))):
        if any(k in name for k in keys):
            return kind
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(200_000)
    if re.search(r"^---\s+\S+.*\[", head, re.M):
        return "verbs"
    if "<ISSUE" in head:
        return "issues"
    if re.search(r"\[\s*~|~\s*\]", head):
        return "agents"
    return "actors"


def _expand_sources(sources: list[Path]) -> list[Path]:
    files: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            files.extend(sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() == ".txt"))
        elif source.is_file():
            files.append(source)
        else:
            raise FileNotFoundError(f"PETRARCH dictionary not found: {source}")
    return files


def _iso2_table() -> dict[str, str]:
    """Our country codes -> ISO2, from the shipped ontology, for the imported country entries."""
    from coder.ontology.load import default_ontology_dir

    table: dict[str, str] = {}
    path = default_ontology_dir() / "actors" / "countries.yaml"
    if path.is_file():
        data = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for entry in (data or {}).get("entries", []):
            if isinstance(entry.get("code"), str) and isinstance(entry.get("iso2"), str):
                table[entry["code"]] = entry["iso2"]
    return table


def _codebook_codes(path: Path) -> set[str]:
    """The event codes of a codebook YAML (read line by line: only the codes are needed)."""
    codes = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r'^\s*-\s*code:\s*"?([0-9]+)"?', line)
            if match:
                codes.add(match.group(1))
    return codes

"""Negated, refused, threatened and intended acts coded as CAMEO codes them.

The table is data: the `modality:` section of the codebook YAML (ontology/codebook/cameo.yaml,
documented there and in the README). The pattern's own code stays in `verb_code`; `event_code`
follows the first rule whose condition holds and whose roots list the pattern's root.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from coder.coding.roles import Modality
from coder.errors import EventcoderError, OntologyError

CONDITIONS = ("refused", "negated", "threatened", "intended", "future")
_TOP_KEY = re.compile(r"^[A-Za-z_]+:")


@dataclass(frozen=True)
class ModalityRule:
    when: str
    roots: dict[str, str]
    where: str


def _section(path: Path) -> tuple[str, int] | None:
    """The `modality:` block of a codebook file and its first line, without parsing the entries."""
    lines = path.read_text("utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("modality:")), None)
    if start is None:
        return None
    end = next((n for n in range(start + 1, len(lines)) if _TOP_KEY.match(lines[n])), len(lines))
    return "\n".join(lines[start:end]), start + 1


def load_table(files: list[Path]) -> list[ModalityRule]:
    """The modality rules of the last codebook file that has them (a user's layer overrides ours)."""
    rules: list[ModalityRule] = []
    for path in files:
        path = Path(path)
        if path.suffix not in (".yaml", ".yml") or not path.exists():
            continue
        found = _section(path)
        if found is None:
            continue
        text, first = found
        rules = []
        for n, rule in enumerate(yaml.safe_load(text)["modality"] or []):
            where = f"{path}:{first}"
            if not isinstance(rule, dict) or rule.get("when") not in CONDITIONS or not isinstance(rule.get("roots"), dict):
                raise OntologyError([EventcoderError(
                    "E202", f"modality rule {n + 1}: needs `when` (one of {', '.join(CONDITIONS)}) and `roots` "
                    "(root -> code)", where)])
            rules.append(ModalityRule(rule["when"], {str(k): str(v) for k, v in rule["roots"].items()}, where))
    return rules


def check_codes(rules: list[ModalityRule], known) -> None:
    """Every code the table writes must be in the codebook."""
    problems = [EventcoderError("E204", f"modality rule '{r.when}': code {code} is not in the codebook", r.where)
                for r in rules for code in r.roots.values() if known(code) is None]
    if problems:
        raise OntologyError(problems)


def apply(rules: list[ModalityRule], code: str, mood: Modality) -> tuple[str, str | None]:
    """(event code, the rule's condition) for a pattern code under its modality."""
    for rule in rules:
        if getattr(mood, rule.when) and code[:2] in rule.roots:
            return rule.roots[code[:2]], rule.when
    return code, None

"""Negated, refused, threatened and intended acts coded as CAMEO codes them.

The table is data: the `modality:` section of the codebook YAML (ontology/codebook/cameo.yaml,
documented there and in the README), read and checked by the ontology loader (Ontology.modality). The pattern's own code stays in `verb_code`; `event_code`
follows the first rule whose condition holds and whose roots list the pattern's root.
"""
from __future__ import annotations

from coder.coding.roles import Modality
from coder.ontology.model import ModalityRule


def apply(rules: list[ModalityRule], code: str, mood: Modality) -> tuple[str, str | None]:
    """(event code, the rule's condition) for a pattern code under its modality."""
    if not (mood.negated or mood.refused or mood.threatened or mood.intended or mood.future or mood.hypothetical):
        return code, None  # most events: no condition of the table holds
    for rule in rules:
        if getattr(mood, rule.when) and code[:2] in rule.roots:
            return rule.roots[code[:2]], rule.when
    return code, None

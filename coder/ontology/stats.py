"""What an ontology holds, counted by kind, and which CAMEO codes no pattern can reach."""
from __future__ import annotations

from collections import Counter

from coder.ontology.model import NULL_CODE, Ontology


def ontology_stats(onto: Ontology) -> dict:
    def distinct(kind: str, *, where=lambda p: True) -> int:
        return len({(p.code, p.where) for p in onto.phrases if p.kind == kind and where(p)})

    reachable = {p.code for p in onto.patterns}
    written = [p for p in onto.patterns if p.form == "active"]
    # examples that must be coded with a three-digit code: its own patterns' and its leaves'
    examples = Counter(p.code[:3] for p in written if p.example and len(p.code) >= 3)
    specific = [code for code in sorted(onto.codebook) if len(code) >= 3]
    return {
        "version": onto.version,
        "files": len(onto.files),
        "event_codes": len(onto.codebook),
        "patterns": len(onto.patterns),
        "verb_patterns": sum(p.trigger == "verb" for p in onto.patterns),
        "noun_patterns": sum(p.trigger == "noun" for p in onto.patterns),
        "written_patterns": len(written),
        "derived_patterns": len(onto.patterns) - len(written),
        "patterns_with_examples": sum(bool(p.example) for p in written),
        "patterns_with_not_examples": sum(bool(p.not_example) for p in written),
        "null_patterns": sum(p.code == NULL_CODE for p in written),
        "three_digit_codes_with_3_examples": sum(1 for c in specific if len(c) == 3 and examples.get(c, 0) >= 3),
        "three_digit_codes_short_of_3_examples": [c for c in specific if len(c) == 3 and examples.get(c, 0) < 3],
        "countries": distinct("country", where=lambda p: p.country is not None),
        "ethnic_religious_regional_groups": distinct("country", where=lambda p: p.country is None),
        "capitals_and_metonyms": sum(p.kind in ("capital", "metonym") for p in onto.phrases),
        "agent_phrases": sum(p.kind == "agent" for p in onto.phrases),
        "agent_codes": len({p.code for p in onto.phrases if p.kind == "agent"}),
        "organisations": distinct("organisation", where=lambda p: p.group != "armed_group"),
        "armed_groups": distinct("organisation", where=lambda p: p.group == "armed_group"),
        "persons": len(onto.people),
        "dated_roles": sum(len(person.roles) for person in onto.people.values()),
        "actor_phrases": len(onto.phrases),
        "discards": len(onto.discards),
        "codes_without_patterns": [code for code in specific if code not in reachable],
        "three_digit_codes_reached": sum(1 for c in specific if len(c) == 3 and c in reachable),
        "three_digit_codes": sum(1 for c in specific if len(c) == 3),
    }

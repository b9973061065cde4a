"""Surnames that cannot code a person alone: two office holders of one surname whose roles overlap.

A bare surname codes the one person of that surname holding a role on the event date
(coder/coding/actors.py); where two hold roles at once, it stays uncoded in those years, and
`ontology check` says so here, so a curator can add the full name where it matters.
"""
from __future__ import annotations

from collections import defaultdict

from coder.errors import EventcoderError
from coder.ontology.model import Ontology

CODE = "E210"  # surname shared by office holders in overlapping years (see coder/errors.py)


def _overlap(a, b) -> tuple | None:
    start = max(a.start, b.start)
    ends = [r.end for r in (a, b) if r.end is not None]
    end = min(ends) if ends else None
    return (start, end) if end is None or start <= end else None


def surname_clashes(onto: Ontology) -> list[EventcoderError]:
    by_surname: dict[str, set[str]] = defaultdict(set)
    for phrase in onto.phrases:
        if phrase.kind == "surname":
            by_surname[phrase.phrase.lower()].add(phrase.code)
    problems = []
    for surname, pids in sorted(by_surname.items()):
        people = sorted((onto.people[p] for p in pids if p in onto.people), key=lambda p: p.pid)
        for n, first in enumerate(people):
            for second in people[n + 1:]:
                spans = [o for a in first.roles for b in second.roles if (o := _overlap(a, b))]
                if spans:
                    start, end = min(s for s, _ in spans), max((e for _, e in spans if e), default=None)
                    problems.append(EventcoderError(
                        CODE, f"surname '{surname}' alone is ambiguous {start}..{end or 'now'}: "
                        f"{first.name} and {second.name} both hold roles (stays uncoded then)", second.where))
    return problems

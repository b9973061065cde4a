"""Cross-checks over a loaded ontology, beyond what each file's JSON Schema can see.

Each check returns problems as `file:line: [code] message`; `eventcoder ontology check` reports all
of them in one run.
"""
from __future__ import annotations

from collections import defaultdict

from coder.coding.actors import normalise_phrase
from coder.errors import EventcoderError
from coder.ontology.model import NULL_CODE, Ontology

ROLE_CODES = frozenset(
    "GOV MIL REB INS OPP PTY COP JUD LEG SPY CVL BUS MED EDU HLH REF LAB AGR CRM ELI HRI ENV IGO NGO MNC "
    "UAF SEP RAD REL MOD CON".split())
GROUP_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "---"})


def _problem(code: str, message: str, where: str) -> EventcoderError:
    return EventcoderError(code, message, where)


def check_event_codes(onto: Ontology) -> list[EventcoderError]:
    """Every pattern's code is in the codebook, and every codebook code's root is too."""
    out = [_problem("E204", f"pattern '{p.text}': event code {p.code} is not in the codebook", p.where)
           for p in onto.patterns if p.code not in onto.codebook and p.code != NULL_CODE]
    out += [_problem("E204", f"codebook code {code}: its root {code[:2]} is missing", "codebook")
            for code in onto.codebook if code[:2] not in onto.codebook]
    return out


def _prefixes(onto: Ontology) -> set[str]:
    prefixes = set(GROUP_PREFIXES)
    prefixes.update(p.code[:3] for p in onto.phrases if p.kind in ("country", "adjective"))
    return prefixes


def check_actor_codes(onto: Ontology) -> list[EventcoderError]:
    """Agents use known role codes; people and metonyms start with a known country or group prefix."""
    out = []
    prefixes = _prefixes(onto)
    seen = set()
    for phrase in onto.phrases:
        if phrase.kind == "agent":
            bad = [phrase.code[i:i + 3] for i in range(0, len(phrase.code), 3) if phrase.code[i:i + 3] not in ROLE_CODES]
            if bad and (phrase.where, phrase.code) not in seen:
                seen.add((phrase.where, phrase.code))
                out.append(_problem("E204", f"agent code {phrase.code}: unknown role code {bad[0]}", phrase.where))
        elif phrase.code == "---":
            out.append(_problem("E204", f"'{phrase.phrase}': code --- is a placeholder: give it a real code", phrase.where))
        elif phrase.kind in ("metonym", "capital") and phrase.code[:3] not in prefixes:
            out.append(_problem("E204", f"'{phrase.phrase}': code {phrase.code} starts with no known country",
                                phrase.where))
    for person in onto.people.values():
        for code in {person.code, *(r.code for r in person.roles)}:
            if code[:3] not in prefixes:
                out.append(_problem("E204", f"person '{person.name}': code {code} starts with no known country "
                                    "or group prefix", person.where))
    return out


def check_roles(onto: Ontology) -> list[EventcoderError]:
    """Overlapping roles are allowed (the one taken up last is in force; the same code twice is
    harmless), except two different codes taken up on the same day: which one applies?"""
    out = []
    for person in onto.people.values():
        roles = sorted(person.roles, key=lambda r: r.start)
        for i, a in enumerate(roles):
            for b in roles[i + 1:]:
                if b.start == a.start and a.code != b.code:
                    out.append(_problem("E209", f"person '{person.name}': roles {a.code} and {b.code} both start on "
                                        f"{a.start}: which applies?", person.where))
    return out


def check_phrases(onto: Ontology) -> list[EventcoderError]:
    """The same phrase claimed by two entries with different codes (of the same kind of entry)."""
    claims: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    groups = {"country": "name", "adjective": "name", "capital": "name", "metonym": "name", "organisation": "name",
              "agent": "agent", "person": "person", "surname": "surname"}
    for phrase in onto.phrases:
        text = normalise_phrase(phrase.phrase)  # as the matcher sees it: `the Horde` and `Horde` are one claim
        key = (groups[phrase.kind], text if text.isupper() else text.lower())
        claims[key].setdefault(phrase.code, phrase.where)
    out = []
    for (group, text), codes in claims.items():
        if len(codes) > 1 and group != "surname":
            (first, where), *others = codes.items()
            listed = ", ".join(f"{code} ({at})" for code, at in others)
            what = "people" if group == "person" else "codes"
            out.append(_problem("E206", f"'{text}' is claimed by two {what}: {first} and {listed}", where))
    return out


def check_patterns(onto: Ontology) -> list[EventcoderError]:
    """Patterns that can never fire: the same words under two codes (only one can win)."""
    first: dict[tuple, object] = {}
    out = []
    for p in onto.patterns:
        key = (p.trigger, tuple(w.lower() for w in p.words))
        if key in first and first[key].code != p.code:
            out.append(_problem("E207", f"pattern '{p.text}' ({p.code}) repeats '{first[key].text}' ({first[key].code}, "
                                f"{first[key].where}): one of them can never fire", p.where))
        first.setdefault(key, p)
    return out


def fired_patterns(coder, text: str) -> dict[str, str]:
    """Pattern id -> event code of every pattern that wins a match in `text` when it is coded."""
    result = coder.explain(text)
    return {m.pattern.spec.pid: m.pattern.spec.code for trace in result.traces or [] for m, *_ in trace.candidates}


def check_examples(onto: Ontology, coder) -> list[EventcoderError]:
    """Each pattern's `example` must match that pattern and be coded with the pattern's exact code
    (by it, or by a longer pattern of the same code that wins the words); its `not_example` must not
    fire it: the sense the pattern must leave to another one (a null pattern, a longer frame)."""
    out = []
    for p in onto.patterns:
        if p.example:
            if p.pid not in coder.matching_patterns(p.example):
                out.append(_problem("E208", f"pattern '{p.text}' does not fire on its example: {p.example!r}", p.where))
            elif p.code not in fired_patterns(coder, p.example).values():
                codes = ", ".join(sorted(set(fired_patterns(coder, p.example).values()))) or "nothing"
                out.append(_problem("E208", f"pattern '{p.text}' ({p.code}): its example is coded {codes}, not "
                                    f"{p.code}: {p.example!r}", p.where))
        if p.not_example and p.pid in fired_patterns(coder, p.not_example):
            out.append(_problem("E208", f"pattern '{p.text}' fires on its not_example: {p.not_example!r}", p.where))
    return out


def cross_check(onto: Ontology, *, coder=None) -> list[EventcoderError]:
    problems = (check_event_codes(onto) + check_actor_codes(onto) + check_roles(onto) + check_phrases(onto)
                + check_patterns(onto))
    if coder is not None:
        problems += check_examples(onto, coder)
    return problems

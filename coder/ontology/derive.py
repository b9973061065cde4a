"""Passive and nominal forms of active verb patterns, so authors write each pattern once.

From an active pattern the loader derives, where English allows:
- `shell +`           -> passive `+ was shelled (by $)`: the participle, after a form of *be*;
                         nominal `the shelling of +` and `the shelling of + by $`;
- `accuse + of &CRIME` -> passive `+ was accused of &CRIME`;
- `release * &CAPTIVES` -> passive `&CAPTIVES were (later) released`: the object before the verb.
A derived pattern keeps the id, code and file:line of the pattern it came from; the passive ones
match only after a form of *be* (`were`, `has been`, `got`), which the trigger finder checks.
An entry written `{pattern: ..., derive: false}` derives nothing.
"""
from __future__ import annotations

from sys import intern

from coder.coding.inflect import inflection
from coder.ontology.model import PatternSpec

_SLOTS = ("+", "$", "*")


def derived_forms(spec: PatternSpec) -> list[PatternSpec]:
    """The passive and nominal patterns English allows for one active verb pattern."""
    words = spec.words
    if spec.trigger != "verb" or spec.form != "active" or len(words) < 2 or words[0].startswith("&") \
            or " " in words[0] or not words[0].isalpha():
        return []
    out = []
    verb = words[0]
    done = (inflection(verb.lower(), "VBN", True) or (verb + "ed",))[0]
    if words[1] == "+":  # `shell +`, `accuse + of &CRIME`: the slot is the direct object
        out.append(_derived(spec, (verb, *words[2:]), "passive", 0, f"+ be {done} {' '.join(words[2:])}"))
        if len(words) == 2:
            gerund = _gerund(verb)
            if gerund:
                out.append(_derived(spec, (gerund, "of", "+"), "nominal", 0, f"{gerund} of +", trigger="noun"))
                out.append(_derived(spec, (gerund, "of", "+", "by", "$"), "nominal", 0, f"{gerund} of + by $",
                                    trigger="noun"))
    elif words[1] == "*" and len(words) >= 3 and words[2] not in _SLOTS:
        # `release * &CAPTIVES` -> `&CAPTIVES * released`: the object leads, the participle follows
        rest = words[3:]
        out.append(_derived(spec, (words[2], "*", verb, *rest), "passive", 2,
                            f"{words[2]} be {done} {' '.join(rest)}"))
    return out


def _derived(spec: PatternSpec, words: tuple[str, ...], form: str, head: int, shown: str, *,
             trigger: str = "verb") -> PatternSpec:
    return spec._replace(words=words, form=form, head=head, trigger=trigger, example=None, not_example=None,
                         text=f"{' '.join(shown.split())} [{form} of '{spec.text}']")


def _gerund(verb: str) -> str | None:
    forms = inflection(verb.lower(), "VBG", False)
    return intern(forms[0]) if forms else None

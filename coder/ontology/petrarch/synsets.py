"""Synonym sets: PETRARCH's `&SET` members with plurals and nested sets, the inflected forms of a
block's verbs, and unique names for them all."""
from __future__ import annotations

import re
from typing import Collection

from coder.ontology.petrarch.reading import _stop_words, _words
from coder.ontology.petrarch.report import ImportReport
from coder.ontology.petrarch.verb_file import _Verb


def _sanitize(name: str) -> str:
    name = re.sub(r"[^A-Z0-9_]", "_", name.upper()).strip("_") or "SET"
    return name if name[0].isalpha() else "S" + name


def _unique_name(name: str, taken: Collection[str]) -> str:
    """A synset name from `name` that is not in `taken` (`_X` added until it is free)."""
    ours = _sanitize(name)
    while ours in taken:
        ours += "_X"
    return ours


def _convert_synsets(synsets: dict[str, tuple[list[str], str]],
                     report: ImportReport) -> tuple[dict[str, str], dict[str, list[str]]]:
    """PETRARCH synonym sets -> (PETRARCH name -> our name, our name -> members); empty sets are
    reported and left out."""
    names: dict[str, str] = {}
    for name in synsets:
        names[name] = _unique_name(name, names.values())
    out_sets: dict[str, list[str]] = {}
    for name in synsets:
        members = _synset_members(name, synsets, report)
        if members:
            out_sets[names[name]] = members
        else:
            report.skip(synsets[name][1], f"empty synonym set: &{name} has no members")
            del names[name]
    return names, out_sets


def _verb_surface_forms(verb: _Verb) -> list[str]:
    from coder.coding.inflect import verb_forms

    out = []
    for form in sorted(verb_forms(verb.words[verb.head])):
        out.append(" ".join(verb.words[:verb.head] + [form] + verb.words[verb.head + 1:]))
    out.extend(" ".join(f) for f in verb.forms)
    return list(dict.fromkeys(out))


def _synset_members(name: str, synsets, report: ImportReport, seen: tuple[str, ...] = ()) -> list[str]:
    from coder.coding.inflect import noun_forms

    members, where = synsets[name]
    out: list[str] = []
    for raw in members:
        raw = raw.strip()
        if raw.startswith("&"):
            inner = raw[1:].split()[0]
            if inner in synsets and inner not in seen:
                out.extend(_synset_members(inner, synsets, report, seen + (name,)))
            else:
                report.warn(where, f"synonym set &{name}: member &{inner} is unknown or circular; dropped")
            continue
        bare = raw.strip("(){} ")
        words = [w.lower() for w in _words(bare)]
        if not words:
            continue
        out.append(" ".join(words))
        # PETRARCH adds the plural of each member unless it ends in `_` or is a bracketed phrase.
        if not raw.endswith("_") and raw[0] not in "({" and _pluralisable(words[-1]):
            for plural in sorted(noun_forms(words[-1])):
                if plural != words[-1]:
                    out.append(" ".join(words[:-1] + [plural]))
    return list(dict.fromkeys(out))


def _pluralisable(word: str) -> bool:
    """A noun (or a word lemminflect does not know, such as a currency name): not `was`, `economic`."""
    from lemminflect import getAllLemmas

    if not word.isalpha() or word in _stop_words():
        return False
    lemmas = getAllLemmas(word)
    return not lemmas or "NOUN" in lemmas

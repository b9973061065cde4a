"""Reading a verb dictionary: `&SET` synonym sets, then `--- NAME [code] ---` blocks of verbs and
`- pre * post [code]` pattern lines."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coder.ontology.petrarch.reading import _read_lines
from coder.ontology.petrarch.report import ImportReport

_VERB_BLOCK = re.compile(r"^---\s*(.*?)\s*(\[([^\]]*)\])?[\s-]*$")


@dataclass
class _Verb:
    words: list[str]  # lower case
    head: int  # index of the inflected word (PETRARCH marks a non-initial one with `+`)
    forms: list[list[str]]  # explicit forms as word lists
    code: str | None  # own code, raw
    where: str


@dataclass
class _Block:
    name: str
    code: str | None
    where: str
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (raw line without '-', where)



def _read_verb_file(path: Path, report: ImportReport):
    synsets: dict[str, tuple[list[str], str]] = {}  # PETRARCH name -> (raw members, where)
    blocks: list[_Block] = []
    current_set: str | None = None
    block: _Block | None = None
    for line in _read_lines(path, semicolon=True):
        where = line.where
        text = line.text.strip()
        if text.startswith("~"):
            report.read["transformations"] += 1
            report.skip(where, "transformation rule: `~ ...` rewrites of nested events have no equivalent")
            continue
        if text.startswith("---"):
            match = _VERB_BLOCK.match(text)
            name = (match.group(1) if match else text.strip("- ")).strip() or "BLOCK"
            block = _Block(name, match.group(3).strip() if match and match.group(3) else None, where)
            blocks.append(block)
            current_set = None
            report.read["verb blocks"] += 1
            continue
        if text.startswith("&") and block is None:
            name = text.split()[0][1:]
            if name in synsets:
                report.warn(where, f"synonym set &{name} defined twice: members merged")
            else:
                synsets[name] = ([], where)
            current_set = name
            report.read["synonym sets"] += 1
            continue
        if block is None:
            if current_set is not None and text.startswith("+"):
                synsets[current_set][0].append(text[1:].strip())
            else:
                report.skip(where, f"unreadable line: '{text[:40]}' outside a synonym set or verb block")
            continue
        if text.startswith("-") or text.startswith("*"):
            if text.startswith("*"):
                report.warn(where, "pattern line without its leading '-': read as a pattern")
                body = text
            else:
                body = text[1:]
            block.patterns.append((body, where))
            report.read["patterns"] += 1
            continue
        verb = _parse_verb(text, where, report)
        if verb is not None:
            block.verbs.append(verb)
            report.read["verbs"] += 1
    return synsets, blocks


def _parse_verb(text: str, where: str, report: ImportReport) -> _Verb | None:
    match = re.match(r"^(?P<verb>[^\s{\[]+)\s*(\{(?P<forms>[^}]*)\}?)?\s*(\[(?P<code>[^\]]*)\]?)?\s*$", text)
    if not match:
        report.skip(where, f"unreadable verb line: '{text[:40]}'")
        return None
    raw = match.group("verb").lstrip("+")
    parts = [p for p in raw.split("_") if p]
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = [p.lstrip("+").lower() for p in parts]
    if not words or not all(re.match(r"^[a-z][a-z'.-]*$", w) for w in words):
        report.skip(where, f"unreadable verb: '{raw}' is not a word")
        return None
    forms = []
    for form in (match.group("forms") or "").split():
        fwords = [p.lstrip("+").lower() for p in form.lstrip("+").split("_") if p]
        if fwords:
            forms.append(fwords)
    return _Verb(words, head, forms, match.group("code"), where)

"""Verb dictionaries -> verb patterns: each block's verbs become bare patterns and its pattern lines
patterns that start with the verb (or with the words before it); synonym sets become synsets."""
from __future__ import annotations

import re
from pathlib import Path

from coder.ontology.petrarch.patterns import _pattern_words, _tidy
from coder.ontology.petrarch.report import ImportReport
from coder.ontology.petrarch.synsets import _convert_synsets, _unique_name, _verb_surface_forms
from coder.ontology.petrarch.verb_file import _Block, _read_verb_file

NULL_EVENT = "00"  # PETRARCH's `---`: a pattern that matches and codes nothing
_EVENT_CODE = re.compile(r"^[0-9]{2,4}$")


def _event_code(raw: str, where: str, report: ImportReport, codebook: set[str]) -> str | None:
    """A `[code]` of a verb or pattern -> our event code (`---` -> NULL_EVENT), or None (reported)."""
    code = raw.strip()
    if ":" in code:
        first = code.split(":")[0].strip()
        if not first:
            report.skip(where, f"reverse-only event code: [{code}] codes the event from the object to the "
                               "subject; our patterns cannot swap the roles")
            return None
        report.warn(where, f"paired event code: [{code}] (second code for the reverse direction) kept as {first}")
        code = first
    if code == "---":
        return NULL_EVENT
    if not _EVENT_CODE.match(code):
        report.skip(where, f"bad event code: [{raw.strip()}] is not a CAMEO event code")
        return None
    if codebook and not any(k in codebook for k in (code, code[:3], code[:2])):
        report.warn(where, f"event code not in the codebook: [{code}] (events with it are dropped)")
    return code


def _convert_verbs(path: Path, report: ImportReport, codebook: set[str]) -> tuple[dict, list[dict], int]:
    """One verb dictionary -> (synsets, one entry per block and event code, number of patterns)."""
    synsets, blocks = _read_verb_file(path, report)
    names, out_sets = _convert_synsets(synsets, report)
    entries: dict[tuple[int, str], dict] = {}
    count = 0

    def add(block_no: int, block: _Block, code: str, trigger: str, text: str, where: str, note: str | None):
        nonlocal count
        key = (block_no, code)
        if key not in entries:
            entries[key] = {"code": code, "note": f"PETRARCH verb block {block.name} ({block.where})"}
        item = {"pattern": text, "id": where}
        if note:
            item["note"] = note
        entries[key].setdefault(trigger, []).append(item)
        count += 1

    used_names = set(out_sets)
    for block_no, block in enumerate(blocks):
        verbs = block.verbs
        if not verbs:
            for _, where in block.patterns:
                report.skip(where, f"no verbs: block {block.name} lists no verbs for its patterns")
            continue
        # The block's verbs as one synset, for patterns that do not start with a single verb lemma.
        set_name = _unique_name("V_" + block.name, used_names)
        members = list(dict.fromkeys(f for v in verbs for f in _verb_surface_forms(v)))
        block_set_used = False
        block_code = block.code
        for verb in verbs:
            raw = verb.code if verb.code is not None else block_code
            if raw is None:
                report.skip(verb.where, f"no event code: verb '{' '.join(verb.words)}' and its block have none")
                continue
            code = _event_code(raw, verb.where, report, codebook)
            if code is None:
                continue
            if code == NULL_EVENT:
                report.read["verbs with the null code --- (nothing to code)"] += 1
                continue
            if verb.head == 0:
                add(block_no, block, code, "verbs", " ".join(verb.words), verb.where, None)
            else:
                own = _unique_name(f"V_{block.name}_{'_'.join(verb.words)}", used_names)
                used_names.add(own)
                out_sets[own] = _verb_surface_forms(verb)
                add(block_no, block, code, "verbs", "&" + own, verb.where, None)
        single = len(verbs) == 1 and verbs[0].head == 0
        for body, where in block.patterns:
            match = re.search(r"\[([^\]]*)\]?\s*$", body)
            if not match:
                report.skip(where, "no event code: pattern line has no [code]")
                continue
            code = _event_code(match.group(1), where, report, codebook)
            if code is None:
                continue
            converted = _pattern_words(body[:match.start()], where, report, names,
                                       verbs[0].words if single else None, set_name)
            if converted is None:
                continue
            trigger, words, notes, uses_block_set = converted
            block_set_used = block_set_used or uses_block_set
            words = _tidy(words)
            if words[0] == "*":
                report.skip(where, "unreadable pattern: nothing before the first gap")
                continue
            if notes:
                report.warn(where, "pattern changed: " + "; ".join(notes))
            add(block_no, block, code, trigger, " ".join(words), where, "; ".join(notes) or None)
        if block_set_used:
            used_names.add(set_name)
            out_sets[set_name] = members
    return out_sets, list(entries.values()), count

"""Agent dictionaries: `PHRASE {PLURAL} [~CODE]` lines with `!SET!` substitutions -> agents."""
from __future__ import annotations

import re
from pathlib import Path

from coder.ontology.petrarch.reading import _common_case, _read_lines
from coder.ontology.petrarch.report import ImportReport

_AGENT_CODE = re.compile(r"^([A-Z]{3})+$")


def _read_agents(path: Path, report: ImportReport) -> list[dict]:
    subs: dict[str, list[str]] = {}
    out: list[dict] = []
    for line in _read_lines(path):
        where = line.where
        text = line.text.strip()
        match = re.match(r"^(![A-Za-z0-9_]+!)\s*=\s*(.*)$", text)
        if match:
            subs[match.group(1).upper()] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        report.read["agents"] += 1
        parsed = re.match(r"^(?P<phrase>[^{\[]+?)\s*(\{(?P<plural>[^}]*)\})?\s*(\[(?P<code>[^\]]*)\]?)?\s*$", text)
        if not parsed or not parsed.group("code"):
            report.skip(where, "no agent code: expected `PHRASE {PLURAL} [~CODE]`")
            continue
        raw = re.sub(r"[^A-Z~]", "", parsed.group("code").upper())
        if raw != parsed.group("code").replace(" ", "").upper():
            report.warn(where, f"agent code cleaned: '{parsed.group('code').strip()}' read as '{raw}'")
        if raw.startswith("~"):
            code = raw[1:]
        elif raw.endswith("~"):
            code = raw[:-1]
            report.warn(where, f"prefix agent code: '{raw}' goes before the actor code in PETRARCH "
                               f"(NGOARN); ours appends it (ARN{code})")
        else:
            code = raw
            report.warn(where, f"agent code without '~': '{raw}' treated as '~{raw}'")
        if not _AGENT_CODE.match(code):
            report.skip(where, f"bad agent code: '{parsed.group('code').strip()}' is not three-letter groups")
            continue
        forms = [parsed.group("phrase")]
        if parsed.group("plural"):
            forms += parsed.group("plural").split()
        expanded: list[str] = []
        for form in forms:
            variants = [form]
            for key, values in subs.items():
                if key in form.upper():
                    variants = [re.sub(re.escape(key), v, x, flags=re.I) for x in variants for v in values]
            if "!" in "".join(variants):
                report.warn(where, f"unknown substitution set in '{form}': kept as written")
            expanded.extend(variants)
        phrases = list(dict.fromkeys(p for p in (_common_case(f) for f in expanded) if p))
        if not phrases:
            report.skip(where, "no phrase: an agent code with no phrase")
            continue
        out.append({"code": code, "phrases": phrases, "note": "from " + where})
    return out

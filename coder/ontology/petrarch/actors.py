"""Actor dictionaries: entries with synonyms and dated codes -> countries, organisations, people."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from coder.ontology.petrarch.reading import _name_case, _read_lines, _words
from coder.ontology.petrarch.report import ImportReport

OPEN_START = "0001-01-01"  # start of a `[CODE <date]` role: in force from any earlier date
# First code groups that are not countries (a person's or group's `country` stays null for them).
NON_COUNTRY = {"IGO", "NGO", "IMG", "MNC", "UAF", "---", "GOV", "MIL", "REB", "INS", "OPP", "PTY", "COP",
               "JUD", "LEG", "SPY", "CVL", "BUS", "MED", "EDU", "HLH", "REF", "LAB", "AGR", "CRM", "ELI",
               "HRI", "ENV", "SEP", "RAD", "REL", "MOD", "CON", "CIV", "MUS", "CHR", "JEW", "BUD", "HIN"}
_ACTOR_CODE = re.compile(r"^([A-Z]{3}|---)([A-Z]{3})*$")
_DATE = re.compile(r"^[0-9]{6}$|^[0-9]{8}$")


def _date(text: str) -> str | None:
    """YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD -> YYYY-MM-DD; None if not a valid date."""
    text = text.strip()
    if not _DATE.match(text):
        return None
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _actor_code(raw: str) -> tuple[str | None, str | None]:
    """(our code, note about the change) or (None, why it cannot be mapped)."""
    code = raw.strip().upper()
    note = None
    if code != raw.strip():
        note = f"code '{raw.strip()}' upper-cased"
    if _ACTOR_CODE.match(code):
        return code, note
    if "/" in code:
        first = code.split("/")[0]
        if _ACTOR_CODE.match(first):
            return first, f"code '{raw.strip()}' names several actors; kept the first, {first}"
        code = first
    groups = [code[i:i + 3] for i in range(0, len(code), 3)]
    kept = [g for g in groups if len(g) == 3 and (g.isalpha() or g == "---")]
    if kept and kept[0] == groups[0] and "---" not in kept[1:]:
        mapped = "".join(kept)
        if _ACTOR_CODE.match(mapped):
            why = "numeric sub-codes dropped" if any(g.isdigit() for g in groups) else \
                "cut to whole three-letter groups"
            return mapped, f"code '{raw.strip()}' is not in three-letter groups; {why}: {mapped}"
    return None, f"actor code '{raw.strip()}' is not a CAMEO actor code"


def _country_of(code: str | None) -> str | None:
    if not code or len(code) < 3:
        return None
    first = code[:3]
    return first if first.isalpha() and first not in NON_COUNTRY else None


def _org_type(code: str) -> str:
    first, roles = code[:3], {code[i:i + 3] for i in range(3, len(code), 3)}
    if first == "IGO":
        return "igo"
    if first == "NGO":
        return "ngo"
    if first == "MNC" or "BUS" in roles:
        return "company"
    if first == "IMG" or roles & {"REB", "INS", "UAF", "SEP", "RAD"}:
        return "armed_group"
    if "PTY" in roles:
        return "party"
    if "MED" in roles:
        return "media"
    return "other"


@dataclass
class _Actor:
    phrases: list[str]
    codes: list[tuple[str, str | None, str | None, str]]  # (code, start, end, where); undated: start None
    where: str
    merged_from: list[str] = field(default_factory=list)
    bracketed: bool = False  # had a [code], even if every code in it was rejected


def _parse_restriction(body: str, where: str, report: ImportReport):
    """`CODE`, `CODE <date`, `CODE >date`, `CODE date-date` -> (raw code, start, end) or None."""
    body = body.strip()
    if not body:
        report.skip(where, "empty code: `[]` has no code")
        return None
    code, _, rest = body.partition(" ")
    rest = rest.strip()
    if not rest:
        return code, None, None
    compact = rest.replace(" ", "")
    if compact[0] in "<>":
        day = _date(compact[1:])
        if day is None:
            report.skip(where, f"bad date: '{compact[1:]}' in [{body}] is not a YYMMDD or YYYYMMDD date")
            return None
        return (code, OPEN_START, day) if compact[0] == "<" else (code, day, None)
    if "-" in compact:
        first, _, second = compact.partition("-")
        start, end = _date(first), _date(second)
        if start is None or end is None:
            bad = first if start is None else second
            report.skip(where, f"bad date: '{bad}' in [{body}] is not a YYMMDD or YYYYMMDD date")
            return None
        if end < start:
            report.skip(where, f"bad date: interval [{body}] ends before it starts")
            return None
        return code, start, end
    report.skip(where, f"bad date restriction: [{body}] is not <date, >date or date-date")
    return None


def _add_codes(actor: _Actor, text: str, where: str, report: ImportReport) -> None:
    """Add the `[CODE ...]` restrictions written in text (the last `]` may be missing)."""
    for body in re.findall(r"\[([^\]]*)\]?", text):
        parsed = _parse_restriction(body, where, report)
        if parsed:
            actor.codes.append((*parsed, where))


def _read_actors(path: Path, report: ImportReport) -> list[_Actor]:
    actors: list[_Actor] = []
    current: _Actor | None = None
    pending: list[_Actor] = []  # codeless entries waiting for the next coded one

    def close(entry: _Actor | None) -> None:
        if entry is None:
            return
        if not entry.codes:
            if not entry.bracketed:
                pending.append(entry)
            return
        for waiting in pending:
            entry.phrases.extend(waiting.phrases)
            entry.merged_from.append(waiting.where)
            report.warn(waiting.where, f"no code: PETRARCH gives it the codes of the next entry ({entry.where}); "
                                       "merged into that entry")
        pending.clear()
        actors.append(entry)

    for line in _read_lines(path, semicolon=True):
        where = line.where
        text = line.text
        if "---STOP---" in text:
            break
        stripped = text.strip()
        if text[0] in " \t" and stripped.startswith("["):
            if current is None:
                report.skip(where, "date restriction outside an entry: no actor phrase before it")
                continue
            current.bracketed = True
            _add_codes(current, stripped, where, report)
            continue
        if stripped.startswith("+"):
            phrase = stripped[1:].split("[")[0].strip()
            if current is None:
                report.skip(where, "synonym outside an entry: no actor phrase before it")
            elif not _words(phrase):
                report.skip(where, "empty synonym: `+` with no phrase")
            else:
                current.phrases.append(phrase)
            continue
        if text[0] in " \t":
            report.skip(where, f"unreadable line: indented '{stripped[:40]}' is neither a synonym nor a [code]")
            continue
        close(current)
        phrase, _, codes = stripped.partition("[")
        current = _Actor([phrase.strip()], [], where, bracketed=bool(codes))
        report.read["actor entries"] += 1
        if not _words(phrase):
            report.skip(where, "no phrase: a code with no actor phrase")
            current = None
            continue
        if codes:
            _add_codes(current, "[" + codes, where, report)
    close(current)
    for waiting in pending:
        report.skip(waiting.where, "no code: the actor phrase has no code and no coded entry follows it")
    return actors


def _convert_actors(actors: list[_Actor], report: ImportReport, iso2: dict[str, str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"countries": [], "organisations": [], "people": []}
    people_seen: Counter = Counter()
    for actor in actors:
        codes, rejected = [], []
        for raw, start, end, where in actor.codes:
            code, note = _actor_code(raw)
            if code is None:
                rejected.append((where, note))
                continue
            if note:
                report.warn(where, f"actor code mapped: {note}")
            codes.append((code, start, end, where))
        if not codes:
            if rejected:
                report.skip(rejected[0][0], f"bad actor code: {rejected[0][1]}")
            continue
        for where, note in rejected:
            report.warn(where, f"actor code dropped: {note}; the entry keeps its other codes")
        phrases = list(dict.fromkeys(p for p in (_name_case(p) for p in actor.phrases) if p))
        name = phrases[0]
        note = "from " + actor.where + ("; with phrases from " + ", ".join(actor.merged_from)
                                         if actor.merged_from else "")
        undated = [c for c in codes if c[1] is None]
        dated = [c for c in codes if c[1] is not None]
        if len(undated) > 1:
            report.warn(undated[1][3], f"several undated codes: kept the first, {undated[0][0]}")
        default = undated[0][0] if undated else None
        if dated:
            roles = [{"code": c, "start": s, "end": e} for c, s, e, _ in dated]
            country = next((k for k in (_country_of(c) for c in [default] + [r["code"] for r in roles]) if k), None)
            people_seen[(name.lower(), country)] += 1
            shown = name if people_seen[(name.lower(), country)] == 1 else \
                f"{name} [{actor.where}]"
            if shown != name:
                report.warn(actor.where, f"duplicate person: '{name}' ({country}) is already an entry; "
                                         "kept as a separate person")
            out["people"].append({"name": shown, "aliases": [p for p in phrases if p != shown],
                                  "surname": None, "country": country, "code": default or "---",
                                  "note": note, "roles": roles})
        elif len(default) == 3 and default.isalpha() and default not in NON_COUNTRY:
            out["countries"].append({"code": default, "iso2": iso2.get(default), "name": name,
                                     "names": phrases})
        else:
            out["organisations"].append({"code": default, "name": name, "type": _org_type(default),
                                         "country": _country_of(default), "phrases": phrases, "note": note})
    return out

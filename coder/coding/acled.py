"""ACLED typing: ACLED's disorder type, event type, sub-event type, interaction and civilian
targeting of every coded event, from the evidence of its own sentence.

It runs after CAMEO coding, over the finished records of a document. The rules are data: the
`kind: acled` files in an `acled/` folder of the ontology (`ontology/acled/typing.yaml`,
`interaction.yaml`, `regions.yaml`); a user folder with its own `acled/` folder is layered over
ours (its cue lists and actor classes replace ours by name, its rules are tried before ours).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from coder.coding.fatalities import count_killed
from coder.errors import EventcoderError, OntologyError
from coder.ontology.load import default_ontology_dir
from coder.ontology.yamlio import LocatedList, line_of

ACLED_COLUMNS = ("acled_disorder_type", "acled_event_type", "acled_sub_event_type", "acled_interaction",
                 "acled_civilian_targeting", "fatalities")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Rule:
    """One line of the decision list: a sub-event type and what must hold for an event to get it."""

    sub_event_type: str | None  # None: not an event ACLED records (a disaster, an accident)
    codes: tuple[str, ...]
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    source: frozenset[str] | None = None
    target: frozenset[str] | None = None
    victims: bool | None = None
    where: str = ""


@dataclass
class AcledRules:
    typology: dict[str, tuple[str, str]] = field(default_factory=dict)  # sub-event -> (event type, disorder)
    code_sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cues: dict[str, "CueList"] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    inter: dict[str, int] = field(default_factory=dict)  # actor class -> ACLED inter code
    roles: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    armed_identity_roles: frozenset[str] = frozenset()
    regions: dict[str, str] = field(default_factory=dict)  # ISO3 -> ACLED region
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> ACLED's spelling

    def recordable(self, code: str) -> bool:
        """Whether any rule accepts this CAMEO code: ACLED records nothing else (statements, meetings)."""
        return bool(self.rules_for_code(code))

    def rules_for_code(self, code: str) -> tuple[int, ...]:
        """Indexes of the rules that accept a CAMEO code, worked out once per code."""
        found = self._by_code.get(code)
        if found is None:
            found = self._by_code[code] = tuple(i for i, r in enumerate(self.rules) if code.startswith(r.codes))
        return found

    def __post_init__(self) -> None:
        self._by_code: dict[str, tuple[int, ...]] = {}


# ---------------------------------------------------------------------------------------- cue words

_GAP = r"(?: \w+){0,4}"


def cue_regex(text: str) -> str:
    """`shell*` -> any ending, `a|b` -> alternatives in one word slot, `...` -> up to four words."""
    parts = []
    for word in text.lower().split():
        if word == "...":
            parts.append(None)
            continue
        alts = []
        for alt in word.split("|"):
            stem = re.escape(alt.rstrip("*").replace("-", " "))
            alts.append(stem + (r"\w*" if alt.endswith("*") else ""))
        parts.append("(?:" + "|".join(alts) + ")")
    pattern = ""
    for part in parts:
        pattern += _GAP if part is None else (" " if pattern else "") + part
    return r"(?<!\w)" + pattern + r"(?!\w)"


class CueList:
    """One named cue list. One-word cues are looked up in a set or by prefix over the sentence's
    words; a phrase runs its regular expression only when its first word is in the sentence."""

    def __init__(self, cues: list[str]):
        exact, prefixes = set(), []
        self.phrases: list[tuple[frozenset, tuple, re.Pattern]] = []
        for cue in cues:
            slots = cue.lower().split()
            if len(slots) == 1 and "-" not in slots[0].replace("*", ""):
                for alt in slots[0].split("|"):
                    (prefixes.append(alt[:-1]) if alt.endswith("*") else exact.add(alt))
                continue
            first = [a.split("-")[0] for a in slots[0].split("|")]
            self.phrases.append((frozenset(a for a in first if not a.endswith("*")),
                                 tuple(a[:-1] for a in first if a.endswith("*")), re.compile(cue_regex(cue))))
        self.exact = frozenset(exact)
        self.prefixes = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, prefixes)) + ")") if prefixes else None

    def found_in(self, text: str, words: list[str]) -> bool:
        """`text`: the normalised sentence; `words`: its words."""
        if self.exact and not self.exact.isdisjoint(words):
            return True
        if self.prefixes and self.prefixes.search(text):
            return True
        for first, first_prefixes, regex in self.phrases:
            if (first_prefixes or not first.isdisjoint(words)) and regex.search(text):
                return True
        return False


def normalise(text: str) -> str:
    """Lower case, every run of non-word characters one space: `cease-fire` -> `cease fire`."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


# ---------------------------------------------------------------------------------------- loading

def acled_files(ontology_files: list[Path] | None) -> tuple[Path, ...]:
    """The ACLED files among the given ontology files, else the default ontology's."""
    found = tuple(p for p in ontology_files or () if Path(p).parent.name == "acled" and Path(p).suffix in (".yaml", ".yml"))
    if found:
        return found
    return tuple(sorted((default_ontology_dir() / "acled").glob("*.yaml")))


@lru_cache(maxsize=8)
def load_rules(files: tuple[Path, ...]) -> AcledRules:
    """Read, check and compile ACLED files with the ontology loader's own file reader (YAML with
    line numbers, kind and schema checks); raise OntologyError listing every problem with file:line."""
    from coder.ontology.load import _Builder

    builder = _Builder()
    for path in files:
        builder.add_file(Path(path), shown=f"{Path(path).parent.name}/{Path(path).name}")
    if builder.problems:
        raise OntologyError(builder.problems)
    return compile_rules(builder.onto.acled)  # other kinds in acled/ (its verb patterns) are the loader's


_COMPILED: dict[str, AcledRules] = {}


def rules_for(ontology=None) -> AcledRules:
    """The compiled rules of a loaded ontology (its `kind: acled` files, checked when it loaded),
    else of the default ontology; compiled once per ontology version."""
    items = list(getattr(ontology, "acled", None) or ())
    if not items:
        return load_rules(acled_files(None))
    key = getattr(ontology, "version", "") or str(id(ontology))
    if key not in _COMPILED:
        _COMPILED[key] = compile_rules(items)
    return _COMPILED[key]


def compile_rules(items: list[tuple[str, dict]]) -> AcledRules:
    """ACLED rules from schema-checked `kind: acled` files, in layer order (later layers win)."""
    out, problems = AcledRules(), []
    rule_layers: list[list[tuple[dict, str]]] = []
    role_layers: list[list[tuple[str, frozenset]]] = []
    for shown, data in items:
        for entry in data.get("typology") or ():
            out.typology[entry["sub_event_type"]] = (entry["event_type"], entry["disorder_type"])
        for name, codes in (data.get("code_sets") or {}).items():
            out.code_sets[name] = tuple(codes)
        cues = data.get("cues") or {}
        for name, words in cues.items():
            try:
                out.cues[name] = CueList(words)
            except re.error as exc:
                problems.append(EventcoderError("E203", f"cue list '{name}': {exc}", f"{shown}:{line_of(cues, 1)}"))
        for entry in data.get("actor_types") or ():
            out.inter[entry["class"]] = entry["inter"]
        if data.get("roles"):
            role_layers.append([(e["class"], frozenset(e["roles"])) for e in data["roles"]])
        if data.get("armed_identity_roles"):
            out.armed_identity_roles = frozenset(data["armed_identity_roles"])
        out.country_names.update(data.get("country_names") or {})
        for region, codes in (data.get("regions") or {}).items():
            out.regions.update(dict.fromkeys(codes, region))
        rules = data.get("rules") or LocatedList()
        lines = getattr(rules, "lines", [])
        rule_layers.append([(r, f"{shown}:{lines[i] if i < len(lines) else line_of(r)}") for i, r in enumerate(rules)])
    # Later layers first: a user's rules and actor classes are tried before ours.
    for layer in reversed(rule_layers):
        for entry, where in layer:
            rule = _rule(entry, where, out, problems)
            if rule is not None:
                out.rules.append(rule)
    out.roles = [item for layer in reversed(role_layers) for item in layer]
    for cls in {c for c, _ in out.roles} - set(out.inter):
        problems.append(EventcoderError("E204", f"actor class '{cls}' has no entry in actor_types", "acled/"))
    if problems:
        raise OntologyError(problems)
    return out


def acled_problems(items: list[tuple[str, dict]]) -> list[EventcoderError]:
    """Every problem of a set of schema-checked ACLED files (unknown cue lists, sub-event types,
    code sets, actor classes), each with file:line; empty when they compile."""
    try:
        compile_rules(items)
    except OntologyError as err:
        return list(err.problems)
    return []


def _rule(entry: dict, where: str, out: AcledRules, problems: list) -> Rule | None:
    bad = []
    if entry["sub_event_type"] is not None and entry["sub_event_type"] not in out.typology:
        bad.append(f"sub-event type '{entry['sub_event_type']}' is not in the typology (ACLED's spelling?)")
    codes: list[str] = []
    for code in entry["codes"]:
        if code.isdigit():
            codes.append(code)
        elif code in out.code_sets:
            codes.extend(out.code_sets[code])
        else:
            bad.append(f"unknown code set '{code}'")
    for key in ("any", "all", "none"):
        bad += [f"unknown cue list '{name}' in `{key}`" for name in entry.get(key, ()) if name not in out.cues]
    for message in bad:
        problems.append(EventcoderError("E204", message, where))
    if bad:
        return None
    return Rule(entry["sub_event_type"], tuple(codes), tuple(entry.get("any", ())), tuple(entry.get("all", ())),
                tuple(entry.get("none", ())),
                frozenset(entry["source"]) if "source" in entry else None,
                frozenset(entry["target"]) if "target" in entry else None,
                entry.get("victims"), where)


# ---------------------------------------------------------------------------------------- typing

class _Sentence:
    """The cue lists found in one sentence, looked up once each and only when a rule asks."""

    def __init__(self, rules: AcledRules, text: str):
        self.rules, self.text, self._found = rules, normalise(text), {}
        self.words = self.text.split()

    def has(self, name: str, part: str | None = None) -> bool:
        if part is not None:
            text = normalise(part)
            return self.rules.cues[name].found_in(text, text.split())
        if name not in self._found:
            self._found[name] = self.rules.cues[name].found_in(self.text, self.words)
        return self._found[name]


def actor_class(rules: AcledRules, code: str | None, country: str | None) -> str:
    """The ACLED actor class of a CAMEO actor code, from its three-letter role parts."""
    if not code or not code.strip("-"):
        return UNKNOWN
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    for cls, roles in rules.roles:
        if "<country>" in roles and len(parts) == 1:
            return cls if country else "civilians"  # a bare ethnic or religious group code
        if any(p in roles for p in parts):
            if (cls == "state" and country is None and parts[0] != "---"
                    and any(p in rules.armed_identity_roles for p in parts[1:])):
                return "identity_militia"  # e.g. KURMIL: an armed group of a people, not a state
            return cls
    return UNKNOWN


class AcledTyper:
    """Types the records of a document in place, one sentence at a time."""

    def __init__(self, rules: AcledRules):
        self.rules = rules

    def type_records(self, records: list[dict]) -> None:
        by_sentence: dict[tuple, list[dict]] = {}
        for record in records:
            by_sentence.setdefault((record["doc_id"], record["sentence_index"]), []).append(record)
        for group in by_sentence.values():
            self.type_sentence(group)

    def type_sentence(self, records: list[dict]) -> None:
        sentence = _Sentence(self.rules, records[0]["sentence_text"])
        best: int | None = None
        for record in records:
            if not happened(record):
                continue
            found = self.first_rule(sentence, record)
            if found is not None and (best is None or found < best):
                best = found
        sub = self.rules.rules[best].sub_event_type if best is not None else None
        killed = count_killed(records[0]["sentence_text"])
        for record in records:
            record["fatalities"] = killed
            if sub is None or not happened(record) or not self.rules.recordable(record["event_code"]):
                record.update(acled_disorder_type=None, acled_event_type=None, acled_sub_event_type=None,
                              acled_interaction=None, acled_civilian_targeting=None)
                continue
            event_type, disorder = self.rules.typology[sub]
            inter1, inter2 = self.inter_codes(record, event_type)
            record.update(acled_disorder_type=disorder, acled_event_type=event_type, acled_sub_event_type=sub,
                          acled_interaction=interaction(inter1, inter2),
                          acled_civilian_targeting=event_type == "Violence against civilians" or (
                              "Political violence" in disorder and inter2 == self.rules.inter.get("civilians")))

    def first_rule(self, sentence: _Sentence, record: dict) -> int | None:
        code = record["event_code"]
        source = self.side_class(record, "source")
        target = self.side_class(record, "target")
        for index in self.rules.rules_for_code(code):
            rule = self.rules.rules[index]
            if rule.source is not None and source not in rule.source:
                continue
            if rule.target is not None and target not in rule.target:
                continue
            if rule.any and not any(sentence.has(n) for n in rule.any):
                continue
            if rule.all and not all(sentence.has(n) for n in rule.all):
                continue
            if rule.none and any(sentence.has(n) for n in rule.none):
                continue
            if rule.victims is not None and self.victims(sentence, record, target) != rule.victims:
                continue
            return index
        return None

    def victims(self, sentence: _Sentence, record: dict, target: str) -> bool:
        """Civilians are the target: the target's code says so, or it is unnamed and a victim word
        follows the verb (or stands anywhere in a passive sentence: `villagers were killed`)."""
        if target == "civilians":
            return True
        if target != UNKNOWN or "victims" not in self.rules.cues:
            return False
        if record.get("passive"):
            return sentence.has("victims")
        start = max(0, (record.get("verb_start") or 0) - (record.get("sentence_start") or 0))
        return sentence.has("victims", record["sentence_text"][start:])

    def side_class(self, record: dict, side: str) -> str:
        cls = actor_class(self.rules, record.get(f"{side}_code"), record.get(f"{side}_country"))
        if cls == "state" and record.get(f"{side}_country") and record.get("location_country") and \
                record[f"{side}_country"] != record["location_country"] and "external" in self.rules.inter:
            return "external"  # a state's forces outside their own country
        return cls

    def inter_codes(self, record: dict, event_type: str) -> tuple[int, int]:
        classes = [self.side_class(record, "source"), self.side_class(record, "target")]
        if event_type in ("Protests", "Riots"):
            crowd = "protesters" if event_type == "Protests" else "rioters"
            classes = [crowd if c in ("civilians", "protesters", "rioters") else c for c in classes]
            if crowd not in classes and classes[0] == UNKNOWN:
                classes[0] = crowd  # the crowd is the actor of a protest even when unnamed
        else:
            if classes[0] == UNKNOWN:
                classes[0] = "political_militia"  # ACLED's "Unidentified Armed Group": unnamed attackers
            if event_type == "Violence against civilians":
                classes[1] = "civilians"
        inter = self.rules.inter
        return inter.get(classes[0], 0), inter.get(classes[1], 0)


def happened(record: dict) -> bool:
    """ACLED records what took place: not a denied, planned, threatened or possible act."""
    return not (record.get("negated") or record.get("future") or record.get("hypothetical"))


def interaction(inter1: int, inter2: int) -> int | None:
    """ACLED's two-digit interaction: smaller digit first; one side alone is its digit times ten."""
    if not inter1 and not inter2:
        return None
    low, high = sorted((inter1, inter2))
    return high * 10 if low == 0 else low * 10 + high

"""Turn a trigger with its roles into event records: one per source code x target code."""
from __future__ import annotations

from hashlib import sha256

from coder.coding.sectors import role_part
from coder.coding.actors import Mention
from coder.ontology.model import NULL_CODE, Ontology
from coder.coding.roles import Modality, Roles, Sentence
from coder.ontology.model import ModalityRule
from coder.coding.modality import apply as apply_modality
from coder.coding.triggers import TriggerMatch


def event_id(*parts: object) -> str:
    """Deterministic: the same document, sentence, offsets and codes give the same id."""
    return sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]


def _record_id(doc_id, sentence_index, verb_start, source_code, source_start, target_code, target_start,
               code) -> str:
    """`event_id` of a record's eight parts, formatted in one f-string (a third of the cost; an
    f-string formats str, int and None as str() does)."""
    return sha256(f"{doc_id}\x1f{sentence_index}\x1f{verb_start}\x1f{source_code}\x1f{source_start}\x1f"
                  f"{target_code}\x1f{target_start}\x1f{code}".encode()).hexdigest()[:20]


UNKNOWN_ACTOR = "---"  # PETRARCH's code for a side nothing in the sentence identifies


_FIELDS = ("code", "country", "text", "start", "end", "reason", "kind", "sector", "name")
_KEYS = {side: {field: f"{side}_{field}" for field in _FIELDS} for side in ("source", "target")}
_COLUMNS = {side: tuple(keys.values()) for side, keys in _KEYS.items()}  # in _FIELDS order
_UNKNOWN = {side: {**{keys[k]: None for k in ("country", "text", "start", "end", "sector", "name")},
                   keys["code"]: UNKNOWN_ACTOR, keys["kind"]: "unknown",
                   keys["reason"]: "unknown: nothing in the sentence names this side"}
            for side, keys in _KEYS.items()}


def _actor_fields(side: str, doc, mention: Mention | None, code: str | None, country: str | None,
                  offset: int) -> dict:
    """The columns of one side of the dyad: code, country, text, offsets, reason, kind, sector, name."""
    if mention is None:
        return _UNKNOWN[side].copy()
    last = doc[mention.end - 1]
    return dict(zip(_COLUMNS[side], (
        code, country, mention.text, doc[mention.start].idx + offset, last.idx + len(last) + offset,
        mention.reason, mention.kind, role_part(code), mention.name)))


def _dyads(roles: Roles, quad_class: int) -> list[tuple]:
    """(source mention, code, country, target mention, code, country) for every pair the roles give.
    A compound subject with no target (`Gondor and Rohan renewed ties`) is reciprocal when the
    event is cooperative: each member is the other's target, as the CAMEO manual codes it."""
    sources = [(m, c, k) for m in roles.sources for c, k in zip(m.codes, m.countries, strict=False)]
    targets = [(m, c, k) for m in roles.targets for c, k in zip(m.codes, m.countries, strict=False)]
    if not targets and len({c for _, c, _ in sources}) > 1 and quad_class in (1, 2):
        return [(*a, *b) for a in sources for b in sources if a[1] != b[1]]
    return [(*a, *b) for a in sources or [(None, None, None)] for b in targets or [(None, None, None)]]


def build_records(*, ontology: Ontology, sent: Sentence, match: TriggerMatch, roles: Roles, mood: Modality,
                  context: dict, require_dyad: bool, main_event: bool = True,
                  modality_rules: list[ModalityRule] = ()) -> tuple[list[dict], str]:
    """Records for one trigger and why they were (not) made."""
    if match.code == NULL_CODE:
        return [], "dropped: a null pattern (code 00) matched, which codes nothing"
    code, rule = apply_modality(modality_rules, match.code, mood)
    info = ontology.event_info(code)
    if info is None:
        return [], f"dropped: event code {code} is not in the codebook"
    if not roles.sources and not roles.targets:
        return [], "dropped: neither side names an actor"
    dyads = [d for d in _dyads(roles, info.quad_class) if not require_dyad or (d[1] and d[4])]
    if not dyads:
        missing = "source" if not roles.sources else "target"
        return [], f"dropped: no {missing} actor (--require-dyad keeps only events with both sides)"
    doc, offset = sent.doc, context["offset"]
    words = [doc[i] for i in match.words] or [doc[match.anchor]]
    verb_start, verb_end = words[0].idx + offset, words[-1].idx + len(words[-1]) + offset
    shared = {  # every record of the trigger starts as a copy of this (a copy is cheaper than a merge)
        "event_id": None, **context["doc_columns"],
        "sentence_index": context["sentence_index"], "sentence_text": context["sentence_text"],
        "sentence_start": context["sentence_start"], "sentence_end": context["sentence_end"],
        "event_code": code, "verb_code": match.code, "event_root": code[:2], "event_name": info.name,
        "quad_class": info.quad_class, "goldstein": info.goldstein, "plover_event": info.plover_event,
        "plover_mode": info.plover_mode, "plover_context": info.plover_context,
        # The codebook's ACLED label until coding/acled.py types the event from its sentence.
        "acled_disorder_type": None, "acled_event_type": info.acled_event_type,
        "acled_sub_event_type": info.acled_sub_event_type, "acled_interaction": None,
        "acled_civilian_targeting": None, "fatalities": None,
        "verb_text": " ".join(w.text for w in words), "verb_start": verb_start, "verb_end": verb_end,
        "trigger": match.pattern.spec.trigger, "passive": roles.passive, "negated": mood.negated,
        "future": mood.future, "hypothetical": mood.hypothetical, "modality_text": mood.cue or None,
        "main_event": main_event,
        "rule_id": match.pattern.spec.pid, "rule_location": match.pattern.spec.where,
        "rule_pattern": match.pattern.spec.text, "roles_reason": roles.how,
    }
    records, skipped = [], 0
    for s_mention, s_code, s_country, t_mention, t_code, t_country in dyads:
        if s_code is not None and s_code == t_code:
            skipped += 1
            continue
        source = _actor_fields("source", doc, s_mention, s_code, s_country, offset)
        target = _actor_fields("target", doc, t_mention, t_code, t_country, offset)
        ident = _record_id(shared["doc_id"], context["sentence_index"], verb_start, s_code, source["source_start"],
                           t_code, target["target_start"], code)
        dyad = source["source_kind"] != "unknown" and target["target_kind"] != "unknown"
        record = shared.copy()
        record["event_id"] = ident  # first among the columns, where the copy keeps it
        record.update(source)
        record.update(target)
        record["dyad"] = dyad
        records.append(record)
    if not records:
        return [], "dropped: source and target are the same actor"
    note = f" ({skipped} self-directed pairs dropped)" if skipped else ""
    note += f"; coded {code} for pattern {match.code}: {rule} (codebook modality table)" if rule else ""
    return records, "kept" + note

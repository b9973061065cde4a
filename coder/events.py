"""Turn a trigger with its roles into event records: one per source code x target code."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from .actors import Mention
from .ontology import Ontology
from .roles import Modality, Roles, Sentence
from .triggers import TriggerMatch


@dataclass
class Candidate:
    """A possible event, kept or dropped, with the reason (what `explain` shows)."""

    match: TriggerMatch
    roles: Roles
    modality: Modality
    kept: bool
    reason: str
    records: list[dict]


def event_id(*parts: object) -> str:
    """Deterministic: the same document, sentence, offsets and codes give the same id."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]


def _span(doc, mention: Mention | None, offset: int) -> tuple[int | None, int | None]:
    if mention is None:
        return None, None
    return doc[mention.start].idx + offset, doc[mention.end - 1].idx + len(doc[mention.end - 1]) + offset


def build_records(*, ontology: Ontology, sent: Sentence, match: TriggerMatch, roles: Roles, mood: Modality,
                  context: dict, require_dyad: bool) -> tuple[list[dict], str]:
    """Records for one trigger and why they were (not) made."""
    if require_dyad and (not roles.sources or not roles.targets):
        missing = "source" if not roles.sources else "target"
        return [], f"dropped: no {missing} actor (an event needs both; see --no-require-dyad)"
    info = ontology.event_info(match.code)
    if info is None:
        return [], f"dropped: event code {match.code} is not in the codebook"
    doc, offset = sent.doc, context["offset"]
    words = [doc[i] for i in match.words] or [doc[match.anchor]]
    verb_start, verb_end = words[0].idx + offset, words[-1].idx + len(words[-1]) + offset
    sources = [(m, c, k) for m in roles.sources for c, k in zip(m.codes, m.countries)] or [(None, None, None)]
    targets = [(m, c, k) for m in roles.targets for c, k in zip(m.codes, m.countries)] or [(None, None, None)]
    records, skipped = [], 0
    for s_mention, s_code, s_country in sources:
        for t_mention, t_code, t_country in targets:
            if s_code is not None and s_code == t_code:
                skipped += 1
                continue
            s_start, s_end = _span(doc, s_mention, offset)
            t_start, t_end = _span(doc, t_mention, offset)
            records.append({
                "event_id": event_id(context["doc_id"], context["sentence_index"], verb_start, s_code, s_start,
                                     t_code, t_start, match.code),
                "doc_id": context["doc_id"],
                "sentence_index": context["sentence_index"],
                "sentence_text": context["sentence_text"],
                "sentence_start": context["sentence_start"],
                "sentence_end": context["sentence_end"],
                "event_date": context["event_date"],
                "doc_date": context["doc_date"],
                "source_code": s_code,
                "source_country": s_country,
                "source_text": s_mention.text if s_mention else None,
                "source_start": s_start,
                "source_end": s_end,
                "source_reason": s_mention.reason if s_mention else None,
                "target_code": t_code,
                "target_country": t_country,
                "target_text": t_mention.text if t_mention else None,
                "target_start": t_start,
                "target_end": t_end,
                "target_reason": t_mention.reason if t_mention else None,
                "event_code": match.code,
                "event_root": match.code[:2],
                "event_name": info.name,
                "quad_class": info.quad_class,
                "goldstein": info.goldstein,
                "plover_event": info.plover_event,
                "plover_mode": info.plover_mode,
                "plover_context": info.plover_context,
                "acled_event_type": info.acled_event_type,
                "acled_sub_event_type": info.acled_sub_event_type,
                "verb_text": " ".join(w.text for w in words),
                "verb_start": verb_start,
                "verb_end": verb_end,
                "trigger": match.pattern.spec.trigger,
                "passive": roles.passive,
                "negated": mood.negated,
                "future": mood.future,
                "hypothetical": mood.hypothetical,
                "modality_text": mood.cue or None,
                "rule_id": match.pattern.spec.pid,
                "rule_location": match.pattern.spec.where,
                "rule_pattern": match.pattern.spec.text,
                "roles_reason": roles.how,
                "doc_source": context.get("doc_source"),
                "doc_url": context.get("doc_url"),
                "doc_title": context.get("doc_title"),
                "doc_metadata": context.get("doc_metadata"),
                "coder_version": context["coder_version"],
                "ontology_version": context["ontology_version"],
                "analysis": context["analysis"],
            })
    if not records:
        return [], "dropped: source and target are the same actor"
    note = f" ({skipped} self-directed pairs dropped)" if skipped else ""
    return records, "kept" + note

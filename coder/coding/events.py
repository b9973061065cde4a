"""Turn a trigger with its roles into event records: one per source code x target code."""
from __future__ import annotations

# CPython's own SHA-256 (`_sha256`, from 3.12 `_sha2`) gives hashlib's digest, and on a short text it
# is much cheaper to start than OpenSSL's, whose set-up is most of hashing an event id's 60 bytes.
try:
    from _sha256 import sha256
except ImportError:  # pragma: no cover - another Python
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

from functools import lru_cache

from coder.coding.sectors import role_part
from coder.coding.actors import Mention
from coder.ontology.model import NULL_CODE, Ontology
from coder.coding.roles import Modality, Roles, Sentence
from coder.ontology.model import ModalityRule
from coder.coding.modality import apply as apply_modality
from coder.coding.triggers import TriggerMatch
from coder.memos import Memo


def event_id(*parts: object) -> str:
    """Deterministic: the same document, sentence, offsets and codes give the same id: the SHA-256 of
    the parts as `str` writes them, joined by \\x1f."""
    form = _ID_FORMATS.get(len(parts))
    if form is None:
        form = _ID_FORMATS[len(parts)] = "\x1f".join(["%s"] * len(parts))
    # `%s` writes a part as str() does, in one C call: map(str, ...) calls the str type per part,
    # which cost more than the hash itself (measured: 10,200 -> 6,000 instructions for eight parts)
    return sha256((form % parts).encode()).hexdigest()[:20]


_ID_FORMATS: dict[int, str] = {}  # number of parts -> "%s\x1f%s..." (an id has 4 to 8 parts)


UNKNOWN_ACTOR = "---"  # PETRARCH's code for a side nothing in the sentence identifies


_FIELDS = ("code", "country", "text", "start", "end", "reason", "kind", "sector", "name")
_UNKNOWN_SIDE = (UNKNOWN_ACTOR, None, None, None, None, "unknown: nothing in the sentence names this side", "unknown",
                 None, None)  # a side's columns, in _FIELDS order, when nothing names it
_NO_SIDE = (None, None, None)  # (mention, code, country) of a side nothing names


def _side_values(doc, mention: Mention | None, code: str | None, country: str | None, offset: int) -> tuple:
    """The columns of one side of the dyad, in _FIELDS order: code, country, text, offsets, reason,
    kind, sector, name."""
    if mention is None:
        return _UNKNOWN_SIDE
    first = doc[mention.start]
    last = first if mention.end - mention.start == 1 else doc[mention.end - 1]  # most mentions: one token
    return (code, country, mention.text, first.idx + offset, last.idx + len(last) + offset,
            mention.reason, mention.kind, role_part(code), mention.name)


def _members(mentions: list[Mention]) -> list[tuple]:
    """(mention, code, country) for every code of every mention: `Syrian and Kurdish fighters` is two."""
    if len(mentions) == 1 and len(mentions[0].codes) == 1 and mentions[0].countries:  # most sides
        mention = mentions[0]
        return [(mention, mention.codes[0], mention.countries[0])]
    return [(m, c, k) for m in mentions for c, k in zip(m.codes, m.countries, strict=False)]


def _dyads(roles: Roles, quad_class: int) -> list[tuple]:
    """(source mention, code, country, target mention, code, country) for every pair the roles give.
    A compound subject with no target (`Gondor and Rohan renewed ties`) is reciprocal when the
    event is cooperative: each member is the other's target, as the CAMEO manual codes it."""
    if len(roles.sources) == 1 and len(roles.targets) <= 1:  # most events: one mention a side
        source = roles.sources[0]
        target = roles.targets[0] if roles.targets else None
        if len(source.codes) == 1 and source.countries and (
                target is None or len(target.codes) == 1 and target.countries):
            if target is None:
                return [(source, source.codes[0], source.countries[0], None, None, None)]
            return [(source, source.codes[0], source.countries[0], target, target.codes[0], target.countries[0])]
    sources = _members(roles.sources) if roles.sources else []
    targets = _members(roles.targets) if roles.targets else []
    if not targets and len(sources) > 1 and quad_class in (1, 2) and len({c for _, c, _ in sources}) > 1:
        return [(*a, *b) for a in sources for b in sources if a[1] != b[1]]
    return [(*a, *b) for a in sources or (_NO_SIDE,) for b in targets or (_NO_SIDE,)]


# (event code, pattern code) -> (codebook entry, columns); a codebook has a few hundred codes
_CODE_COLUMNS = Memo("events: the columns of an event code", 4096)

# A record's columns after its article's (`context["doc_columns"]`), in their order: the sentence's,
# the event code's (_code_columns), the trigger's, the two sides' and the dyad.
_RECORD_COLUMNS = (
    "sentence_index", "sentence_text", "sentence_start", "sentence_end",
    "event_code", "verb_code", "event_root", "event_name", "quad_class", "goldstein", "plover_event", "plover_mode",
    "plover_context", "acled_disorder_type", "acled_event_type", "acled_sub_event_type", "acled_interaction",
    "acled_civilian_targeting", "fatalities",
    "verb_text", "verb_start", "verb_end", "trigger", "passive", "negated", "future", "hypothetical", "modality_text",
    "main_event", "rule_id", "rule_location", "rule_pattern", "roles_reason",
    *(f"source_{name}" for name in _FIELDS), *(f"target_{name}" for name in _FIELDS), "dyad")


def _record_template(context: dict) -> dict:
    """Every column of a record of the article, in order, its own columns filled and the rest None:
    a record starts as a copy of it. A copy is one C-level copy of the whole table, where building
    the dict column by column hashed each key in and grew the table three times (measured: 15,000
    fewer instructions a record). Made once per article (per `doc_columns` dict) and kept in `context`."""
    doc_columns = context["doc_columns"]
    made = context.get("_record_template")
    if made is None or made[0] is not doc_columns:
        made = context["_record_template"] = (doc_columns, _empty_record(tuple(doc_columns)).copy())
        made[1].update(doc_columns)
    return made[1]


@lru_cache(maxsize=8)
def _empty_record(doc_keys: tuple[str, ...]) -> dict:
    """Every column of a record, in order, each None, for an article whose columns are `doc_keys`
    (never written to: callers copy it). Made once per set of article columns (one per run): copying
    it and setting the article's values costs a fifth of building the 85-column dict anew for each
    article, which grew its table and hashed every key in twice. (Article and record columns are
    disjoint, so the article's values set after the copy are the ones the merge gave.)"""
    return dict.fromkeys(("event_id", *doc_keys, *_RECORD_COLUMNS))


def _code_columns(info, code: str, verb_code: str) -> dict:
    """The columns an event code and its pattern's code decide, from the codebook entry `info`:
    worked out once per pair (and per entry: another ontology's entry for the same code is another)."""
    found = _CODE_COLUMNS.get((code, verb_code))
    if found is not None and found[0] is info:
        return found[1]
    columns = {
        "event_code": code, "verb_code": verb_code, "event_root": code[:2], "event_name": info.name,
        "quad_class": info.quad_class, "goldstein": info.goldstein, "plover_event": info.plover_event,
        "plover_mode": info.plover_mode, "plover_context": info.plover_context,
        # The codebook's ACLED label until coding/acled.py types the event from its sentence.
        "acled_disorder_type": None, "acled_event_type": info.acled_event_type,
        "acled_sub_event_type": info.acled_sub_event_type, "acled_interaction": None,
        "acled_civilian_targeting": None, "fatalities": None,
    }
    _CODE_COLUMNS.remember((code, verb_code), (info, columns))  # the entry is kept: its id cannot be reused
    return columns


def build_records(*, ontology: Ontology, sent: Sentence, match: TriggerMatch, roles: Roles, mood: Modality,
                  context: dict, require_dyad: bool, main_event: bool = True,
                  modality_rules: list[ModalityRule] = ()) -> tuple[list[dict], str]:
    """Records for one trigger and why they were (not) made."""
    spec = match.pattern.spec
    verb_code = spec.code
    if verb_code == NULL_CODE:
        return [], "dropped: a null pattern (code 00) matched, which codes nothing"
    code, rule = apply_modality(modality_rules, verb_code, mood)
    info = ontology.event_info(code)
    if info is None:
        return [], f"dropped: event code {code} is not in the codebook"
    if not roles.sources and not roles.targets:
        return [], "dropped: neither side names an actor"
    dyads = _dyads(roles, info.quad_class)
    if require_dyad:
        dyads = [d for d in dyads if d[1] and d[4]]
    if not dyads:
        missing = "source" if not roles.sources else "target"
        return [], f"dropped: no {missing} actor (--require-dyad keeps only events with both sides)"
    doc, offset = sent.doc, context["offset"]
    if len(match.words) == 1 or not match.words:  # most patterns: one literal word
        first = last = doc[match.words[0] if match.words else match.anchor]
        verb_text = first.text
    else:
        words = [doc[i] for i in match.words]
        first, last = words[0], words[-1]
        verb_text = " ".join([w.text for w in words])
    verb_start, verb_end = first.idx + offset, last.idx + len(last) + offset
    doc_id, sentence_index = context["doc_columns"]["doc_id"], context["sentence_index"]
    # every record of the trigger starts as (a copy of) this: a copy is cheaper than a merge
    shared = _record_template(context).copy()  # every column in place: each is set below, none added
    shared["sentence_index"], shared["sentence_text"] = sentence_index, context["sentence_text"]
    shared["sentence_start"], shared["sentence_end"] = context["sentence_start"], context["sentence_end"]
    shared.update(_code_columns(info, code, verb_code))
    shared["verb_text"], shared["verb_start"], shared["verb_end"] = verb_text, verb_start, verb_end
    shared["trigger"], shared["passive"], shared["negated"] = spec.trigger, roles.passive, mood.negated
    shared["future"], shared["hypothetical"], shared["modality_text"] = mood.future, mood.hypothetical, mood.cue or None
    shared["main_event"], shared["rule_id"], shared["rule_location"] = main_event, spec.pid, spec.where
    shared["rule_pattern"], shared["roles_reason"] = spec.text, roles.how
    records, skipped, last = [], 0, len(dyads) - 1
    for n, (s_mention, s_code, s_country, t_mention, t_code, t_country) in enumerate(dyads):
        if s_code is not None and s_code == t_code:
            skipped += 1
            continue
        source = _side_values(doc, s_mention, s_code, s_country, offset)
        target = _side_values(doc, t_mention, t_code, t_country, offset)
        record = shared if n == last else shared.copy()  # most triggers: one record, the shared dict itself
        # every column is already in its place (the template's order): event_id, the sides, dyad
        record["event_id"] = event_id(doc_id, sentence_index, verb_start, s_code, source[3], t_code, target[3], code)
        (record["source_code"], record["source_country"], record["source_text"], record["source_start"],
         record["source_end"], record["source_reason"], record["source_kind"], record["source_sector"],
         record["source_name"]) = source
        (record["target_code"], record["target_country"], record["target_text"], record["target_start"],
         record["target_end"], record["target_reason"], record["target_kind"], record["target_sector"],
         record["target_name"]) = target
        record["dyad"] = source[6] != "unknown" and target[6] != "unknown"  # both kinds known
        records.append(record)
    if not records:
        return [], "dropped: source and target are the same actor"
    note = f" ({skipped} self-directed pairs dropped)" if skipped else ""
    note += f"; coded {code} for pattern {verb_code}: {rule} (codebook modality table)" if rule else ""
    return records, "kept" + note

"""Plain-text rendering of a traced article for `eventcoder explain`."""
from __future__ import annotations

from coder.coding.coder import DocResult


# Which step filled a side, by its `*_kind`.
STEPS = {"actor": "an actor mention", "place": "a place standing for its country",
         "context": "a role noun with its country from context", "unknown": "nothing (---)"}


def _actors(mentions) -> str:
    return ", ".join(f"{m.text} [{'/'.join(m.codes)}]" for m in mentions) or "-"


def render(result: DocResult) -> str:
    lines = []
    for trace in result.traces or []:
        lines.append(f"sentence {trace.index}: {trace.text}")
        if trace.discarded:
            lines.append(f"  skipped: {trace.discarded}")
            continue
        lines.append("  actors:")
        for m in trace.mentions:
            lines.append(f"    {m.text!r} -> {'/'.join(m.codes)}   ({m.reason}; {m.where})")
        if not trace.mentions:
            lines.append("    (none)")
        for note in trace.notes:
            lines.append(f"    ({note})")
        lines.append("  triggers:")
        if not trace.candidates:
            lines.append("    (no pattern matched)")
        for match, roles, mood, why in trace.candidates:
            spec = match.pattern.spec
            lines.append(f"    {spec.trigger} pattern '{spec.text}' -> {spec.code} (rule {spec.pid}, {spec.where})")
            lines.append(f"      source: {_actors(roles.sources)}   target: {_actors(roles.targets)}")
            lines.append(f"      how: {roles.how or '-'}{'; passive' if roles.passive else ''}")
            flags = [name for name in ("negated", "future", "hypothetical") if getattr(mood, name)]
            if flags:
                lines.append(f"      modality: {', '.join(flags)} (cue: {mood.cue})")
            lines.append(f"      {why}")
    events = result.events
    lines.append(f"{len(events)} event(s):")
    for e in events:
        flags = "".join(f" [{n}]" for n in ("negated", "future", "hypothetical") if e[n])
        flags += "" if e["main_event"] else " [not the main event]"
        lines.append(f"  {e['source_code']} {e['event_code']} {e['target_code']}  "
                     f"({e['event_name']}; date {e['event_date'] or 'unknown'}){flags}")
        if e["verb_code"] != e["event_code"]:
            lines.append(f"      code: pattern {e['verb_code']} -> {e['event_code']} ({e['modality_text']})")
        for side in ("source", "target"):
            lines.append(f"      {side} filled by {STEPS[e[side + '_kind']]}: {e[side + '_reason']}")
        lines.append(f"      when: {e['date_reason']}")
        place = f"{e['location_name']}, {e['location_country']} (precision {e['geo_precision']})" \
            if e["location_name"] else "unknown"
        lines.append(f"      where: {place}: {e['location_reason']}")
    return "\n".join(lines)

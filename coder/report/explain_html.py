"""HTML rendering of traced articles for `eventcoder explain --html`.

The same traced DocResult the text view (explain.py) renders: each sentence with its actors,
trigger words, sources, targets and event location marked in their own colours and labelled with
their codes, then the decision trace (pattern, file:line, why kept or dropped) and the events.
One self-contained page: inline CSS, no scripts, no network.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from coder import __version__
from coder.coding.coder import DocResult, Trace

# kind -> (legend text, background, border); the order is the precedence where marks overlap.
KINDS = {
    "trigger": ("trigger (pattern words)", "#dcfce7", "#15803d"),
    "source": ("source actor", "#dbeafe", "#1d4ed8"),
    "target": ("target actor", "#ffe4e6", "#be123c"),
    "location": ("event location", "#f3e8ff", "#7e22ce"),
    "actor": ("other actor", "#f1f5f9", "#64748b"),
}

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1e293b;
       max-width: 1100px; margin: 1.5em auto; padding: 0 1.2em; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 .2em; } h2 { font-size: 1.15em; margin: 1.6em 0 .4em;
     border-bottom: 2px solid #e2e8f0; padding-bottom: .2em; }
.meta { color: #64748b; font-size: .9em; }
.legend span.m { margin-right: .6em; }
.sentence { border: 1px solid #e2e8f0; border-radius: 8px; padding: .7em 1em; margin: .9em 0; }
.sentence .text { font-size: 1.12em; line-height: 2.3; }
.idx { color: #94a3b8; font-size: .85em; margin-right: .4em; }
mark.m { padding: .15em .25em; border-radius: 4px; border-bottom: 3px solid; color: inherit; }
.lbl { font: 600 .68em/1 ui-monospace, "DejaVu Sans Mono", monospace; vertical-align: .15em; margin-left: .3em;
       padding: .1em .3em; border-radius: 3px; color: #fff; white-space: nowrap; }
details { margin-top: .4em; } summary { cursor: pointer; color: #334155; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; font-size: .9em; }
th, td { text-align: left; vertical-align: top; padding: .25em .5em; border-bottom: 1px solid #e2e8f0; }
th { background: #f8fafc; font-weight: 600; }
code { font: .92em ui-monospace, "DejaVu Sans Mono", monospace; }
.kept { color: #15803d; font-weight: 600; } .dropped { color: #b91c1c; font-weight: 600; }
td.kept, td.dropped { min-width: 13em; }
.skipped { color: #b45309; }
"""


@dataclass
class _Mark:
    start: int  # token indices in the paragraph Doc
    end: int
    kind: str
    label: str


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _kind_css() -> str:
    return "\n".join(f"mark.{k} {{ background: {bg}; border-color: {fg}; }} .lbl.{k} {{ background: {fg}; }}"
                     for k, (_, bg, fg) in KINDS.items())


def _location_mark(trace: Trace, events: list[dict]) -> _Mark | None:
    """The event location when it lies in this sentence (offsets in events are the article's)."""
    span, doc = trace.span, trace.doc
    lead = len(span.text) - len(span.text.lstrip())
    for record in events:
        if record["sentence_index"] != trace.index or record["location_start"] is None:
            continue
        shift = span.start_char + lead - record["sentence_start"]  # article offset -> paragraph offset
        found = doc.char_span(record["location_start"] + shift, record["location_end"] + shift,
                              alignment_mode="expand")
        if found is not None and span.start <= found.start and found.end <= span.end:
            label = record["location_country"] or ""
            return _Mark(found.start, found.end, "location", label)
    return None


def _marks(trace: Trace, events: list[dict]) -> list[_Mark]:
    """Every mark of a sentence; the kept candidates decide who is source and target."""
    role_of: dict[tuple[int, int], str] = {}
    marks = []
    for match, roles, _mood, why in trace.candidates:
        if not why.startswith("kept"):
            continue  # dropped candidates are explained in the trace table, not marked as events
        for side, mentions in (("source", roles.sources), ("target", roles.targets)):
            for m in mentions:
                role_of.setdefault((m.start, m.end), side)
        words = sorted(match.words) or [match.anchor]
        marks += [_Mark(w, w + 1, "trigger", match.code if n == 0 else "") for n, w in enumerate(words)]
    for m in trace.mentions:
        marks.append(_Mark(m.start, m.end, role_of.get((m.start, m.end), "actor"), "/".join(m.codes)))
    location = _location_mark(trace, events)
    if location:
        marks.append(location)
    # Resolve overlaps token by token in KINDS order; a mark keeps the tokens no stronger mark took.
    order = list(KINDS)
    taken: dict[int, _Mark] = {}
    for mark in sorted(marks, key=lambda k: order.index(k.kind)):
        for i in range(mark.start, mark.end):
            taken.setdefault(i, mark)
    return [taken.get(i) for i in range(trace.span.start, trace.span.end)]


def _sentence_html(trace: Trace, events: list[dict]) -> str:
    doc, marks = trace.doc, _marks(trace, events)
    out, i = [], 0
    tokens = list(range(trace.span.start, trace.span.end))
    # A mark split by a stronger one (a place around pattern words) is labelled once, at its end.
    last = {id(mark): n for n, mark in enumerate(marks) if mark is not None}
    while i < len(tokens):
        mark = marks[i]
        j = i + 1
        while j < len(tokens) and mark is not None and marks[j] is mark:
            j += 1
        words = "".join(doc[t].text + doc[t].whitespace_ for t in tokens[i:j])
        text, space = words.rstrip(), words[len(words.rstrip()):]
        if mark is None:
            out.append(_esc(words))
        else:
            labelled = mark.label and last[id(mark)] == j - 1
            label = f'<span class="lbl {mark.kind}">{_esc(mark.label)}</span>' if labelled else ""
            out.append(f'<mark class="m {mark.kind}" title="{_esc(KINDS[mark.kind][0])}">{_esc(text)}{label}</mark>'
                       f"{_esc(space)}")
        i = j
    return "".join(out)


def _actors_text(mentions) -> str:
    return ", ".join(f"{m.text} [{'/'.join(m.codes)}]" for m in mentions) or "-"


def _trace_html(trace: Trace) -> str:
    rows = "".join(f"<tr><td>{_esc(m.text)}</td><td><code>{_esc('/'.join(m.codes))}</code></td>"
                   f"<td>{_esc(m.reason)}</td><td><code>{_esc(m.where)}</code></td></tr>" for m in trace.mentions)
    actors = (f"<table><tr><th>actor</th><th>code</th><th>why this code</th><th>entry</th></tr>{rows}</table>"
              if rows else "<p>No actors.</p>")
    cands = []
    for match, roles, mood, why in trace.candidates:
        spec = match.pattern.spec
        flags = [n for n in ("negated", "future", "hypothetical") if getattr(mood, n)]
        modality = f"{', '.join(flags)} (cue: {mood.cue})" if flags else "-"
        verdict = "kept" if why.startswith("kept") else "dropped"
        cands.append(f"<tr><td><code>{_esc(spec.text)}</code> ({_esc(spec.trigger)})</td>"
                     f"<td><code>{_esc(spec.code)}</code></td><td><code>{_esc(spec.where)}</code><br>"
                     f"<span class='meta'>rule {_esc(spec.pid)}</span></td>"
                     f"<td>{_esc(_actors_text(roles.sources))}</td><td>{_esc(_actors_text(roles.targets))}</td>"
                     f"<td>{_esc(roles.how or '-')}{'; passive' if roles.passive else ''}</td><td>{_esc(modality)}</td>"
                     f"<td class='{verdict}'>{_esc(why)}</td></tr>")
    patterns = ("<table><tr><th>pattern</th><th>code</th><th>file:line</th><th>source</th><th>target</th>"
                f"<th>how</th><th>modality</th><th>decision</th></tr>{''.join(cands)}</table>"
                if cands else "<p>No pattern matched.</p>")
    return f"<details open><summary>decision trace</summary>{actors}{patterns}</details>"


def _events_html(events: list[dict]) -> str:
    if not events:
        return "<p>No events.</p>"
    rows = []
    for e in events:
        flags = " ".join(f"[{n}]" for n in ("negated", "future", "hypothetical") if e[n])
        place = f"{e['location_name']}, {e['location_country']}" if e["location_name"] else "unknown"
        rows.append(f"<tr><td>{e['sentence_index']}</td><td><code>{_esc(e['source_code'])}</code></td>"
                    f"<td><code>{_esc(e['event_code'])}</code> {_esc(e['event_name'])} {_esc(flags)}</td>"
                    f"<td><code>{_esc(e['target_code'])}</code></td>"
                    f"<td>{_esc(e['event_date'] or 'unknown')}<br><span class='meta'>{_esc(e['date_reason'])}</span></td>"
                    f"<td>{_esc(place)}<br><span class='meta'>{_esc(e['location_reason'])}</span></td></tr>")
    return ("<table><tr><th>sentence</th><th>source</th><th>event</th><th>target</th><th>when</th><th>where</th></tr>"
            f"{''.join(rows)}</table>")


def render_article(result: DocResult, *, title: str | None = None, date=None) -> str:
    """One article's section: its sentences, their traces, then its events."""
    parts = [f"<section><h2>{_esc(title or result.doc_id)}</h2>",
             f"<p class='meta'>article date {_esc(date or 'unknown')} · {result.sentences} sentences · "
             f"{len(result.events)} events · status {_esc(result.status)}</p>"]
    if not result.traces:
        parts.append(f"<p class='skipped'>{_esc(result.reason or 'no text to code')}</p>")
    for trace in result.traces or []:
        parts.append(f"<div class='sentence'><div class='text'><span class='idx'>{trace.index}</span>")
        if trace.discarded:
            parts.append(f"{_esc(trace.text)}</div><p class='skipped'>skipped: {_esc(trace.discarded)}</p></div>")
            continue
        parts.append(f"{_sentence_html(trace, result.events)}</div>{_trace_html(trace)}</div>")
    parts.append(f"<h3>Events</h3>{_events_html(result.events)}</section>")
    return "".join(parts)


def render_page(articles: list[tuple[DocResult, str | None, object]], *, heading: str = "eventcoder explain",
                note: str = "") -> str:
    """A whole page: `articles` are (traced result, title, article date) triples."""
    legend = " ".join(f'<mark class="m {k}">{_esc(text)}</mark>' for k, (text, _, _) in KINDS.items())
    body = "".join(render_article(result, title=title, date=date) for result, title, date in articles)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_esc(heading)}</title>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<style>{CSS}{_kind_css()}</style></head><body><h1>{_esc(heading)}</h1>"
            f"<p class='meta'>eventcoder {_esc(__version__)} {_esc(note)}</p><p class='legend'>{legend}</p>"
            f"{body}</body></html>")

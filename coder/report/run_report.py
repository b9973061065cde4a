"""`eventcoder report EVENTS.parquet -o report.html`: a one-page report of a coding run.

Events over time by QuadClass, the top root codes, dyads and countries, a map of located events,
the share of events that are undated, unlocated or one-sided, and the run's manifest totals when
the manifest (`EVENTS.manifest.jsonl`) lies beside the events. Plots are drawn with matplotlib (the
`eventcoder[report]` extra) and embedded as PNG, so the page needs no network and no scripts.

No well-kept package ships small country outlines for offline use (geodatasets and cartopy fetch
Natural Earth on first use), so the map is a longitude/latitude scatter with the busiest places named.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from coder import __version__
from coder.errors import EventcoderError
from coder.io.export import country_name, read_events
from coder.runs.manifest import STATUSES, manifest_path
from coder.report.explain_html import CSS as BASE_CSS

QUAD_CLASSES = {1: ("verbal cooperation", "#86efac"), 2: ("material cooperation", "#15803d"),
                3: ("verbal conflict", "#fdba74"), 4: ("material conflict", "#b91c1c")}
TOP = 15

CSS = BASE_CSS + """
.cards { display: flex; gap: .8em; flex-wrap: wrap; margin: .6em 0; }
.card { border: 1px solid #e2e8f0; border-radius: 8px; padding: .5em .9em; min-width: 9em; }
.card b { display: block; font-size: 1.45em; } .card span { color: #64748b; font-size: .88em; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2em; }
figure { margin: .4em 0; } figure img { width: 100%; height: auto; }
figcaption { color: #64748b; font-size: .85em; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.compact { width: auto; min-width: 45%; }
"""


def root_names() -> dict[str, str]:
    """CAMEO root code -> name, from the shipped codebook (only the codebook is read)."""
    from coder.ontology.load import default_ontology_dir, load_ontology

    codebook = load_ontology([default_ontology_dir() / "codebook"]).codebook
    return {code: entry.name for code, entry in codebook.items() if len(code) == 2}


def _require_matplotlib():
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no display is needed or wanted
        import matplotlib.pyplot as plt
    except ImportError:
        raise EventcoderError("E703", "the run report draws its plots with matplotlib: "
                              "pip install 'eventcoder[report]'", "report") from None
    return plt


@dataclass
class RunSummary:
    """What the report shows, computed from the events (and the manifest when there is one)."""

    events: int
    documents: int
    undated: int
    unlocated: int
    one_sided: int
    timeline: dict[tuple[dt.date, int], int]  # (day or month start, QuadClass) -> events
    timeline_unit: str  # day | month
    roots: list[tuple[str, int]]
    dyads: list[tuple[str, str, int]]
    countries: list[tuple[str, int]]
    points: list[tuple[float, float, str]]  # lon, lat, place name (one per event)
    manifest: dict | None = None
    metadata: dict = field(default_factory=dict)


def _counts(values) -> Counter:
    return Counter(v for v in values if v is not None)


def _one_sided(events: pa.Table) -> int:
    if "dyad" in events.column_names:
        return sum(1 for v in events.column("dyad").to_pylist() if not v)

    def unknown(code):
        return not code or code == "---"

    return sum(1 for s, t in zip(events.column("source_code").to_pylist(), events.column("target_code").to_pylist(),
                                 strict=True) if unknown(s) or unknown(t))


def read_manifest(path: Path) -> dict | None:
    """Totals of a run's manifest (`EVENTS.manifest.jsonl`), or None when there is none."""
    manifest = manifest_path(path)
    if not manifest.exists():
        return None
    statuses, reasons = Counter(), Counter()
    totals = {"documents": 0, "sentences": 0, "events": 0, "seconds": 0.0}
    with open(manifest, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                raise EventcoderError("E104", "manifest line is not JSON: re-run or --resume the run",
                                      f"{manifest}:{n}") from None
            statuses[row.get("status")] += 1
            totals["documents"] += 1
            for key in ("sentences", "events", "seconds"):
                totals[key] += row.get(key) or 0
            if row.get("status") in ("skipped", "failed"):
                reasons[f"{row['status']}: {row.get('error_code') or ''} {row.get('reason') or ''}".strip()] += 1
    return {"path": str(manifest), "statuses": dict(statuses), "reasons": reasons.most_common(10), **totals}


def _metadata(path: Path) -> dict:
    try:
        raw = pq.ParquetDataset(path).schema.metadata if path.is_dir() else pq.read_schema(path).metadata
    except (pa.ArrowInvalid, OSError):
        return {}
    found = {k.decode().removeprefix("eventcoder."): v.decode() for k, v in (raw or {}).items()
             if k.startswith(b"eventcoder.")}
    if "options" in found:
        found["options"] = json.loads(found["options"])
    return found


def summarise(path: str | Path) -> RunSummary:
    path = Path(path)
    events = read_events(path)
    dates = events.column("event_date").to_pylist()
    known = [d for d in dates if d is not None]
    unit = "month" if known and (max(known) - min(known)).days > 120 else "day"
    timeline = Counter()
    for day, quad in zip(dates, events.column("quad_class").to_pylist(), strict=True):
        if day is not None:
            timeline[(day.replace(day=1) if unit == "month" else day, quad)] += 1
    pairs = [(s, t) for s, t in zip(events.column("source_code").to_pylist(), events.column("target_code").to_pylist(),
                                    strict=True) if s and t and "---" not in (s, t)]
    lats, lons = events.column("latitude").to_pylist(), events.column("longitude").to_pylist()
    names = events.column("location_name").to_pylist()
    return RunSummary(
        events=events.num_rows, documents=len(pc.unique(events.column("doc_id"))),
        undated=events.num_rows - len(known), unlocated=sum(1 for v in lats if v is None),
        one_sided=_one_sided(events), timeline=dict(timeline), timeline_unit=unit,
        roots=_counts(events.column("event_root").to_pylist()).most_common(TOP),
        dyads=[(s, t, n) for (s, t), n in Counter(pairs).most_common(TOP)],
        countries=_counts(events.column("location_country").to_pylist()).most_common(TOP),
        points=[(lon, lat, name or "") for lat, lon, name in zip(lats, lons, names, strict=True) if lat is not None],
        manifest=read_manifest(path), metadata=_metadata(path))


# ---------------------------------------------------------------------------- plots

def _png(fig, *, tight: bool = True) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight" if tight else None)
    fig.clf()
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x" if ax.get_ylabel() == "" else "y", color="#e2e8f0", linewidth=.8)
    ax.set_axisbelow(True)


def plot_timeline(plt, summary: RunSummary) -> str | None:
    if not summary.timeline:
        return None
    periods = sorted({p for p, _ in summary.timeline})
    fig, ax = plt.subplots(figsize=(10, 3.2))
    width = 20 if summary.timeline_unit == "month" else 0.8
    bottom = [0] * len(periods)
    for quad, (label, colour) in QUAD_CLASSES.items():
        heights = [summary.timeline.get((p, quad), 0) for p in periods]
        ax.bar(periods, heights, width=width, bottom=bottom, color=colour, label=f"{quad} {label}")
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel(f"events per {summary.timeline_unit}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, ncols=4, loc="upper left", bbox_to_anchor=(0, 1.18), fontsize=9)
    if len(periods) < 15:
        ax.set_xticks(periods, [p.strftime("%Y-%m" if summary.timeline_unit == "month" else "%Y-%m-%d")
                                for p in periods])
    else:
        fig.autofmt_xdate()
    _style(ax)
    return _png(fig)


def plot_bars(plt, rows: list[tuple[str, int]], colour: str, slots: int = TOP) -> str | None:
    """Horizontal bars, labels cut to one width so that two charts side by side match in scale."""
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(5, 0.3 * slots + 0.8))
    fig.subplots_adjust(left=0.42, right=0.93, top=0.98, bottom=0.1)  # same frame for every bar chart
    labels = [r[0] if len(r[0]) <= 26 else r[0][:25] + "…" for r in rows]
    values = [r[1] for r in rows]
    ax.barh(range(len(rows)), values, color=colour)
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(max(len(rows), slots) - 0.4, -0.6)  # first row on top; few rows keep their thickness
    for y, value in enumerate(values):
        ax.text(value, y, f" {value}", va="center", fontsize=8, color="#334155")
    ax.tick_params(axis="y", labelsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("events")
    _style(ax)
    return _png(fig, tight=False)


def plot_map(plt, summary: RunSummary) -> str | None:
    if not summary.points:
        return None
    places = Counter((round(lon, 2), round(lat, 2), name) for lon, lat, name in summary.points)
    lons = [p[0] for p in places]
    lats = [p[1] for p in places]
    sizes = [18 + 14 * n ** 0.5 for n in places.values()]
    fig, ax = plt.subplots(figsize=(10, 4.6))
    ax.scatter(lons, lats, s=sizes, color="#7e22ce", alpha=.55, edgecolor="#581c87", linewidth=.6)
    for rank, ((lon, lat, name), n) in enumerate(places.most_common(10)):
        # Alternate above and below the point: neighbouring places then rarely print over each other.
        ax.annotate(f"{name} ({n})", (lon, lat), textcoords="offset points", xytext=(7, 5 if rank % 2 else -11),
                    fontsize=8, color="#1e293b")
    pad = max(4.0, (max(lons) - min(lons)) * .15, (max(lats) - min(lats)) * .15)
    ax.set_xlim(max(-180, min(lons) - pad), min(180, max(lons) + pad))
    ax.set_ylim(max(-90, min(lats) - pad), min(90, max(lats) + pad))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.grid(color="#e2e8f0", linewidth=.8)
    ax.set_axisbelow(True)
    return _png(fig)


# ---------------------------------------------------------------------------- the page

def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _alt(rows: list[tuple[str, int]]) -> str:
    """The numbers of a bar chart as its alternative text, for screen readers and text browsers."""
    return "; ".join(f"{label} {n}" for label, n in rows)


def _figure(png: str | None, alt: str, caption: str) -> str:
    if png is None:
        return f"<p class='meta'>{_esc(caption)}: nothing to show.</p>"
    return (f"<figure><img alt='{_esc(alt)}' src='data:image/png;base64,{png}'>"
            f"<figcaption>{_esc(caption)}</figcaption></figure>")


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th class='{'n' if i in numeric else ''}'>{_esc(h)}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td class='{'n' if i in numeric else ''}'>{_esc(v)}</td>"
                                    for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table class='compact'><tr>{head}</tr>{body}</table>"


def _manifest_html(manifest: dict | None) -> str:
    if manifest is None:
        return "<p class='meta'>No manifest beside the events (EVENTS.manifest.jsonl), so no run totals.</p>"
    statuses = [[s, manifest["statuses"].get(s, 0)] for s in STATUSES if manifest["statuses"].get(s)]
    cards = "".join(f"<div class='card'><b>{v:,}</b><span>{_esc(k)}</span></div>" for k, v in (
        ("documents", manifest["documents"]), ("sentences", manifest["sentences"]), ("events", manifest["events"])))
    reasons = (_table(["skipped or failed, with the reason", "documents"], [list(r) for r in manifest["reasons"]], {1})
               if manifest["reasons"] else "<p>No document was skipped or failed.</p>")
    return (f"<div class='cards'>{cards}<div class='card'><b>{manifest['seconds']:,.1f} s</b>"
            f"<span>coding time</span></div></div>{_table(['status', 'documents'], statuses, {1})}{reasons}"
            f"<p class='meta'>from {_esc(manifest['path'])}</p>")


def render_report(summary: RunSummary, *, title: str) -> str:
    plt = _require_matplotlib()
    with plt.rc_context({"font.size": 9, "axes.edgecolor": "#94a3b8", "axes.labelcolor": "#334155",
                         "xtick.color": "#475569", "ytick.color": "#475569"}):
        timeline = plot_timeline(plt, summary)
        names, slots = root_names(), max(len(summary.roots), len(summary.countries), 6)
        root_rows = [(f"{r} {names.get(r, '')}".strip(), n) for r, n in summary.roots]
        country_rows = [(f"{country_name(c) or c} ({c})", n) for c, n in summary.countries]
        roots = plot_bars(plt, root_rows, "#1d4ed8", slots)
        countries = plot_bars(plt, country_rows, "#7e22ce", slots)
        located = plot_map(plt, summary)
        plt.close("all")
    n = summary.events
    cards = "".join(f"<div class='card'><b>{v}</b><span>{_esc(k)}</span></div>" for v, k in (
        (f"{n:,}", "events"), (f"{summary.documents:,}", "documents with events"),
        (_pct(summary.undated, n), f"undated ({summary.undated:,})"),
        (_pct(summary.unlocated, n), f"unlocated ({summary.unlocated:,})"),
        (_pct(summary.one_sided, n), f"one-sided ({summary.one_sided:,})")))
    meta = summary.metadata
    produced = (f"coder {_esc(meta.get('coder_version', '?'))}, ontology {_esc(meta.get('ontology_version', '?'))}, "
                f"analysis {_esc(meta.get('options', {}).get('analysis', '?'))}") if meta else "no eventcoder metadata"
    dyads = _table(["source", "target", "events"], [list(d) for d in summary.dyads], {2}) if summary.dyads \
        else "<p class='meta'>No event has two known actors.</p>"
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_esc(title)}</title>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head><body>"
        f"<h1>{_esc(title)}</h1><p class='meta'>report by eventcoder {_esc(__version__)} · events {produced}</p>"
        f"<div class='cards'>{cards}</div>"
        f"<h2>Events per {summary.timeline_unit}, by QuadClass</h2>"
        f"{_figure(timeline, 'events over time by QuadClass', f'{n - summary.undated:,} dated events')}"
        f"<div class='grid'><div><h2>Top root codes</h2>"
        f"{_figure(roots, 'events by CAMEO root code: ' + _alt(root_rows), 'CAMEO root code (two digits)')}</div>"
        f"<div><h2>Events by country</h2>"
        f"{_figure(countries, 'events by country: ' + _alt(country_rows), 'country of the event location')}</div></div>"
        f"<h2>Top dyads</h2>{dyads}"
        f"<h2>Located events</h2>"
        f"{_figure(located, 'map of located events', f'{len(summary.points):,} located events; size: events at the place')}"
        f"<h2>The run</h2>{_manifest_html(summary.manifest)}</body></html>")


def write_report(events_path: str | Path, output: str | Path, *, title: str | None = None) -> RunSummary:
    _require_matplotlib()  # fail before reading a large file
    summary = summarise(events_path)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(summary, title=title or f"eventcoder run report: {Path(events_path).name}"),
                      encoding="utf-8")
    return summary

"""eventcoder as a spaCy pipeline component: `nlp.add_pipe("eventcoder")`.

A thin adapter over `Coder.code_doc`, the same coding code as `eventcoder code`: it finds events in
each Doc and writes them where spaCy users look for results:

- `doc._.events`: the event records, exactly as `Coder` makes them (dicts of the event columns);
- `doc.spans["eventcoder_actors"]`: every actor mention, labelled with its CAMEO code(s);
- `doc.spans["eventcoder_triggers"]`: the words of each pattern that made an event, labelled with
  the event code.

The article date comes from `doc._.doc_date` (a `datetime.date` or `YYYY-MM-DD`), the id that goes
into each record from `doc._.doc_id`. The ontology is
data, not config: it is loaded by `initialize(ontology=[...])` (the default ontology when none is
given, or on first use) and saved and restored by `to_disk` / `from_disk`.
"""
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from coder.coding.sentences import ArraySentencizer

ACTORS_KEY = "eventcoder_actors"
TRIGGERS_KEY = "eventcoder_triggers"
_STORE = "_eventcoder_events"  # records with ISO date strings, so DocBin (msgpack) can carry them


def _events_getter(doc: Doc) -> list[dict] | None:
    stored = doc._.get(_STORE)
    if stored is None:
        return None
    return [{k: dt.date.fromisoformat(v) if k in _DATE_COLUMNS and v else v for k, v in r.items()} for r in stored]


_DATE_COLUMNS = ("event_date", "doc_date")
for _name, _kwargs in (("doc_date", {"default": None}), ("doc_id", {"default": None}), (_STORE, {"default": None}), ("events", {"getter": _events_getter})):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, **_kwargs)


@Language.factory(
    "eventcoder",
    assigns=["doc._.events", "doc.spans"],
    default_config={"analysis": "auto", "require_dyad": True, "geocode": True, "geonames_file": None,
                    "actors_key": ACTORS_KEY, "triggers_key": TRIGGERS_KEY},
)
def make_eventcoder(nlp: Language, name: str, analysis: str, require_dyad: bool, geocode: bool,
                    geonames_file: str | None, actors_key: str, triggers_key: str) -> "EventcoderComponent":
    return EventcoderComponent(nlp, name, analysis=analysis, require_dyad=require_dyad, geocode=geocode,
                               geonames_file=geonames_file, actors_key=actors_key, triggers_key=triggers_key)


class EventcoderComponent:
    """Codes each Doc into CAMEO events (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "eventcoder", *, analysis: str = "auto", require_dyad: bool = True,
                 geocode: bool = True, geonames_file: str | None = None, actors_key: str = ACTORS_KEY,
                 triggers_key: str = TRIGGERS_KEY):
        if analysis not in ("auto", "shallow", "dependency"):
            raise ValueError(f"[eventcoder] analysis must be auto, shallow or dependency, not {analysis!r}")
        self.nlp, self.name = nlp, name
        self.analysis, self.require_dyad, self.geocode, self.geonames_file = analysis, require_dyad, geocode, geonames_file
        self.actors_key, self.triggers_key = actors_key, triggers_key
        self.ontology_dirs: list[Path] | None = None
        self.coder = None
        self._sentencizer = ArraySentencizer()  # spaCy's rule-based sentences, set from arrays

    # ------------------------------------------------------------------ loading the ontology

    # No postponed annotations in this module: spaCy validates initialize()'s signature at run time.
    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   ontology: list[str] | None = None) -> None:
        """Load the ontology: the default one, or these folders layered as with `--ontology`."""
        self.ontology_dirs = [Path(p) for p in ontology] if ontology else None
        self._load()

    def _load(self) -> None:
        from coder.coding.coder import Coder

        analysis = self.analysis
        if analysis == "auto":
            before = self.nlp.pipe_names[:self.nlp.pipe_names.index(self.name)] if self.name in self.nlp.pipe_names \
                else self.nlp.pipe_names
            analysis = "dependency" if "parser" in before else "shallow"
        self.coder = Coder(ontology=self.ontology_dirs, analysis=analysis, nlp=self.nlp, require_dyad=self.require_dyad,
                           geocode=self.geocode, geonames_file=self.geonames_file)

    # ------------------------------------------------------------------ coding

    def __call__(self, doc: Doc) -> Doc:
        if self.coder is None:
            self._load()  # no initialize() call: the default ontology
        if not doc.has_annotation("SENT_START"):
            doc = self._sentencizer(doc)  # a pipeline with no parser or sentencizer
        result = self.coder.code_doc(doc, date=doc._.doc_date, doc_id=doc._.doc_id or "doc",
                                     trace=True)
        self.set_annotations(doc, result)
        return doc

    def set_annotations(self, doc: Doc, result) -> None:
        doc._.set(_STORE, [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in r.items()}
                           for r in result.events])
        actors, seen = [], set()
        for trace in result.traces:
            for mention in trace.mentions:
                if (mention.start, mention.end) not in seen:
                    seen.add((mention.start, mention.end))
                    actors.append(Span(doc, mention.start, mention.end, label="/".join(mention.codes)))
        triggers, seen = [], set()
        for record in result.events:
            span = doc.char_span(record["verb_start"], record["verb_end"], label=record["event_code"],
                                 alignment_mode="expand")
            if span is not None and (span.start, span.end, span.label_) not in seen:
                seen.add((span.start, span.end, span.label_))
                triggers.append(span)
        doc.spans[self.actors_key] = SpanGroup(doc, name=self.actors_key, spans=actors)
        doc.spans[self.triggers_key] = SpanGroup(doc, name=self.triggers_key, spans=triggers)

    # ------------------------------------------------------------------ serialisation

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the ontology with the pipeline: the default one by name, your folders as copies."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        folders = []
        for n, folder in enumerate(self.ontology_dirs or []):
            target = path / f"ontology_{n}"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(folder, target)
            folders.append(target.name)
        (path / "eventcoder.json").write_text(json.dumps({"ontology": folders or None}), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EventcoderComponent":
        path = Path(path)
        saved = json.loads((path / "eventcoder.json").read_text(encoding="utf-8"))
        self.ontology_dirs = [path / name for name in saved["ontology"]] if saved["ontology"] else None
        self._load()
        return self

"""The one orchestrator: the CLI, the Python API and the distributed engine all call Coder.

An article goes: clean (segment) -> spaCy Doc per paragraph -> actors -> triggers -> roles ->
records -> schema check. Every article comes back as a DocResult with a status, so a batch can
account for each document it was given.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.pipeline import TrainablePipe

from coder import __version__
from coder.coding.actors import ActorFinder, Mention
from coder.coding.acled import AcledTyper, rules_for
from coder.ontology.cache import load_compiled
from coder.process import freeze_while_alive
from coder.errors import EventcoderError, InputError, ModelError
from coder.coding.clauses import coordinated_verb, drop_speaker_target, is_main_event, share_with, speakers
from coder.coding.events import build_records
from coder.coding.fill import ContextCountry, PlaceActors, inside_pattern, material_or_meeting
from coder.io.read import Article, Skipped, parse_date, unique_ids
from coder.ontology.model import Ontology
from coder.coding.wherewhen import WhereWhen, article_date
from coder.io.columns import LOCATION_COLUMNS
from coder.coding.roles import Sentence, dependency_roles, modality, shallow_roles
from coder.coding.segment import CleanArticle, Paragraph, clean_article
from coder.coding.sentences import pipe_texts
from coder.coding.tokenizer import blank_english
from coder.coding.triggers import DiscardFinder, TriggerFinder, TriggerMatch
from coder.io.schema import validate_records

ANALYSES = ("shallow", "dependency")


def _actor_index(doc, mentions: list[Mention]) -> tuple[list[int | None], dict[int, int]]:
    """For the trigger finder: which mention each token belongs to, and where each mention ends."""
    actor_at: list[int | None] = [None] * len(doc)
    for n, mention in enumerate(mentions):
        actor_at[mention.start:mention.end] = [n] * (mention.end - mention.start)
    return actor_at, {n: m.end for n, m in enumerate(mentions)}


def _is_unicode(text: str) -> bool:
    """False for strings with lone surrogates, which no UTF-8 file (Parquet, JSONL) can hold."""
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def packaged_model_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "en_eventcoder_ud"


def load_pipeline(analysis: str, model: str | None):
    """spaCy pipeline for a mode: a blank tokenizer with rule-based sentences for `shallow`; a
    trained pipeline with a parser (the packaged one unless `model` names another) for `dependency`."""
    if analysis == "shallow":
        return blank_english(), "shallow"  # spaCy's tokens, less work per new word (coding/tokenizer.py)
    name = model or str(packaged_model_dir())
    if model is None:
        _check_spacy_version(packaged_model_dir())
    try:
        nlp = spacy.load(name, exclude=["ner", "textcat", "entity_ruler", "entity_linker"])
    except (OSError, IOError, ValueError) as exc:
        hint = "install it (pip install <package>) or pass a folder" if model else "reinstall eventcoder"
        raise ModelError("E401", f"cannot load spaCy pipeline '{name}': {str(exc).splitlines()[0][:200]}; {hint}",
                         "--model") from None
    if "parser" not in nlp.pipe_names:
        raise ModelError("E402", f"pipeline '{name}' has no parser; dependency analysis needs one", "--model")
    label = f"dependency:{nlp.meta.get('name', Path(name).name)}-{nlp.meta.get('version', '?')}"
    return nlp, label


def _check_spacy_version(path: Path) -> None:
    """The shipped parser was trained with one spaCy release line; another may load it wrongly."""
    from packaging.specifiers import SpecifierSet

    meta = json.loads((path / "meta.json").read_text("utf-8"))
    wanted = meta.get("spacy_version", "")
    if wanted and spacy.__version__ not in SpecifierSet(wanted):
        raise ModelError("E403", f"the packaged parser needs spaCy {wanted} but spaCy {spacy.__version__} is installed: "
                         f"pip install 'spacy{wanted}', or pass --model with a pipeline for your spaCy", "--model")


@dataclass
class Trace:
    """What happened in one sentence, for `eventcoder explain`."""

    index: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[tuple[TriggerMatch, object, object, str]] = field(default_factory=list)
    discarded: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. why a surname stayed uncoded
    span: object = None  # the spaCy sentence Span (its .doc is the paragraph)

    @property
    def doc(self):
        return self.span.doc


@dataclass
class DocResult:
    doc_id: str | None
    status: str
    events: list[dict] = field(default_factory=list)
    sentences: int = 0
    boilerplate: dict = field(default_factory=dict)
    reason: str | None = None
    error_code: str | None = None
    seconds: float = 0.0  # cleaning, parsing (a share of a group's parse: see code_articles) and coding
    traces: list[Trace] | None = None


@dataclass(eq=False)
class _Cleaned:
    """An article read ahead by Coder.code_articles: cleaned, its paragraphs waiting for spaCy."""

    article: Article
    clean: CleanArticle
    result: DocResult
    seconds: float  # spent on it so far: cleaning, then its share of the group's parse


def _share_parse_time(waiting: list[_Cleaned], seconds: float) -> None:
    """Each article's share of one parse of several articles, by the length of its paragraphs, so
    a result's `seconds` still covers cleaning, parsing and coding it."""
    sizes = [sum(len(p.text) for p in entry.clean.paragraphs) for entry in waiting]
    total = sum(sizes) or 1
    for entry, size in zip(waiting, sizes):
        entry.seconds += seconds * size / total


def _failed(article: Article, err: Exception, on_error: str) -> DocResult:
    """A `failed` result for an article whose coding raised; with on_error='raise', the error."""
    if on_error == "raise":
        raise err
    if isinstance(err, EventcoderError):
        return DocResult(article.id, "failed", reason=str(err), error_code=err.code)
    # a bug; under `skip` it must not end a million-document run
    return DocResult(article.id, "failed", reason=f"{type(err).__name__}: {err}", error_code="E900")


class Coder:
    """Codes articles into CAMEO events.

    >>> coder = Coder()                                   # default ontology, shallow analysis
    >>> events = coder.code_text("Iraqi troops attacked Islamic State fighters.", date="2016-10-25")
    """

    def __init__(self, *, ontology: Ontology | list[str | Path] | None = None, analysis: str = "shallow",
                 model: str | None = None, require_dyad: bool = False, nlp=None, geocode: bool = True,
                 geonames_file: str | Path | None = None, context_country: bool = True,
                 main_events_only: bool = False):
        if analysis not in ANALYSES:
            raise EventcoderError("E001", f"analysis must be one of {', '.join(ANALYSES)}", "--analysis")
        self.analysis = analysis
        if nlp is not None:
            self.nlp, self.analysis_label = nlp, f"{analysis}:{nlp.meta.get('name', 'custom')}"
        else:
            self.nlp, self.analysis_label = load_pipeline(analysis, model)
        if isinstance(ontology, Ontology):
            self.ontology = ontology
            self.triggers = TriggerFinder(self.nlp, ontology)
            self.actors = ActorFinder(self.nlp, ontology)
            tokenised_phrases = True
        else:
            (self.ontology, self.triggers, entries, words), tokenised_phrases = load_compiled(
                [Path(p) for p in ontology] if ontology else None, self.nlp)
            self.actors = ActorFinder(self.nlp, self.ontology, entries=entries, words=words)
        self.require_dyad = require_dyad
        self.discards = DiscardFinder(self.nlp, self.ontology.discards)
        if tokenised_phrases:
            # Tokenising tens of thousands of ontology phrases leaves spaCy's tokenizer cache in a
            # state that makes later tokenising up to ten times slower (measured in bench/);
            # re-setting the rules flushes the cache. Read from the cache, the ontology tokenised
            # nothing here, and the flush (0.1 CPU s) is skipped.
            self.nlp.tokenizer.rules = self.nlp.tokenizer.rules
        self.where_when = WhereWhen(geocode=geocode, geonames_file=Path(geonames_file) if geonames_file else None)
        where_when = self.where_when  # not `self`: a Coder is freed by reference counting (process.py)
        self.place_actors = PlaceActors(lambda: where_when.gazetteer)
        self.context_country = ContextCountry(self.place_actors) if context_country else None
        self.main_events_only = main_events_only
        self.acled = AcledTyper(rules_for(self.ontology))  # compiled once, checked at start-up
        # Enough to build the same coder again in another process (workers, Dask).
        self.config = {"ontology": [str(f) for f in self.ontology.files] if isinstance(ontology, Ontology)
                       else [str(p) for p in ontology] if ontology else None,
                       "analysis": analysis, "model": model, "require_dyad": require_dyad, "geocode": geocode,
                       "context_country": context_country, "main_events_only": main_events_only,
                       "geonames_file": str(geonames_file) if geonames_file else None}
        self.options = {"analysis": self.analysis_label, "require_dyad": require_dyad,
                        "context_country": context_country, "main_events_only": main_events_only,
                        "ontology_version": self.ontology.version, "ontology_files": len(self.ontology.files),
                        "geocode": geocode, "geonames_file": str(geonames_file) if geonames_file else None}
        freeze_while_alive(self)  # what it loaded stays out of the collector's sight while it lives

    # ------------------------------------------------------------------ public API

    def code_text(self, text: str, *, date: str | dt.date | None = None, doc_id: str = "text") -> list[dict]:
        """Events of one text (a whole article or a sentence)."""
        day = parse_date(date, "date") if not isinstance(date, dt.date) else date
        return self.code_article(Article(doc_id, text, day)).events

    def explain(self, text: str, *, date: str | dt.date | None = None) -> DocResult:
        day = parse_date(date, "--date") if not isinstance(date, dt.date) else date
        return self.code_article(Article("explain", text, day), trace=True)

    def matching_patterns(self, text: str) -> set[str]:
        """Ids of every pattern that matches somewhere in `text`, before overlaps are resolved."""
        ids = set()
        for doc in self.nlp.pipe(p.text for p in clean_article(text).paragraphs):
            actor_at, ends = _actor_index(doc, self.actors.find(doc, None, set()))
            ids.update(m.pattern.spec.pid for m in self.triggers.find(doc, 0, len(doc), actor_at, ends, select=False))
        return ids

    def code_articles(self, articles: Iterable[Article | Skipped], *, on_error: str = "raise",
                      check_ids: bool = True) -> Iterator[DocResult]:
        """One DocResult per input record, in input order. With on_error='skip', unreadable records
        and documents that fail come back as `skipped`/`failed` results instead of raising.

        spaCy runs over the paragraphs of a group of articles at once (see PARSE_GROUP_*), then each
        article is coded from its own docs; the results are the same as one article at a time. An
        error that ends the run (on_error='raise', or the input itself failing) comes after the
        results of every record read before it."""
        items = iter(unique_ids(articles) if check_ids else articles)
        bounds = self._group_bounds()
        while True:
            group, error, more = self._read_group(items, on_error, *bounds)
            yield from self._code_group(group, on_error)
            if error is not None:
                raise error
            if not more:
                return

    # How far code_articles reads ahead: a group ends once it holds this many paragraphs or
    # articles, so memory and the wait for the first result stay bounded however long the input
    # (with `-o -`, results come out a group at a time). The shipped parser runs at the speed of one
    # big batch from about 32-64 paragraphs on; one nlp.pipe per article cost 1.2-1.3x that. Larger
    # groups measured no faster (real-news bench: dependency coding 1.76x the bare parse -> 1.16x).
    PARSE_GROUP_PARAGRAPHS = 64
    PARSE_GROUP_ARTICLES = 32

    def _group_bounds(self) -> tuple[int, int]:
        """Paragraphs and articles per group. Only statistical components (tagger, parser, ...)
        work faster in batches: shallow mode's tokenizer and sentencizer gained about 1% (within
        the noise), not worth holding results back, so there a group is one article."""
        if any(isinstance(pipe, TrainablePipe) for _, pipe in self.nlp.pipeline):
            return self.PARSE_GROUP_PARAGRAPHS, self.PARSE_GROUP_ARTICLES
        return 1, 1

    def _read_group(self, items: Iterator[Article | Skipped], on_error: str, max_paragraphs: int,
                    max_articles: int) -> tuple[list, BaseException | None, bool]:
        """The next records, each a finished DocResult or a _Cleaned article waiting for its docs;
        the error that ended the group early (re-raised once the group is coded); whether the
        input may hold more."""
        group: list[DocResult | _Cleaned] = []
        paragraphs = 0
        while paragraphs < max_paragraphs and len(group) < max_articles:
            try:
                item = next(items)
            except StopIteration:
                return group, None, False
            except Exception as err:  # the input failed: what was read before it still comes out first
                return group, err, False
            try:
                entry = self._clean_item(item, on_error)
            except Exception as err:  # on_error='raise': raised after the articles before it
                return group, err, False
            group.append(entry)
            if isinstance(entry, _Cleaned):
                paragraphs += len(entry.clean.paragraphs)
        return group, None, True

    def _clean_item(self, item: Article | Skipped, on_error: str) -> DocResult | _Cleaned:
        """A record read: skipped, empty or failed (a DocResult), or cleaned and waiting for spaCy."""
        if isinstance(item, Article) and not _is_unicode(item.text):
            item = Skipped(item.id, InputError("E103", f"document '{item.id}' has text that is not valid Unicode "
                                               "(a lone surrogate): re-encode it", item.origin or "input"))
        if isinstance(item, Skipped):
            if on_error == "raise":
                raise item.error
            return DocResult(item.id, "skipped", reason=str(item.error), error_code=item.error.code)
        started = time.perf_counter()
        try:
            clean, result = self._clean(item, trace=False)
        except Exception as err:
            return _failed(item, err, on_error)
        if not clean.paragraphs:
            return result
        return _Cleaned(item, clean, result, time.perf_counter() - started)

    def _code_group(self, group: list, on_error: str) -> Iterator[DocResult]:
        """The group's results in order: one nlp.pipe over all its paragraphs, then each article
        coded from its docs. Should spaCy fail on the group (say, a paragraph over nlp.max_length),
        each article is parsed on its own, so the failure stays with the article that caused it."""
        docs = self._parse_together([entry for entry in group if isinstance(entry, _Cleaned)])
        for entry in group:
            if isinstance(entry, DocResult):
                yield entry
                continue
            started = time.perf_counter() - entry.seconds
            try:
                if docs is not None:
                    article_docs = [next(docs) for _ in entry.clean.paragraphs]
                else:
                    article_docs = self._parse(entry.clean)
                result = self._code_docs(entry.article, entry.clean, article_docs, entry.result, started)
            except Exception as err:
                result = _failed(entry.article, err, on_error)
            yield result

    def _parse_together(self, waiting: list[_Cleaned]) -> Iterator | None:
        """The docs of all their paragraphs, in order, from one nlp.pipe; None when there is only
        one article or spaCy failed (then each article parses its own)."""
        if len(waiting) < 2:
            return None
        started = time.perf_counter()
        try:
            docs = pipe_texts(self.nlp, [p.text for entry in waiting for p in entry.clean.paragraphs])
        except Exception:
            return None
        _share_parse_time(waiting, time.perf_counter() - started)
        return iter(docs)

    # ------------------------------------------------------------------ one article

    def _main_events(self, records: list[dict]) -> list[dict]:
        """A sentence whose events all sit in subordinate clauses still has a main event: its first."""
        if records and not any(r["main_event"] for r in records):
            first = records[0]["verb_start"]
            for record in records:
                record["main_event"] = record["verb_start"] == first
        return [r for r in records if r["main_event"]] if self.main_events_only else records

    def _fill_sides(self, sent: Sentence, match: TriggerMatch, roles):
        """Sides the roles left empty, from the sentence's evidence (coder/coding/fill.py)."""
        roles = inside_pattern(sent, match, roles)
        info = self.ontology.event_info(match.code)
        if not roles.targets and info is not None and material_or_meeting(info.quad_class, match.code):
            roles = self.place_actors.object_place(sent, match, roles)
        if self.context_country is not None:
            roles = self.context_country.apply(sent, match, roles)
        return roles

    def code_article(self, article: Article, *, trace: bool = False) -> DocResult:
        started = time.perf_counter()
        clean, result = self._clean(article, trace)
        if not clean.paragraphs:
            return result
        return self._code_docs(article, clean, self._parse(clean), result, started)

    def _parse(self, clean: CleanArticle) -> list:
        """spaCy's docs of one article's paragraphs (nlp.pipe's, made directly in shallow mode)."""
        return pipe_texts(self.nlp, [p.text for p in clean.paragraphs])

    @staticmethod
    def _clean(article: Article, trace: bool) -> tuple[CleanArticle, DocResult]:
        """The article's paragraphs without boilerplate, and its result so far (`empty` until coded)."""
        clean = clean_article(article.text)
        result = DocResult(article.id, "empty", boilerplate=clean.dropped, traces=[] if trace else None)
        if not clean.paragraphs:
            result.reason = "no text after removing boilerplate" if article.text.strip() else "empty text"
        return clean, result

    def code_doc(self, doc, *, date: str | dt.date | None = None, doc_id: str = "doc", trace: bool = False) -> DocResult:
        """Code an already processed spaCy Doc (one paragraph), e.g. from your own pipeline."""
        day = parse_date(date, "date") if not isinstance(date, dt.date) else date
        clean = CleanArticle([Paragraph(0, doc.text)])
        result = DocResult(doc_id, "empty", traces=[] if trace else None)
        return self._code_docs(Article(doc_id, doc.text, day), clean, [doc], result, time.perf_counter())

    def _code_docs(self, article: Article, clean: CleanArticle, docs: list, result: DocResult,
                   started: float) -> DocResult:
        trace = result.traces is not None
        discards = [self.discards.find(doc) for doc in docs]  # (start, end, Discard) per paragraph
        article_discard = next((d for found in discards for _, _, d in found if d.scope == "article"), None)
        doc_date, doc_date_reason = article_date(article.date, article.text)
        context = {"doc_columns": self._doc_columns(article, doc_date, doc_date_reason)}
        sentences: dict[int, tuple[str, int]] = {}
        seen_people: set[str] = set()
        index = 0
        for para, doc, found in zip(clean.paragraphs, docs, discards, strict=False):
            surname_notes: list[tuple[int, str]] | None = [] if trace else None
            mentions = self.actors.find(doc, doc_date, seen_people, surname_notes)
            actor_at, mention_end = _actor_index(doc, mentions)
            sentence_discards = {s: d for s, _, d in found if d.scope == "sentence"}
            first_mention = 0
            doc_text = para.text  # what was tokenised: Doc.text and Span.text join every token in Python
            for span in doc.sents:
                start_char = span.start_char
                span_text = doc_text[start_char:span.end_char]
                raw = span_text.strip()
                if not raw:
                    continue
                sentence_start = para.start + start_char + len(span_text) - len(span_text.lstrip())
                sentences[index] = (raw, sentence_start)
                sentence_index = index
                index += 1
                # The text as the coder read it (blanked boilerplate folded away); offsets are the original's.
                sent_trace = Trace(sentence_index, " ".join(raw.split()), span=span) if trace else None
                start, end = span.start, span.end
                veto = article_discard
                if veto is None and sentence_discards:
                    veto = next((d for s, d in sentence_discards.items() if start <= s < end), None)
                if veto is not None:
                    if sent_trace:
                        sent_trace.discarded = f"discard phrase '{veto.phrase}' ({veto.reason}, {veto.where})"
                        result.traces.append(sent_trace)
                    continue
                while first_mention < len(mentions) and mentions[first_mention].start < start:
                    first_mention += 1  # mentions are in document order: walk them once per paragraph
                matches = self.triggers.find(doc, start, end, actor_at, mention_end)
                if not matches and not sent_trace:
                    continue  # most sentences: no pattern fired, nothing more to build
                # what the sentence's records share; only sentences with a trigger need it
                context.update(sentence_index=sentence_index, sentence_text=" ".join(raw.split()), offset=para.start,
                               sentence_start=sentence_start, sentence_end=sentence_start + len(raw))
                in_sentence = []
                for mention in mentions[first_mention:]:
                    if mention.start >= end:
                        break
                    if mention.end <= end:
                        in_sentence.append(mention)
                # the paragraph's word table, as the trigger finder read it
                sent = Sentence(doc, start, end, in_sentence, words=self.triggers.words(doc))
                if sent_trace:
                    sent_trace.mentions = sent.mentions
                    sent_trace.notes = [note for at, note in surname_notes if start <= at < end]
                result.events.extend(self._main_events(self._code_sentence(sent, matches, context, sent_trace)))
                if sent_trace:
                    result.traces.append(sent_trace)
        result.sentences = index
        self.where_when.apply(result.events, sentences, clean.dateline, doc_date)
        self.acled.type_records(result.events)  # ACLED types, interaction, fatalities
        validate_records(result.events)
        if article_discard is not None:
            result.status, result.reason = "discarded", (
                f"discard phrase '{article_discard.phrase}' ({article_discard.reason}, {article_discard.where})")
        else:
            result.status = "coded" if result.events else "no_events"
        result.seconds = time.perf_counter() - started
        return result

    def _doc_columns(self, article: Article, doc_date: dt.date | None, doc_date_reason: str) -> dict:
        """The columns every event of the article shares, with the article date as the event date
        and no place until where-when resolves them."""
        return {
            "doc_id": article.id, "doc_date": doc_date, "doc_date_reason": doc_date_reason,
            "event_date": doc_date, "date_text": None, "date_precision": 1 if doc_date else None,
            "date_reason": "article date" if doc_date else "no date known",
            **dict.fromkeys(LOCATION_COLUMNS), "location_reason": "not resolved",
            "doc_source": article.source, "doc_url": article.url, "doc_title": article.title,
            "doc_metadata": json.dumps(article.metadata, ensure_ascii=False, default=str) if article.metadata else None,
            "coder_version": __version__, "ontology_version": self.ontology.version, "analysis": self.analysis_label,
        }

    def _code_sentence(self, sent: Sentence, matches: list[TriggerMatch], context: dict,
                       sent_trace: Trace | None) -> list[dict]:
        """The event records of one sentence's triggers: roles, modality, reported speech, the
        missing sides filled, then records (each trigger's decision kept in the trace)."""
        sent.note_noun_triggers([m.anchor for m in matches if m.pattern.spec.trigger == "noun"])
        speaking = speakers(sent)
        records_of_sentence, done = [], []
        for match in matches:
            roles = (dependency_roles if self.analysis == "dependency" else shallow_roles)(sent, match)
            mood = modality(sent, match, parsed=self.analysis == "dependency")
            partner = coordinated_verb(sent, match, done) if self.analysis == "shallow" else None
            if partner is not None:
                roles, mood = share_with(roles, mood, partner)
            done.append((match, roles, mood))
            roles = drop_speaker_target(sent, roles, speaking)
            roles = self._fill_sides(sent, match, roles)
            records, why = build_records(ontology=self.ontology, sent=sent, match=match, roles=roles,
                                         mood=mood, context=context, require_dyad=self.require_dyad,
                                         main_event=is_main_event(sent, match, matches),
                                         modality_rules=self.ontology.modality)
            records_of_sentence.extend(records)
            if sent_trace:
                sent_trace.candidates.append((match, roles, mood, why))
        return records_of_sentence

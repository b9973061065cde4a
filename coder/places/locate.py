"""Linking an event to a place: the article's context (countries, dateline, main place), then
the place attached to the event's verb, with ACLED's precision rules."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..coding import segment
from ..memos import Memo
from .cues import _COMM_GAP_OK, _COMM_VERBS, _MONTHS_DAYS, _TOKEN_RE
from .gazetteer import Gazetteer
from .mentions import PlaceMention, SentenceGeo, _analyze_sentence, _lookups, analyze_sentence
from .normalise import norm
from .records import NO_LOCATION, Location, LocationRule


@dataclass
class ArticleGeo:
    sentences: dict[str, SentenceGeo]
    countries: Counter                  # ISO2 -> mentions (countries, demonyms, resolved places)
    dateline_text: str | None = None
    dateline: Location | None = None
    main_place: Location | None = None
    place_counts: Counter = field(default_factory=Counter)


def parse_dateline(text: str) -> tuple[str, str | None] | None:
    """'PARIS —' -> ('PARIS', None); 'Kabul, Afghanistan -' -> ('Kabul', 'Afghanistan')."""
    return _name_and_qualifier(segment.parse_dateline(text))


def _name_and_qualifier(found: segment.Dateline | None) -> tuple[str, str | None] | None:
    """The dateline's town and its qualifier, unless the qualifier is a month or a day."""
    if found is None:
        return None
    qual = found.region.strip(" .") if found.region else None
    if qual and norm(qual).split(" ")[0] in {x[:3] for x in _MONTHS_DAYS} | _MONTHS_DAYS:
        qual = None
    return found.place.strip(" ."), qual


def article_context(sentences: list[str], dateline: str | None, gazetteer: Gazetteer) -> ArticleGeo:
    """Analyse every sentence once; collect countries, the dateline place and the main place."""
    return ArticleGeoOnDemand(sentences, dateline, gazetteer).context()


class ArticleGeoOnDemand:
    """The article context of `article_context`, worked out when an event first needs it.

    An event placed by an unambiguous name in its own sentence needs neither the article's
    countries nor its main place nor its dateline; an article whose events are all so placed never
    reads its other sentences. Sentences are analysed once, when first asked for; the context is
    then built from them in the article's order, as `article_context` builds it.
    """

    def __init__(self, sentences: list[str], dateline: str | None, gazetteer: Gazetteer):
        self._texts = sentences
        self._dateline = dateline
        self._gaz = gazetteer
        self.sentences: dict[str, SentenceGeo] = {}   # the analyses made so far
        self._geo: ArticleGeo | None = None
        self._dateline_found: Location | bool | None = None   # False: none without the context
        self._dateline_parsed: tuple | None = None   # `_article_dateline`, read once
        self._lookups = _lookups(gazetteer)           # (looked up once an article, not once a sentence)

    def analysis(self, sentence: str) -> SentenceGeo:
        found = self.sentences.get(sentence)
        if found is None:
            found = self.sentences[sentence] = _analyze_sentence(sentence, self._gaz, self._lookups)
        return found

    def context(self) -> ArticleGeo:
        if self._geo is None:
            for s in self._texts:
                self.analysis(s)
            self._geo = _context(self._texts, self.sentences, self._dateline, self._gaz, self._article_dateline())
        return self._geo

    def _article_dateline(self) -> tuple[str | None, tuple[str, str | None] | None]:
        """`_article_dateline` of the article, worked out once (the dateline shortcut and the context
        both read it)."""
        if self._dateline_parsed is None:
            self._dateline_parsed = _article_dateline(self._texts, self._dateline)
        return self._dateline_parsed

    @property
    def countries(self) -> Counter:
        return self.context().countries

    @property
    def dateline(self) -> Location | None:
        if self._geo is None:
            found = self._unambiguous_dateline()
            if found is not None:
                return found
        return self.context().dateline

    def _unambiguous_dateline(self) -> Location | None:
        """The dateline's town when its name has one candidate place: the article's countries, which
        choose between candidates, are then not needed, nor the sentences they are read from."""
        if self._dateline_found is None:
            _, parsed = self._article_dateline()
            self._dateline_found = (_dateline_location(parsed, self._gaz, Counter())
                                    if parsed and len(self._gaz.find(parsed[0])) == 1 else None) or False
        return self._dateline_found or None

    @property
    def dateline_text(self) -> str | None:
        return self.context().dateline_text

    @property
    def main_place(self) -> Location | None:
        return self.context().main_place

    @property
    def place_counts(self) -> Counter:
        return self.context().place_counts


def _context(sentences: list[str], analyses: dict[str, SentenceGeo], dateline: str | None,
             gazetteer: Gazetteer, found_dateline: tuple | None = None) -> ArticleGeo:
    """Countries, the dateline place and the main place from the analyses of `sentences` (in
    their order: the first seen wins ties). `found_dateline`: `_article_dateline(sentences, dateline)`
    when already worked out."""
    gaz = gazetteer
    name_countries = gaz.name_countries
    sg: dict[str, SentenceGeo] = {}
    # Counted in plain dicts (a Counter's `+= 1` calls its Python `__missing__` for every new key),
    # then made Counters with the same order and counts.
    counts: dict[str, int] = {}
    count = counts.get
    named: list[tuple[PlaceMention, bool]] = []   # each mention, in order, and whether its name is of one country
    for s in sentences:
        if s in sg:
            continue
        a = sg[s] = analyses[s]
        for country in a.demonym_cc:
            counts[country] = count(country, 0) + 1
        for m in a.mentions:
            country, one_country = name_countries(m.codes)
            named.append((m, one_country))
            if country is not None:
                counts[country] = count(country, 0) + 1
            if m.hint_cc:
                counts[m.hint_cc] = count(m.hint_cc, 0) + 1
    countries = Counter(counts)
    kind, cc = gaz.kind, gaz.cc
    places: dict[int, int] = {}
    first_seen: dict[int, PlaceMention] = {}
    resolved_cc: dict[str, int] = {}
    # A name with the same hints resolves alike in every sentence (the countries are fixed here).
    resolved: dict[tuple, int | None] = {}
    for m, one_country in named:
        codes = m.codes
        if len(codes) == 1 and not m.kind_hint:
            i = codes[0] >> 1                       # `Gazetteer.resolve` of one candidate
        else:
            key = (codes, m.kind_hint, m.hint_cc, m.hint_a1)
            i = resolved.get(key, -1)
            if i == -1:
                i = resolved[key] = _resolve_mention(gaz, m, countries)
            if i is None:
                continue
        if kind[i] != "C" and one_country:
            # only unambiguous names vote for the article's countries
            resolved_cc[cc[i]] = resolved_cc.get(cc[i], 0) + 1
        if m.usable:
            places[i] = places.get(i, 0) + 1
            if i not in first_seen:
                first_seen[i] = m
    for country, n in resolved_cc.items():
        countries[country] += n
    place_counts = Counter(places)
    geo = ArticleGeo(sg, countries, place_counts=place_counts)
    dateline, parsed = found_dateline or _article_dateline(sentences, dateline)
    if parsed:
        geo.dateline = _dateline_location(parsed, gaz, countries)
        if geo.dateline is not None:
            geo.dateline_text = dateline
    # main place: most mentioned usable place; ties -> the more precise, then first seen (`max`
    # keeps the first of equal keys, and the counts are in the order first seen)
    if places:
        best = max(places, key=lambda i: (places[i], kind[i] == "P"))
        m = first_seen[best]
        geo.main_place = gaz.location(best, text=m.text, reason="article main place",
                                      precision=_precision(gaz, best, m), start=None, end=None,
                                      rule=LocationRule.MAIN_PLACE)
    return geo


def _article_dateline(sentences: list[str], dateline: str | None) -> tuple[str | None, tuple[str, str | None] | None]:
    """The article's dateline as written and its (town, qualifier), or (None, None)."""
    if dateline is None and sentences:
        # No dateline found when the article was segmented (or none given): one may open the lead.
        found = segment.find_dateline(sentences[0])
        return (found.text, _name_and_qualifier(found)) if found else (None, None)
    return dateline, (parse_dateline(dateline) if dateline else None)


def _dateline_location(parsed: tuple[str, str | None], gaz: Gazetteer, countries: Counter) -> Location | None:
    """The town a dateline names ("Kabul, Afghanistan -"), its qualifier used as a hint."""
    name, qual = parsed
    codes = gaz.find(name)
    hint_cc = hint_a1 = None
    if qual:
        for c in gaz.find(qual):
            j = c >> 1
            if gaz.kind[j] == "C":
                hint_cc = gaz.cc[j]
            elif gaz.kind[j] == "A":
                hint_a1 = (gaz.cc[j], gaz.a1[j])
    i = gaz.resolve(codes, kind_hint="P", hint_cc=hint_cc, hint_a1=hint_a1, article_cc=countries)
    if i is None:
        return None
    return gaz.location(i, text=name, reason=f"dateline {name}", precision=None, start=None, end=None,
                        rule=LocationRule.DATELINE)


def _precision(gaz: Gazetteer, i: int, m: PlaceMention) -> int:
    k = gaz.kind[i]
    if k != "P":
        return 3
    return 2 if m.near else 1


# Sentences analysed outside an article context
_SENT_MEMO = Memo("places: sentences analysed outside an article", 4096)


def locate_event(sentence: str, verb_start: int, verb_end: int, actor_countries: list[str],
                 article: ArticleGeo, gazetteer: Gazetteer) -> Location:
    """Location of the event whose verb spans ``sentence[verb_start:verb_end]``.

    Order: (1) the place attached to the verb - nearest usable mention after the verb inside its
    clause, else nearest before it (for communication verbs only a prepositional phrase right
    after the verb: "said in Baghdad"); (2) any usable place in the sentence that is not inside
    the reported content of a communication verb (cued mentions first, then nearest to the verb);
    (3) the dateline; (4) the article's main place; else all None, reason "none found".
    """
    gaz = gazetteer
    sg = _sentence_geo(sentence, article, gaz)
    actor_cc = [gaz.iso2.get(c, c) for c in actor_countries] if actor_countries else []
    usable = [m for m in sg.mentions if m.usable]
    if usable:
        is_comm = sentence[verb_start:verb_end].split(" ", 1)[0].lower() in _COMM_VERBS
        chosen = _verb_place(sentence, sg, usable, verb_start, verb_end, is_comm)
        if chosen is not None:
            return _loc(gaz, chosen, actor_cc, article, f"verb phrase '{_phrase(chosen)}'", LocationRule.VERB)
        best = _sentence_place(sentence, sg, usable, verb_start, verb_end, is_comm)
        if best is not None:
            return _loc(gaz, best, actor_cc, article, "sentence", LocationRule.SENTENCE)
    if article.dateline is not None:
        return article.dateline
    if article.main_place is not None:
        return article.main_place
    return NO_LOCATION


def _sentence_geo(sentence: str, article: ArticleGeo, gaz: Gazetteer) -> SentenceGeo:
    """The sentence's analysis from the article context, else from a bounded memo of its own."""
    if isinstance(article, ArticleGeoOnDemand):
        return article.analysis(sentence)
    sg = article.sentences.get(sentence)
    if sg is None:
        sg = _SENT_MEMO.get(sentence)
        if sg is None:
            sg = _SENT_MEMO.remember(sentence, analyze_sentence(sentence, gaz))
    return sg


def _verb_place(sentence: str, sg: SentenceGeo, usable: list[PlaceMention], verb_start: int, verb_end: int,
                is_comm: bool) -> PlaceMention | None:
    """The mention attached to the verb inside its clause: the first after it, else the last before it;
    for a communication verb only a place phrase right after it, else a cued one before it."""
    lo, hi = 0, len(sentence)
    for b in sg.boundaries:
        if b < verb_start:
            lo = b
        elif b >= verb_end:
            hi = b
            break
    if is_comm:
        # only a PP directly after the verb (<= 6 words, no "that"/wh-complement in between)
        for m in usable:
            if verb_end <= m.start < hi and m.cue:
                gap = _TOKEN_RE.findall(sentence[verb_end:m.start].lower())
                if len(gap) <= 7 and all(w in _COMM_GAP_OK or w in _MONTHS_DAYS or w == (m.cue or "").lower()
                                         for w in gap):
                    return m
                break
        before = [m for m in usable if lo <= m.start and m.end <= verb_start and m.cued]
        return before[-1] if before else None
    after = [m for m in usable if verb_end <= m.start < hi]
    if after:
        return after[0]
    before = [m for m in usable if lo <= m.start and m.end <= verb_start]
    return before[-1] if before else None


def _sentence_place(sentence: str, sg: SentenceGeo, usable: list[PlaceMention], verb_start: int, verb_end: int,
                    is_comm: bool) -> PlaceMention | None:
    """Any usable place outside the reported content after the event verb: cued ones first, then the
    one nearest the verb."""
    cut = verb_end if is_comm else len(sentence)
    for cs, _ce in sg.comm_positions:
        if cs >= verb_end:
            cut = min(cut, cs)
            break
    pool = [m for m in usable if m.start < cut]
    if not pool:
        return None
    centre = (verb_start + verb_end) // 2
    return min(pool, key=lambda m: (not m.cued, abs((m.start + m.end) // 2 - centre)))


def _phrase(m: PlaceMention) -> str:
    return f"{m.cue} {m.text}" if m.cue and m.cue.lower() not in m.text.lower().split()[:1] else m.text


def _resolve_mention(gaz: Gazetteer, m: PlaceMention, article_cc: Counter,
                     actor_cc: Iterable[str] = ()) -> int | None:
    return gaz.resolve(m.codes, kind_hint=m.kind_hint, hint_cc=m.hint_cc, hint_a1=m.hint_a1,
                       actor_cc=actor_cc, article_cc=article_cc)


def _loc(gaz: Gazetteer, m: PlaceMention, actor_cc: list[str], article: ArticleGeo, reason: str,
         rule: LocationRule) -> Location:
    # The article's countries are read only when they could change the place (never for a name of one
    # candidate): working them out reads the article's lead.
    i = gaz.resolve_in_article(m.codes, kind_hint=m.kind_hint, hint_cc=m.hint_cc, hint_a1=m.hint_a1,
                               actor_cc=actor_cc, article_countries=lambda: article.countries)
    if i is None:
        return NO_LOCATION
    return gaz.location(i, text=m.text, reason=reason, precision=_precision(gaz, i, m),
                        start=m.start, end=m.end, rule=rule)

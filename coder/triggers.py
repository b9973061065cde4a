"""Find the verb and noun patterns that trigger events, and the discard phrases that veto them.

Pattern words are indexed by every form of their first word (`attack`, `attacked`...), so a
sentence only tries the few patterns anchored at its own words; the rest of a pattern (literal
words, `*` gaps, `&SYNSET` alternatives, `+`/`$` actor slots) is checked from that anchor.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .lexicon import noun_forms, past_participles, verb_forms
from .ontology import Discard, Ontology, PatternSpec

GAP_MAX = 3  # `*` spans up to this many tokens
SLOT_FILLER_MAX = 3  # words allowed before the actor in a `+` slot: `on (the) (purported) Daesh`
# Words that end a `+` slot's filler: the actor must come before a new phrase or clause starts.
SLOT_STOP = {"by", "of", "to", "and", "or", "but", "that", "which", "who", "with", "from", "in", "on", "at",
             "for", "against", "as", "after", "before", "since", "while", "when", "if", "because", "than"}
_VERB_POS = {"VERB", "AUX"}
_QUOTES = {"“", '"', "‘", "'", "”", "’"}
_NOUN_POS = {"NOUN", "PROPN"}


@dataclass(frozen=True)
class Element:
    kind: str  # lit | gap | target | source | alt
    forms: frozenset[str] = frozenset()
    # For `&SYNSET`: first word -> the remaining words of each synonym, longest first.
    alternatives: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CompiledPattern:
    spec: PatternSpec
    elements: tuple[Element, ...]
    participles: frozenset[str]  # forms that signal a passive (`attacked` in `was attacked by`)

    @property
    def rank(self) -> tuple[int, int, int]:
        literal = sum(e.kind in ("lit", "alt") for e in self.elements)
        slots = sum(e.kind in ("target", "source") for e in self.elements)
        return (literal, slots, len(self.spec.code))


@dataclass(frozen=True)
class TriggerMatch:
    pattern: CompiledPattern
    anchor: int  # token index of the trigger word
    end: int  # token index after the last token the pattern covered
    words: tuple[int, ...]  # token indices of the pattern's literal words
    target: int | None  # first token of the actor in the `+` slot
    source: int | None  # first token of the actor in the `$` slot

    @property
    def code(self) -> str:
        return self.pattern.spec.code


def _token_forms(nlp, text: str) -> list[str]:
    return [t.lower_ for t in nlp.make_doc(text)]


def compile_pattern(nlp, spec: PatternSpec) -> CompiledPattern:
    synsets = dict(spec.synsets)
    elements: list[Element] = []
    for index, word in enumerate(spec.words):
        if word == "*":
            elements.append(Element("gap"))
        elif word == "+":
            elements.append(Element("target"))
        elif word == "$":
            elements.append(Element("source"))
        elif word.startswith("&"):
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for phrase in synsets[word[1:]]:
                tokens = _token_forms(nlp, phrase)
                by_first.setdefault(tokens[0], []).append(tuple(tokens[1:]))
            alts = {first: tuple(sorted(set(rests), key=len, reverse=True)) for first, rests in by_first.items()}
            elements.append(Element("alt", alternatives=alts))
        else:
            tokens = _token_forms(nlp, word)
            if index == 0 and len(tokens) == 1:
                forms = verb_forms(tokens[0]) if spec.trigger == "verb" else noun_forms(tokens[0])
                elements.append(Element("lit", forms))
            else:
                elements.extend(Element("lit", frozenset([t])) for t in tokens)
    first = spec.words[0].lower()
    participles = past_participles(first) if spec.trigger == "verb" and not first.startswith("&") else frozenset()
    return CompiledPattern(spec, tuple(elements), participles)


class TriggerFinder:
    def __init__(self, nlp, ontology: Ontology):
        self.patterns = [compile_pattern(nlp, spec) for spec in ontology.patterns]
        self.index: dict[str, list[CompiledPattern]] = {}
        for pattern in self.patterns:
            for form in _anchor_forms(pattern.elements[0]):
                self.index.setdefault(form, []).append(pattern)
        for bucket in self.index.values():
            bucket.sort(key=lambda p: p.rank, reverse=True)

    def find(self, doc: Doc, start: int, end: int, actor_at: list[int | None],
             mention_end: dict[int, int]) -> list[TriggerMatch]:
        """Non-overlapping trigger matches in tokens [start, end), the most specific first."""
        tagged = doc.has_annotation("POS")
        lowers = [t.lower_ for t in doc[:end]]
        punct = [t.is_punct and t.text not in _QUOTES for t in doc[:end]]
        found: list[TriggerMatch] = []
        for i in range(start, end):
            bucket = self.index.get(lowers[i])
            if not bucket or actor_at[i] is not None or (i > 0 and lowers[i - 1] == "-"):
                continue  # a word inside an actor, or a compound modifier such as `Western-trained`
            pos = doc[i].pos_ if tagged else ""
            for pattern in bucket:
                if tagged and not _pos_fits(pos, pattern.spec.trigger):
                    continue
                hit = _match(pattern.elements, 0, (lowers, punct, end, actor_at, mention_end), i, (), None, None)
                if hit is not None:
                    stop, words, target, source = hit
                    found.append(TriggerMatch(pattern, i, stop, words, target, source))
        found.sort(key=lambda m: (m.pattern.rank, -m.anchor), reverse=True)
        kept, used = [], set()
        for match in found:
            if not used.intersection(match.words):
                kept.append(match)
                used.update(match.words)
        return sorted(kept, key=lambda m: m.anchor)


def _anchor_forms(element: Element) -> set[str]:
    """Words a pattern can start on: the inflected first word, or the first word of each synonym."""
    if element.kind == "alt":
        return set(element.alternatives)
    return set(element.forms)


def _pos_fits(pos: str, trigger: str) -> bool:
    if trigger == "verb":
        return pos in _VERB_POS or pos not in _NOUN_POS
    return pos in _NOUN_POS or pos not in _VERB_POS


def _match(elements, k, text, i, words, target, source):
    """Depth-first match of elements[k:] at token i; returns (end, words, target, source) or None.
    `text` is (lower-case words, punctuation flags, sentence end, actor index per token, mention ends)."""
    if k == len(elements):
        return i, words, target, source
    lowers, punct, end, actor_at, mention_end = text
    element = elements[k]
    if element.kind == "lit":
        if i < end and lowers[i] in element.forms:
            return _match(elements, k + 1, text, i + 1, words + (i,), target, source)
        return None
    if element.kind == "gap":
        for skip in range(min(GAP_MAX, end - i) + 1):
            hit = _match(elements, k + 1, text, i + skip, words, target, source)
            if hit is not None:
                return hit
        return None
    if element.kind == "alt":
        rests = element.alternatives.get(lowers[i]) if i < end else None
        for rest in rests or ():
            j = i + 1 + len(rest)
            if j <= end and all(lowers[i + 1 + n] == w for n, w in enumerate(rest)):
                hit = _match(elements, k + 1, text, j, words + tuple(range(i, j)), target, source)
                if hit is not None:
                    return hit
        return None
    # An actor slot: a few filler words (`the`, `purported`), then an actor mention.
    for j in range(i, min(i + SLOT_FILLER_MAX + 1, end)):
        if actor_at[j] is not None:
            after = mention_end[actor_at[j]]
            if element.kind == "target":
                return _match(elements, k + 1, text, after, words, j, source)
            return _match(elements, k + 1, text, after, words, target, j)
        if punct[j] or lowers[j] in SLOT_STOP:
            return None
    return None


class DiscardFinder:
    """Phrases that mark a sentence or a whole article as out of scope (sport, entertainment)."""

    def __init__(self, nlp, discards: list[Discard]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, Discard] = {}
        for discard in discards:
            key = "discard:" + discard.phrase.lower()
            if key not in self.by_key:
                self.by_key[key] = discard
                self.matcher.add(key, [nlp.make_doc(discard.phrase)])
        self.strings = nlp.vocab.strings

    def find(self, doc: Doc) -> list[tuple[int, int, Discard]]:
        return [(start, end, self.by_key[self.strings[key]]) for key, start, end in self.matcher(doc)]

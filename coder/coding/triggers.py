"""Find the verb and noun patterns that trigger events, and the discard phrases that veto them.

Pattern words are indexed by every form of their first word (`attack`, `attacked`...), so a
sentence only tries the few patterns anchored at its own words; the rest of a pattern (literal
words, `*` gaps, `&SYNSET` alternatives, `+`/`$` actor slots) is checked from that anchor.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.attrs import IS_PUNCT, LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from coder.coding.inflect import lemma_of, noun_forms, past_participles, verb_forms
from coder.ontology.model import Discard, Ontology, PatternSpec

GAP_MAX = 3  # `*` spans up to this many tokens
SLOT_FILLER_MAX = 3  # words allowed before the actor in a `+` slot: `on (the) (purported) Daesh`
# Words that end a `+` slot's filler: the actor must come before a new phrase or clause starts.
SLOT_STOP = {"by", "of", "to", "and", "or", "but", "that", "which", "who", "with", "from", "in", "on", "at",
             "for", "against", "as", "after", "before", "since", "while", "when", "if", "because", "than"}
DETERMINERS = {"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "my", "your",
               "every", "each", "no", "any", "another"}
_VERB_POS = {"VERB", "AUX"}
_QUOTES = {"“", '"', "‘", "'", "”", "’"}
_NOUN_POS = {"NOUN", "PROPN"}


@dataclass(frozen=True)
class Element:
    kind: str  # lit | head (a derived passive's participle) | gap | target | source | alt
    forms: frozenset[str] = frozenset()
    # For `&SYNSET`: first word -> the remaining words of each synonym, longest first.
    alternatives: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    key: tuple = ()  # identity in the trie: equal elements share a node


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


class _Compiler:
    """Compiles patterns, tokenising each word and synonym set once however many patterns use it."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.tokens: dict[str, tuple[str, ...]] = {}
        self.synsets: dict[tuple[str, ...], Element] = {}
        self.elements: dict[tuple, Element] = {}  # one object per distinct element: smaller, faster to cache

    def element(self, kind: str, forms: frozenset[str], key: tuple) -> Element:
        if key not in self.elements:
            self.elements[key] = Element(kind, forms, key=key)
        return self.elements[key]

    def words(self, text: str) -> tuple[str, ...]:
        if text not in self.tokens:
            self.tokens[text] = tuple(t.lower_ for t in self.nlp.make_doc(text))
        return self.tokens[text]

    def synset(self, phrases: tuple[str, ...]) -> Element:
        if phrases not in self.synsets:
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for phrase in phrases:
                tokens = self.words(phrase)
                by_first.setdefault(tokens[0], []).append(tokens[1:])
            alts = {first: tuple(sorted(set(rests), key=len, reverse=True)) for first, rests in by_first.items()}
            self.synsets[phrases] = Element("alt", alternatives=alts, key=("alt", tuple(sorted(alts.items()))))
        return self.synsets[phrases]


_GAP, _TARGET, _SOURCE = Element("gap", key=("gap",)), Element("target", key=("target",)), Element("source", key=("source",))


def compile_pattern(nlp, spec: PatternSpec, compiler: _Compiler | None = None) -> CompiledPattern:
    compiler = compiler or _Compiler(nlp)
    synsets = dict(spec.synsets)
    elements: list[Element] = []
    for index, word in enumerate(spec.words):
        if spec.form == "passive" and index == spec.head:  # the verb of a derived passive: its participle
            forms = past_participles(compiler.words(word)[0])
            elements.append(compiler.element("head", forms, ("head", forms)))
        elif word == "*":
            elements.append(_GAP)
        elif word == "+":
            elements.append(_TARGET)
        elif word == "$":
            elements.append(_SOURCE)
        elif word.startswith("&"):
            elements.append(compiler.synset(synsets[word[1:]]))
        else:
            tokens = compiler.words(word)
            if index == 0 and len(tokens) == 1:
                verb = spec.trigger == "verb" and spec.form != "passive"  # a passive leads with its object
                forms = verb_forms(tokens[0]) if verb else noun_forms(tokens[0])
                elements.append(compiler.element("lit", forms, ("lit", forms)))
            else:
                elements.extend(compiler.element("lit", frozenset([t]), ("lit", t)) for t in tokens)
    first = spec.words[spec.head].lower()
    participles: frozenset[str] = frozenset()
    if spec.trigger == "verb":
        if first.startswith("&"):  # a synset of verb forms: its past participles signal the passive
            participles = frozenset(w for w in elements[0].alternatives if w in past_participles(lemma_of(w)))
        else:
            participles = past_participles(first)
    participles = compiler.elements.setdefault(("participles", participles), participles)
    return CompiledPattern(spec, tuple(elements), participles)


class _Node:
    """A trie node over pattern elements: patterns that share a prefix are matched once."""

    __slots__ = ("words", "others", "patterns")

    def __init__(self) -> None:
        self.words: dict[str, _Node] = {}  # one literal word -> next node
        self.others: dict[tuple, tuple[Element, _Node]] = {}  # gaps, slots, synsets, inflected words
        self.patterns: list[CompiledPattern] = []  # patterns that end here

    def child(self, element: Element) -> "_Node":
        if element.kind == "lit" and len(element.forms) == 1:
            word = next(iter(element.forms))
            if word not in self.words:
                self.words[word] = _Node()
            return self.words[word]
        if element.key not in self.others:
            self.others[element.key] = (element, _Node())
        return self.others[element.key][1]


class TriggerFinder:
    def __init__(self, nlp, ontology: Ontology):
        self._last = None  # (doc, words, punctuation) of the paragraph being coded
        compiler = _Compiler(nlp)
        self.patterns = [compile_pattern(nlp, spec, compiler) for spec in ontology.patterns]
        # anchor word -> [(rest of a multi-word synonym anchor, trie of the remaining elements)];
        # all the words a first element can start on share one trie.
        self.index: dict[str, list[tuple[tuple[str, ...], _Node]]] = {}
        firsts: dict[tuple, _Node] = {}
        for pattern in self.patterns:
            first = pattern.elements[0]
            if first.key not in firsts:
                firsts[first.key] = _Node()
                for word, rest in _anchors(first):
                    self.index.setdefault(word, []).append((rest, firsts[first.key]))
            node = firsts[first.key]
            for element in pattern.elements[1:]:
                node = node.child(element)
            node.patterns.append(pattern)

    def find(self, doc: Doc, start: int, end: int, actor_at: list[int | None],
             mention_end: dict[int, int], *, select: bool = True) -> list[TriggerMatch]:
        """Non-overlapping trigger matches in tokens [start, end), the most specific first
        (with select=False, every pattern that matches, overlapping or not)."""
        lowers, punct, tagged = self._words(doc)
        text = (lowers, punct, end, actor_at, mention_end)
        found: list[TriggerMatch] = []
        for i in range(start, end):
            roots = self.index.get(lowers[i])
            if not roots or actor_at[i] is not None or (i > 0 and lowers[i - 1] == "-"):
                continue  # a word inside an actor, or a compound modifier such as `Western-trained`
            hits: dict[int, TriggerMatch] = {}
            for rest, node in roots:
                j = i + 1 + len(rest)
                if not rest or (j <= end and tuple(lowers[i + 1:j]) == rest):
                    _walk(node, j, tuple(range(i, j)), None, None, text, i, hits)
            for m in hits.values():
                spec = m.pattern.spec
                if spec.form == "passive":
                    if not _after_be(lowers, m.anchor, start):
                        continue
                    m = replace(m, words=(m.anchor,))  # the participle is the verb; roles read it as passive
                if tagged:
                    if _pos_fits(doc[m.anchor].pos_, spec.trigger):
                        found.append(m)
                # no tagger: after a determiner (`the pass`, `an attack`) a word is a noun
                elif not (spec.trigger == "verb" and m.anchor > start and lowers[m.anchor - 1] in DETERMINERS):
                    found.append(m)
        if not select:
            return found
        # The longest match wins: the most words of the sentence it covers (`lift the state of
        # emergency` over `state of emergency`); of two as long, the one that starts first (the verb
        # frame `reject * &TALKS` over the noun `talks with +` it governs); then the most specific.
        found.sort(key=lambda m: (len(m.words), -m.anchor, m.pattern.rank), reverse=True)
        kept, used = [], set()
        for match in found:
            if not used.intersection(match.words):
                kept.append(match)
                used.update(match.words)
        return sorted(kept, key=lambda m: m.anchor)

    def _words(self, doc: Doc) -> tuple[list[str], list[bool], bool]:
        """Lower-case words, punctuation flags and whether there are POS tags, for a paragraph:
        made once for all its sentences."""
        if self._last is None or self._last[0] is not doc:
            # From the token array, not Token objects: making those is most of the cost.
            strings = doc.vocab.strings
            rows = doc.to_array([LOWER, IS_PUNCT]).tolist()
            lowers = [strings[lower] for lower, _ in rows]
            punct = [bool(is_punct) and word not in _QUOTES for word, (_, is_punct) in zip(lowers, rows)]
            self._last = (doc, lowers, punct, doc.has_annotation("POS"))
        return self._last[1:]


BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "gets", "got", "gotten", "getting"}
_BETWEEN = {"also", "already", "reportedly", "allegedly", "later", "then", "subsequently", "finally", "again", "not",
            "n't", "never", "all", "both", "eventually", "recently", "successfully", "immediately", "quickly",
            "repeatedly", "heavily", "badly", "severely", "briefly", "temporarily", "twice", "still", "just", "being"}


def _after_be(lowers: list[str], participle: int, start: int) -> bool:
    """A passive: a form of *be* (or *get*) before the participle, past a few adverbs (`were later released`)."""
    i = participle - 1
    while i >= start and participle - i <= 4:
        if lowers[i] in BE_FORMS:
            return True
        if lowers[i] not in _BETWEEN:
            return False
        i -= 1
    return False


def _anchors(element: Element) -> list[tuple[str, tuple[str, ...]]]:
    """(first word, following words) a pattern can start on: each form of its first word, or each synonym."""
    if element.kind == "alt":
        return [(first, rest) for first, rests in element.alternatives.items() for rest in rests]
    return [(form, ()) for form in element.forms]


def _pos_fits(pos: str, trigger: str) -> bool:
    if trigger == "verb":
        return pos in _VERB_POS or pos not in _NOUN_POS
    return pos in _NOUN_POS or pos not in _VERB_POS


_COORDINATION = ("and", "or", ",", "&")


def _group_end(after: int, text) -> int:
    """End of a coordinated group of actors: a slot holding `India and Pakistan` covers both."""
    lowers, _, end, actor_at, mention_end = text
    while after + 1 < end and lowers[after] in _COORDINATION:
        nxt = after + 1
        while nxt < end - 1 and lowers[nxt] in ("and", "the"):  # `, and the Palestinians`
            nxt += 1
        if actor_at[nxt] is None:
            break
        after = mention_end[actor_at[nxt]]
    return after


def _gap_ends(lowers: list[str], i: int, end: int) -> list[int]:
    """Where a `*` gap from token i may end: after 0 to GAP_MAX words, a hyphenated compound
    (`three-month-old`, `UN-brokered`) counting as one word, as a reader counts it."""
    ends, j = [i], i
    for _ in range(GAP_MAX):
        if j >= end:
            break
        j += 1
        while j + 1 < end and lowers[j] == "-":
            j += 2
        ends.append(j)
    return ends


def _walk(node: _Node, i: int, words: tuple[int, ...], target, source, text, anchor: int, hits: dict) -> None:
    """Depth-first over the trie from token i, recording the first match of every pattern reached.
    `text` is (lower-case words, punctuation flags, sentence end, actor index per token, mention ends)."""
    for pattern in node.patterns:
        if id(pattern) not in hits:
            hits[id(pattern)] = TriggerMatch(pattern, anchor, i, words, target, source)
    lowers, punct, end, actor_at, mention_end = text
    if i < end and lowers[i] in node.words:
        _walk(node.words[lowers[i]], i + 1, words + (i,), target, source, text, anchor, hits)
    for element, child in node.others.values():
        kind = element.kind
        if kind == "lit":
            if i < end and lowers[i] in element.forms:
                _walk(child, i + 1, words + (i,), target, source, text, anchor, hits)
        elif kind == "head":  # a derived passive's participle: the trigger word, wherever it stands
            if i < end and lowers[i] in element.forms:
                _walk(child, i + 1, words + (i,), target, source, text, i, hits)
        elif kind == "gap":
            for j in _gap_ends(lowers, i, end):
                _walk(child, j, words, target, source, text, anchor, hits)
        elif kind == "alt":
            for rest in (element.alternatives.get(lowers[i], ()) if i < end else ()):
                j = i + 1 + len(rest)
                if not rest or (j <= end and tuple(lowers[i + 1:j]) == rest):
                    _walk(child, j, words + tuple(range(i, j)), target, source, text, anchor, hits)
        else:  # an actor slot: a few filler words (`the`, `purported`), then an actor mention
            for j in range(i, min(i + SLOT_FILLER_MAX + 1, end)):
                if actor_at[j] is not None:
                    single = mention_end[actor_at[j]]
                    for after in dict.fromkeys((_group_end(single, text), single)):  # `India and Pakistan`, or `India`
                        if kind == "target":
                            _walk(child, after, words, j, source, text, anchor, hits)
                        else:
                            _walk(child, after, words, target, j, text, anchor, hits)
                    break
                if punct[j] or lowers[j] in SLOT_STOP:
                    break


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

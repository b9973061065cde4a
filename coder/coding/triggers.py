"""Find the verb and noun patterns that trigger events, and the discard phrases that veto them.

Pattern words are indexed by every form of their first word (`attack`, `attacked`...), so a
sentence only tries the few patterns anchored at its own words; the rest of a pattern (literal
words, `*` gaps, `&SYNSET` alternatives, `+`/`$` actor slots) is checked from that anchor.

Patterns with the same first element share a trie, compiled into tuples and dicts that the walk
reads by the word at hand (a node's steps for that word, in the order the patterns were written,
so the same matches come out in the same order). A trie is skipped where it cannot match: when the
sentence lacks every word one of which each of its patterns needs, or when the word after a gap
can start none of the steps that follow it.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress, count
from operator import is_, itemgetter
from sys import intern
from typing import NamedTuple

from spacy.attrs import IS_PUNCT, LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from coder.coding.inflect import lemma_of, noun_forms, past_participles, verb_forms
from coder.ontology.model import Discard, Ontology, PatternSpec, pickled_as_tuple
from coder.memos import Memo

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


@pickled_as_tuple
class Element(NamedTuple):
    kind: str  # lit | head (a derived passive's participle) | gap | target | source | alt
    forms: frozenset[str] = frozenset()
    # For `&SYNSET`: first word -> the remaining words of each synonym, longest first (never written to).
    alternatives: dict[str, tuple[tuple[str, ...], ...]] = {}
    key: tuple = ()  # identity in the trie: equal elements share a node


@pickled_as_tuple
class CompiledPattern(NamedTuple):
    """A pattern as the trie holds it (made by `compiled`, which works out the last two fields)."""

    spec: PatternSpec
    elements: tuple[Element, ...]
    participles: frozenset[str]  # forms that signal a passive (`attacked` in `was attacked by`)
    has_target_slot: bool  # read for every trigger whose sides are filled (coding/fill.py)
    # (literal words, actor slots, code length): read for every match when overlaps are resolved
    rank: tuple[int, int, int]


def compiled(spec: PatternSpec, elements: tuple[Element, ...], participles: frozenset[str]) -> CompiledPattern:
    rank = (sum(e.kind in ("lit", "alt") for e in elements), sum(e.kind in ("target", "source") for e in elements),
            len(spec.code))
    return CompiledPattern(spec, elements, participles, any(e.kind == "target" for e in elements),
                           _RANKS.setdefault(rank, rank))


# One tuple per distinct rank, shared by the patterns (and pickled once): a few dozen for thousands.
_RANKS: dict[tuple[int, int, int], tuple[int, int, int]] = {}


_set_attribute = object.__setattr__  # sets a frozen instance's fields


@dataclass(frozen=True, init=False)
class TriggerMatch:
    pattern: CompiledPattern
    anchor: int  # token index of the trigger word
    end: int  # token index after the last token the pattern covered
    words: tuple[int, ...]  # token indices of the pattern's literal words
    target: int | None  # first token of the actor in the `+` slot
    source: int | None  # first token of the actor in the `$` slot

    def __init__(self, pattern: CompiledPattern, anchor: int, end: int, words: tuple[int, ...],
                 target: int | None, source: int | None):
        # The fields set at once, where a frozen dataclass's own __init__ makes a call per field:
        # the walk makes one for every pattern it reaches.
        _set_attribute(self, "__dict__", {"pattern": pattern, "anchor": anchor, "end": end, "words": words,
                                          "target": target, "source": source})

    @property
    def code(self) -> str:
        return self.pattern.spec.code


class _Compiler:
    """Compiles patterns, tokenising each word and synonym set once however many patterns use it."""

    def __init__(self, nlp, elements: dict[tuple, Element] | None = None):
        """`elements`: those of an earlier build, which new patterns then share."""
        self.nlp = nlp
        self.tokens: dict[str, tuple[str, ...]] = {}
        self.synsets: dict[tuple[str, ...], Element] = {}
        # one object per distinct element: smaller, faster to cache
        self.elements: dict[tuple, Element] = dict(elements) if elements else {}
        self.interned: dict[frozenset[str], frozenset[str]] = {}

    def element(self, kind: str, forms: frozenset[str], key: tuple) -> Element:
        if key not in self.elements:
            self.elements[key] = Element(kind, forms, key=key)
        return self.elements[key]

    def forms(self, forms: frozenset[str]) -> frozenset[str]:
        """`forms` made of interned words, one object per distinct set: the words of the trie's
        tables are then the pattern words' own objects, pickled once."""
        if forms not in self.interned:
            self.interned[forms] = frozenset(map(intern, forms))
        return self.interned[forms]

    def adopt(self, spec: PatternSpec, pattern: CompiledPattern) -> CompiledPattern:
        """`spec` as an earlier build compiled it (`pattern`), made of this build's objects: its spec
        and, for equal elements, the ones this build shares (the trie shares tables by identity)."""
        shared = self.elements.setdefault
        return compiled(spec, tuple(shared(e.key, e) for e in pattern.elements),
                        shared(("participles", pattern.participles), pattern.participles))

    def words(self, text: str) -> tuple[str, ...]:
        if text not in self.tokens:
            self.tokens[text] = tuple(intern(t.lower_) for t in self.nlp.make_doc(text))
        return self.tokens[text]

    def synset(self, phrases: tuple[str, ...]) -> Element:
        if phrases not in self.synsets:
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for phrase in phrases:
                tokens = self.words(phrase)
                by_first.setdefault(tokens[0], []).append(tokens[1:])
            alts = {first: tuple(sorted(set(rests), key=lambda r: (-len(r), r))) for first, rests in by_first.items()}
            key = ("alt", tuple(sorted(alts.items())))
            self.synsets[phrases] = self.elements.setdefault(key, Element("alt", alternatives=alts, key=key))
        return self.synsets[phrases]


_SLOTS = {"*": Element("gap", key=("gap",)), "+": Element("target", key=("target",)),
          "$": Element("source", key=("source",))}


def compile_pattern(nlp, spec: PatternSpec, compiler: _Compiler | None = None) -> CompiledPattern:
    compiler = compiler or _Compiler(nlp)
    synsets = dict(spec.synsets)
    elements: list[Element] = []
    for index, word in enumerate(spec.words):
        if spec.form == "passive" and index == spec.head:  # the verb of a derived passive: its participle
            forms = compiler.forms(past_participles(compiler.words(word)[0]))
            elements.append(compiler.element("head", forms, ("head", forms)))
        elif word in _SLOTS:  # one object per build, as for every other element
            slot = _SLOTS[word]
            elements.append(compiler.elements.setdefault(slot.key, slot))
        elif word.startswith("&"):
            elements.append(compiler.synset(synsets[word[1:]]))
        else:
            tokens = compiler.words(word)
            if index == 0 and len(tokens) == 1:
                verb = spec.trigger == "verb" and spec.form != "passive"  # a passive leads with its object
                forms = compiler.forms(verb_forms(tokens[0]) if verb else noun_forms(tokens[0]))
                elements.append(compiler.element("lit", forms, ("lit", forms)))
            else:
                elements.extend(compiler.element("lit", frozenset([t]), ("lit", t)) for t in tokens)
    first = spec.words[spec.head].lower()
    participles: frozenset[str] = frozenset()
    if spec.trigger == "verb":
        if first.startswith("&"):  # a synset of verb forms: its past participles signal the passive
            participles = frozenset(w for w in elements[0].alternatives if w in past_participles(lemma_of(w)))
        else:
            participles = compiler.forms(past_participles(first))
    participles = compiler.elements.setdefault(("participles", participles), participles)
    return compiled(spec, tuple(elements), participles)


# Steps of the compiled trie: consume one word (a literal), the participle of a derived passive
# (which becomes the anchor), a synonym of one or more words, a `*` gap, a `+` or a `$` slot.
_STEP_WORD, _STEP_HEAD, _STEP_ALT, _STEP_GAP, _STEP_TARGET, _STEP_SOURCE = range(6)


class _Node:
    """A trie node over pattern elements, while building: patterns that share a prefix are matched once."""

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

    def compile(self, tables: dict) -> tuple:
        """The node as the walk reads it: (patterns that end here, literal word -> next node, the
        moves table of its other steps, the node each of those steps leads to, the words the walk
        can go on from or None if it goes on from any). Nodes whose other steps are the same
        elements share one table (`tables`, by element identity)."""
        patterns = tuple(self.patterns)
        literal = {word: child.compile(tables) for word, child in self.words.items()} if self.words else _NOTHING
        if not self.others:  # most nodes: a pattern's end, or literal words only
            return patterns, literal, _NO_MOVES, (), None if patterns else literal
        elements = [element for element, _ in self.others.values()]
        children = tuple(child.compile(tables) for _, child in self.others.values())
        signature = tuple(map(id, elements))  # elements are made once per distinct key by _Compiler
        if signature not in tables:
            tables[signature] = _moves(elements)
        by_word, anywhere = tables[signature]
        starts = None if patterns or anywhere else by_word if not literal else literal if not by_word \
            else frozenset(literal).union(by_word)
        return patterns, literal, tables[signature], children, starts


_KINDS = {"lit": _STEP_WORD, "head": _STEP_HEAD, "alt": _STEP_ALT, "gap": _STEP_GAP, "target": _STEP_TARGET,
          "source": _STEP_SOURCE}
_ANY_WORD = (_STEP_GAP, _STEP_TARGET, _STEP_SOURCE)
_NOTHING: dict = {}  # one shared empty table (never written to) for the many nodes without one
_NO_MOVES: tuple = (_NOTHING, ())


def _moves(elements: list[Element]) -> tuple[dict[str, tuple], tuple]:
    """(word -> the moves the word can make, the moves any word can make) through a node's steps
    other than single literal words. A move is (the step's position, its kind, the rests of the
    synonyms that start with the word); a word's moves keep the steps' order, so the walk visits
    the same matches in the same order as over the steps one by one."""
    anywhere: list[tuple] = []
    taken: dict[str, list[tuple]] = {}  # word -> the moves of the steps that take it, in order
    for k, element in enumerate(elements):
        kind = _KINDS[element.kind]
        if kind == _STEP_ALT:
            for word, rests in element.alternatives.items():
                taken.setdefault(word, []).append((k, kind, rests))
        elif kind in _ANY_WORD:
            anywhere.append((k, kind, None))
        else:
            move = (k, kind, None)
            for word in element.forms:
                taken.setdefault(word, []).append(move)
    if anywhere:
        by_word = {word: tuple(sorted(moves + anywhere, key=itemgetter(0))) for word, moves in taken.items()}
    else:
        by_word = {word: tuple(moves) for word, moves in taken.items()}
    return by_word or _NOTHING, tuple(anywhere)


class Words:
    """A paragraph's words as plain lists indexed like its Doc: lower-case forms (and their string
    ids) and punctuation flags, read from the Doc in one `to_array`. The per-sentence rules read
    thousands of words; a list item costs far less than the spaCy Token object `doc[i]` makes on
    every read. `lower` may be given when the caller has made it already (it must be
    `[token.lower_ for token in doc]`). Made once per paragraph for the actor finder, the trigger
    finder and the sentence rules: see `paragraph_words`."""

    __slots__ = ("doc", "lower", "punct", "ids")

    def __init__(self, doc: Doc, lower: list[str] | None = None):
        self.doc = doc
        # LOWER string ids, and 1 for spaCy's `is_punct` else 0: one `tolist` makes both lists
        self.ids, self.punct = doc.to_array([LOWER, IS_PUNCT]).T.tolist()
        if lower is None:
            lower = _words_of(self.ids, doc.vocab.strings)
        self.lower: list[str] = lower


# String id -> its word, for the words met before, one table per string store. The store decodes a
# new str on every read, which every dict and set of the word then hashes anew; a table read gives
# the one str, its hash computed once (3.2% fewer instructions in the actor and trigger finders,
# steady state). A new word is read in `__missing__`, not by catching the KeyError and reading the
# paragraph again: that cost more than it saved on text not seen before. A table keeps its own
# store, never another's, so threads reading paragraphs of different pipelines cannot mix them.
class _WordTable(Memo):
    """String id -> lower-case word of one string store, filled as words are met."""

    __slots__ = ("strings",)

    def __init__(self, strings):
        super().__init__("word table: words by string id", _WORD_TABLE_MAX)
        self.strings = strings

    def __missing__(self, word: int) -> str:
        return self.remember(word, self.strings[word])


_WORD_TABLE_MAX = 100_000  # distinct words kept, then all forgotten at once
# id(string store) -> its table: a pipeline or two in a run; tests and notebooks make many
_WORD_TABLES = Memo("word tables, by string store", 8)


def _words_of(ids: list[int], strings) -> list[str]:
    """The words of string ids `ids`, each in `strings` (a StringStore)."""
    table = _WORD_TABLES.get(id(strings))
    if table is None or table.strings is not strings:
        table = _WORD_TABLES.remember(id(strings), _WordTable(strings))
    return list(map(table.__getitem__, ids))


_LAST_WORDS: list = [None]  # the Words of the paragraph read last


def paragraph_words(doc: Doc) -> Words:
    """The word table of `doc`, made once however many finders read it (the last paragraph's is
    kept: a paragraph's actors, triggers and sentences are coded before the next one's)."""
    words = _LAST_WORDS[0]
    if words is None or words.doc is not doc:
        words = _LAST_WORDS[0] = Words(doc)
    return words


@dataclass
class FinderParts:
    """What a build of the trigger finder leaves for the next one (kept beside the compiled
    ontology, not in the finder): its patterns, the elements they are made of, and each trie by
    the key of its first element, with the patterns it holds and the words it needs."""

    patterns: list[CompiledPattern]
    elements: dict[tuple, Element]
    tries: dict[tuple, tuple[tuple[CompiledPattern, ...], tuple, frozenset[str] | None]]


class TriggerFinder:
    # The shape of the compiled index; a cache pickled with another shape is refused and rebuilt.
    LAYOUT = 2

    def __init__(self, nlp, ontology: Ontology, *, previous: FinderParts | None = None):
        """`previous`: what an earlier build with this pipeline left (see `parts`). A pattern whose
        spec is the very object it compiled, or an equal one, is not compiled again, and a trie
        whose patterns are all the very ones it held is not built again: after an edit of one file,
        only its patterns and their tries are."""
        self._last = None  # (doc, word table, tagged, anchor positions) of the paragraph being coded
        compiler = _Compiler(nlp, previous.elements if previous else None)
        self.patterns = _compiled_patterns(nlp, ontology.patterns, compiler, previous)
        # Patterns with the same first element share one trie of their other elements, entered
        # from every word that element can start on.
        groups: dict[tuple, list[CompiledPattern]] = {}  # first element's key -> its patterns, in order
        for pattern in self.patterns:
            groups.setdefault(pattern.elements[0].key, []).append(pattern)
        before = previous.tries if previous else {}
        tries: dict[tuple, tuple] = {}  # first element's key -> (its patterns, trie, required words)
        choices: dict[int, tuple] = {}
        tables: dict[tuple, tuple] = {}
        for key, patterns in groups.items():
            kept = before.get(key)
            if kept is not None and len(kept[0]) == len(patterns) and all(map(is_, kept[0], patterns)):
                tries[key] = kept
            else:
                tries[key] = (tuple(patterns), *_trie(patterns, choices, tables))
        # anchor word -> [(rest of a multi-word synonym anchor, trie, words one of which a sentence
        # must have for the trie to match, or None)], in the order the patterns came
        roots: dict[str, list[tuple[tuple[str, ...], tuple, frozenset[str] | None]]] = {}
        for patterns, trie, needs in tries.values():
            for word, rest in _anchors(patterns[0].elements[0]):
                roots.setdefault(word, []).append((rest, trie, needs if needs is not None or not rest else
                                                   frozenset(rest[:1])))
        self.index = {word: _by_next_word(found) for word, found in roots.items()}
        self._parts = FinderParts(self.patterns, compiler.elements, tries)

    def parts(self) -> FinderParts:
        """What the next build may reuse (`previous`); only a finder built in this process has them."""
        return self._parts

    def __getstate__(self) -> dict:
        state = {**self.__dict__, "_last": None, "layout": self.LAYOUT}
        del state["_parts"]  # kept beside the compiled ontology, for a rebuild only
        return state

    def __setstate__(self, state: dict) -> None:
        if state.get("layout") != self.LAYOUT:
            raise ValueError(f"a trigger index of layout {state.get('layout')}, not {self.LAYOUT}: rebuild it")
        self.__dict__.update(state)
        self._parts = None

    def find(self, doc: Doc, start: int, end: int, actor_at: list[int | None],
             mention_end: dict[int, int], *, select: bool = True) -> list[TriggerMatch]:
        """Non-overlapping trigger matches in tokens [start, end), the most specific first
        (with select=False, every pattern that matches, overlapping or not)."""
        words, tagged, anchored = self._paragraph(doc)
        lowers, punct = words.lower, words.punct
        first, last = bisect_left(anchored, start), bisect_left(anchored, end)
        if first == last:
            return []
        present = set(lowers[start:end])
        text = (lowers, punct, end, actor_at, mention_end, "-" in present)
        found: list[TriggerMatch] = []
        index = self.index
        for i in anchored[first:last]:
            if actor_at[i] is not None:
                continue  # a word inside an actor
            single, by_next = index[lowers[i]]
            hits: dict[int, TriggerMatch] | None = None
            for rest, node, needs in by_next.get(lowers[i + 1], single) if by_next and i + 1 < end else single:
                if needs is not None and needs.isdisjoint(present):
                    continue  # most roots: checked first, before the words of a multi-word anchor
                j = i + 1 + len(rest)
                if not rest or (j <= end and tuple(lowers[i + 1:j]) == rest):
                    starts = node[4]
                    if starts is None or (j < end and lowers[j] in starts):  # else nothing could follow
                        if hits is None:
                            hits = {}
                        # (a range object costs ten times a tuple of one: most anchors are one word)
                        _walk(node, j, tuple(range(i, j)) if rest else (i,), None, None, text, i, hits)
            if not hits:
                continue
            for m in hits.values():
                spec = m.pattern.spec
                if spec.form == "passive":
                    if not _after_be(lowers, m.anchor, start):
                        continue
                    # the participle is the verb; roles read it as passive
                    m = TriggerMatch(m.pattern, m.anchor, m.end, (m.anchor,), m.target, m.source)
                if tagged is None:
                    tagged = self._tagged(doc)
                if tagged:
                    if _pos_fits(doc[m.anchor].pos_, spec.trigger):
                        found.append(m)
                # no tagger: after a determiner (`the pass`, `an attack`) a word is a noun
                elif not (spec.trigger == "verb" and m.anchor > start and lowers[m.anchor - 1] in DETERMINERS):
                    found.append(m)
        if not select or len(found) < 2:
            return found  # (one match: nothing to choose between)
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

    def words(self, doc: Doc) -> Words:
        """The paragraph's word table as `find` read it, for the sentence rules to share."""
        return self._paragraph(doc)[0]

    def _paragraph(self, doc: Doc) -> list:
        """The word table, whether there are POS tags (None: not found out yet, see `_tagged`), and
        the positions of words that can anchor a pattern, for a paragraph: made once for all its
        sentences."""
        if self._last is None or self._last[0] is not doc:
            words = paragraph_words(doc)
            lowers = words.lower
            anchored = list(compress(count(), map(self.index.__contains__, lowers)))
            if "-" in lowers:  # not a word right after a hyphen: the modifier in `Western-trained`
                anchored = [i for i in anchored if i == 0 or lowers[i - 1] != "-"]
            self._last = [doc, words, None, anchored]  # whether it is tagged: read when a pattern matches
        return self._last[1:]

    def _tagged(self, doc: Doc) -> bool:
        """Whether the paragraph (the one `_paragraph` read) has POS tags, found out once."""
        if self._last[2] is None:
            self._last[2] = doc.has_annotation("POS")
        return self._last[2]


def _compiled_patterns(nlp, specs: list[PatternSpec], compiler: "_Compiler",
                       previous: FinderParts | None) -> list[CompiledPattern]:
    """The compiled pattern of each spec: the previous build's own where it compiled this very spec
    object (a file that did not change), adopted where it compiled an equal one, else compiled."""
    if previous is None:
        return [compile_pattern(nlp, spec, compiler) for spec in specs]
    # Ids are safe keys: the previous patterns hold their specs, which therefore stay alive.
    by_id = {id(pattern.spec): pattern for pattern in previous.patterns}
    patterns = [by_id.get(id(spec)) for spec in specs]
    if None in patterns:
        taken = set(map(id, patterns))
        by_spec = {p.spec: p for p in previous.patterns if id(p) not in taken}
        patterns = [pattern if pattern is not None else compiler.adopt(spec, by_spec[spec]) if spec in by_spec
                    else compile_pattern(nlp, spec, compiler) for spec, pattern in zip(specs, patterns)]
    return patterns


def _trie(patterns: list[CompiledPattern], choices: dict[int, tuple],
          tables: dict[tuple, tuple]) -> tuple[tuple, frozenset[str] | None]:
    """The compiled trie of patterns that share their first element, and the words one of which a
    sentence must have for it to match (None: no such words)."""
    root = _Node()
    for pattern in patterns:
        node = root
        for element in pattern.elements[1:]:
            node = node.child(element)
        node.patterns.append(pattern)
    return root.compile(tables), _any_of([_required_words(pattern, choices) for pattern in patterns])


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


def _required_words(pattern: CompiledPattern, choices: dict[int, tuple]) -> frozenset[str] | None:
    """Words one of which a sentence must have for `pattern` to match, besides its first: those of
    its most selective later word or synonym (the fewest words, then the longest: rarer); None if
    all it has after its first word are gaps and slots. `choices` keeps each element's (selectivity,
    words) by identity: elements are shared by many patterns."""
    best = None
    for element in pattern.elements[1:]:
        if element.kind in ("lit", "head", "alt"):
            choice = choices.get(id(element))
            if choice is None:
                words = frozenset(element.alternatives) if element.kind == "alt" else element.forms
                choice = choices[id(element)] = ((len(words), -min(map(len, words))), words)
            if best is None or choice[0] < best[0]:
                best = choice
    return None if best is None else best[1]


def _any_of(required: list[frozenset[str] | None]) -> frozenset[str] | None:
    """Words one of which a sentence must have for any of several patterns to match (None: no such words)."""
    if any(words is None for words in required):
        return None
    distinct = list(dict.fromkeys(required))
    return distinct[0] if len(distinct) == 1 else frozenset().union(*distinct)


def _by_next_word(roots: list[tuple]) -> tuple[tuple, dict[str, tuple]]:
    """The roots of one anchor word as (roots with a one-word anchor, next word -> those roots plus
    the multi-word anchors that continue with it), each in the original order: a sentence tries
    only the synonyms (`the talks`) its next word can continue, not every one starting with `the`."""
    single = tuple(root for root in roots if not root[0])
    by_next = {root[0][0]: () for root in roots if root[0]}
    for word in by_next:
        by_next[word] = tuple(root for root in roots if not root[0] or root[0][0] == word)
    return single, by_next


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
    lowers, _, end, actor_at, mention_end, _ = text
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


def _walk(node: tuple, i: int, words: tuple[int, ...], target, source, text, anchor: int, hits: dict) -> None:
    """Depth-first over the compiled trie from token i, recording the first match of every pattern
    reached. `text` is (lower-case words, punctuation flags, sentence end, actor index per token,
    mention ends, whether the sentence has a hyphen)."""
    patterns, literal, (by_word, anywhere), children, _ = node
    for pattern in patterns:
        if id(pattern) not in hits:
            hits[id(pattern)] = TriggerMatch(pattern, anchor, i, words, target, source)
    lowers, punct, end, actor_at, mention_end, hyphens = text
    moves = anywhere
    if i < end:
        word = lowers[i]
        if word in literal:
            _walk(literal[word], i + 1, words + (i,), target, source, text, anchor, hits)
        moves = by_word.get(word, anywhere)
    for k, kind, rests in moves:
        child = children[k]
        if kind == _STEP_WORD:
            _walk(child, i + 1, words + (i,), target, source, text, anchor, hits)
        elif kind == _STEP_HEAD:  # a derived passive's participle: the trigger word, wherever it stands
            _walk(child, i + 1, words + (i,), target, source, text, i, hits)
        elif kind == _STEP_GAP:
            starts = child[4]
            if hyphens or i >= end:
                for j in _gap_ends(lowers, i, end):
                    if starts is None or (j < end and lowers[j] in starts):  # else nothing could follow
                        _walk(child, j, words, target, source, text, anchor, hits)
            else:  # without a hyphen a gap ends after each of its next GAP_MAX words (a range object costs more)
                j, last = i, i + GAP_MAX if i + GAP_MAX < end else end
                while j <= last:
                    if starts is None or (j < end and lowers[j] in starts):
                        _walk(child, j, words, target, source, text, anchor, hits)
                    j += 1
        elif kind == _STEP_ALT:
            for rest in rests:
                j = i + 1 + len(rest)
                if not rest or (j <= end and tuple(lowers[i + 1:j]) == rest):
                    _walk(child, j, words + tuple(range(i, j)), target, source, text, anchor, hits)
        else:  # an actor slot: a few filler words (`the`, `purported`), then an actor mention
            j, stop = i, i + SLOT_FILLER_MAX + 1 if i + SLOT_FILLER_MAX + 1 < end else end
            while j < stop:
                if actor_at[j] is not None:
                    single = mention_end[actor_at[j]]
                    for after in dict.fromkeys((_group_end(single, text), single)):  # `India and Pakistan`, or `India`
                        if kind == _STEP_TARGET:
                            _walk(child, after, words, j, source, text, anchor, hits)
                        else:
                            _walk(child, after, words, target, j, text, anchor, hits)
                    break
                if (punct[j] and lowers[j] not in _QUOTES) or lowers[j] in SLOT_STOP:
                    break
                j += 1


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

"""The coder's own blank English pipeline tokenises as spaCy's does, with less work per new word.

On text it has not seen, spaCy's tokenizer spends most of its time on two things, both done once
per distinct word and both cut here without changing a token:
- **Word attributes** (`keep_read_attributes`). For every word it meets the first time, the
  vocabulary works out some twenty attributes (shape, prefix, suffix, norm, like_num...), each a
  Python call. The coder reads eight.
- **Affix searches** (`DispatchedSearch`). A word that is not in the tokenizer's cache is searched
  for a prefix and a suffix, again after each one it strips. Each search is one regular expression
  of some 260 alternatives, all tried at every position. But a suffix match ends with the word's
  last character (every alternative ends in `$`) and a prefix match starts with its first (every
  one starts with `^`), so only the alternatives that can end (or start) with that character can
  match. Those are worked out from the parsed expression once per character, and searched alone, in
  their order: the same match, because the alternatives left out could not have matched anywhere.
  An infix is searched only in words holding a character an infix can start with.
Where the analysis cannot be sure (an expression it does not know how to read, other affixes than
the language's own), the search is left as spaCy made it.
"""
from __future__ import annotations

import re

import spacy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_STOP, IS_TITLE, IS_UPPER, LOWER
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from coder.coding import sentences  # noqa: F401 - registers the `eventcoder_sentencizer` factory

try:  # the parser behind `re`
    from re import _constants as _sre, _parser as _sre_parser
except ImportError:  # pragma: no cover - Python 3.10 has it as `sre_parse`
    try:
        import sre_constants as _sre
        import sre_parse as _sre_parser
    except ImportError:  # another Python: the searches stay as spaCy made them
        _sre = _sre_parser = None

# The word attributes the coder reads (the word tables, the actor and place rules, `suggest`,
# `coverage`); the sentencizer reads IS_PUNCT.
READ_ATTRIBUTES = frozenset([LOWER, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_STOP, IS_TITLE, IS_UPPER])

_MAX_CLASS = 0x30000  # characters a class may span and still be listed


def keep_read_attributes(vocab) -> None:
    """Make `vocab` work out only READ_ATTRIBUTES for the words it meets from now on; the others
    are left at their zero value. Only for the coder's blank pipeline: a model reads them."""
    getters = vocab.lex_attr_getters
    for attr in [attr for attr in getters if attr not in READ_ATTRIBUTES]:
        del getters[attr]


def blank_english():
    """spaCy's blank English pipeline with rule-based sentences, tokenising as spaCy's own with
    less work per new word and setting spaCy's sentences from arrays (coding/sentences.py): the
    coder's shallow pipeline."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "eventcoder.Tokenizer.v1"}}})
    nlp.add_pipe("eventcoder_sentencizer", name="sentencizer")
    keep_read_attributes(nlp.vocab)
    return nlp


@registry.tokenizers("eventcoder.Tokenizer.v1")
def create_tokenizer():
    """spaCy's tokenizer of the language's own rules (`spacy.Tokenizer.v1`), its prefix, suffix and
    infix searches dispatched as this module says. Built once (each search set on a built tokenizer
    would load its 1,300 special cases again)."""

    def tokenizer_factory(nlp) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(nlp.vocab, rules=defaults.tokenizer_exceptions,
                         prefix_search=_search(defaults.prefixes, compile_prefix_regex, "^{}", first=True),
                         suffix_search=_search(defaults.suffixes, compile_suffix_regex, "{}$", first=False),
                         infix_finditer=_infix_finditer(defaults.infixes),
                         token_match=defaults.token_match, url_match=defaults.url_match)

    return tokenizer_factory


def _search(entries, compile_regex, form: str, *, first: bool):
    """The search spaCy makes of affix rules `entries` (`compile_regex`, each rule written as
    `form`), dispatched by its first (`first`) or last character where every rule can be read."""
    if not entries:
        return None
    original = compile_regex(entries)
    pieces = _pieces(entries, form, original)
    edges = None if pieces is None else _edge_of_pieces(pieces, first=first)
    return original.search if edges is None else DispatchedSearch(original, pieces, edges, first)


def _infix_finditer(entries):
    """spaCy's `finditer` of infix rules `entries`, run only where an infix can start."""
    if not entries:
        return None
    original = compile_infix_regex(entries)
    pieces = _pieces(entries, "{}", original)
    starts = None if pieces is None else _edge_of_pieces(pieces, first=True, anchored=False)
    if starts is None or None in starts:
        return original.finditer
    return InfixFilter(original, frozenset().union(*starts))


def _pieces(entries, form: str, original: re.Pattern) -> list[str] | None:
    """The alternatives of `original`, as spaCy joined them from `entries`; None if they are not
    strings or it joined them otherwise."""
    if _sre_parser is None or not all(isinstance(entry, str) for entry in entries):
        return None
    pieces = [form.format(entry) for entry in entries if entry.strip()]
    # A flag set inside the first rule (`(?s)`) holds for the whole expression, and a numbered
    # back-reference counts the groups of the rules before its own: a part of the expression that
    # leaves rules out would read either otherwise, so only expressions without them are split.
    if "|".join(pieces) != original.pattern or original.flags != _PLAIN_FLAGS or _BACK_REFERENCE.search(original.pattern):
        return None
    return pieces


class DispatchedSearch:
    """`search` of an alternation of suffixes (`$`) or prefixes (`^`, `first`) that tries only the
    alternatives that can end or start with the string's last or first character."""

    def __init__(self, original: re.Pattern, pieces: list[str], edges: list[frozenset[str] | None], first: bool):
        self.__self__ = original  # where spaCy's `Tokenizer.to_bytes` reads the pattern, as of a bound `search`
        self.pieces, self.edges, self.first = pieces, edges, first
        self.search_all = original.search
        self.by_char: dict[str, object] = {}  # character -> the search of the alternatives it can be (None: none)
        self.by_alternatives: dict[tuple[int, ...], object] = {}  # one expression per distinct set

    def __call__(self, string: str):
        if not string or (not self.first and string[-1] == "\n"):  # `$` also matches before a final newline
            return self.search_all(string)
        char = string[0] if self.first else string[-1]
        search = self.by_char.get(char, False)
        if search is False:
            search = self.by_char[char] = self._search_for(char)
        return None if search is None else search(string)

    def _search_for(self, char: str):
        kept = tuple(i for i, edge in enumerate(self.edges) if edge is None or char in edge)
        if kept not in self.by_alternatives:
            self.by_alternatives[kept] = re.compile("|".join(self.pieces[i] for i in kept)).search if kept else None
        return self.by_alternatives[kept]

    def __reduce__(self):
        return DispatchedSearch, (self.__self__, self.pieces, self.edges, self.first)


class InfixFilter:
    """`finditer` of an infix alternation that skips strings holding no character an infix can
    start with: they have none."""

    def __init__(self, original: re.Pattern, starts: frozenset[str]):
        self.__self__ = original
        self.finditer, self.starts = original.finditer, starts

    def __call__(self, string: str):
        return () if self.starts.isdisjoint(string) else self.finditer(string)

    def __reduce__(self):
        return InfixFilter, (self.__self__, self.starts)


def _edge_of_pieces(pieces: list[str], *, first: bool, anchored: bool = True) -> list[frozenset[str] | None] | None:
    """Per alternative, the characters its match can start (`first`) or end with; None for one that
    cannot be read. None in all if an alternative is not anchored (`anchored`) as an affix must be:
    a prefix by its leading `^`, a suffix by its final `$`."""
    anchor = (_sre.AT, _sre.AT_BEGINNING) if first else (_sre.AT, _sre.AT_END)
    edges = []
    for piece in pieces:
        try:
            nodes = _sre_parser.parse(piece)
        except re.error:
            return None
        if anchored and (nodes[0] if first else nodes[-1]) != anchor:
            return None  # e.g. an alternative of its own (`a|b`) without the anchor
        edges.append(_edge_chars(nodes, first))
    return edges


_UNREAD_FLAGS = re.IGNORECASE | re.MULTILINE | re.VERBOSE  # flags under which a literal is not one character
_PLAIN_FLAGS = re.compile("").flags  # those of an expression that sets none
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # `\1`, `(?P=name)`, `(?(1)...)` (or an escaped `\\1`: kept whole too)
# `^`, `$`, `\b`, look-behinds and look-aheads: they consume no character
_ZERO_WIDTH = frozenset([_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT]) if _sre else frozenset()


def _edge_chars(nodes: list, first: bool) -> frozenset[str] | None:
    """The characters the first (or last) character a match of `nodes` consumes can be; None if
    it can match nothing or the nodes cannot be read."""
    nodes = list(nodes)
    while nodes and nodes[0 if first else -1][0] in _ZERO_WIDTH:
        nodes.pop(0 if first else -1)
    if not nodes:
        return None
    op, value = nodes[0 if first else -1]
    if op is _sre.LITERAL:
        return frozenset(chr(value))
    if op is _sre.IN:
        chars: set[str] = set()
        for item, argument in value:
            if item is _sre.LITERAL:
                chars.add(chr(argument))
            elif item is _sre.RANGE and argument[1] - argument[0] <= _MAX_CLASS:
                chars.update(map(chr, range(argument[0], argument[1] + 1)))
            else:  # NEGATE, a category (`\d`): not listed
                return None
        return frozenset(chars)
    if op is _sre.SUBPATTERN:
        _, add_flags, _, inner = value
        return None if add_flags & _UNREAD_FLAGS else _edge_chars(inner, first)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = value
        return _edge_chars(inner, first) if low > 0 else None
    if op is _sre.BRANCH:
        alternatives = [_edge_chars(branch, first) for branch in value[1]]
        return None if None in alternatives else frozenset().union(*alternatives)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _edge_chars(value, first)
    return None

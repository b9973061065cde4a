"""ACLED typing: ACLED's disorder type, event type, sub-event type, interaction and civilian
targeting of every coded event, from the evidence of its own sentence.

It runs after CAMEO coding, over the finished records of a document. The rules are data: the
`kind: acled` files in an `acled/` folder of the ontology (`ontology/acled/typing.yaml`,
`interaction.yaml`, `regions.yaml`); a user folder with its own `acled/` folder is layered over
ours (its cue lists and actor classes replace ours by name, its rules are tried before ours).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import filterfalse
from operator import or_
from pathlib import Path

from coder.coding.fatalities import count_killed
from coder.errors import EventcoderError, OntologyError
from coder.memos import Memo
from coder.ontology.load import default_ontology_dir
from coder.ontology.yamlio import LocatedList, line_of

ACLED_COLUMNS = ("acled_disorder_type", "acled_event_type", "acled_sub_event_type", "acled_interaction",
                 "acled_civilian_targeting", "fatalities")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Rule:
    """One line of the decision list: a sub-event type and what must hold for an event to get it."""

    sub_event_type: str | None  # None: not an event ACLED records (a disaster, an accident)
    codes: tuple[str, ...]
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    source: frozenset[str] | None = None
    target: frozenset[str] | None = None
    victims: bool | None = None
    where: str = ""


@dataclass(frozen=True, slots=True)
class RuleTest:
    """A rule's conditions as the typer tests them: its cue lists as bits of the rules' CueIndex."""

    index: int  # the rule's place in the decision list
    source: frozenset[str] | None
    target: frozenset[str] | None
    any: int
    all: int
    none: int
    victims: bool | None
    cues: int  # every list the rule reads: any | all | none


@dataclass
class AcledRules:
    typology: dict[str, tuple[str, str]] = field(default_factory=dict)  # sub-event -> (event type, disorder)
    code_sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cues: dict[str, "CueList"] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    inter: dict[str, int] = field(default_factory=dict)  # actor class -> ACLED inter code
    roles: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    armed_identity_roles: frozenset[str] = frozenset()
    regions: dict[str, str] = field(default_factory=dict)  # ISO3 -> ACLED region
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> ACLED's spelling

    def recordable(self, code: str) -> bool:
        """Whether any rule accepts this CAMEO code: ACLED records nothing else (statements, meetings)."""
        return bool(self.tests_for_code(code))

    def tests_for_code(self, code: str) -> tuple[RuleTest, ...]:
        """The tests of the rules that accept a CAMEO code, in rule order, worked out once per code."""
        found = self._by_code.get(code)
        if found is None:
            if self._tests is None:
                self._tests = self._compile_tests()
            found = self._by_code[code] = tuple(t for t, r in zip(self._tests, self.rules) if code.startswith(r.codes))
        return found

    def tests_for(self, code: str, source: str, target: str) -> tuple[RuleTest, ...]:
        """The tests of the rules that accept a CAMEO code and these actor classes of its sides,
        worked out once per code and classes; what is left to test is the sentence."""
        key = (code, source, target)
        found = self._by_sides.get(key)
        if found is None:
            found = self._by_sides[key] = tuple(
                t for t in self.tests_for_code(code)
                if (t.source is None or source in t.source) and (t.target is None or target in t.target))
        return found

    @property
    def index(self) -> "CueIndex":
        """All cue lists in one index (built on first use, after the layers are merged)."""
        if self._index is None:
            self._index = CueIndex(self.cues)
        return self._index

    def _compile_tests(self) -> list[RuleTest]:
        bits = self.index.bits

        def mask(names: tuple[str, ...]) -> int:
            return sum(bits[name] for name in set(names))

        return [RuleTest(i, r.source, r.target, mask(r.any), mask(r.all), mask(r.none), r.victims,
                         mask(r.any + r.all + r.none)) for i, r in enumerate(self.rules)]

    def __post_init__(self) -> None:
        self._by_code: dict[str, tuple[RuleTest, ...]] = {}
        self._by_sides: dict[tuple[str, str, str], tuple[RuleTest, ...]] = {}
        self._classes: dict[tuple, str] = {}  # (actor code, country) -> ACLED actor class
        self._tests: list[RuleTest] | None = None
        self._index: CueIndex | None = None


# ---------------------------------------------------------------------------------------- cue words

_GAP = r"(?: \w+){0,4}"


def cue_regex(text: str) -> str:
    """`shell*` -> any ending, `a|b` -> alternatives in one word slot, `...` -> up to four words."""
    parts = []
    for word in text.lower().split():
        if word == "...":
            parts.append(None)
            continue
        alts = []
        for alt in word.split("|"):
            stem = re.escape(alt.rstrip("*").replace("-", " "))
            alts.append(stem + (r"\w*" if alt.endswith("*") else ""))
        parts.append("(?:" + "|".join(alts) + ")")
    pattern = ""
    for part in parts:
        pattern += _GAP if part is None else (" " if pattern else "") + part
    return r"(?<!\w)" + pattern + r"(?!\w)"


class CueList:
    """One named cue list, split by how it is matched: whole words (a set), word prefixes (`shell*`),
    and phrases (gated by the words their first slot allows). A phrase is matched on the sentence's
    words slot by slot (`cue_slots`); the few a word list cannot express keep their regular
    expression, as text: CueIndex compiles it the first time a sentence needs it (compiling is
    a fifth of a millisecond a phrase, more than a whole sentence's typing)."""

    def __init__(self, cues: list[str]):
        exact, prefixes = set(), []
        self.phrases: list[tuple[frozenset, tuple, str, tuple | None]] = []
        for cue in cues:
            slots = cue.lower().split()
            if len(slots) == 1 and "-" not in slots[0].replace("*", ""):
                for alt in slots[0].split("|"):
                    (prefixes.append(alt[:-1]) if alt.endswith("*") else exact.add(alt))
                continue
            self.phrases.append((*_first_words(slots[0]), cue_regex(cue), cue_slots(cue)))
        self.exact = frozenset(exact)
        self.prefixes = tuple(prefixes)

    def check(self) -> None:
        """Compile every phrase's expression: re.error for one that cannot be (the loader's check)."""
        for _, _, regex, _ in self.phrases:
            re.compile(regex)


_PLAIN_WORD = re.compile(r"\w+")


def cue_slots(text: str) -> tuple | None:
    """A phrase as word slots, read exactly as `cue_regex` reads it on a normalised sentence (words
    of \\w characters joined by single spaces): a tuple of (gap, alternatives), `gap` the most
    words that may stand between the slot and the one before (`...` is four), each alternative
    (its words, whether the last is a prefix): `sit-in|rally` -> ((("sit", "in"), False),
    (("rally",), False)). None for a phrase only its expression can read: an alternative with an
    empty word or a character that is not a word character (it matches nothing, or empty text),
    a gap at either end."""
    slots, gap = [], 0
    for word in text.lower().split():
        if word == "...":
            gap += 4
            continue
        alts = []
        for alt in word.split("|"):
            parts = tuple(alt.rstrip("*").replace("-", " ").split(" "))
            if not all(_PLAIN_WORD.fullmatch(part) for part in parts):
                return None
            alts.append((parts, alt.endswith("*")))
        if gap and not slots:
            return None  # a gap before the first slot
        slots.append((gap, tuple(alts)))
        gap = 0
    return tuple(slots) if slots and not gap else None  # not a gap after the last slot either


class WordPhrase:
    """A phrase matched on a sentence's words, slot by slot (what its expression finds in the words
    joined by spaces). One with no gap and a prefix only in its last slot is also a few strings
    (`air strike*` -> ` air strike`; up to _MOST_STRINGS of them, one per choice of alternatives),
    any of which in the padded text (` the air strikes hit `) is a match: a search in C."""

    __slots__ = ("slots", "strings", "tests", "first_exact", "first_prefixes")
    _MOST_STRINGS = 32

    def __init__(self, slots: tuple):
        self.slots = slots
        self.strings = self._strings(slots)
        self.tests = tuple(_slot_test(gap, alts) for gap, alts in slots)
        first = slots[0][1]
        self.first_exact = frozenset(parts[0] for parts, prefix in first if len(parts) > 1 or not prefix)
        self.first_prefixes = tuple(parts[0] for parts, prefix in first if len(parts) == 1 and prefix)

    @classmethod
    def _strings(cls, slots: tuple) -> tuple[str, ...] | None:
        if any(gap for gap, _ in slots) or any(prefix for _, alts in slots[:-1] for _, prefix in alts):
            return None
        choices: list[tuple[str, ...]] = [()]
        for _, alts in slots:
            choices = [words + parts for words in choices for parts, _ in alts]
            if len(choices) > cls._MOST_STRINGS:
                return None
        last = slots[-1][1]  # every choice ends with one of the last slot's alternatives, in order
        ends = [prefix for _, prefix in last] * (len(choices) // len(last))
        return tuple(" " + " ".join(words) + ("" if prefix else " ") for words, prefix in zip(choices, ends))

    def found_in(self, words: list[str], padded: str) -> bool:
        """Whether the words hold the phrase (`padded`: the words joined by spaces, a space at each end)."""
        if self.strings is not None:
            return any(map(padded.__contains__, self.strings))
        first, rest = self.tests[0], self.tests[1:]
        exact, prefixes = self.first_exact, self.first_prefixes
        for start, word in enumerate(words):
            if word not in exact and not word.startswith(prefixes):
                continue  # no alternative of the first slot starts here
            ends = _slot_ends(words, first, (start,))
            for test in rest:
                if not ends:
                    break
                gap = test[0]
                if gap:
                    ends = {end + skipped for end in ends for skipped in range(gap + 1)}
                ends = _slot_ends(words, test, ends)
            if ends:
                return True
        return False


def _slot_test(gap: int, alts: tuple) -> tuple:
    """A slot as its test reads it: (gap, its one-word alternatives as a set of words and a tuple
    of prefixes, its alternatives of several words as (words, whether the last is a prefix))."""
    return (gap, frozenset(parts[0] for parts, prefix in alts if len(parts) == 1 and not prefix),
            tuple(parts[0] for parts, prefix in alts if len(parts) == 1 and prefix),
            tuple((parts, prefix) for parts, prefix in alts if len(parts) > 1))


def _slot_ends(words: list[str], test: tuple, starts) -> set[int]:
    """Where the words after one slot begin, for each start at which one of its alternatives fits."""
    _, exact, prefixes, longer = test
    ends = set()
    for start in starts:
        if start >= len(words):
            continue
        word = words[start]
        if word in exact or word.startswith(prefixes):
            ends.add(start + 1)
        for parts, prefix in longer:
            end = start + len(parts)
            if end > len(words):
                continue
            last = words[end - 1]
            if (last.startswith(parts[-1]) if prefix else last == parts[-1]) and (
                    tuple(words[start:end - 1]) == parts[:-1]):
                ends.add(end)
    return ends


def _first_words(slot: str) -> tuple[frozenset, tuple]:
    """The words a phrase can start with (its regular expression matches only at the start of a word
    that is one of them) and the prefixes it can start with (`abus* women`: a word starting `abus`)."""
    exact, prefixes = set(), []
    for alt in slot.split("|"):
        if "-" not in alt and alt.endswith("*"):
            prefixes.append(alt.rstrip("*"))
        else:
            exact.add(alt.split("-")[0])  # `sit-in` is `sit in`
    return frozenset(exact), tuple(prefixes)


class CueIndex:
    """Every cue list of the rules in one index, so that a sentence is read once for all of them.

    A sentence's words make one integer of bits in three bands: the lists they are whole-word or
    prefix cues of (found), the lists with a phrase they can start (maybe), the phrases they can
    start. Each word's bits are worked out once (and remembered: news reuses its words); a sentence's
    are the union of its words'. A list's phrases run their regular expressions only when a rule asks
    for the list, its words did not find it, and the phrase's first word is in the sentence."""

    _MAX_WORDS = 200_000  # words remembered; forgotten all at once beyond this

    def __init__(self, cues: dict[str, CueList]):
        self.bits = {name: 1 << i for i, name in enumerate(cues)}  # the found band
        self.lists = (1 << len(cues)) - 1  # the mask of the found band
        self.maybe_shift = len(cues)  # the maybe band: a list's bit shifted up by this
        self.phrase_bits: dict[int, int] = {}  # list bit -> the bits of its phrases
        self.regexes: dict[int, str] = {}  # phrase bit -> its regular expression, as text
        self.word_phrases: dict[int, WordPhrase | None] = {}  # phrase bit -> its word matcher (None: its expression)
        self._compiled: dict[int, re.Pattern] = {}  # phrase bit -> its expression, once first needed
        self._exact: dict[str, int] = {}
        self._prefix: dict[str, int] = {}
        phrase_bit = 1 << (2 * len(cues))
        for name, cue_list in cues.items():
            bit = self.bits[name]
            self._add(cue_list.exact, cue_list.prefixes, bit)
            for first, first_prefixes, regex, slots in cue_list.phrases:
                self.phrase_bits[bit] = self.phrase_bits.get(bit, 0) | phrase_bit
                self.regexes[phrase_bit] = regex
                self.word_phrases[phrase_bit] = WordPhrase(slots) if slots is not None else None
                self._add(first, first_prefixes, phrase_bit | bit << self.maybe_shift)
                phrase_bit <<= 1
        # The prefixes by their first three characters (fewer if a prefix is shorter), each as (prefix,
        # bits): one look-up finds none for most words.
        self._head = min(3, min(map(len, self._prefix), default=3))
        self._by_head: dict[str, tuple[tuple[str, int], ...]] = {}
        for prefix in sorted(self._prefix, key=len):
            head = prefix[:self._head]
            self._by_head[head] = (*self._by_head.get(head, ()), (prefix, self._prefix[prefix]))
        self._words = Memo("ACLED: the cue lists a word is in", self._MAX_WORDS)

    def _add(self, words, prefixes, bit: int) -> None:
        for word in words:
            self._exact[word] = self._exact.get(word, 0) | bit
        for prefix in prefixes:
            self._prefix[prefix] = self._prefix.get(prefix, 0) | bit

    def read(self, words: list[str]) -> int:
        """The bits of the lists the words are cues of and of the phrases they can start."""
        unique = set(words)
        known = self._words
        # (the keys' view is read in C, a look-up a word; not `unique.difference(known)`: given a
        # dict subclass, that walks all of `known`)
        if not known.keys() >= unique:
            new = set(filterfalse(known.__contains__, unique))
            if len(known) + len(new) > known.limit:
                # a new memo, not this one emptied: another thread may still be reading it
                known = self._words = Memo(known.name, known.limit)
                new = unique
            for word in new:
                known[word] = self._look_up(word)
        # most words are no cue (0): dropped in C before the few others are joined
        return reduce(or_, filter(None, map(known.__getitem__, unique)), 0)

    def regex(self, phrase_bit: int) -> re.Pattern:
        """A phrase's regular expression, compiled the first time it is asked for."""
        found = self._compiled.get(phrase_bit)
        if found is None:
            found = self._compiled[phrase_bit] = re.compile(self.regexes[phrase_bit])
        return found

    def _look_up(self, word: str) -> int:
        """The bits of a word: of the lists it is a cue of (whole, or by a prefix) and of the phrases
        it can start."""
        bits = self._exact.get(word, 0)
        for prefix, prefix_bits in self._by_head.get(word[:self._head], ()):
            if word.startswith(prefix):
                bits |= prefix_bits
        return bits


_WORD = re.compile(r"\w+")
# Bytes of ASCII text: a word character as itself, any other a space (a table for bytes.translate).
_ASCII_WORDS = bytes(c if c < 128 and _WORD.fullmatch(chr(c)) else 0x20 for c in range(256))


def normalise(text: str) -> str:
    """Lower case, every run of non-word characters one space: `cease-fire` -> `cease fire`."""
    return " ".join(_WORD.findall(text.lower()))


def words_of(text: str) -> list[str]:
    """The text's words (runs of word characters), lower-cased. An ASCII text (most) is split in C
    instead, its other characters made spaces by a byte table: half the time of the expression."""
    lower = text.lower()
    if lower.isascii():
        return lower.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return _WORD.findall(lower)


class CueMatches:
    """Which cue lists a text (a sentence, or its part after the verb) matches: settled by its words
    at once, by the lists' phrases when a rule first asks."""

    def __init__(self, index: CueIndex, text: str):
        self.index = index
        self.words = words_of(text)
        self._seen = index.read(self.words)
        self.found = self._seen & index.lists  # the lists found
        maybe = self._seen >> index.maybe_shift & index.lists  # lists a phrase of which may match
        self.known = index.lists & ~(maybe & ~self.found)  # the lists settled, found or not
        self._padded: str | None = None

    def has(self, bit: int) -> bool:
        """Whether the list of this bit matches."""
        if self.found & bit:
            return True
        if not self.known & bit:
            self.known |= bit
            if self._phrase_found(bit):
                self.found |= bit
                return True
        return False

    def any_of(self, bits: int) -> bool:
        """Whether one of the lists of these bits matches."""
        if self.found & bits:
            return True
        open_bits = bits & ~self.known
        while open_bits:
            bit = open_bits & -open_bits  # the lowest
            if self.has(bit):
                return True
            open_bits ^= bit
        return False

    def all_of(self, bits: int) -> bool:
        """Whether every list of these bits matches."""
        if bits & self.known & ~self.found:
            return False
        open_bits = bits & ~self.found
        while open_bits:
            bit = open_bits & -open_bits
            if not self.has(bit):
                return False
            open_bits ^= bit
        return True

    def _phrase_found(self, bit: int) -> bool:
        index = self.index
        started = self._seen & index.phrase_bits[bit]  # the list's phrases whose first word is here
        while started:
            phrase_bit = started & -started
            if self._padded is None:
                self._padded = f" {' '.join(self.words)} "  # the normalised text, a space at each end
            phrase = index.word_phrases[phrase_bit]
            if phrase is not None:
                if phrase.found_in(self.words, self._padded):
                    return True
            elif index.regex(phrase_bit).search(self._padded[1:-1]):  # the text the expressions read
                return True
            started ^= phrase_bit
        return False


# ---------------------------------------------------------------------------------------- loading

def acled_files(ontology_files: list[Path] | None) -> tuple[Path, ...]:
    """The ACLED files among the given ontology files, else the default ontology's."""
    found = tuple(p for p in ontology_files or () if Path(p).parent.name == "acled" and Path(p).suffix in (".yaml", ".yml"))
    if found:
        return found
    return tuple(sorted((default_ontology_dir() / "acled").glob("*.yaml")))


@lru_cache(maxsize=8)
def load_rules(files: tuple[Path, ...]) -> AcledRules:
    """`read_rules`, kept in the cache folder under a key of the files' content and the coder's
    source. An ontology with no ACLED files of its own (an imported PETRARCH one) types events with
    the default ontology's, read at every start: reading and checking them (a YAML parse and an
    expression compiled for each of 296 cue phrases) took 0.13 CPU s, a tenth of such a start."""
    from coder.io.atomic import read_pickle, write_pickle  # noqa: PLC0415 - the cache is the rare path's
    from coder.paths import cache_dir  # noqa: PLC0415

    from coder.ontology.cache import code_digest, content_key  # noqa: PLC0415 - it imports this module's users

    key = content_key(code_digest(), ((f"{Path(path).parent.name}/{Path(path).name}", path) for path in files))
    path = cache_dir() / f"acled-{key}.pickle"
    rules = read_pickle(path, lambda obj: isinstance(obj, AcledRules))
    if rules is None:
        rules = read_rules(files)
        write_pickle(path, rules, what="ACLED rules cache")
    return rules


def read_rules(files: tuple[Path, ...]) -> AcledRules:
    """Read, check and compile ACLED files with the ontology loader's own file reader (YAML with
    line numbers, kind and schema checks); raise OntologyError listing every problem with file:line."""
    from coder.ontology.load import _Builder

    builder = _Builder()
    for path in files:
        builder.add_file(Path(path), shown=f"{Path(path).parent.name}/{Path(path).name}")
    if builder.problems:
        raise OntologyError(builder.problems)
    return compile_rules(builder.onto.acled, check=True)  # other kinds in acled/ (its verb patterns) are the loader's


_COMPILED: dict[str, AcledRules] = {}


def rules_for(ontology=None) -> AcledRules:
    """The compiled rules of a loaded ontology (its `kind: acled` files, checked when it loaded),
    else of the default ontology; compiled once per ontology version."""
    items = list(getattr(ontology, "acled", None) or ())
    if not items:
        return load_rules(acled_files(None))
    key = getattr(ontology, "version", "") or str(id(ontology))
    if key not in _COMPILED:
        _COMPILED[key] = compile_rules(items)
    return _COMPILED[key]


def compile_rules(items: list[tuple[str, dict]], *, check: bool = False) -> AcledRules:
    """ACLED rules from schema-checked `kind: acled` files, in layer order (later layers win);
    `check`: also compile every cue phrase's expression, which coding does only when first needed
    (the loader checks a file once, when it is read, not at every start from the cache)."""
    out, problems = AcledRules(), []
    rule_layers: list[list[tuple[dict, str]]] = []
    role_layers: list[list[tuple[str, frozenset]]] = []
    for shown, data in items:
        for entry in data.get("typology") or ():
            out.typology[entry["sub_event_type"]] = (entry["event_type"], entry["disorder_type"])
        for name, codes in (data.get("code_sets") or {}).items():
            out.code_sets[name] = tuple(codes)
        cues = data.get("cues") or {}
        for name, words in cues.items():
            try:
                out.cues[name] = CueList(words)
                if check:
                    out.cues[name].check()
            except re.error as exc:
                problems.append(EventcoderError("E203", f"cue list '{name}': {exc}", f"{shown}:{line_of(cues, 1)}"))
        for entry in data.get("actor_types") or ():
            out.inter[entry["class"]] = entry["inter"]
        if data.get("roles"):
            role_layers.append([(e["class"], frozenset(e["roles"])) for e in data["roles"]])
        if data.get("armed_identity_roles"):
            out.armed_identity_roles = frozenset(data["armed_identity_roles"])
        out.country_names.update(data.get("country_names") or {})
        for region, codes in (data.get("regions") or {}).items():
            out.regions.update(dict.fromkeys(codes, region))
        rules = data.get("rules") or LocatedList()
        lines = getattr(rules, "lines", [])
        rule_layers.append([(r, f"{shown}:{lines[i] if i < len(lines) else line_of(r)}") for i, r in enumerate(rules)])
    # Later layers first: a user's rules and actor classes are tried before ours.
    for layer in reversed(rule_layers):
        for entry, where in layer:
            rule = _rule(entry, where, out, problems)
            if rule is not None:
                out.rules.append(rule)
    out.roles = [item for layer in reversed(role_layers) for item in layer]
    for cls in {c for c, _ in out.roles} - set(out.inter):
        problems.append(EventcoderError("E204", f"actor class '{cls}' has no entry in actor_types", "acled/"))
    if problems:
        raise OntologyError(problems)
    return out


def acled_problems(items: list[tuple[str, dict]]) -> list[EventcoderError]:
    """Every problem of a set of schema-checked ACLED files (unknown cue lists, sub-event types,
    code sets, actor classes), each with file:line; empty when they compile."""
    try:
        compile_rules(items, check=True)
    except OntologyError as err:
        return list(err.problems)
    return []


def _rule(entry: dict, where: str, out: AcledRules, problems: list) -> Rule | None:
    bad = []
    if entry["sub_event_type"] is not None and entry["sub_event_type"] not in out.typology:
        bad.append(f"sub-event type '{entry['sub_event_type']}' is not in the typology (ACLED's spelling?)")
    codes: list[str] = []
    for code in entry["codes"]:
        if code.isdigit():
            codes.append(code)
        elif code in out.code_sets:
            codes.extend(out.code_sets[code])
        else:
            bad.append(f"unknown code set '{code}'")
    for key in ("any", "all", "none"):
        bad += [f"unknown cue list '{name}' in `{key}`" for name in entry.get(key, ()) if name not in out.cues]
    for message in bad:
        problems.append(EventcoderError("E204", message, where))
    if bad:
        return None
    return Rule(entry["sub_event_type"], tuple(codes), tuple(entry.get("any", ())), tuple(entry.get("all", ())),
                tuple(entry.get("none", ())),
                frozenset(entry["source"]) if "source" in entry else None,
                frozenset(entry["target"]) if "target" in entry else None,
                entry.get("victims"), where)


# ---------------------------------------------------------------------------------------- typing

def actor_class(rules: AcledRules, code: str | None, country: str | None) -> str:
    """The ACLED actor class of a CAMEO actor code, from its three-letter role parts (worked out
    once per code and country)."""
    key = (code, country)
    found = rules._classes.get(key)
    if found is None:
        found = rules._classes[key] = _actor_class(rules, code, country)
    return found


def _actor_class(rules: AcledRules, code: str | None, country: str | None) -> str:
    if not code or not code.strip("-"):
        return UNKNOWN
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    for cls, roles in rules.roles:
        if "<country>" in roles and len(parts) == 1:
            return cls if country else "civilians"  # a bare ethnic or religious group code
        if any(p in roles for p in parts):
            if (cls == "state" and country is None and parts[0] != "---"
                    and any(p in rules.armed_identity_roles for p in parts[1:])):
                return "identity_militia"  # e.g. KURMIL: an armed group of a people, not a state
            return cls
    return UNKNOWN


# The ACLED columns of an event ACLED does not record (fatalities aside).
_UNTYPED = {"acled_disorder_type": None, "acled_event_type": None, "acled_sub_event_type": None,
            "acled_interaction": None, "acled_civilian_targeting": None}


class AcledTyper:
    """Types the records of a document in place, one sentence at a time."""

    def __init__(self, rules: AcledRules):
        self.rules = rules

    def type_records(self, records: list[dict]) -> None:
        by_sentence: dict[tuple, list[dict]] = {}
        for record in records:
            by_sentence.setdefault((record["doc_id"], record["sentence_index"]), []).append(record)
        for group in by_sentence.values():
            self.type_sentence(group)

    def type_sentence(self, records: list[dict]) -> None:
        rules = self.rules
        text = records[0]["sentence_text"]
        sides = {}  # id(record) -> its sides' actor classes, for the events ACLED may record
        for record in records:
            if happened(record) and rules.recordable(record["event_code"]):
                sides[id(record)] = self.side_classes(record)
        best: int | None = None
        if sides:  # the sentence's words are read only when an event may get a type
            sentence = CueMatches(rules.index, text)
            for record in records:
                if id(record) in sides:
                    # the sentence takes the earliest rule of all its events: later ones need not be tried
                    found = self.first_rule(sentence, record, sides[id(record)], before=best)
                    if found is not None:
                        best = found
        sub = rules.rules[best].sub_event_type if best is not None else None
        killed = count_killed(text)
        if sub is not None:  # the columns every typed event of the sentence shares
            event_type, disorder = rules.typology[sub]
            against_civilians = event_type == "Violence against civilians"
            political, civilians = "Political violence" in disorder, rules.inter.get("civilians")
        for record in records:
            record["fatalities"] = killed
            if sub is None or id(record) not in sides:
                record.update(_UNTYPED)
                continue
            inter1, inter2 = self._inter_codes(sides[id(record)], event_type)
            record["acled_disorder_type"], record["acled_event_type"] = disorder, event_type
            record["acled_sub_event_type"], record["acled_interaction"] = sub, interaction(inter1, inter2)
            record["acled_civilian_targeting"] = against_civilians or (political and inter2 == civilians)

    def first_rule(self, sentence: "CueMatches", record: dict, sides: tuple[str, str] | None = None, *,
                   before: int | None = None) -> int | None:
        """The index of the first rule that holds for the record (only rules before `before`)."""
        source, target = sides or self.side_classes(record)
        for test in self.rules.tests_for(record["event_code"], source, target):
            if before is not None and test.index >= before:
                return None
            if test.cues & ~sentence.known:  # a list it reads is not settled: ask, phrases read as needed
                if not self._cues_hold(sentence, test):
                    continue
            else:  # settled (most): bit tests, no phrase to read
                found = sentence.found
                if test.any and not found & test.any or test.all & ~found or found & test.none:
                    continue
            if test.victims is not None and self.victims(sentence, record, target) != test.victims:
                continue
            return test.index
        return None

    @staticmethod
    def _cues_hold(sentence: "CueMatches", test: RuleTest) -> bool:
        if test.any and not sentence.any_of(test.any):
            return False
        if test.all and not sentence.all_of(test.all):
            return False
        return not (test.none and sentence.any_of(test.none))

    def victims(self, sentence: "CueMatches", record: dict, target: str) -> bool:
        """Civilians are the target: the target's code says so, or it is unnamed and a victim word
        follows the verb (or stands anywhere in a passive sentence: `villagers were killed`)."""
        if target == "civilians":
            return True
        bit = self.rules.index.bits.get("victims")
        if target != UNKNOWN or bit is None:
            return False
        if record.get("passive"):
            return sentence.has(bit)
        start = max(0, (record.get("verb_start") or 0) - (record.get("sentence_start") or 0))
        return CueMatches(self.rules.index, record["sentence_text"][start:]).has(bit)

    def side_classes(self, record: dict) -> tuple[str, str]:
        """The ACLED actor classes of the record's source and target."""
        return (self._class_of(record, "source_code", "source_country"),
                self._class_of(record, "target_code", "target_country"))

    def _class_of(self, record: dict, code_key: str, country_key: str) -> str:
        country = record.get(country_key)
        cls = actor_class(self.rules, record.get(code_key), country)
        if cls == "state" and country and record.get("location_country") and \
                country != record["location_country"] and "external" in self.rules.inter:
            return "external"  # a state's forces outside their own country
        return cls

    def inter_codes(self, record: dict, event_type: str) -> tuple[int, int]:
        return self._inter_codes(self.side_classes(record), event_type)

    def _inter_codes(self, sides: tuple[str, str], event_type: str) -> tuple[int, int]:
        classes = list(sides)
        if event_type in ("Protests", "Riots"):
            crowd = "protesters" if event_type == "Protests" else "rioters"
            classes = [crowd if c in ("civilians", "protesters", "rioters") else c for c in classes]
            if crowd not in classes and classes[0] == UNKNOWN:
                classes[0] = crowd  # the crowd is the actor of a protest even when unnamed
        else:
            if classes[0] == UNKNOWN:
                classes[0] = "political_militia"  # ACLED's "Unidentified Armed Group": unnamed attackers
            if event_type == "Violence against civilians":
                classes[1] = "civilians"
        inter = self.rules.inter
        return inter.get(classes[0], 0), inter.get(classes[1], 0)


def happened(record: dict) -> bool:
    """ACLED records what took place: not a denied, planned, threatened or possible act."""
    return not (record.get("negated") or record.get("future") or record.get("hypothetical"))


def interaction(inter1: int, inter2: int) -> int | None:
    """ACLED's two-digit interaction: smaller digit first; one side alone is its digit times ten."""
    if not inter1 and not inter2:
        return None
    low, high = sorted((inter1, inter2))
    return high * 10 if low == 0 else low * 10 + high

"""Find actor mentions in a Doc and give each its CAMEO code(s).

Phrases from the ontology are found by their words' lower-case ids in a trie of dicts (`_trie`),
and on exact case for acronyms such as `US` and `IS` (`_exact_tries`). Adjacent matches
then compose, as CAMEO does: `Iraqi` + `army` -> IRQMIL; `Syrian and Kurdish` + `fighters` -> SYRREB
and KURREB; a known person takes the code of the role in force on the event date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter, le
from sys import intern
from typing import NamedTuple

from spacy.attrs import LOWER
from spacy.lang.lex_attrs import lower as spacy_lower
from spacy.strings import get_string_id
from spacy.tokens import Doc

from coder.coding.inflect import can_modify, phrase_plurals
from coder.coding.triggers import Words, paragraph_words
from coder.dates.patterns import _MONTH_NAMES, _WEEKDAY_NAMES
from coder.memos import Memo
from coder.ontology.model import ActorPhrase, Ontology
from coder.process import collector_paused

# Which entry decides a span matched by several (`US` is both a country name and an adjective).
_KIND_RANK = {"person": 0, "surname": 0, "organisation": 1, "metonym": 2, "capital": 3,
              "country": 4, "adjective": 4, "agent": 5}
_MODIFIERS = {"country", "adjective"}
# `US-led coalition` and `UK-based group` belong to the country; `US-backed fighters` do not.
_COMPOSE_HYPHEN = {"led", "based", "run", "owned", "controlled"}
# Surnames that are also common words, months or days: never a person alone.
_NOT_SURNAMES = {name.lower() for name in _MONTH_NAMES + _WEEKDAY_NAMES} | {
    "will", "long", "rice", "brown", "green", "white", "black", "young", "king", "law", "hill", "park", "lee", "kim",
    "wang", "li", "zhang", "liu", "chen", "khan", "singh", "ali", "said", "rich", "love", "price", "hope", "grant",
    "power"}
_SENTENCE_ADVERBS = {"yesterday", "today", "tonight", "meanwhile", "later", "earlier", "now", "then", "still",
                     "separately", "instead", "also", "here", "there"}
_COORDINATORS = ({"and"}, {"or"}, {","}, {",", "and"}, {"-"}, {"/"}, {"&"})


@dataclass(frozen=True, init=False)
class Mention:
    start: int  # token indices in the Doc
    end: int
    codes: tuple[str, ...]  # more than one for `Syrian and Kurdish fighters`
    countries: tuple[str | None, ...]
    text: str
    reason: str  # how the code was decided
    where: str  # file:line of the entry that decided it
    person: str | None = None
    place: bool = False  # a country or city named as a location (`in Syria`): a target only where a pattern asks
    kind: str = "actor"  # where the side came from: actor | place | context (see coder/coding/fill.py)
    name: str | None = None  # canonical ontology name: the person, organisation or country

    def __init__(self, start: int, end: int, codes: tuple[str, ...], countries: tuple[str | None, ...], text: str,
                 reason: str, where: str, person: str | None = None, place: bool = False, kind: str = "actor",
                 name: str | None = None):
        # One update of the instance dict, where a frozen dataclass's own __init__ makes a call per
        # field: half the cost, and every article makes dozens of mentions.
        self.__dict__.update(start=start, end=end, codes=codes, countries=countries, text=text, reason=reason,
                             where=where, person=person, place=place, kind=kind, name=name)

    @property
    def generic(self) -> bool:
        """A role noun with no country (`---MIL`): the weakest kind of actor. Read for every side of
        every trigger; a loop over its one or two codes costs less than a cached_property's lock."""
        for code in self.codes:
            if not code.startswith("---"):
                return False
        return True


class _Raw(NamedTuple):
    """One phrase match (a tuple: tens of thousands are made per batch)."""

    start: int
    end: int
    entry: ActorPhrase
    kind: str  # entry.kind


class _Decided(NamedTuple):
    """What a chain of matches codes: a Mention less its position and text."""

    codes: tuple[str, ...]
    countries: tuple[str | None, ...]
    reason: str
    where: str
    person: str | None = None
    name: str | None = None


def _fields(decided: _Decided) -> dict:
    """A Mention's `__dict__` for what a chain codes, its position and text left to fill in (in the
    order Mention's __init__ sets them, as `dataclasses.replace` and pickles see them)."""
    return {"start": 0, "end": 0, "codes": decided.codes, "countries": decided.countries, "text": "",
            "reason": decided.reason, "where": decided.where, "person": decided.person, "place": False,
            "kind": "actor", "name": decided.name}


# the fields of a `_Raw`, read in C by sorts, comparisons and maps
_START, _END, _ENTRY, _KIND = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)
_DECIDED_MAX = 50_000  # kinds of chain remembered (people once per day), then forgotten all at once
_new_tuple = tuple.__new__
_new_object = object.__new__
_set_attribute = object.__setattr__  # sets a frozen instance's fields


def _raw(start: int, end: int, entry: ActorPhrase) -> _Raw:
    # made without NamedTuple's Python-level __new__: tens of thousands per batch
    return _new_tuple(_Raw, (start, end, entry, entry.kind))


def _span_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` without making a Span (slicing a Doc runs Python code in spaCy)."""
    if end - start == 1:
        return doc[start].text
    if end - start == 2:  # most longer mentions: two words joined without a list
        return doc[start].text_with_ws + doc[start + 1].text
    return "".join([doc[i].text_with_ws for i in range(start, end - 1)]) + doc[end - 1].text


def canonical_names(ontology: Ontology) -> dict[str, str]:
    """Actor code -> the first name its entry lists (a country's or organisation's `names[0]`,
    which the YAML files keep equal to the entry's name)."""
    names: dict[str, str] = {}
    for entry in ontology.phrases:
        if entry.kind in ("country", "organisation"):
            names.setdefault(entry.code, entry.phrase)
    return names


def _deciding(entries: list[ActorPhrase]) -> ActorPhrase:
    """The entry that decides a key: a person over a country name, and among entries of one kind
    the last loaded, so a user's layer overrides the default ontology."""
    if len(entries) == 1:  # most keys
        return entries[0]
    return min(reversed(entries), key=lambda e: _KIND_RANK[e.kind])


def normalise_phrase(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else phrase


def _is_acronym(phrase: str) -> bool:
    letters = phrase.replace(".", "").replace("-", "").replace(" ", "")
    return phrase.isupper() and len(letters) <= 6


def phrase_entries(ontology: Ontology) -> dict[str, list[ActorPhrase]]:
    """Matcher keys (`~iraqi army` for any case, `=US` for exact case) -> the entries they name;
    role nouns also under their plurals."""
    by_key: dict[str, list[ActorPhrase]] = {}
    for entry in ontology.phrases:
        forms = phrase_plurals(entry.phrase) if entry.kind == "agent" else [entry.phrase]
        for form in forms:
            form = normalise_phrase(form)
            key = "=" + form if _is_acronym(form) else "~" + form.lower()
            by_key.setdefault(key, []).append(entry)
    return by_key


# The lower-case keys as a trie over their words' ids (`_trie`), and the exact-case keys as tries
# over their words' ORTH ids by the LOWER id of their first word (see `_exact_tries`). Every word
# an acronym starts with is a key of the lower-case trie's root (an empty node where no lower-case
# phrase starts with it), so that the one scan of a paragraph's words finds where acronyms may start.
PhraseWords = tuple[dict, dict[int, dict]]


def phrase_tokens(nlp, entries: dict[str, list[ActorPhrase]],
                  known: dict[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    """Matcher key -> its words as the tokenizer splits them (`~iraqi army` -> ('iraqi', 'army')),
    interned (one object per word in the compiled-ontology pickle); keys in `known` (a last build's)
    are not tokenised again."""
    known = known or {}
    return {key: known[key] if key in known else tuple(intern(t.text) for t in nlp.make_doc(key[1:]))
            for key in entries}


def phrase_words(nlp, entries: dict[str, list[ActorPhrase]], tokens: dict[str, tuple[str, ...]]) -> PhraseWords:
    """The matchers' patterns, as the string ids (hashes) of their words' LOWER or ORTH that a Doc
    of them would give (no Doc, no vocabulary entry and no string-store entry per word, which cost
    more than the matching itself), each mapped to the entries that decide the keys with those
    words (`al-Qaeda` and `al - Qaeda` share them), as the tries the finder walks (see
    `PhraseWords`). A pure function of the ontology and the tokenizer: the compiled-ontology cache
    keeps it, so a start does not redo it (reading the trie costs less than building it)."""
    lower = nlp.vocab.lex_attr_getters.get(LOWER, str.lower)
    if lower is spacy_lower:  # spaCy's own getter, `string.lower()`: the method itself costs less
        lower = str.lower
    by_words: tuple[dict, dict] = ({}, {})
    first_lower: dict[tuple[int, ...], int] = {}  # the exact keys' word ids -> their first word's LOWER id
    for key, words in tokens.items():
        exact = key[0] == "="
        ids = tuple(map(get_string_id, words if exact else map(lower, words)))
        found = by_words[exact].get(ids)
        if found is None:
            found = by_words[exact][ids] = []
            if exact and words:
                first_lower[ids] = get_string_id(lower(words[0]))
        found.append(_deciding(entries[key]))
    lower_trie, exact_tries = _trie(by_words[0]), _exact_tries(by_words[1], first_lower)
    for word in exact_tries:  # the lower-case walk's scan finds where an acronym may start (see `PhraseWords`)
        lower_trie.setdefault(word, {})
    return lower_trie, exact_tries


_ENTRIES = None  # a trie node's key for the entries of the phrase that ends there (word ids are ints)


def _trie(by_words: dict[tuple[int, ...], list[ActorPhrase]]) -> dict:
    """The phrases as nested dicts, word id by word id, each phrase's entries under `_ENTRIES` in the
    node of its last word. Built in a third of the time PhraseMatcher.add takes over the same
    phrases (it allocates its C nodes through a Python-level pool), and walked as fast."""
    root: dict = {}
    with collector_paused():  # tens of thousands of small dicts, all kept
        for ids, entries in by_words.items():
            node = root
            for word in ids:
                node = node.setdefault(word, {})
            node[_ENTRIES] = entries
    return root


def _exact_tries(by_words: dict[tuple[int, ...], list[ActorPhrase]], first_lower: dict[tuple[int, ...], int]) -> dict:
    """The exact-case phrases (acronyms: `US`, `IS`) as tries over their words' ORTH ids, one per
    LOWER id of a first word. A paragraph's LOWER ids are read already; only where one starts an
    acronym (`is`, `us`: one word in sixty) is the case read from the Doc, where spaCy's
    PhraseMatcher costs a pass over every word in a Python call with its own overhead."""
    grouped: dict[int, dict] = {}
    for ids, entries in by_words.items():
        if ids:
            grouped.setdefault(first_lower[ids], {})[ids] = entries
    return {word: _trie(phrases) for word, phrases in grouped.items()}


class ActorFinder:
    def __init__(self, nlp, ontology: Ontology, *, entries: dict[str, list[ActorPhrase]] | None = None,
                 words: PhraseWords | None = None):
        """`entries` and `words` (`phrase_words` of them) come from the compiled-ontology cache when
        there is one."""
        self.ontology = ontology
        self.entries = entries if entries is not None else phrase_entries(ontology)
        if words is None:
            words = phrase_words(nlp, self.entries, phrase_tokens(nlp, self.entries))
        self._lower, self._exact = words
        can_modify("warm")  # read (or build) the word-form cache now, not in the middle of the first article
        self.names = canonical_names(ontology)
        self._decided = Memo("actors: what a chain of actor words codes", _DECIDED_MAX)  # see _mentions
        self._people: dict[tuple[int, str], ActorPhrase] = {}  # see _person_entry

    def __getstate__(self) -> dict:
        # What it remembers is keyed by its entries' identity, which holds in this process only.
        return {**self.__dict__, "_people": {}}  # (a Memo is copied empty)

    def find(self, doc: Doc, day: dt.date | None, seen_people: set[str],
             notes: list[tuple[int, str]] | None = None) -> list[Mention]:
        """Mentions in document order. `seen_people` carries full-name matches across the article,
        so that a bare surname (`Carter`) codes the person named before; alone, a surname codes the
        one office holder of that name on the event date. `notes` collects why a surname stayed uncoded."""
        words = paragraph_words(doc)  # the paragraph's word table, which the trigger finder reads too
        acronym_starts: list[int] = []
        raws, surnames = self._lower_matches(words.ids, acronym_starts)
        if acronym_starts:
            self._exact_matches(doc, words.ids, acronym_starts, raws, surnames)
        if not raws and not surnames:
            return []  # no actor phrase in the paragraph
        kept = _longest_first(raws)
        if surnames:
            self._add_surnames(doc, day, seen_people, notes, kept, surnames)
        kept.sort(key=_START)
        if "person" in map(_KIND, kept):
            seen_people.update(r.entry.code for r in kept if r.kind == "person")
        return self._mentions(doc, words.lower, _chains(doc, words, kept), day)

    def _lower_matches(self, lower_ids: list[int], acronym_starts: list[int] | None = None
                       ) -> tuple[list[_Raw], list[_Raw]]:
        """Every phrase whose words' lower-case ids occur in the paragraph, as PhraseMatcher would
        find them (by start, then by length; overlaps all kept): (others, surnames). Where a word
        may start an acronym (`us`, `is`), its index is added to `acronym_starts`."""
        trie, last, acronyms = self._lower, len(lower_ids), self._exact
        raws: list[_Raw] = []
        surnames: list[_Raw] = []
        for start in compress(count(), map(trie.__contains__, lower_ids)):  # the words that start one
            word = lower_ids[start]
            if word in acronyms and acronym_starts is not None:
                acronym_starts.append(start)
            node, end = trie[word], start + 1
            while True:
                entries = node.get(_ENTRIES)
                if entries is not None:
                    for entry in entries:  # (`_raw` inlined: a call per match costs a tenth of the walk)
                        kind = entry.kind
                        (surnames if kind == "surname" else raws).append(_new_tuple(_Raw, (start, end, entry, kind)))
                if end == last:
                    break
                node = node.get(lower_ids[end])
                if node is None:
                    break
                end += 1
        return raws, surnames

    def _exact_matches(self, doc: Doc, lower_ids: list[int], starts: list[int], raws: list[_Raw],
                       surnames: list[_Raw]) -> None:
        """Add the exact-case phrases in the paragraph to `raws` and `surnames`, as a PhraseMatcher
        on ORTH would find them (by start, then by length), reading the case only of the words
        whose lower case starts one (`starts`, from `_lower_matches`)."""
        tries, last = self._exact, len(lower_ids)
        for start in starts:
            node, end = tries[lower_ids[start]].get(doc[start].orth), start + 1
            while node is not None:
                entries = node.get(_ENTRIES)
                if entries is not None:
                    for entry in entries:
                        (surnames if entry.kind == "surname" else raws).append(_raw(start, end, entry))
                if end == last:
                    break
                node = node.get(doc[end].orth)
                end += 1

    def _add_surnames(self, doc: Doc, day: dt.date | None, seen_people: set[str],
                      notes: list[tuple[int, str]] | None, kept: list[_Raw], surnames: list[_Raw]) -> None:
        """Add to `kept` the surnames that name one known person (see `find`)."""
        taken = {i for r in kept for i in range(r.start, r.end)}
        people_at = sorted((r.start, r.entry.code) for r in kept if r.kind == "person")
        titles = {r.end for r in kept if r.kind == "agent"}
        for raw in surnames:
            if taken.intersection(range(raw.start, raw.end)):
                continue
            known = {e.code for e in self._surname_entries(doc, raw)}
            earlier = {pid for pos, pid in people_at if pos < raw.start}
            match = {pid for pid in known if pid in earlier or pid in seen_people}
            if not match and raw.start in titles:
                # `President Mugabe`: a title before a surname names the one holder in office that day.
                match = {pid for pid in known if self.ontology.people[pid].role_on(day) is not None}
                match = match if len(match) == 1 else (known if len(known) == 1 else set())
            if not match:
                match, why = self._surname_alone(doc, raw, known, day)
                if why and notes is not None:
                    notes.append((raw.start, f"surname '{_span_text(doc, raw.start, raw.end)}' not coded: {why}"))
            if len(match) == 1:
                kept.append(_raw(raw.start, raw.end, self._person_entry(raw.entry, match.pop())))

    def _person_entry(self, surname: ActorPhrase, pid: str) -> ActorPhrase:
        """The entry of person `pid` named by `surname`, made once: `_mentions` keys chains by their
        entries' identity, which must stay theirs while it remembers them."""
        key = (id(surname), pid)  # `surname` is one of the finder's phrases, alive as long as it
        entry = self._people.get(key)
        if entry is None:
            entry = self._people[key] = ActorPhrase(surname.phrase, "person", pid, surname.country, surname.where)
        return entry

    def _surname_alone(self, doc: Doc, raw: _Raw, known: set[str], day: dt.date | None) -> tuple[set[str], str]:
        """`Obama said ...` in 2014: the surname names the one person of that surname holding a
        role on the day. Not a word that reads otherwise (`May`), nor after another first name."""
        token = doc[raw.start]
        if not token.is_title or token.lower_ in _NOT_SURNAMES or token.is_stop:
            return set(), ""
        before = doc[raw.start - 1] if raw.start > 0 else None
        if before is not None and before.is_title and not (
                before.is_sent_start and (before.is_stop or before.lower_ in _SENTENCE_ADVERBS or before.lower_.endswith("ly"))):
            return set(), "another first name precedes it (a different person)"
        if day is None:
            return set(), "no event date to tell which office holder it names"
        holders = {pid for pid in known if self.ontology.people[pid].role_on(day) is not None}
        if len(holders) == 1:
            return holders, ""
        if not holders:
            return set(), f"no person of that surname holds a role on {day}"
        names = ", ".join(sorted(self.ontology.people[pid].name for pid in holders))
        return set(), f"{len(holders)} office holders of that surname on {day} ({names})"

    def _surname_entries(self, doc: Doc, raw: _Raw) -> list[ActorPhrase]:
        text = _span_text(doc, raw.start, raw.end)
        return [e for e in self.entries.get("~" + text.lower(), []) + self.entries.get("=" + text, [])
                if e.kind == "surname"]

    def _mentions(self, doc: Doc, lower: list[str], chains: list[list[_Raw]], day: dt.date | None) -> list[Mention]:
        """One mention per chain of adjacent matches. What a chain codes depends only on its entries
        (and, for a person, the day), so that part is worked out once per kind of chain and
        remembered, keyed by the entries' identity (they are the finder's own: `_lower`, `_exact`,
        `_people`), as the mention's fields less its position and text (`_fields`). A mention is then
        a copy of those fields with its own filled in: a third of the time of Mention's __init__."""
        decided, mentions = self._decided, []
        for chain in chains:
            first = chain[0]
            if len(chain) == 1:  # most mentions
                key = id(first.entry) if first.kind != "person" else (id(first.entry), day)
            elif "person" in map(_KIND, chain):
                key = (tuple(map(id, map(_ENTRY, chain))), day)
            else:
                key = (tuple(map(id, map(_ENTRY, chain))),)
            fields = decided.get(key)
            if fields is None:
                fields = decided.remember(key, _fields(self._decide(chain, day)))
            fields = fields.copy()
            start, end = first.start, chain[-1].end
            fields["start"], fields["end"] = start, end
            fields["text"] = doc[start].text if end - start == 1 else _span_text(doc, start, end)
            if start and len(chain) == 1 and first.kind in _PLACE_KINDS:
                _mark_place(lower, start, fields)
            mention = _new_object(Mention)
            _set_attribute(mention, "__dict__", fields)
            mentions.append(mention)
        return mentions

    def _decide(self, chain: list[_Raw], day: dt.date | None) -> _Decided:
        agents = list(dict.fromkeys(r.entry.code for r in chain if r.kind == "agent"))[:2]
        roles = "".join(agents)
        modifiers = [r for r in chain if r.kind in _MODIFIERS]
        person = next((r for r in chain if r.kind == "person"), None)
        if person is not None:
            who = self.ontology.people[person.entry.code]
            code, why = who.code_on(day)
            if who.role_on(day) is None and modifiers and roles:
                code = modifiers[0].entry.code + roles
                why = f"{who.name}: {why}; title gives {code}"
            return _Decided((code,), (who.country,), f"person {who.name}: {why}", who.where, who.pid, name=who.name)
        lead = next((r for r in chain if r.kind in ("organisation", "metonym", "capital")), None)
        if lead is not None:
            return _Decided((lead.entry.code,), (lead.entry.country,), f"{lead.kind} '{lead.entry.phrase}'",
                            lead.entry.where,
                            name=self.names.get(lead.entry.code) or self.names.get(lead.entry.country or ""))
        if modifiers:
            codes = tuple(dict.fromkeys(m.entry.code + roles for m in modifiers))
            countries = tuple(m.entry.country for m in modifiers)[: len(codes)]
            how = " + ".join(f"'{r.entry.phrase}'" for r in chain)
            return _Decided(codes, countries, f"composed {how}", modifiers[0].entry.where,
                            name=" / ".join(n for n in (self.names.get(m.entry.code) for m in modifiers) if n) or None)
        agent = chain[-1].entry
        return _Decided(("---" + roles,), (None,), f"agent '{agent.phrase}' with no country", agent.where)


# `in Syria`, `across Iraq`: after these words a country or capital names a place, not an actor.
LOCATIVE = {"in", "across", "inside", "throughout", "within", "near", "around", "outside", "at", "over", "into",
            "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
            "southeastern", "southwestern"}
_PLACE_KINDS = {"country", "capital"}


def _mark_place(lower: list[str], start: int, fields: dict) -> None:
    """A country or capital alone after a locative word (`in Syria`) names a place: mark the
    mention's `fields` (made by `_fields`) so."""
    before = lower[start - 1]
    if before == "the" and start > 1:
        before = lower[start - 2]
    if before in LOCATIVE:
        fields["place"] = True
        fields["reason"] += f"; a place here (after '{before}')"


def _longest_first(raws: list[_Raw]) -> list[_Raw]:
    """Of overlapping matches, the longest (then the best kind, then the first) wins; in no particular order."""
    by_start = sorted(raws, key=_START)
    if all(map(le, map(_END, by_start), map(_START, by_start[1:]))):  # each ends before the next starts
        return by_start  # most paragraphs: nothing overlaps, every match stays
    # Matches that overlap no other stay; each run of overlapping ones is settled on its own (a match
    # can only lose to one that overlaps it, directly or through others of its run).
    kept: list[_Raw] = []
    run, run_end = [by_start[0]], by_start[0].end
    for raw in by_start[1:]:
        if raw.start < run_end:
            run.append(raw)
            if raw.end > run_end:
                run_end = raw.end
        else:
            kept += run if len(run) == 1 else _settle(run)
            run, run_end = [raw], raw.end
    kept += run if len(run) == 1 else _settle(run)
    return kept


def _settle(run: list[_Raw]) -> list[_Raw]:
    """Of a run of overlapping matches, those that win: longest first, then the best kind, then the
    first (the sort is stable, and the run is in the order the matches were found, by start)."""
    kept: list[_Raw] = []
    for raw in sorted(run, key=lambda r: (r.start - r.end, _KIND_RANK[r.kind], r.start)):
        for other in kept:
            if raw.start < other.end and other.start < raw.end:
                break
        else:
            kept.append(raw)
    return kept


def _gap_ok(doc: Doc, words: Words, prev: _Raw, nxt: _Raw) -> bool:
    if nxt.start - prev.end > 2:  # no rule joins phrases further apart
        return False
    lowers = words.lower[prev.end:nxt.start]  # at most two words
    if prev.kind in _MODIFIERS and nxt.kind in _MODIFIERS:
        return set(lowers) in _COORDINATORS and len(lowers) <= 2
    if prev.kind in _MODIFIERS and nxt.kind in ("agent", "person"):
        if not lowers or lowers == ["'s"]:
            return True
        if len(lowers) == 2 and lowers[0] == "-" and lowers[1] in _COMPOSE_HYPHEN:  # `-` is its own lower case
            return True
        gap = [doc[i] for i in range(prev.end, nxt.start)]
        return len(gap) <= 2 and all(t.is_alpha and t.is_lower and not t.is_stop and _modifier(t) for t in gap)
    if prev.kind == "agent" and nxt.kind == "country" and lowers in (["of"], ["of", "the"], ["from"]):
        return True  # `the government of Iraq`, `the President of the United States`
    if prev.kind in ("agent", "organisation") and nxt.kind in ("agent", "person"):
        return not lowers
    return False


def _modifier(token) -> bool:
    if token.pos_:
        return token.pos_ in ("ADJ", "NOUN", "PROPN")
    return can_modify(token.text)


def _chains(doc: Doc, words: Words, raws: list[_Raw]) -> list[list[_Raw]]:
    chains: list[list[_Raw]] = []
    chain: list[_Raw] = []
    joined = False
    for raw in raws:
        if chain and raw.start - chain[-1].end <= 2 and _gap_ok(doc, words, chain[-1], raw):
            chain.append(raw)
            joined = True
        else:
            chain = [raw]
            chains.append(chain)
    if not joined:
        return chains  # most paragraphs: each match a mention of its own
    return _split_coordinated(chains)


def _split_coordinated(chains: list[list[_Raw]]) -> list[list[_Raw]]:
    """Coordinated modifiers only share a role noun (`Syrian and Kurdish fighters`); without one,
    `Russia and Iran` are two mentions."""
    out = []
    for chain in chains:
        if len(chain) > 1 and sum(r.kind in _MODIFIERS for r in chain) > 1 and not any(
                r.kind in ("agent", "person") for r in chain):
            out.extend([r] for r in chain)
        else:
            out.append(chain)
    return out

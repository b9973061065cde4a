"""Word forms for patterns and role nouns, from lemminflect's English inflection tables.

Patterns are written with lemmas (`attack`, `airstrike`); the shallow mode has no lemmatizer, so
every surface form is generated once at load time and matched by lookup.

Loading lemminflect's tables costs most of a second, so what is asked of them is kept in the cache
folder, keyed by lemminflect's version, its table and override files and this module's source: a
start with those files present, or a rebuild after an ontology edit that adds no new word, never
loads the tables. Two files: what every start reads (the words that can only be verbs, and the
coding rules' verb lists), and the forms ontology builds asked for, which a start from the compiled
ontology never needs (thousands of entries: three times the unpickling), read on first need.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache, wraps
from pathlib import Path

import lemminflect
from lemminflect import config as lemminflect_config
from lemminflect import getAllInflections, getAllLemmas, getInflection
from lemminflect.core.Lemmatizer import Lemmatizer

from coder.io.atomic import read_pickle, write_pickle
from coder.paths import cache_dir

_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
# What is kept on disk. The start file: {"verb_only": frozenset | None, "lists": {lemmas: verbs_forms
# of them}}; the forms file: {(function name, *arguments): result} of the functions marked
# @_remembered, held here as "calls" (None until first needed).
_TABLES = None
_UNSAVED = False  # `calls` gained results since the file was read or written
_WRITABLE = True  # after one failed write the cache is not tried (and warned about) again


@lru_cache(maxsize=1)
def _tables_path() -> Path:
    """The start file for these lemminflect tables and this code (another of either rebuilds it);
    the forms file is named after it (`_forms_path`)."""
    digest = hashlib.sha256(f"{lemminflect.__version__}".encode())
    for name in (lemminflect_config.lemma_lu_fn, lemminflect_config.lemma_overrides_fn,
                 lemminflect_config.inflection_lu_fn, lemminflect_config.infl_overrides_fn, __file__):
        digest.update(b"\0" + Path(name).read_bytes())
    return cache_dir() / f"inflect-{digest.hexdigest()[:24]}.pickle"


def _forms_path() -> Path:
    start = _tables_path()
    return start.with_name(f"{start.stem}-forms.pickle")


def _start_tables() -> dict:
    """What a start reads: the verb-only words and the coding rules' verb lists (not the forms)."""
    global _TABLES
    if _TABLES is None:
        start = read_pickle(_tables_path(), lambda obj: isinstance(obj, dict) and set(obj) == {"verb_only", "lists"})
        _TABLES = {**(start or {"verb_only": None, "lists": {}}), "calls": None}
    return _TABLES


def _tables() -> dict:
    """Every table, the forms file read if it was not yet."""
    tables = _start_tables()
    if tables["calls"] is None:
        tables["calls"] = read_pickle(_forms_path(), lambda obj: isinstance(obj, dict)) or {}
    return tables


def _save_tables() -> None:
    global _WRITABLE, _UNSAVED
    if _WRITABLE:
        tables = _start_tables()
        _WRITABLE = write_pickle(_tables_path(), {"verb_only": tables["verb_only"], "lists": tables["lists"]},
                                 what="word-form cache") and (
            tables["calls"] is None or write_pickle(_forms_path(), tables["calls"], what="word-form cache"))
        _UNSAVED = False


def save_word_forms() -> None:
    """Keep on disk the forms worked out since the cache file was read (an ontology build calls
    this once at its end, not once per new word)."""
    if _UNSAVED:
        _save_tables()


def _remembered(function):
    """A pure function of words whose results live in the cache file (see the module's docstring)."""
    name = function.__name__

    @wraps(function)
    def remembered(*args):
        global _UNSAVED
        calls, key = _tables()["calls"], (name, *args)
        if key not in calls:
            calls[key] = function(*args)
            _UNSAVED = True
        return calls[key]

    return remembered


def _forms(lemma: str, upos: str, fallback_tags: tuple[str, ...]) -> frozenset[str]:
    """All inflections of `lemma`; for words the tables lack, regular English morphology."""
    lemma = lemma.lower()
    forms = {lemma}
    for values in getAllInflections(lemma, upos=upos).values():
        forms.update(v.lower() for v in values)
    if len(forms) == 1:
        for tag in fallback_tags:
            forms.update(v.lower() for v in getInflection(lemma, tag=tag, inflect_oov=True))
    return frozenset(forms)


@lru_cache(maxsize=None)
@_remembered
def verb_forms(lemma: str) -> frozenset[str]:
    return _forms(lemma, "VERB", _VERB_TAGS)


def verbs_forms(*lemmas: str) -> frozenset[str]:
    """Every form of each verb: the word lists of the coding rules are written as lemmas (these
    lists are built on import: kept in the start file, and new ones saved at once)."""
    global _UNSAVED
    lists = _start_tables()["lists"]
    forms = lists.get(lemmas)
    if forms is None:
        forms = lists[lemmas] = frozenset().union(*(verb_forms(lemma) for lemma in lemmas))
        _UNSAVED = True
    save_word_forms()
    return forms


@lru_cache(maxsize=None)
@_remembered
def past_participles(lemma: str) -> frozenset[str]:
    lemma = lemma.lower()
    forms = set(getAllInflections(lemma, upos="VERB").get("VBN", ()))
    forms.update(getAllInflections(lemma, upos="VERB").get("VBD", ()))
    if not forms:
        forms.update(getInflection(lemma, tag="VBN", inflect_oov=True))
    return frozenset(f.lower() for f in forms)


@lru_cache(maxsize=None)
@_remembered
def noun_forms(lemma: str) -> frozenset[str]:
    # Words ending in -s (`talks`, `troops`) are taken as already plural.
    return _forms(lemma, "NOUN", () if lemma.lower().endswith("s") else ("NNS",))


def phrase_plurals(phrase: str) -> list[str]:
    """`riot policeman` -> [`riot policeman`, `riot policemen`]: the last word takes the plural."""
    words = phrase.split()
    last = words[-1]
    if not last.isalpha() or last.isupper():
        return [phrase]
    head = " ".join(words[:-1])
    out = [phrase]
    for form in sorted(noun_forms(last)):
        if form != last.lower():
            if last[0].isupper():
                form = form[0].upper() + form[1:]
            out.append(f"{head} {form}".strip())
    return out


@lru_cache(maxsize=None)
@_remembered
def inflection(lemma: str, tag: str, oov: bool) -> tuple[str, ...]:
    """lemminflect's forms of `lemma` for one Penn tag (`VBN`), `oov` guessing for unknown words."""
    return tuple(getInflection(lemma, tag=tag, inflect_oov=oov))


@lru_cache(maxsize=None)
@_remembered
def lemma_of(form: str) -> str:
    """The verb lemma of a surface form (`attacked` -> `attack`), or the form itself."""
    lemmas = getAllLemmas(form.lower(), upos="VERB").get("VERB")
    return lemmas[0] if lemmas else form.lower()


@lru_cache(maxsize=None)
def can_modify(word: str) -> bool:
    """Whether a word can stand between a country and a role noun (`Iraqi elite troops`): an
    adjective or noun, not a bare verb form (`Russia deployed troops` is no actor)."""
    return word.lower() not in verb_only_words()


def verb_only_words() -> frozenset[str]:
    """The lower-case words lemminflect knows as a verb form and not as an adjective or noun."""
    tables = _start_tables()
    if tables["verb_only"] is None:
        tables["verb_only"] = _verb_only_from_lemminflect()
        _save_tables()
    return tables["verb_only"]


def _verb_only_from_lemminflect() -> frozenset[str]:
    """The words whose lemmas, as getAllLemmas merges its table and overrides, include a VERB entry
    and neither an ADJ nor a NOUN one. getAllLemmas looks words up lower-cased, so only lower-case
    entries can ever be found."""
    lemmatizer = Lemmatizer()
    table, overrides = lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()
    out = {word for word, lemmas in table.items() if _verb_only(lemmas.keys()) and word == word.lower()}
    for word, lemmas in overrides.items():  # an override replaces the table's entry for its parts of speech
        out.discard(word)
        if _verb_only(table.get(word, {}).keys() | lemmas.keys()) and word == word.lower():
            out.add(word)
    return frozenset(out)


def _verb_only(parts_of_speech) -> bool:
    return "VERB" in parts_of_speech and "ADJ" not in parts_of_speech and "NOUN" not in parts_of_speech

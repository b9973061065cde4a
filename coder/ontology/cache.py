"""The compiled ontology, cached on disk, so a coder starts in a second instead of many.

Loading means parsing YAML, checking every file against its schema, inflecting and compiling
thousands of patterns and tokenising tens of thousands of phrases: seconds for our ontology, more
for the imported PETRARCH dictionaries. The result is pickled under a key made of the content and
shown path of every file, the cache format, the coder version and source, the spaCy version and the
tokenizer, so an edited file, other code or another pipeline rebuilds it. A cache that cannot be read is rebuilt,
never trusted; one that cannot be written is skipped with a warning. Both files are written
atomically (coder/io/atomic.py).

Beside it, one file per set of ontology folders keeps what a rebuild can reuse: each file's parsed,
checked data under the hash of its bytes, the tokens of each actor phrase, and which compiled file
the last build wrote (its patterns are reused by spec; the file itself is removed once replaced).
After an edit only the edited file is read again, only new phrases are tokenised and only new
patterns compiled; the word forms a build needs come from inflect.py's own cache file.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import spacy

from coder import __version__
from coder.coding.actors import phrase_entries
from coder.coding.inflect import save_word_forms
from coder.io.atomic import read_pickle, write_pickle
from coder.ontology.load import _shown_path, load_ontology, ontology_files, parsed_key, resolve_directories
from coder.paths import cache_dir
from coder.process import collector_paused, settle_loaded
from coder.coding.triggers import TriggerFinder

# The shape of the cached objects: 2, patterns carry their derived passive and nominal forms;
# 3, the compiled ontology also holds Ontology.acled, the ACLED typing rules; 4, and Ontology.modality;
# 5, the reusable parts of a build are kept beside it (`sources-*.pickle`); 6, with the name of the
# last build, whose compiled patterns the next build reuses.
FORMAT = 6


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the coder package's source. The cached objects are instances of its classes, made by
    its code: a checkout with other code (a branch, an edit) must not read them, whatever FORMAT says."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _pipeline_id(nlp) -> str:
    return (f"{FORMAT}|{__version__}|{code_digest()}|{spacy.__version__}|{nlp.lang}|{nlp.meta.get('name')}|"
            f"{nlp.meta.get('version')}")


def cache_key(directories: list[Path], nlp) -> str:
    digest = hashlib.sha256(_pipeline_id(nlp).encode())
    for directory in directories:
        for path in ontology_files([directory]):
            digest.update(_shown_path(directory, path).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def sources_key(directories: list[Path], nlp) -> str:
    """One reuse file per set of folders (by where they are, not what they hold) and pipeline."""
    digest = hashlib.sha256(_pipeline_id(nlp).encode())
    for directory in directories:
        digest.update(str(directory.resolve()).encode() + b"\0")
    return digest.hexdigest()[:24]


def compile_ontology(directories: list[Path] | None, nlp) -> tuple:
    """(ontology, trigger finder, actor entries, actor tokens), from the cache when it is current."""
    directories = resolve_directories(directories)
    path = cache_dir() / f"ontology-{cache_key(directories, nlp)}.pickle"
    compiled = read_pickle(path, lambda obj: isinstance(obj, tuple) and len(obj) == 4, count=2)
    if compiled is None:
        compiled = _build(directories, nlp, path)
    # The half million objects just read (or built) with the collector paused sit in its youngest
    # generation, where each young collection would scan them again on their way to the oldest.
    settle_loaded()
    return compiled


def _build(directories: list[Path], nlp, path: Path) -> tuple:
    """Load, check and compile the ontology, reusing what the last build of these folders left;
    write the compiled ontology to `path` and what the next build can reuse beside it."""
    sources_path = cache_dir() / f"sources-{sources_key(directories, nlp)}.pickle"
    sources = read_pickle(sources_path, lambda obj: isinstance(obj, dict) and set(obj) == {"parsed", "tokens", "last"})
    parsed, known_tokens, last = (sources["parsed"], sources["tokens"], sources["last"]) if sources else ({}, {}, None)
    # The patterns the last build compiled (same code and pipeline: the sources key says so), read
    # alone from the head of its file.
    previous = read_pickle(cache_dir() / last, lambda obj: isinstance(obj, list)) if last else None
    with collector_paused():  # building as many small objects as unpickling them: the same pause applies
        ontology = load_ontology(directories, parsed=parsed)
        entries = phrase_entries(ontology)
        tokens = {key: known_tokens[key] if key in known_tokens else _phrase_tokens(nlp, key) for key in entries}
        compiled_before = {pattern.spec: pattern for pattern in previous} if previous else None
        compiled = (ontology, TriggerFinder(nlp, ontology, compiled=compiled_before), entries, tokens)
    del previous, compiled_before  # the last build's patterns: not held while this one is written
    # The compiled patterns first, so that the next build can read them without the rest.
    write_pickle(path, compiled[1].patterns, compiled, what="compiled ontology")
    # Only what this build used is kept, so the file does not grow with every edit.
    used = {parsed_key(file.read_bytes()) for file in ontology.files}
    if write_pickle(sources_path, {"parsed": {key: parsed[key] for key in used if key in parsed}, "tokens": tokens,
                                   "last": path.name}, what="ontology sources") and last and last != path.name:
        # The build this one replaces goes: kept, every edit would leave megabytes behind.
        (cache_dir() / last).unlink(missing_ok=True)
    save_word_forms()  # the inflections this build worked out, for the next one
    return compiled


def _phrase_tokens(nlp, key: str) -> tuple[str, ...]:
    """The words of a matcher key (`~iraqi army` -> ('iraqi', 'army')) as the tokenizer splits them."""
    return tuple(t.text for t in nlp.make_doc(key[1:]))

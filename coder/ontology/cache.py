"""The compiled ontology, cached on disk, so a coder starts in a second instead of many.

Loading means parsing YAML, checking every file against its schema, inflecting and compiling
thousands of patterns and tokenising tens of thousands of phrases: seconds for our ontology, more
for the imported PETRARCH dictionaries. The result is pickled under a key made of the content and
shown path of every file, the cache format, the coder version and source, the spaCy version and the
tokenizer, so an edited file, other code or another pipeline rebuilds it. A cache that cannot be read is rebuilt,
never trusted; one that cannot be written is skipped with a warning. Both files are written
atomically (coder/io/atomic.py).

After the compiled ontology, the same file holds what a rebuild can reuse (a start from the cache
does not read it): what each YAML file added to the ontology, under the hash of its bytes (load.py's
FilePart), the trigger finder's parts (its compiled patterns and tries), and the actor phrases with
the matcher entries and tokens made of them. A small file per set of ontology folders names the
compiled file the last build of those folders wrote (which is removed once replaced). A rebuild
reads that file whole and keeps its objects: after an edit only the edited file is read again, only
its patterns are compiled, only the tries that hold them are built, and the actor entries are made
again only if the phrases changed, tokenising only new ones; the word forms a build needs come from
inflect.py's own cache file. After a build, the least recently used files of other builds go once
the folder is over its budget (coder/io/cache_files.py).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from operator import is_
from pathlib import Path
from typing import Iterable

import spacy

from coder import __version__
from coder.coding.actors import phrase_entries, phrase_tokens, phrase_words
from coder.coding.inflect import save_word_forms
from coder.io.atomic import read_pickle, write_pickle
from coder.io.cache_files import prune
from coder.ontology.load import _shown_path, load_ontology, ontology_files, resolve_directories
from coder.paths import cache_dir
from coder.process import collector_paused, settle_loaded
from coder.coding.triggers import TriggerFinder

# The shape of the cached objects: 2, patterns carry their derived passive and nominal forms;
# 3, the compiled ontology also holds Ontology.acled, the ACLED typing rules; 4, and Ontology.modality;
# 5, the reusable parts of a build are kept beside it (`sources-*.pickle`); 6, with the name of the
# last build, whose compiled patterns the next build reuses; 7, what a rebuild reuses follows the
# compiled ontology in its file (each file's part, the finder's patterns and tries, the actor
# entries and tokens), and the sources file only names the last build; 8, the compiled ontology
# holds the actor finder's phrase word ids (actors.phrase_words) instead of the phrases' tokens; 9,
# phrases, roles, patterns and pattern elements are NamedTuples (model.pickled_as_tuple), and the
# lower-case actor phrases are kept as the finder's trie.
FORMAT = 9


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


def content_key(seed: str, named_files: Iterable[tuple[str, Path]]) -> str:
    """A cache file's key: `seed` (what made it: code, pipeline), then each file's shown name and
    bytes, so that other code or an edited, renamed or added file makes another key."""
    digest = hashlib.sha256(seed.encode())
    for name, path in named_files:
        digest.update(name.encode() + b"\0")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:24]


def cache_key(directories: list[Path], nlp) -> str:
    return content_key(_pipeline_id(nlp), ((_shown_path(directory, path), path)
                                           for directory in directories for path in ontology_files([directory])))


def sources_key(directories: list[Path], nlp) -> str:
    """One reuse file per set of folders (by where they are, not what they hold) and pipeline."""
    digest = hashlib.sha256(_pipeline_id(nlp).encode())
    for directory in directories:
        digest.update(str(directory.resolve()).encode() + b"\0")
    return digest.hexdigest()[:24]


def compile_ontology(directories: list[Path] | None, nlp) -> tuple:
    """(ontology, trigger finder, actor entries, actor phrase words: `actors.phrase_words`), from the
    cache when it is current."""
    return load_compiled(directories, nlp)[0]


def load_compiled(directories: list[Path] | None, nlp) -> tuple[tuple, bool]:
    """compile_ontology's result, and whether it was built in this process (which tokenised the
    ontology's phrases with `nlp`) rather than read from the cache."""
    directories = resolve_directories(directories)
    path = cache_dir() / f"ontology-{cache_key(directories, nlp)}.pickle"
    # Reading, building and writing make half a million objects: the collector is paused until they
    # are settled. Were it let go in between, its first young collection would scan them all.
    with collector_paused():
        compiled = read_pickle(path, lambda obj: isinstance(obj, tuple) and len(obj) == 4, count=2)
        built = compiled is None
        if built:
            compiled = _build(directories, nlp, path)
        # They sit in the youngest generation, where each young collection would scan them again
        # on their way to the oldest.
        settle_loaded()
    return compiled, built


# A compiled file holds the compiled patterns, then the compiled ontology, then what a rebuild reuses.
_REUSABLE = {"parts", "finder", "actors"}


def _build(directories: list[Path], nlp, path: Path) -> tuple:
    """Load, check and compile the ontology, reusing what the last build of these folders left;
    write the compiled ontology to `path`, followed by what the next build can reuse. The caller
    pauses the collector: building makes as many small objects as unpickling them."""
    sources_path = cache_dir() / f"sources-{sources_key(directories, nlp)}.pickle"
    sources = read_pickle(sources_path, lambda obj: isinstance(obj, dict) and set(obj) == {"last"})
    last = sources["last"] if sources else None
    # The last build of these folders (same code and pipeline: the sources key says so), whole: this
    # build is made of its objects wherever the files they came from are unchanged.
    previous = read_pickle(cache_dir() / last, lambda obj: isinstance(obj, dict) and set(obj) == _REUSABLE,
                           count=3) if last else None
    parts = previous.pop("parts") if previous else {}  # popped: what the build drops of it is freed
    ontology = load_ontology(directories, parts=parts)
    phrases, entries, tokens, words = previous["actors"] if previous else ([], {}, {}, None)
    if len(phrases) != len(ontology.phrases) or not all(map(is_, phrases, ontology.phrases)):
        # the actor phrases changed (else the entries, tokens and tries made of them are the last build's)
        entries = phrase_entries(ontology)
        tokens = phrase_tokens(nlp, entries, known=tokens)
        words = None
    finder = TriggerFinder(nlp, ontology, previous=previous["finder"] if previous else None)
    if words is None:
        words = phrase_words(nlp, entries, tokens)
    compiled = (ontology, finder, entries, words)
    del previous, phrases  # the last build: what this one did not take of it is not held while writing
    # `parts` now holds those of this ontology's files only, so the file does not grow with every edit.
    reusable = {"parts": parts, "finder": finder.parts(), "actors": (ontology.phrases, entries, tokens, words)}
    # The compiled patterns first: the file is a tenth smaller than with the ontology's specs first.
    written = write_pickle(path, finder.patterns, compiled, reusable, what="compiled ontology")
    if written and write_pickle(sources_path, {"last": path.name}, what="ontology sources") and last and \
            last != path.name:
        # The build this one replaces goes: kept, every edit would leave megabytes behind.
        (cache_dir() / last).unlink(missing_ok=True)
    if written:  # other releases' and other folder sets' builds stay until the folder is over its budget
        prune(cache_dir(), keep=(path, sources_path))
    save_word_forms()  # the inflections this build worked out, for the next one
    return compiled

"""The compiled ontology, cached on disk, so a coder starts in a second instead of many.

Loading means parsing YAML, checking every file against its schema, inflecting and compiling
thousands of patterns and tokenising tens of thousands of phrases: seconds for our ontology, more
for the imported PETRARCH dictionaries. The result is pickled under a key made of the content and
shown path of every file, the coder and spaCy versions and the tokenizer, so an edited file, a new
release or another pipeline rebuilds it. A cache that cannot be read is rebuilt, never trusted;
one that cannot be written is skipped with a warning.
"""
from __future__ import annotations

import gc
import hashlib
from pathlib import Path

import spacy

from coder import __version__
from coder.coding.actors import phrase_entries
from coder.io.atomic import read_pickle, write_pickle
from coder.ontology.load import _shown_path, load_ontology, ontology_files, resolve_directories
from coder.paths import cache_dir
from coder.coding.triggers import TriggerFinder

# The shape of the cached object: 2, patterns carry their derived passive and nominal forms;
# 3, the compiled ontology also holds Ontology.acled, the ACLED typing rules; 4, and Ontology.modality.
FORMAT = 4


def cache_key(directories: list[Path], nlp) -> str:
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{spacy.__version__}|{nlp.lang}|{nlp.meta.get('name')}|"
                            f"{nlp.meta.get('version')}".encode())
    for directory in directories:
        for path in ontology_files([directory]):
            digest.update(_shown_path(directory, path).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def compile_ontology(directories: list[Path] | None, nlp) -> tuple:
    """(ontology, trigger finder, actor entries, actor tokens), from the cache when it is current."""
    directories = resolve_directories(directories)
    key = cache_key(directories, nlp)
    path = cache_dir() / f"ontology-{key}.pickle"
    cached = read_pickle(path, lambda obj: isinstance(obj, tuple) and len(obj) == 4)
    if cached is not None:
        return cached
    gc.disable()  # building as many small objects as unpickling them: the same pause applies
    try:
        ontology = load_ontology(directories)
        entries = phrase_entries(ontology)
        tokens = {k: tuple(t.text for t in nlp.make_doc(k[1:])) for k in entries}
        compiled = (ontology, TriggerFinder(nlp, ontology), entries, tokens)
    finally:
        gc.enable()
    write_pickle(path, compiled, what="compiled ontology")
    return compiled

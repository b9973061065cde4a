"""The records geocoding returns: a `Location` per event and a `Place` per gazetteer entry."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class LocationRule(Enum):
    """Which rule placed an event: test this, not the wording of `location_reason`."""

    VERB = "verb phrase"          # the place attached to the event's verb
    SENTENCE = "sentence"         # another place in the sentence
    DATELINE = "dateline"         # the article's dateline
    MAIN_PLACE = "main place"     # the place the article mentions most
    NONE = "none found"


@dataclass(frozen=True)
class Location:
    location_text: str | None
    location_name: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    location_country: str | None
    geo_precision: int | None
    location_reason: str
    start: int | None
    end: int | None
    rule: LocationRule = LocationRule.NONE


NO_LOCATION = Location(None, None, None, None, None, None, None, None, "none found", None, None)


@dataclass(frozen=True)
class Place:
    index: int
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str            # ISO 3166-1 alpha-2
    country3: str | None    # alpha-3
    admin1_code: str
    admin1: str | None
    population: int
    kind: str               # "city" | "admin1" | "region" | "country"

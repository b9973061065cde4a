"""Where and when: geocode each event and resolve its date from the words of its sentence.

Runs once per article, after coding, and only for articles that have events. The place and date
rules live in coder/places and coder/dates; this stage feeds them the sentence, the verb's
offsets, the actors' countries and the article's dateline, and writes the columns.
"""
from __future__ import annotations

import datetime as dt
from itertools import islice
from pathlib import Path

from coder.dates import infer_article_date, resolve_event_date
from coder.coding.events import event_id
from coder.io.columns import LOCATION_COLUMNS

LEAD_SENTENCES = 3  # the opening sentences usually name the story's main place


def dedup_keys(record: dict) -> dict:
    """Keys that mark repeats without removing them, so analysts choose at analysis time:
    one-a-story (the same source, event and target in one article) and one-a-day (the same on one
    event date, across articles: wire copies and follow-ups)."""
    triple = (record["source_code"], record["event_code"], record["target_code"])
    return {"dedup_story_key": event_id(record["doc_id"], *triple),
            "dedup_day_key": event_id(record["event_date"], *triple)}


def article_date(given: dt.date | None, text: str) -> tuple[dt.date | None, str]:
    """The article date from the input, else from its text (dateline, explicit dates), else none."""
    if given is not None:
        return given, "input"
    day, why = infer_article_date(text)
    return day, (f"inferred from the text: {why}" if day else f"unknown: {why}")


class WhereWhen:
    def __init__(self, *, geocode: bool = True, geonames_file: Path | None = None):
        self.geocode = geocode
        self.geonames_file = geonames_file
        self._gazetteer = None

    @property
    def gazetteer(self):
        """Loaded on first use (from the on-disk cache after the first run)."""
        if self._gazetteer is None:
            from coder.places import Gazetteer

            self._gazetteer = Gazetteer.default(geonames_file=self.geonames_file)
        return self._gazetteer

    def apply(self, records: list[dict], sentences: dict[int, tuple[str, int]], dateline: str | None,
              doc_date: dt.date | None) -> None:
        """Fill the date and location columns of an article's records in place. `sentences` maps a
        sentence index to (its text as the coder read it, its offset in the article)."""
        if not records:
            return
        if self.geocode:
            from coder.places import locate_event  # imported once per article, not per event

            geo = self._article_geo(sentences, records, dateline)
        else:
            geo = locate_event = None
        for record in records:
            text, start = sentences[record["sentence_index"]]
            verb_start, verb_end = record["verb_start"] - start, record["verb_end"] - start
            when = resolve_event_date(text, doc_date, verb_start=verb_start, future=record["future"])
            if when.date is None and when.text and doc_date is not None:
                # `a day after` with nothing to count from: about the article date, and said so.
                record["event_date"] = doc_date
                record["date_text"] = when.text
                record["date_precision"] = 2
                record["date_reason"] = f"{when.reason}; article date at week precision"
            else:
                record["event_date"] = when.date
                record["date_text"] = when.text
                record["date_precision"] = when.precision
                record["date_reason"] = when.reason
            self._where(record, text, start, verb_start, verb_end, geo, locate_event)
            record.update(dedup_keys(record))

    def _article_geo(self, sentences, records, dateline):
        """The article's places, from its lead and the sentences that have events: enough for the
        main place and the countries that disambiguate names, at a fraction of reading every sentence.
        Worked out when an event first needs them (see ArticleGeoOnDemand)."""
        from coder.places import ArticleGeoOnDemand

        wanted = set(islice(sentences, LEAD_SENTENCES))
        wanted.update(r["sentence_index"] for r in records)
        return ArticleGeoOnDemand([sentences[i][0] for i in sorted(wanted)], dateline, self.gazetteer)

    def _where(self, record: dict, text, start, verb_start, verb_end, geo, locate_event) -> None:
        """Write the location columns of `record` (one assignment each: no dict per event)."""
        if geo is None:
            record.update(_NO_GEO)
            return
        countries = [c for c in (record["source_country"], record["target_country"]) if c]
        place = locate_event(text, verb_start, verb_end, countries, geo, self.gazetteer)
        record["location_text"] = place.location_text
        record["location_name"] = place.location_name
        record["geonameid"] = place.geonameid
        record["latitude"] = place.latitude
        record["longitude"] = place.longitude
        record["admin1"] = place.admin1
        record["location_country"] = place.location_country
        record["geo_precision"] = place.geo_precision
        record["location_reason"] = place.location_reason
        record["location_start"] = None if place.start is None else start + place.start
        record["location_end"] = None if place.end is None else start + place.end


_NO_GEO = {**dict.fromkeys(LOCATION_COLUMNS), "location_reason": "geocoding off (--no-geo)"}

"""What must hold on the two sample articles, with the default ontology, in both analysis modes."""
import datetime as dt

import pytest

from coder.io.read import read_articles
from conftest import ROOT


def _coder(analysis):
    from coder import Coder
    from coder.coding.coder import packaged_model_dir

    if analysis == "dependency" and not packaged_model_dir().is_dir():
        pytest.skip("the packaged parser is not built")
    return Coder(analysis=analysis)


@pytest.fixture(scope="module", params=["shallow", "dependency"])
def seed_events(request):
    coder = _coder(request.param)
    results = {r.doc_id: r for r in coder.code_articles(read_articles(ROOT / "seeds"))}
    return {doc: r.events for doc, r in results.items()}, results


def found(events, source, roots, target):
    return [e for e in events if (e["source_code"] or "").startswith(source) and e["event_root"] in roots
            and (e["target_code"] or "").startswith(target)]


ARTICLE_000 = [
    ("IRQ", {"19"}, "IMGMUSISI", "Iraqi army"),
    ("USA", {"19"}, "IMGMUSISI", "US-led coalition airstrikes"),
    ("RUS", {"19"}, "IMGMUSISI", "Russia pounding Daesh"),
    ("USA", {"03", "07"}, "SYR", "Washington ready to equip Syrian ... fighters"),
    ("USA", {"03", "07"}, "KUR", "Washington ready to equip ... Kurdish fighters"),
    ("GBR", {"03", "06"}, "", "UK special forces to resume training militants"),
]


@pytest.mark.parametrize("source,roots,target,what", ARTICLE_000, ids=[c[3] for c in ARTICLE_000])
def test_article_000(seed_events, source, roots, target, what):
    events, _ = seed_events
    assert found(events["000_23010a3b0d52389d"], source, roots, target), what


def test_article_002_carter_meets_le_drian(seed_events):
    events, _ = seed_events
    hits = found(events["002_119412713f027cd9"], "USAGOV", {"04"}, "FRAGOV")
    assert hits
    assert all(e["event_date"] == dt.date(2016, 10, 25) for e in hits)


def test_no_event_from_boilerplate(seed_events):
    events, results = seed_events
    for doc_events in events.values():
        for e in doc_events:
            assert not any(word in e["sentence_text"].lower() for word in ("subscribe", "password", "loading", "photo by"))
    assert results["002_119412713f027cd9"].boilerplate == {"subscription": 1, "account": 1}


def _km(lat1, lon1, lat2, lon2):
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_mosul_offensive_is_at_mosul(seed_events):
    events, _ = seed_events
    (event, *_) = [e for e in found(events["000_23010a3b0d52389d"], "IRQ", {"19"}, "IMGMUSISI")
                   if "offensive" in e["sentence_text"]]
    assert event["location_country"] == "IRQ" and event["geo_precision"] == 1
    assert _km(event["latitude"], event["longitude"], 36.34, 43.13) < 10


def test_coalition_airstrikes_in_syria_at_country_level(seed_events):
    events, _ = seed_events
    strikes = [e for e in found(events["000_23010a3b0d52389d"], "USA", {"19"}, "IMGMUSISI")
               if "airstrikes against" in e["sentence_text"]]
    assert strikes and all(e["location_country"] == "SYR" and e["geo_precision"] == 3 for e in strikes)


def test_carter_le_drian_in_paris_from_the_dateline(seed_events):
    events, _ = seed_events
    (meeting, *_) = found(events["002_119412713f027cd9"], "USAGOV", {"04"}, "FRAGOV")
    assert (meeting["location_name"], meeting["location_country"]) == ("Paris", "FRA")
    assert meeting["location_reason"].startswith("dateline")
    assert meeting["event_date"] == dt.date(2016, 10, 25)


def test_statement_to_nbc_on_wednesday_is_dated_the_26th(seed_events):
    events, _ = seed_events
    nbc = [e for e in events["000_23010a3b0d52389d"] if "NBC News on Wednesday" in e["sentence_text"]]
    assert nbc and all(e["event_date"] == dt.date(2016, 10, 26) and e["date_precision"] == 1 for e in nbc)


def test_packaged_parser_refuses_another_spacy_line(monkeypatch):
    import spacy

    from coder.errors import ModelError
    from coder.coding.coder import load_pipeline, packaged_model_dir

    if not packaged_model_dir().is_dir():
        pytest.skip("the packaged parser is not built")
    monkeypatch.setattr(spacy, "__version__", "3.7.5")
    with pytest.raises(ModelError, match=r"\[E403\] the packaged parser needs spaCy >=3.8.0,<3.9.0 but spaCy 3.7.5"):
        load_pipeline("dependency", None)

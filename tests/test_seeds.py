"""What must hold on the two sample articles, with the default ontology, in both analysis modes."""
import datetime as dt

import pytest

from coder.ingest import read_articles
from conftest import ROOT


def _coder(analysis):
    from coder import Coder
    from coder.pipeline import packaged_model_dir

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

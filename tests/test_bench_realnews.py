"""bench/realnews.py deals sentences into articles: with reuse (the default) it goes on past the
sources; without, every sentence appears once, which the first-pass timings rely on."""
from conftest import load_script

realnews = load_script("bench/realnews.py")
SOURCES = [f"Sentence number {i} of the sources." for i in range(40)]


def _dealt(monkeypatch, n, **options):
    monkeypatch.setattr(realnews, "real_sentences", lambda: SOURCES)
    records = list(realnews.articles(n, **options))
    sentences = [s + "." for r in records for p in r["text"].split("\n\n") for s in p.split(". ") if s]
    return records, [s.replace("..", ".") for s in sentences]


def test_without_reuse_every_sentence_is_dealt_at_most_once(monkeypatch):
    records, sentences = _dealt(monkeypatch, 1000, reuse=False)
    assert len(sentences) == len(set(sentences))
    assert set(sentences) <= set(SOURCES) and len(sentences) > len(SOURCES) // 2
    assert len(records) < 1000


def test_with_reuse_the_articles_asked_for_are_all_made_and_unchanged(monkeypatch):
    records, sentences = _dealt(monkeypatch, 60)
    assert len(records) == 60 and len(sentences) > len(SOURCES)
    first, _ = _dealt(monkeypatch, 1000, reuse=False)
    assert records[:len(first)] == first  # the same deal until the sources run out

"""Coder.code_articles parses a group of articles in one nlp.pipe, then codes each article from its
own docs: the results must be those of one article at a time (events, statuses, order), errors
must keep their place, and the read-ahead must stay within its bound."""
import datetime as dt

import pytest

from conftest import MINI

SENTENCES = [
    "Gondorian troops attacked the Orc Horde near Minas Tirith on Tuesday.",
    "Rohan was attacked by Mordor yesterday.",
    "Denethor Steward met with Rohan. Later Denethor visited Mordor.",
    "Nothing of note happened in the valley.",
]
DAY = dt.date(2016, 10, 25)


@pytest.fixture(scope="module")
def dep_coder():
    """The shipped parser: a pipeline with statistical components, so code_articles groups."""
    from coder import Coder

    coder = Coder(ontology=[MINI], analysis="dependency", geocode=False)
    assert coder._group_bounds() == (coder.PARSE_GROUP_PARAGRAPHS, coder.PARSE_GROUP_ARTICLES)
    return coder


def article(n: int, paragraphs: int = 2):
    from coder.io.read import Article

    text = "\n\n".join(" ".join(SENTENCES[(n + k + p) % len(SENTENCES)] for k in range(2)) for p in range(paragraphs))
    return Article(f"doc{n}", text, DAY)


def mixed_input():
    """Articles with events, empty ones, an unreadable record, a lone surrogate, a repeated id and
    an article made to fail, spread over more than one group."""
    from coder.errors import InputError
    from coder.io.read import Article, Skipped

    items = [article(n, 1 + n % 3) for n in range(40)]
    items[3] = Article("empty", "", DAY)
    items[7] = Article("blank", "   \n\n  ", DAY)
    items[11] = Skipped("unreadable", InputError("E102", "line 12 is not JSON", "input.jsonl"))
    items[15] = Article("surrogate", "Rohan attacked \ud800 Mordor.", DAY)
    items[19] = Article("doc0", "Rohan attacked Mordor.", DAY)  # a repeated id
    items[23] = Article("bad", "Rohan attacked Mordor.", DAY)
    return items


def fail_on(coder, monkeypatch, doc_id="bad"):
    """Make coding the article `doc_id` raise, as a bug would."""
    code_docs = coder._code_docs

    def failing(article, *args):
        if article.id == doc_id:
            raise RuntimeError("boom")
        return code_docs(article, *args)

    monkeypatch.setattr(coder, "_code_docs", failing)


def summary(results):
    return [(r.doc_id, r.status, r.events, r.sentences, r.boilerplate, r.reason, r.error_code) for r in results]


def one_at_a_time(coder, items, monkeypatch, **options):
    with monkeypatch.context() as patch:
        patch.setattr(coder, "PARSE_GROUP_PARAGRAPHS", 1)
        patch.setattr(coder, "PARSE_GROUP_ARTICLES", 1)
        return list(coder.code_articles(items, **options))


def test_grouped_results_equal_one_article_at_a_time(dep_coder, monkeypatch):
    fail_on(dep_coder, monkeypatch)
    grouped = list(dep_coder.code_articles(mixed_input(), on_error="skip"))
    single = one_at_a_time(dep_coder, mixed_input(), monkeypatch, on_error="skip")
    assert summary(grouped) == summary(single)
    statuses = {r.doc_id: r.status for r in grouped}
    assert [r.doc_id for r in grouped] == [item.id for item in mixed_input()]
    assert (statuses["empty"], statuses["blank"], statuses["unreadable"], statuses["surrogate"]) == (
        "empty", "empty", "skipped", "skipped")
    assert [r.error_code for r in grouped if r.status in ("skipped", "failed")] == ["E102", "E103", "E107", "E900"]
    assert sum(len(r.events) for r in grouped) > 20
    # and each article as code_article codes it on its own
    for result, item in zip(grouped, mixed_input()):
        if result.status in ("coded", "no_events"):
            assert summary([result]) == summary([dep_coder.code_article(item)])
            assert result.seconds > 0


def test_a_parse_failure_stays_with_its_article(dep_coder, monkeypatch):
    """spaCy refusing one paragraph (over nlp.max_length) fails that article only, in its place."""
    from coder.io.read import Article

    monkeypatch.setattr(dep_coder.nlp, "max_length", 2000)
    items = [article(n) for n in range(6)]
    items[2] = Article("long", "Rohan attacked Mordor. " * 100, DAY)
    results = list(dep_coder.code_articles(items, on_error="skip"))
    assert [(r.doc_id, r.status) for r in results] == [
        ("doc0", "coded"), ("doc1", "coded"), ("long", "failed"), ("doc3", "coded"), ("doc4", "coded"),
        ("doc5", "coded")]
    assert results[2].error_code == "E900" and results[2].reason.startswith("ValueError")
    monkeypatch.undo()
    assert summary(results[:2] + results[3:]) == summary(
        dep_coder.code_articles(items[:2] + items[3:], on_error="skip"))


def results_then_error(results):
    """The results yielded before the iterator raised, and what it raised."""
    got = []
    with pytest.raises(Exception) as raised:
        for result in results:
            got.append(result.doc_id)
    return got, raised.value


def test_raise_comes_after_the_results_of_earlier_records(dep_coder, monkeypatch):
    from coder.errors import InputError
    from coder.io.read import Skipped

    items = [article(n) for n in range(5)]
    skipped = Skipped("unreadable", InputError("E102", "line 4 is not JSON", "input.jsonl"))
    got, error = results_then_error(dep_coder.code_articles(items[:3] + [skipped] + items[3:]))
    assert got == ["doc0", "doc1", "doc2"] and error is skipped.error

    fail_on(dep_coder, monkeypatch, "doc3")
    got, error = results_then_error(dep_coder.code_articles(items))
    assert got == ["doc0", "doc1", "doc2"] and str(error) == "boom"


def test_an_input_that_fails_still_gets_the_results_read_before(dep_coder):
    def records():
        yield article(0)
        yield article(1)
        raise OSError("disk gone")

    got, error = results_then_error(dep_coder.code_articles(records(), on_error="skip"))
    assert got == ["doc0", "doc1"] and isinstance(error, OSError)


def consumed_before_first_result(coder, paragraphs: int) -> int:
    read = 0

    def records():
        nonlocal read
        for n in range(1000):
            read += 1
            yield article(n, paragraphs)

    results = coder.code_articles(records())
    next(results)
    results.close()
    return read


def test_read_ahead_is_bounded(dep_coder, mini_coder):
    bound = dep_coder.PARSE_GROUP_ARTICLES
    assert 1 < consumed_before_first_result(dep_coder, 1) <= bound  # one paragraph each: the article bound
    paragraphs = 10
    assert consumed_before_first_result(dep_coder, paragraphs) == -(-dep_coder.PARSE_GROUP_PARAGRAPHS // paragraphs)
    assert consumed_before_first_result(mini_coder, 1) == 1  # shallow: no read-ahead

"""The coder's bounded memos (coder/memos.py): each stays within its limit, a copy starts empty, and
forgetting changes no event."""
import pickle

from coder import Coder
from coder.memos import Memo, live_memos
from tests.conftest import real_news_articles


def test_a_memo_is_emptied_when_one_more_would_not_fit():
    memo = Memo("test: squares", 3)
    assert [memo.remember(n, n * n) for n in (1, 2, 3)] == [1, 4, 9]
    assert memo == {1: 1, 2: 4, 3: 9}
    assert memo.remember(4, 16) == 16
    assert memo == {4: 16}
    assert repr(memo) == "Memo('test: squares', 1 of 3)"


def test_a_copy_starts_empty_and_keeps_its_name_and_limit():
    memo = Memo("test: copied", 10)
    memo.remember("a", 1)
    copy = pickle.loads(pickle.dumps(memo))
    assert (type(copy), copy, copy.name, copy.limit) == (Memo, {}, "test: copied", 10)


def test_live_memos_are_the_ones_alive():
    memo = Memo("test: alive", 2)
    assert any(m is memo for m in live_memos())
    del memo
    assert not any(m.name == "test: alive" for m in live_memos())


def test_a_coder_lists_its_memos_and_they_stay_in_bound():
    coder = Coder()
    coder.code_text("Iraqi troops attacked Islamic State fighters in Mosul on Monday.", date="2016-10-17")
    names = {m.name for m in live_memos()}
    assert {"actors: what a chain of actor words codes", "places: the name in a run of capitalised words",
            "places: a name's candidates scored in context", "ACLED: the cue lists a word is in"} <= names
    assert all(len(m) <= m.limit for m in live_memos())


def test_forgetting_at_every_write_changes_no_event():
    records = real_news_articles(80)
    coder = Coder()

    def coded():
        return [coder.code_text(r["text"], date=r["date"]) for r in records]

    remembered = coded()  # memos warm from here on
    assert remembered == coded()
    limits = {id(m): (m, m.limit) for m in live_memos()}
    try:
        for memo, _ in limits.values():
            memo.clear()
            memo.limit = 1  # forgets at nearly every write
        assert coded() == remembered
    finally:
        for memo, limit in limits.values():
            memo.limit = limit
    assert sum(map(len, remembered)) > 200

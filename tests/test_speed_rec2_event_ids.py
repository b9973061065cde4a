"""event_id writes its parts through one `%s` format string per number of parts: the text hashed must
be exactly the plain `"\\x1f".join(map(str, parts))` for every kind of part an id or a dedup key holds,
and for odd ones (a tuple, a `%` in a text, a str subclass with its own __str__)."""
import datetime as dt
import hashlib

import pytest

from coder.coding.events import event_id


class _Shouting(str):
    def __str__(self):
        return self.upper()


PARTS = [
    ("doc-7", 0, 12, "USAGOV", 0, "IRQ", 20, "190"),
    ("doc-7", 3, 140, None, None, "RUSMIL", 155, "0874"),
    (dt.date(2016, 10, 25), "USA", "IRQ", "19"),
    ("100%s", "%d", "%%", 7),  # a `%` in a part is text, not a directive
    ((1, 2), [3], {"a": 4}, 2.5, True, False, -0.0, 10 ** 30),
    (_Shouting("quiet"), "x"),
    ("one",),
    tuple(range(40)),
    (),
]


@pytest.mark.parametrize("parts", PARTS, ids=range(len(PARTS)))
def test_event_id_hashes_the_parts_as_str_writes_them(parts):
    expected = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]
    assert event_id(*parts) == expected
    assert event_id(*parts) == expected  # the format string, now remembered, gives the same


def test_ids_of_different_lengths_do_not_share_a_format():
    assert event_id("a", "b") != event_id("a", "b", "")
    assert event_id("a") == hashlib.sha256(b"a").hexdigest()[:20]

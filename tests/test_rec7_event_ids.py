"""Event ids are hashlib's SHA-256 of their parts, whichever implementation events.py hashes with."""
import datetime as dt
import hashlib

import pytest

from coder.coding.events import event_id


@pytest.mark.parametrize("parts", [
    ("doc-7", 0, 12, "USAGOV", 0, "IRQ", 20, "190"),
    ("doc-7", 3, 140, "---", None, "RUSMIL", 155, "0874"),
    (dt.date(2016, 10, 25), "USA", "IRQ", "19"),
    ("Zürich – ünïcödé", 1, "İstanbul", "🙂"),
    (),
])
def test_event_id_is_the_sha256_of_its_parts(parts):
    expected = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]
    assert event_id(*parts) == expected

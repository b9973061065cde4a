"""Fast paths of cleaning, record building and validation give exactly what the plain code gave.

Each is checked against the plain form it replaces (kept here), on built inputs (no timing)."""
import random

from coder.coding import events, segment


def _boilerplate_rule_plain(body: str) -> str | None:
    """The first rule that finds the line page furniture, every rule tried (long lines need a hint)."""
    if len(body) > segment._SHORT_LINE and not any(hint in body.lower() for hint in segment._HINTS):
        return None
    return next((name for name, rx in segment._LINE_RX.items() if rx.search(body)), None)


# Words of the rules and their hints, in several cases and with the letters re.I also matches in
# other letters (`ı`, `İ`, `ſ`, the Kelvin sign), among plain words.
_LINE_PIECES = ["subscribe now", "ſubscribe now", "SUBSCRIBERS only", "please log in", "please login", "Please sign İn",
                "digital access", "reset your password", "forgot your password", "create an account", "sign up for our",
                "Log in to comment", "we use cookies", "cooKie policy", "accept all cookies", "share", "Share this article",
                "tweet", "EMAIL", "print", "read more", "related articles", "advertisement", "skip to main content",
                "©", "(c)", "Copyright", "copyright 2020", "all rights reserved", "All Rights Reſerved", "loading",
                "Loading...", "loading…", ":", " ", "  ", "\t", "news", "troops", "attacked", "the", "Mosul", "é", "—"]


def _random_lines(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        parts = [rng.choice(_LINE_PIECES) for _ in range(rng.choice([1, 1, 2, 3, 6, 40, 80]))]
        yield rng.choice(["", " ", "  "]) + rng.choice([" ", "", ": "]).join(parts) + rng.choice(["", " ", ":"])


def test_boilerplate_rule_is_the_plain_rule_s():
    found = set()
    for body in _random_lines(20000, seed=11):
        rule = segment._boilerplate_rule(body)
        assert rule == _boilerplate_rule_plain(body), body
        assert segment._boilerplate_rule(body, body.lower()) == rule
        found.add(rule)
    assert found == {None, *segment._LINE_RULES}


def test_record_ids_are_the_general_event_id_s():
    import datetime as dt

    values = ["doc-1", "", 0, 17, -3, None, True, 2.5, dt.date(2016, 10, 25), "IRQMIL", "---", "x\x1fy"]
    rng = random.Random(12)
    for _ in range(2000):
        parts = [rng.choice(values) for _ in range(8)]
        assert events._record_id(*parts) == events.event_id(*parts)


def test_word_end_stops_become_spaces_as_the_back_reference_made_them():
    import re

    from coder.coding import fatalities

    plain = re.compile(r"(\w)[,.](?= |$)")
    rng = random.Random(13)
    pieces = ["1", "200", "a", "killed", ",", ".", " ", ", ", ". ", "x.", "y,", "é", "_", "-", "'"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert fatalities._WORD_END.sub(" ", text) == plain.sub(r"\1 ", text), text

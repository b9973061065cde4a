"""Fast paths of cleaning, record building and validation give exactly what the plain code gave.

Each is checked against the plain form it replaces (kept here), on built inputs (no timing)."""
import random

from coder.coding import segment


def _boilerplate_rule_plain(body: str) -> str | None:
    """The first rule that finds the line page furniture, every rule tried (long lines need a hint)."""
    if len(body) > segment._SHORT_LINE and not any(hint in body.lower() for hint in segment._HINTS):
        return None
    return next((name for name, rx in segment._LINE_RX.items() if rx.search(body)), None)


# Words of the rules and their hints, in several cases and with the letters re.I also matches in
# other letters (`ı`, `İ`, `ſ`, the Kelvin sign), among plain words.
_LINE_PIECES = [
    "subscribe now", "ſubscribe now", "SUBSCRIBERS only", "please log in", "please login", "Please sign İn",
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


def test_word_end_stops_become_spaces_as_the_back_reference_made_them():
    import re

    from coder.coding import fatalities

    plain = re.compile(r"(\w)[,.](?= |$)")
    rng = random.Random(13)
    pieces = ["1", "200", "a", "killed", ",", ".", " ", ", ", ". ", "x.", "y,", "é", "_", "-", "'"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert fatalities._WORD_END.sub(" ", text) == plain.sub(r"\1 ", text), text


def _type_sentence_plain(typer, records):
    """ACLED typing of one sentence's records as first written: a call per check, kwargs updates."""
    from coder.coding.acled import _UNTYPED, CueMatches, happened, interaction
    from coder.coding.fatalities import count_killed

    rules = typer.rules
    text = records[0]["sentence_text"]
    sides = {id(r): typer.side_classes(r) for r in records if happened(r) and rules.recordable(r["event_code"])}
    best = None
    if sides:
        sentence = CueMatches(rules.index, text)
        for record in records:
            if id(record) in sides:
                found = typer.first_rule(sentence, record, sides[id(record)], before=best)
                if found is not None:
                    best = found
    sub = rules.rules[best].sub_event_type if best is not None else None
    killed = count_killed(text)
    for record in records:
        record["fatalities"] = killed
        if sub is None or id(record) not in sides:
            record.update(_UNTYPED)
            continue
        event_type, disorder = rules.typology[sub]
        inter1, inter2 = typer._inter_codes(sides[id(record)], event_type)
        record.update(acled_disorder_type=disorder, acled_event_type=event_type, acled_sub_event_type=sub,
                      acled_interaction=interaction(inter1, inter2),
                      acled_civilian_targeting=event_type == "Violence against civilians" or (
                          "Political violence" in disorder and inter2 == rules.inter.get("civilians")))


def test_acled_typing_of_a_sentence_is_the_plain_code_s(default_coder):
    typer = default_coder.acled
    texts = ["Gunmen shot dead five villagers and torched their homes near the market.",
             "Police fired tear gas at protesters who blocked the road in Nairobi.",
             "Rebels shelled the town; a suicide bomber blew himself up at a checkpoint, killing 12 people.",
             "Soldiers clashed with militants, killing three, and later arrested dozens of rioters.",
             "Demonstrators marched peacefully; no one was hurt."]
    codes = sorted({code for rule in typer.rules.rules for code in rule.codes}) + ["010", "042"]
    actors = ["IRQMIL", "---CVL", "---OPP", "USA", "---", None, "SYRREB", "KURMIL", "---MIL"]
    rng = random.Random(14)
    typed = set()
    for _ in range(600):
        text = rng.choice(texts)
        records = []
        for _ in range(rng.randint(1, 3)):
            source, target = rng.choice(actors), rng.choice(actors)
            records.append({
                "doc_id": "d", "sentence_index": 0, "sentence_text": text, "sentence_start": 0,
                "event_code": rng.choice(codes), "passive": rng.random() < 0.3, "verb_start": rng.randint(0, 30),
                "negated": rng.random() < 0.1, "future": rng.random() < 0.1, "hypothetical": False,
                "source_code": source, "source_country": source[:3] if source and source[0] != "-" else None,
                "target_code": target, "target_country": target[:3] if target and target[0] != "-" else None,
                "location_country": rng.choice([None, "IRQ", "SYR"])})
        if rng.random() < 0.3:
            records = [{k: v for k, v in r.items() if k not in ("negated", "future")} for r in records]
        fast, slow = [dict(r) for r in records], [dict(r) for r in records]
        typer.type_sentence(fast)
        _type_sentence_plain(typer, slow)
        assert [list(r.items()) for r in fast] == [list(r.items()) for r in slow]
        typed.update(r["acled_sub_event_type"] for r in fast)
    assert len(typed) > 3


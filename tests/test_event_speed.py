"""The per-sentence and per-event fast paths (roles, modality, reported speech, fill, records, ACLED
typing) give what the plain code gave.

Each fast path is checked against the slow form it skips, on built inputs (no timing): either by
forcing the slow path (a word set that never says "no cue here") or against the plain code kept here.
"""
import random
from types import SimpleNamespace

import pytest
import spacy

from coder.coding import clauses, events, fill, roles
from coder.coding.actors import Mention
from coder.coding.roles import Modality, Roles, Sentence, modality
from coder.ontology.model import CodebookEntry, Ontology, PatternSpec


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


# Words of the rules (cues, reporting verbs, subordinators, joiners) among plain ones.
_WORDS = sorted(roles._CUE_WORDS | clauses._SCAN_WORDS | clauses.REPORTING | roles.REFUSAL | roles.THREAT
                | roles.INTENT | roles.SAID | {"according", "calls", "rejected", "has", "also", "the", "a", "as",
                                               "well", "&", ",", ";", "by", "was", "were", "troops", "talks"}) + \
    ["attacked", "met", "fighters", "village", "then", "quickly"] * 8


def _random_sentences(nlp, count: int, seed: int):
    """(Sentence, its actor token indices) made of random words with one-word actors `Aaa`..."""
    rng = random.Random(seed)
    for _ in range(count):
        words = [rng.choice(_WORDS) if rng.random() < 0.75 else f"A{rng.choice('abcdef')}x"
                 for _ in range(rng.randint(2, 24))]
        doc = nlp.make_doc(" ".join(words))
        mentions = [_mention(i, i + 1, rng.choice(["AAA", "BBB", "---MIL", "CCCGOV"]), place=rng.random() < 0.1)
                    for i, token in enumerate(doc) if token.text[0] == "A"]
        yield Sentence(doc, 0, len(doc), mentions)


def _mention(start: int, end: int, code: str, *, place: bool = False) -> Mention:
    return Mention(start, end, (code,), (code[:3] if code[:3] != "---" else None,), "x", "r", "w", place=place)


def _match(anchor: int, end: int | None = None, *, trigger: str = "verb", others=()):
    spec = SimpleNamespace(trigger=trigger, code="190", words=("attack",))
    return SimpleNamespace(anchor=anchor, end=anchor + 1 if end is None else end, words=(anchor,), target=None,
                           source=None, pattern=SimpleNamespace(spec=spec, participles=frozenset({"attacked"}),
                                                                elements=()))


class _AlwaysSlow(frozenset):
    """A word set that never rules a sentence out: the fast path it guards is never taken."""

    def isdisjoint(self, other) -> bool:
        return False

    def __contains__(self, word) -> bool:
        return True


def test_modality_without_cue_words_is_what_the_full_rules_give(nlp, monkeypatch):
    sentences = list(_random_sentences(nlp, 600, seed=1))
    fast = [modality(s, _match(a, trigger=t), parsed=False)
            for s in sentences for a in range(s.start, s.end) for t in ("verb", "noun")]
    monkeypatch.setattr(roles, "_CUE_WORDS", _AlwaysSlow())
    slow = [modality(s, _match(a, trigger=t), parsed=False)
            for s in sentences for a in range(s.start, s.end) for t in ("verb", "noun")]
    assert fast == slow
    assert any(m != Modality() for m in fast) and any(m == Modality() for m in fast)


@pytest.mark.parametrize("text, anchor, flags", [
    ("Iraq did not attack Syria", 3, {"negated"}),
    ("Iraq will attack Syria", 2, {"future"}),
    ("Iraq refused to attack Syria", 3, {"negated", "refused"}),
    ("Iraq threatened to attack Syria", 3, {"threatened", "hypothetical"}),
    ("Iraq attacked Syria", 1, set()),
])
def test_modality_cues_still_set_their_flags(nlp, text, anchor, flags):
    doc = nlp.make_doc(text)
    sent = Sentence(doc, 0, len(doc), [_mention(0, 1, "IRQ"), _mention(len(doc) - 1, len(doc), "SYR")])
    mood = modality(sent, _match(anchor), parsed=False)
    names = ("negated", "future", "hypothetical", "refused", "threatened", "intended")
    assert {name for name in names if getattr(mood, name)} == flags


def test_modality_table_is_skipped_only_when_no_flag_is_set():
    from coder.coding.modality import apply
    from coder.ontology.model import ModalityRule

    table = [ModalityRule("refused", {"19": "129"}, "x.yaml:1"), ModalityRule("future", {"19": "138"}, "x.yaml:2")]
    assert apply(table, "190", Modality()) == ("190", None)
    assert apply(table, "190", Modality(negated=True, refused=True)) == ("129", "refused")
    assert apply(table, "190", Modality(future=True)) == ("138", "future")
    assert apply(table, "042", Modality(future=True)) == ("042", None)


def test_main_event_scan_skips_only_words_no_test_reads(nlp, monkeypatch):
    sentences = list(_random_sentences(nlp, 600, seed=2))

    def verdicts():
        out = []
        for s in sentences:
            matches = [_match(a) for a in range(s.start, s.end, 3)]
            out += [clauses.is_main_event(s, m, matches) for m in matches]
        return out

    fast = verdicts()
    monkeypatch.setattr(clauses, "_SCAN_WORDS", _AlwaysSlow())
    assert fast == verdicts() and True in fast and False in fast


def test_speakers_of_sentences_without_reporting_words_are_none(nlp, monkeypatch):
    sentences = list(_random_sentences(nlp, 600, seed=3))
    fast = [clauses.speakers(s) for s in sentences]
    monkeypatch.setattr(clauses, "REPORTING", _AlwaysSlowMembers(clauses.REPORTING))
    assert fast == [clauses.speakers(s) for s in sentences] and any(fast)


class _AlwaysSlowMembers(frozenset):
    """The same members, but never disjoint from a sentence's words."""

    def isdisjoint(self, other) -> bool:
        return False


def _left_actor_plain(sent, before, *, modifiers=False):
    """The nearest actor before `before` as first written: every candidate listed, the last two read."""
    stop = sent.clause_break_before(before)
    stop = sent.start - 1 if stop is None else stop
    candidates = [n for n, m in enumerate(sent.mentions)
                  if m.end <= before and m.start >= sent.start and not m.place
                  and (modifiers or n not in sent.modifiers) and m.start > stop]
    if not candidates:
        return None
    nearest = candidates[-1]
    m = sent.mentions[nearest]
    if len(candidates) > 1 and "," in sent.lower[m.end:before]:
        prev = sent.mentions[candidates[-2]]
        if "," in sent.lower[prev.end:m.start] and sent.group_of[nearest] != sent.group_of[candidates[-2]]:
            return candidates[-2]
    return nearest


def test_left_actor_reads_the_last_two_candidates_from_the_end(nlp):
    rng = random.Random(4)
    for sent in _random_sentences(nlp, 800, seed=4):
        sent.modifiers = {n for n in range(len(sent.mentions)) if rng.random() < 0.2}
        for before in range(sent.start, sent.end + 1):
            for modifiers in (False, True):
                assert roles._left_actor(sent, before, modifiers=modifiers) == \
                    _left_actor_plain(sent, before, modifiers=modifiers)


def _coordination_plain(sent):
    group_of = list(range(len(sent.mentions)))
    gaps = [None if n == 0 or sent.mentions[n].start - sent.mentions[n - 1].end > 3 else
            sent.lower[sent.mentions[n - 1].end:sent.mentions[n].start] for n in range(len(sent.mentions))]
    for n in range(1, len(sent.mentions)):
        if gaps[n] in (["and"], ["or"], [",", "and"], ["&"], ["as", "well", "as"], ["and", "the"]) or (
                gaps[n] == [","] and (n + 1 < len(sent.mentions) and gaps[n + 1] in ([","], ["and"], ["or"], [",", "and"])
                                      or gaps[n - 1] == [","] and group_of[n - 1] == group_of[n - 2])):
            group_of[n] = group_of[n - 1]
    return group_of


def test_coordination_groups_are_the_plain_rule_s(nlp):
    grouped = 0
    for sent in _random_sentences(nlp, 1500, seed=5):
        assert sent.group_of == _coordination_plain(sent)
        grouped += len(set(sent.group_of)) < len(sent.group_of)
    assert grouped


def test_a_source_and_target_of_one_group_are_never_both_sides(nlp):
    doc = nlp.make_doc("Russia and Iran attacked")
    sent = Sentence(doc, 0, len(doc), [_mention(0, 1, "RUS"), _mention(2, 3, "IRN")])
    both = roles._roles(sent, 0, 1, False, "how")
    assert [m.codes for m in both.sources] == [("RUS",), ("IRN",)] and both.targets == []
    apart = Sentence(doc, 0, len(doc), [_mention(0, 1, "RUS"), _mention(3, 4, "IRN")])
    split = roles._roles(apart, 0, 1, False, "how")
    assert split.sources == [apart.mentions[0]] and split.targets == [apart.mentions[1]]


def test_sentence_locatives(nlp):
    doc = nlp("Troops fought in Aleppo near the border, at dawn.")
    sent = Sentence(doc, 0, len(doc), [])
    assert [doc[i].text for i in sent.locatives] == ["in", "near", "at"]


def test_target_slot_is_remembered_per_pattern(default_coder):
    patterns = default_coder.triggers.patterns
    for pattern in patterns:
        match = SimpleNamespace(pattern=pattern)
        assert fill.has_target_slot(match) == any(e.kind == "target" for e in pattern.elements)
    assert any(fill.has_target_slot(SimpleNamespace(pattern=p)) for p in patterns)


def test_code_columns_follow_each_ontology_s_own_codebook_entry():
    first = CodebookEntry("190", "Use conventional military force", -10.0, 4)
    other = CodebookEntry("190", "Fight", -9.0, 4, acled_event_type="Battles")
    a, b = events._code_columns(first, "190", "190"), events._code_columns(other, "190", "190")
    assert (a["event_name"], a["goldstein"], a["acled_event_type"]) == ("Use conventional military force", -10.0, None)
    assert (b["event_name"], b["goldstein"], b["acled_event_type"]) == ("Fight", -9.0, "Battles")
    assert events._code_columns(other, "190", "190") is b and events._code_columns(first, "190", "190") == a


@pytest.mark.parametrize("sources, targets, quad_class, pairs", [
    ([("AAA", "AAA")], [("BBB", "BBB")], 4, [("AAA", "BBB")]),
    ([("AAA", "AAA")], [], 1, [("AAA", None)]),
    ([("AAA", None)], [("---MIL", None)], 4, [("AAA", "---MIL")]),
    ([("AAA", "AAA"), ("BBB", "BBB")], [], 1, [("AAA", "BBB"), ("BBB", "AAA")]),  # reciprocal
    ([("AAA", "AAA"), ("BBB", "BBB")], [], 4, [("AAA", None), ("BBB", None)]),
    ([("AAA", "AAA")], [("BBB", "BBB"), ("CCC", "CCC")], 3, [("AAA", "BBB"), ("AAA", "CCC")]),
])
def test_dyads_of_one_mention_a_side_are_the_general_rule_s(sources, targets, quad_class, pairs):
    def side(specs):
        return [Mention(i, i + 1, (code,), (country,), code, "r", "w") for i, (code, country) in enumerate(specs)]

    dyads = events._dyads(Roles(side(sources), side(targets), False, "h"), quad_class)
    assert [(d[1], d[4]) for d in dyads] == pairs
    no_countries = Mention(0, 1, ("AAA",), (), "AAA", "r", "w")  # zip of codes and no countries: no member
    assert events._dyads(Roles([no_countries], [], False, "h"), 4) == [(None, None, None, None, None, None)]


def test_records_of_a_multi_word_pattern_and_compound_sides(nlp):
    """`Syrian and Kurdish fighters` is two sources; the verb text is every literal word."""
    doc = nlp.make_doc("Syrian and Kurdish fighters carried out attacks on Iraq")
    sources = [Mention(0, 4, ("SYRMIL", "KURMIL"), ("SYR", None), "Syrian and Kurdish fighters", "r", "w")]
    targets = [Mention(8, 9, ("IRQ",), ("IRQ",), "Iraq", "r", "w")]
    sent = Sentence(doc, 0, len(doc), sources + targets)
    spec = PatternSpec("p1", "190", "verb", "carry out attacks", ("carry", "out", "attacks"), (), "v.yaml:1")
    match = SimpleNamespace(pattern=SimpleNamespace(spec=spec), anchor=4, end=7, words=(4, 5, 6))
    onto = Ontology(codebook={"190": CodebookEntry("190", "Fight", -10.0, 4)})
    context = {"offset": 10, "doc_columns": {"doc_id": "d"}, "sentence_index": 0, "sentence_text": doc.text,
               "sentence_start": 10, "sentence_end": 10 + len(doc.text)}
    records, why = events.build_records(ontology=onto, sent=sent, match=match, roles=Roles(sources, targets, False, "h"),
                                        mood=Modality(), context=context, require_dyad=False)
    assert why == "kept" and [(r["source_code"], r["source_country"], r["target_code"]) for r in records] == [
        ("SYRMIL", "SYR", "IRQ"), ("KURMIL", None, "IRQ")]
    assert {r["verb_text"] for r in records} == {"carried out attacks"}
    assert records[0]["verb_start"] == 10 + doc[4].idx and records[0]["verb_end"] == 10 + doc[6].idx + len(doc[6])
    assert all(r["dyad"] for r in records) and list(records[0])[:2] == ["event_id", "doc_id"]
    assert list(records[0])[-1] == "dyad"


class _CountingPlaces:
    """Places named by their capital letter; counts the lookups."""

    def __init__(self):
        self.asked = 0

    def _place_at(self, sent, i):
        self.asked += 1
        word = sent.doc[i].text
        return (i, i + 1, SimpleNamespace(country3=word.upper()[:3])) if word[0].isupper() else None


def test_context_countries_are_looked_up_once_per_sentence_and_token(nlp):
    places = _CountingPlaces()
    context = fill.ContextCountry(places)
    doc = nlp.make_doc("protesters clashed with police in Cairo")
    for repeat in range(2):  # a new Sentence of the same words is looked at again
        sent = Sentence(doc, 0, len(doc), [_mention(0, 1, "---OPP"), _mention(3, 4, "---COP")])
        for anchor in (1, 2):  # two triggers of one sentence
            filled = context.apply(sent, _match(anchor), Roles([sent.mentions[0]], [sent.mentions[1]], False, "h"))
            assert [m.codes for m in filled.sources + filled.targets] == [("CAIOPP",), ("CAICOP",)]
        assert places.asked == repeat + 1
    other = nlp.make_doc("protesters clashed with police in Giza")
    sent = Sentence(other, 0, len(other), [_mention(0, 1, "---OPP"), _mention(3, 4, "---COP")])
    filled = context.apply(sent, _match(1), Roles([sent.mentions[0]], [sent.mentions[1]], False, "h"))
    assert filled.sources[0].codes == ("GIZOPP",)


def _first_rule_plain(typer, sentence, record, sides, before):
    """The first rule that holds, every cue test asked of the sentence's methods."""
    source, target = sides
    for test in typer.rules.tests_for(record["event_code"], source, target):
        if before is not None and test.index >= before:
            return None
        if test.any and not sentence.any_of(test.any):
            continue
        if test.all and not sentence.all_of(test.all):
            continue
        if test.none and sentence.any_of(test.none):
            continue
        if test.victims is not None and typer.victims(sentence, record, target) != test.victims:
            continue
        return test.index
    return None


def test_acled_first_rule_reads_settled_cue_lists_as_the_methods_do(default_coder):
    from coder.coding.acled import CueMatches

    typer = default_coder.acled
    texts = ["Gunmen shot dead five villagers and torched their homes near the market.",
             "Police fired tear gas at protesters who blocked the road in Nairobi.",
             "Rebels shelled the town; a suicide bomber blew himself up at a checkpoint.",
             "Soldiers clashed with militants, killing three, and later arrested dozens of rioters.",
             "Air strikes hit the city as the army advanced and looted shops were burned."]
    codes = sorted({code for rule in typer.rules.rules for code in rule.codes})
    classes = sorted(set(typer.rules.inter) | {"unknown", "civilians"})
    rng = random.Random(6)
    held = set()
    for text in texts:
        for _ in range(300):
            record = {"event_code": rng.choice(codes) + rng.choice(["", "0", "1"]), "passive": rng.random() < 0.3,
                      "verb_start": rng.randint(0, 20), "sentence_start": 0, "sentence_text": text}
            sides = (rng.choice(classes), rng.choice(classes))
            before = rng.choice([None, None, rng.randint(0, len(typer.rules.rules))])
            fast, slow = CueMatches(typer.rules.index, text), CueMatches(typer.rules.index, text)
            found = typer.first_rule(fast, record, sides, before=before)
            assert found == _first_rule_plain(typer, slow, record, sides, before)
            held.add(found)
    assert len(held) > 10  # many rules held, not only None

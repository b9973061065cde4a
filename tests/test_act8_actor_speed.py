"""The actor finder's shortcuts find what its plain form finds.

Acronyms are matched by reading the case of only the words whose lower case starts one (not by a
PhraseMatcher on ORTH over every word); overlapping matches are settled run by run (not all in one
sort); a paragraph whose matches join no chain skips the chain split; a mention is a copy of the
fields its chain codes (not Mention's __init__, then `dataclasses.replace` for a place). A plain
finder, written here as the finder was before, is run beside the real one on real news sentences
and on edge cases: the same mentions, fields in the same order, and the same notes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from spacy.matcher import PhraseMatcher

from coder.coding import actors
from coder.coding.actors import _ENTRIES, _KIND_RANK, _START, Mention, _gap_ok, _raw, _split_coordinated
from coder.coding.triggers import paragraph_words
from tests.conftest import real_news_sentences

EDGE_TEXTS = [
    "US forces and IS fighters met UN envoys; the U.S. and the U.N. said IS-K and ISIS-K attacked.",
    "It is what it is: us and them, Us and Them, is and IS, who and WHO.",
    "AL-QAEDA IN IRAQ and al-Qaeda in Iraq and Al Qaeda fought in the US, in Syria and across Iraq.",
    "IS",
    "the US",
    "Fighting went on in the Baghdad suburbs, in Syria and in the Iraq of 2004; inside Iran too.",
    "Syria and Iran. Russia and Iran met in Moscow. The government of Iraq and the President of the United States.",
    "President Obama met Carter. Obama said Kerry and Mr. Hagel would go; Putin's Russian troops stayed.",
    "Syrian and Kurdish fighters, US-led coalition, UK-based group, US-backed fighters, Iraqi army officers.",
    "NATO, EU, WHO and CIA officials met the FBI, the IAEA and OPEC in the UK.",
    "Meanwhile Obama said, and yesterday Kerry said, May will go and Brown stayed.",
    "",
]


def _real_texts(limit: int = 1200) -> list[str]:
    """Real news sentences of the bench corpus, alone and three to a paragraph (none without ../shared)."""
    sentences = real_news_sentences(limit)
    return sentences + [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]


def _exact_phrases(tries: dict) -> dict[tuple[int, ...], list]:
    """The acronyms' ORTH word ids -> their entries, out of the finder's tries."""
    found: dict[tuple[int, ...], list] = {}

    def walk(node: dict, ids: tuple[int, ...]) -> None:
        for word, child in node.items():
            if word is _ENTRIES:
                found[ids] = child
            else:
                walk(child, ids + (word,))

    for trie in tries.values():
        walk(trie, ())
    return found


class PlainFinder:
    """The finder as it was: a PhraseMatcher on ORTH for the acronyms, Mention's own __init__ and
    `dataclasses.replace` for each mention; its other steps are the finder's own."""

    def __init__(self, finder, nlp):
        self.finder = finder
        self.phrases = _exact_phrases(finder._exact)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("=", list(self.phrases))

    def exact(self, doc) -> tuple[list, list]:
        raws: list = []
        surnames: list = []
        for _, start, end in self.matcher(doc):
            for entry in self.phrases[tuple([doc[i].orth for i in range(start, end)])]:
                (surnames if entry.kind == "surname" else raws).append(_raw(start, end, entry))
        return raws, surnames

    def find(self, doc, day, seen_people, notes=None) -> list[Mention]:
        finder, words = self.finder, paragraph_words(doc)
        raws, surnames = finder._lower_matches(words.ids)
        more = self.exact(doc)
        raws += more[0]
        surnames += more[1]
        if not raws and not surnames:
            return []
        kept = _plain_longest_first(raws)
        if surnames:
            finder._add_surnames(doc, day, seen_people, notes, kept, surnames)
        kept.sort(key=_START)
        seen_people.update(r.entry.code for r in kept if r.kind == "person")
        return [self.mark_place(words.lower, self.compose(doc, chain, day), chain)
                for chain in _plain_chains(doc, words, kept)]

    def compose(self, doc, chain, day) -> Mention:
        decided = self.finder._decide(chain, day)
        start, end = chain[0].start, chain[-1].end
        return Mention(start, end, decided.codes, decided.countries, doc[start:end].text, decided.reason,
                       decided.where, decided.person, name=decided.name)

    @staticmethod
    def mark_place(lower, mention, chain) -> Mention:
        if mention.start == 0 or len(chain) != 1 or chain[0].kind not in ("country", "capital"):
            return mention
        before = lower[mention.start - 1]
        if before == "the" and mention.start > 1:
            before = lower[mention.start - 2]
        if before in actors.LOCATIVE:
            return replace(mention, place=True, reason=mention.reason + f"; a place here (after '{before}')")
        return mention


def _plain_longest_first(raws):
    ordered = sorted(raws, key=lambda r: (r.start - r.end, _KIND_RANK[r.kind], r.start))
    taken: set[int] = set()
    kept = []
    for raw in ordered:
        span = set(range(raw.start, raw.end))
        if not span & taken:
            kept.append(raw)
            taken |= span
    return kept


def _plain_chains(doc, words, raws):
    chains: list = []
    for raw in raws:
        if chains and raw.start - chains[-1][-1].end <= 2 and _gap_ok(doc, words, chains[-1][-1], raw):
            chains[-1].append(raw)
        else:
            chains.append([raw])
    return _split_coordinated(chains)


def _fields(mention: Mention) -> list:
    return list(vars(mention).items())


@pytest.fixture(scope="module")
def docs(default_coder):
    return list(default_coder.nlp.pipe(EDGE_TEXTS + _real_texts()))


@pytest.mark.parametrize("day", [dt.date(2014, 5, 1), None])
def test_the_finder_finds_what_the_plain_finder_finds(default_coder, docs, day):
    finder = default_coder.actors
    plain = PlainFinder(finder, default_coder.nlp)
    seen: tuple[set, set] = (set(), set())
    for _ in range(2):  # the second time every chain's coding is remembered
        for doc in docs:
            notes: tuple[list, list] = ([], [])
            found = finder.find(doc, day, seen[0], notes[0])
            expected = plain.find(doc, day, seen[1], notes[1])
            assert list(map(_fields, found)) == list(map(_fields, expected)), doc.text
            assert found == expected and notes[0] == notes[1] and seen[0] == seen[1]
    assert any(m.place for doc in docs for m in finder.find(doc, day, set()))


def test_overlapping_matches_are_settled_as_one_sort_of_them_all_settles_them(default_coder, docs):
    """Run by run, the same winners as the plain sort; also on made-up runs with ties of length and kind."""
    from coder.coding.actors import _longest_first

    finder = default_coder.actors
    overlapping = 0
    for doc in docs:
        raws = finder._lower_matches(paragraph_words(doc).ids)[0]
        kept = _longest_first(raws)
        assert sorted(kept, key=_START) == sorted(_plain_longest_first(raws), key=_START), doc.text
        overlapping += len(kept) < len(raws)
    assert overlapping > 50
    entries = {e.kind: e for e in finder.ontology.phrases}
    country, agent, organisation = entries["country"], entries["agent"], entries["organisation"]
    other_country = next(e for e in finder.ontology.phrases if e.kind == "country" and e != country)
    made = [_raw(0, 2, country), _raw(0, 2, organisation), _raw(0, 2, other_country), _raw(1, 3, agent),
            _raw(2, 3, country),
            _raw(3, 4, agent), _raw(3, 5, country), _raw(4, 6, organisation), _raw(6, 7, agent), _raw(2, 4, agent)]
    for n in range(len(made)):
        raws = made[n:] + made[:n]
        assert sorted(_longest_first(raws), key=_START) == sorted(_plain_longest_first(raws), key=_START)


def test_acronyms_are_found_as_a_phrase_matcher_on_exact_case_finds_them(default_coder, docs):
    finder = default_coder.actors
    plain = PlainFinder(finder, default_coder.nlp)
    matched = 0
    for doc in docs:
        ids, starts = paragraph_words(doc).ids, []
        assert finder._lower_matches(ids, starts) == finder._lower_matches(ids)
        found: tuple[list, list] = ([], [])
        finder._exact_matches(doc, ids, starts, *found)
        assert found == plain.exact(doc), doc.text
        matched += len(found[0]) + len(found[1])
    assert matched > 20
    edge = default_coder.nlp(EDGE_TEXTS[0])
    assert {edge[r.start:r.end].text for r in plain.exact(edge)[0]} >= {"US", "IS", "UN", "U.S.", "U.N.", "IS-K"}


def test_a_place_mention_is_a_mention_like_any_other(default_coder):
    """Made without __init__: equal to, and pickled and replaced like, one made with it."""
    import pickle

    doc = default_coder.nlp("Fighting went on in Syria.")
    (found,) = [m for m in default_coder.actors.find(doc, dt.date(2014, 5, 1), set()) if m.place]
    again = Mention(**vars(found))
    assert found == again and repr(found) == repr(again) and _fields(found) == _fields(again)
    assert pickle.loads(pickle.dumps(found)) == found
    assert replace(found, place=False).place is False and found.place is True
    with pytest.raises(AttributeError):
        found.place = False  # still frozen

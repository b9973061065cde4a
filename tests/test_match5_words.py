"""One word table per paragraph, shared by the actor finder, the trigger finder and the sentence
rules, reads what the Doc's tokens say (lower-case forms, punctuation, span texts), and the
finders find over it what they found before (no timing)."""
from __future__ import annotations

import datetime as dt

from coder.coding import triggers
from coder.coding.triggers import Words, paragraph_words

TEXT = ("Iraqi troops attacked Islamic State fighters near Mosul on Monday , the U.S.-led coalition said ; "
        "Western-trained   police   arrested   ( two ) men in the city .")


def test_the_word_table_reads_the_tokens(default_coder):
    doc = default_coder.nlp(TEXT)
    words = Words(doc)
    assert words.lower == [t.lower_ for t in doc]
    assert words.ids == [t.lower for t in doc]
    assert words.punct == [int(t.is_punct) for t in doc]


def test_words_given_by_the_caller_are_kept(default_coder):
    doc = default_coder.nlp("Rebels attacked the town.")
    lower = [t.lower_ for t in doc]
    assert Words(doc, lower).lower is lower


def test_one_table_per_paragraph(default_coder):
    first, second = default_coder.nlp("Troops fired on protesters."), default_coder.nlp("Police fired on protesters.")
    assert paragraph_words(first) is paragraph_words(first)
    table = paragraph_words(second)
    assert table.doc is second and paragraph_words(first).doc is first
    default_coder.actors.find(second, dt.date(2020, 1, 1), set())
    assert default_coder.triggers.words(second) is paragraph_words(second)


def test_matches_as_a_plain_walk_from_every_anchor(default_coder):
    """The finder over the shared word table (gaps without a hyphen read as plain ranges) finds
    what a walk from every anchor word over a table of the sentence's own finds."""
    coder, matched = default_coder, 0
    for text in ("The attack was condemned.", "Rebels attacked the town of Aleppo.",
                 "Israel and Hamas agreed to a ceasefire.", "Rebels attacked the UN-backed government in Aden.",
                 "Police arrested two Western-trained militants on Monday."):
        doc = coder.nlp(text)
        from coder.coding.coder import _actor_index

        actor_at, ends = _actor_index(doc, coder.actors.find(doc, None, set()))
        every = coder.triggers.find(doc, 0, len(doc), actor_at, ends, select=False)
        # the same matches as a walk over every root of every anchor word, without any skipping
        expected = _matches_without_skipping(coder.triggers, doc, actor_at, ends)
        assert [(m.pattern.spec.pid, m.anchor, m.end) for m in every] == expected
        matched += len(expected)
    assert matched


def _matches_without_skipping(finder, doc, actor_at, ends) -> list:
    words = Words(doc)
    lowers, end = words.lower, len(doc)
    text = (lowers, words.punct, end, actor_at, ends, True)  # (hyphens or not: the slow gap path)
    out = []
    for i, word in enumerate(lowers):
        if word not in finder.index or actor_at[i] is not None or (i and lowers[i - 1] == "-"):
            continue
        single, by_next = finder.index[word]
        hits = {}
        for rest, node, _needs in by_next.get(lowers[i + 1], single) if by_next and i + 1 < end else single:
            j = i + 1 + len(rest)
            if not rest or (j <= end and tuple(lowers[i + 1:j]) == rest):
                triggers._walk(node, j, tuple(range(i, j)), None, None, text, i, hits)
        for m in hits.values():
            if m.pattern.spec.form == "passive":
                if not triggers._after_be(lowers, m.anchor, 0):
                    continue
            if not (m.pattern.spec.trigger == "verb" and m.anchor > 0 and lowers[m.anchor - 1] in triggers.DETERMINERS):
                out.append((m.pattern.spec.pid, m.anchor, m.end))
    return out


def test_a_gap_without_hyphens_ends_after_each_of_its_next_words():
    """The walk reads a gap in a sentence without a hyphen as a plain range of ends."""
    lowers = "they later reportedly attacked the town".split()
    for end in range(len(lowers) + 1):
        for i in range(end):
            assert list(range(i, min(i + triggers.GAP_MAX, end) + 1)) == triggers._gap_ends(lowers, i, end)

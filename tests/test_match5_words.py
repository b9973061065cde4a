"""One word table per paragraph, shared by the actor finder, the trigger finder and the sentence
rules, reads what the Doc's tokens say (lower-case forms, punctuation, span texts); an anchor word
is skipped only where its patterns cannot match (no timing)."""
from __future__ import annotations

import datetime as dt

from coder.coding import triggers
from coder.coding.triggers import Words, paragraph_words, word_of, words_of

TEXT = ("Iraqi troops attacked Islamic State fighters near Mosul on Monday , the U.S.-led coalition said ; "
        "Western-trained   police   arrested   ( two ) men in the city .")


def test_the_word_table_reads_the_tokens(default_coder):
    doc = default_coder.nlp(TEXT)
    words = Words(doc)
    assert words.lower == [t.lower_ for t in doc]
    assert words.ids == [t.lower for t in doc]
    assert words.punct == [int(t.is_punct) for t in doc]
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 5, len(doc)) + 1):
            assert words.text(start, end) == doc[start:end].text


def test_words_given_by_the_caller_are_kept(default_coder):
    doc = default_coder.nlp("Rebels attacked the town.")
    lower = [t.lower_ for t in doc]
    assert Words(doc, lower).lower is lower


def test_string_ids_give_their_words_whether_remembered_or_not(default_coder):
    doc = default_coder.nlp("Protesters marched in Khartoum.")
    strings = doc.vocab.strings
    ids = [t.lower for t in doc]
    triggers._WORD_OF.clear()  # nothing remembered: every word from the StringStore
    assert words_of(ids, strings) == [t.lower_ for t in doc]
    assert words_of(ids, strings) == [t.lower_ for t in doc]  # remembered
    assert word_of(doc[3].orth, strings) == "Khartoum"


def test_one_table_per_paragraph(default_coder):
    first, second = default_coder.nlp("Troops fired on protesters."), default_coder.nlp("Police fired on protesters.")
    assert paragraph_words(first) is paragraph_words(first)
    table = paragraph_words(second)
    assert table.doc is second and paragraph_words(first).doc is first
    default_coder.actors.find(second, dt.date(2020, 1, 1), set())
    assert default_coder.triggers.words(second) is paragraph_words(second)


def test_an_anchor_word_needs_what_its_patterns_need(default_coder):
    """Each anchor's `needs` holds every word one of which any of its roots needs (None if one
    needs none), so a sentence without them can match none of its patterns."""
    for word, (single, by_next, needs) in default_coder.triggers.index.items():
        roots = list(single) + [root for found in by_next.values() for root in found]
        if needs is None:
            assert any(root[2] is None for root in roots), word
        else:
            assert all(root[2] is not None and root[2] <= needs for root in roots), word


def test_matches_unchanged_where_an_anchor_is_skipped(default_coder):
    """`attack` anchors patterns that need a later word; a sentence with it alone still codes what
    its other anchors give, and one with the later word matches."""
    coder, matched = default_coder, 0
    for text in ("The attack was condemned.", "Rebels attacked the town of Aleppo.",
                 "Israel and Hamas agreed to a ceasefire."):
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
    text = (lowers, words.punct, end, actor_at, ends)
    out = []
    for i, word in enumerate(lowers):
        if word not in finder.index or actor_at[i] is not None or (i and lowers[i - 1] == "-"):
            continue
        single, by_next, _ = finder.index[word]
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

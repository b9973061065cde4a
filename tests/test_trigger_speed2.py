"""The trigger finder's paragraph reading: a word right after a hyphen anchors nothing (now decided
once per paragraph), and `words` still gives every word of the paragraph for the sentence rules."""
from __future__ import annotations

from coder.coding.coder import _actor_index


def _found(coder, text):
    doc = coder.nlp(text)
    actor_at, ends = _actor_index(doc, coder.actors.find(doc, None, set()))
    return doc, [(m.pattern.spec.pid, m.anchor) for m in
                 coder.triggers.find(doc, 0, len(doc), actor_at, ends, select=False)]


def test_a_word_after_a_hyphen_anchors_no_pattern(mini_coder):
    _, plain = _found(mini_coder, "Gondor will attack Mordor.")
    doc, hyphenated = _found(mini_coder, "Gondor staged a counter-attack on Mordor.")
    assert plain
    assert [token.lower_ for token in doc][3:6] == ["counter", "-", "attack"]
    assert all(anchor != 5 for _, anchor in hyphenated)


def test_words_are_the_whole_paragraph(mini_coder):
    doc = mini_coder.nlp("Gondor attacked Mordor. “Nothing,” said Rohan!")
    _found(mini_coder, doc.text)
    words = mini_coder.triggers.words(doc)
    lowers, punct = words.lower, words.punct
    assert lowers == [token.lower_ for token in doc]
    assert punct == [int(token.is_punct) for token in doc]

"""The actor finder built from its precomputed pattern words (`phrase_words`, which the compiled
ontology keeps) is the finder built from the ontology itself."""
from __future__ import annotations

import datetime as dt
import pickle

from coder.coding.actors import ActorFinder, phrase_tokens, phrase_words

TEXT = ("Iraqi troops and the US-led coalition met President Obama in Baghdad. IS fighters and al-Qaeda "
        "militants attacked Syrian and Kurdish forces; riot policemen and UN peacekeepers stood by.")


def _fields(mention) -> tuple:
    return tuple(vars(mention).values())


def _phrases(trie: dict, ids: tuple = ()) -> list:
    """The lower-case trie's phrases as (word ids, entries), in the order it was built."""
    from coder.coding.actors import _ENTRIES

    found = [(ids, trie[_ENTRIES])] if _ENTRIES in trie else []
    for word, node in trie.items():
        if word is not _ENTRIES:
            found += _phrases(node, ids + (word,))
    return found


def test_a_finder_from_its_pattern_words_finds_what_a_finder_from_the_ontology_finds(default_coder):
    nlp, ontology = default_coder.nlp, default_coder.ontology
    entries = default_coder.actors.entries
    tokens = phrase_tokens(nlp, entries)
    words = phrase_words(nlp, entries, tokens)
    # through a pickle, as the compiled-ontology cache keeps them (entries and words in one stream)
    entries_again, words_again = pickle.loads(pickle.dumps((entries, words)))
    from_tokens = ActorFinder(nlp, ontology)
    from_words = ActorFinder(nlp, ontology, entries=entries_again, words=words_again)
    assert _phrases(from_words._lower) == _phrases(from_tokens._lower)
    assert list(from_words._exact.items()) == list(from_tokens._exact.items())
    day = dt.date(2014, 5, 1)
    found = [finder.find(nlp(TEXT), day, set()) for finder in (from_tokens, from_words)]
    assert found[0] and list(map(_fields, found[0])) == list(map(_fields, found[1]))
    assert {"IRQMIL", "USA", "SYRMIL"} <= {code for m in found[0] for code in m.codes}


def test_the_lower_case_trie_finds_what_a_phrase_matcher_finds_in_the_same_order(default_coder):
    """Every match, overlaps included, by start then length; a phrase that ends the paragraph too."""
    from spacy.matcher import PhraseMatcher

    from coder.coding.actors import _raw
    from coder.coding.triggers import paragraph_words

    nlp, finder = default_coder.nlp, default_coder.actors
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_words = dict(_phrases(finder._lower))
    matcher.add("~", list(by_words))
    texts = [TEXT, "the islamic state of iraq and the levant and AL-QAEDA IN IRAQ met president barack obama",
             "Nothing here.", "Obama", "US forces, Iraqi police and the Iraqi army said Carter and Kerry"]
    for text in texts:
        doc = nlp(text)
        expected: tuple[list, list] = ([], [])
        for _, start, end in matcher(doc):
            for entry in by_words[tuple(paragraph_words(doc).ids[start:end])]:
                expected[entry.kind == "surname"].append(_raw(start, end, entry))
        found = finder._lower_matches(paragraph_words(doc).ids)
        assert found == expected, text
    assert any(found)  # the last text has matches (and ends with one)

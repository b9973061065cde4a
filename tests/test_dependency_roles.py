"""Dependency-mode role rules on hand-built parses, in both label schemes, with no model."""
import pytest
import spacy
from spacy.tokens import Doc

from conftest import MINI, triples


@pytest.fixture(scope="module")
def dep_coder():
    from coder import Coder

    return Coder(ontology=[MINI], analysis="dependency", nlp=spacy.blank("en"))


def parse(coder, words, heads, deps, pos=None):
    """heads are absolute token indices; the root points at itself."""
    return Doc(coder.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


CLEARNLP = [
    # Rohan was attacked by Mordor .
    (["Rohan", "was", "attacked", "by", "Mordor", "."], [2, 2, 2, 2, 3, 2],
     ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"], [("MOR", "190", "ROH")]),
    # Gondor , which Rohan hates , attacked Mordor .  (the subject is not the nearest actor)
    (["Gondor", ",", "which", "Rohan", "hates", ",", "attacked", "Mordor", "."], [6, 0, 4, 4, 0, 0, 6, 6, 6],
     ["nsubj", "punct", "dobj", "nsubj", "relcl", "punct", "ROOT", "dobj", "punct"], [("GON", "190", "MOR")]),
    # Gondor is ready to equip Rohirric fighters .
    (["Gondor", "is", "ready", "to", "equip", "Rohirric", "fighters", "."], [1, 1, 1, 4, 2, 6, 4, 1],
     ["nsubj", "ROOT", "acomp", "aux", "xcomp", "amod", "dobj", "punct"], [("GON", "074", "ROHREB")]),
    # Mordor , which has been pounding the Horde , fell .
    (["Mordor", ",", "which", "has", "been", "pounding", "the", "Horde", ",", "fell", "."],
     [9, 0, 5, 5, 5, 0, 7, 5, 0, 9, 9],
     ["nsubj", "punct", "nsubj", "aux", "aux", "relcl", "det", "dobj", "punct", "ROOT", "punct"],
     [("MOR", "190", "IMGORC")]),
]

UD = [
    (["Rohan", "was", "attacked", "by", "Mordor", "."], [2, 2, 2, 4, 2, 2],
     ["nsubj:pass", "aux:pass", "root", "case", "obl:agent", "punct"], [("MOR", "190", "ROH")]),
    (["Gondor", "and", "Rohan", "attacked", "Mordor", "."], [3, 2, 0, 3, 3, 3],
     ["nsubj", "cc", "conj", "root", "obj", "punct"], [("GON", "190", "MOR"), ("ROH", "190", "MOR")]),
    # Gondor carried out an offensive against the Horde .  (noun trigger, source from the governing verb)
    (["Gondor", "carried", "out", "an", "offensive", "against", "the", "Horde", "."], [1, 1, 1, 4, 1, 7, 7, 4, 1],
     ["nsubj", "root", "compound:prt", "det", "obj", "case", "det", "nmod", "punct"], [("GON", "190", "IMGORC")]),
]


@pytest.mark.parametrize("words,heads,deps,expected", CLEARNLP + UD,
                         ids=[" ".join(c[0]) for c in CLEARNLP] + ["UD " + " ".join(c[0]) for c in UD])
def test_roles_from_parse(dep_coder, words, heads, deps, expected):
    result = dep_coder.code_doc(parse(dep_coder, words, heads, deps), date="2016-01-05")
    assert triples(result.events) == expected


def test_negation_from_parse(dep_coder):
    doc = parse(dep_coder, ["Gondor", "did", "not", "attack", "Mordor", "."], [3, 3, 3, 3, 3, 3],
                ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"])
    (event,) = dep_coder.code_doc(doc).events
    assert event["negated"] and not event["future"]

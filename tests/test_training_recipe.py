"""The parser recipe's evaluation groups gold sentences into the paragraphs the coder would parse."""
from __future__ import annotations

import importlib.util
import os

import pytest
import spacy
from spacy.tokens import Doc

from conftest import ROOT

CONLLU = """\
# newdoc id = d1
# newpar
# sent_id = 1
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tfled\tflee\tVERB\tVBD\t_\t0\troot\t_\t_

# sent_id = 2
1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_
2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_

# newpar
# sent_id = 3
1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_

# newdoc id = d2
# sent_id = 4
1\tPeace\tpeace\tNOUN\tNN\t_\t0\troot\t_\t_

"""


@pytest.fixture(scope="module")
def recipe():
    spec = importlib.util.spec_from_file_location("train_parser", ROOT / "training" / "train_parser.py")
    module = importlib.util.module_from_spec(spec)
    saved = dict(os.environ)  # the recipe pins BLAS threads for itself; keep that out of other tests
    try:
        spec.loader.exec_module(module)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return module


def _gold(vocab, sentences):
    """One doc of several gold sentences, each (words, heads as offsets in the sentence, deps)."""
    words, heads, deps, starts = [], [], [], []
    for sent_words, sent_heads, sent_deps in sentences:
        base = len(words)
        words += sent_words
        heads += [base + h for h in sent_heads]
        deps += sent_deps
        starts += [True] + [False] * (len(sent_words) - 1)
    return Doc(vocab, words=words, heads=heads, deps=deps, sent_starts=starts)


def test_paragraph_starts_follow_newpar_and_newdoc_not_multiword_lines(recipe, tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    assert recipe.paragraph_starts(path) == [True, False, True, True]


def test_paragraph_docs_regroup_sentences_and_keep_the_trees(recipe, tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    vocab = spacy.blank("en").vocab
    s1 = (["Rebels", "fled"], [1, 1], ["nsubj", "ROOT"])
    s2 = (["do", "n't", "go"], [2, 2, 2], ["aux", "advmod", "ROOT"])
    s3 = (["Troops", "attacked"], [1, 1], ["nsubj", "ROOT"])
    s4 = (["Peace"], [0], ["ROOT"])
    ten_sentence_docs = [_gold(vocab, [s1, s2, s3]), _gold(vocab, [s4])]

    paragraphs = recipe.paragraph_docs(ten_sentence_docs, path)

    assert [[s.text for s in p.sents] for p in paragraphs] == [
        ["Rebels fled", "do n't go"], ["Troops attacked"], ["Peace"]]
    first = paragraphs[0]
    assert [(t.text, t.dep_, t.head.text) for t in first] == [
        ("Rebels", "nsubj", "fled"), ("fled", "ROOT", "fled"),
        ("do", "aux", "go"), ("n't", "advmod", "go"), ("go", "ROOT", "go")]


def test_paragraph_docs_refuse_a_file_that_does_not_match(recipe, tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    vocab = spacy.blank("en").vocab
    with pytest.raises(SystemExit, match="4 sentences in the file, 1 converted"):
        recipe.paragraph_docs([_gold(vocab, [(["Peace"], [0], ["ROOT"])])], path)

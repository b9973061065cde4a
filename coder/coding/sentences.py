"""Sentence starts exactly as spaCy's rule-based `sentencizer` sets them, with a C-level search.

spaCy's Sentencizer makes a Token object and decodes its text for every token, in Python, to ask
whether the text is a sentence-final character (`punct_chars`) and whether it is punctuation, then
writes every token's `sent_start` in a second Python loop: some 2,700 instructions a token, 6% of
shallow coding. Its rule only needs to look at the few tokens after a final character, though: a
sentence starts at the first token after a run of final characters and punctuation that is neither.
So here spaCy's PhraseMatcher finds the final characters (by ORTH, in C), only the runs after them
are walked in Python, and one `from_array` writes every token's start.
"""
from __future__ import annotations

from array import array

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.pipeline.sentencizer import BACKWARD_OVERWRITE
from spacy.tokens import Doc

_INSIDE = array("q", [-1])  # the `sent_start` of a token inside a sentence
_SENT_START = ["SENT_START"]


class ArraySentencizer(Sentencizer):
    """spaCy's `Sentencizer` (the same options, serialisation, scorer, `predict` and
    `set_annotations`), applied to a doc without a Python step per token. The `sentencizer` of the
    coder's blank English (coding/tokenizer.py)."""

    @property
    def punct_chars(self) -> set[str]:
        return self._punct_chars

    @punct_chars.setter
    def punct_chars(self, chars) -> None:  # spaCy sets them in __init__, from_bytes and from_disk
        self._punct_chars = chars
        self._matcher = None  # made again, for these characters, at the next doc

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_sent_starts(doc)
            return doc
        except Exception as e:  # as spaCy's own: the error handler decides
            error_handler(self.name, self, [doc], e)

    def set_sent_starts(self, doc: Doc) -> None:
        """What `set_annotations([doc], predict([doc]))` does: 1 at each sentence start and -1 at
        every other token, where no start is set already (any, with `overwrite`)."""
        if not len(doc):
            return
        if not self.overwrite and _has_sent_starts(doc):
            self.set_annotations([doc], self.predict([doc]))  # keeping those set: spaCy's own way
            return
        values = _INSIDE * len(doc)
        for start in self.sentence_starts(doc):
            values[start] = 1
        # from_array reads uint64 (-1 as 2**64 - 1, which it stores as -1 again, as spaCy's own)
        doc.from_array(_SENT_START, numpy.frombuffer(values, dtype=numpy.uint64))

    def sentence_starts(self, doc: Doc) -> list[int]:
        """The positions where spaCy's rule starts a sentence: the first token, and the first token
        that is neither a final character nor punctuation after a run holding a final character."""
        finals = self._final_positions(doc)
        starts = [0]
        end = 0  # the run after the last final character walked ends here
        for position in finals:
            if position < end:
                continue  # in a run walked already
            end = position + 1
            while end < len(doc) and (end in finals or doc[end].is_punct):
                end += 1
            if end < len(doc):
                starts.append(end)
        return starts

    def _final_positions(self, doc: Doc) -> dict[int, None]:
        """The positions of the tokens whose text is a final character, in order (a dict, to be
        asked about membership too)."""
        if self._matcher is None or self._matcher.vocab is not doc.vocab:
            self._matcher = _final_matcher(doc.vocab, self._punct_chars)
        return {start: None for _, start, _ in self._matcher(doc)}

    def __getstate__(self):
        return {**self.__dict__, "_matcher": None}  # made again at the first doc


def _final_matcher(vocab, chars) -> PhraseMatcher:
    """A matcher of the one-token texts `chars`: a token's ORTH is its text's hash, so it finds the
    tokens whose text is one of them."""
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add("final", [Doc(vocab, words=[char]) for char in chars if char])
    return matcher


def _has_sent_starts(doc: Doc) -> bool:
    """Whether a token of `doc` has its sentence start set otherwise than a new doc: the first
    token starts a sentence (`Doc` sets that), the others are unset. `has_annotation` looks from
    the second token on."""
    return doc[0].is_sent_start is False or doc.has_annotation("SENT_START")


@Language.factory("eventcoder_sentencizer", assigns=["token.is_sent_start", "doc.sents"],
                  default_config={"punct_chars": None, "overwrite": BACKWARD_OVERWRITE,
                                  "scorer": {"@scorers": "spacy.senter_scorer.v1"}},
                  default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0})
def make_array_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool, scorer):
    """spaCy's `sentencizer` factory, making the ArraySentencizer."""
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)


def pipe_texts(nlp: Language, texts: list[str]) -> list[Doc]:
    """`list(nlp.pipe(texts))`. For a pipeline of an ArraySentencizer alone (the coder's blank
    English) the same docs are made directly, doc by doc as nlp.pipe makes them: `make_doc`, then
    the sentencizer (errors going to its error handler, as in nlp.pipe). That saves nlp.pipe's
    chain of generators: 3% of the work of tokenising and splitting, 0.4% of shallow coding."""
    pipeline = nlp.pipeline
    if len(pipeline) != 1 or type(pipeline[0][1]) is not ArraySentencizer:
        return list(nlp.pipe(texts))
    sentencizer = pipeline[0][1]
    return [sentencizer(nlp.make_doc(text)) for text in texts]

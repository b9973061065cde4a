"""Word forms for patterns and role nouns, from lemminflect's English inflection tables.

Patterns are written with lemmas (`attack`, `airstrike`); the shallow mode has no lemmatizer, so
every surface form is generated once at load time and matched by lookup.
"""
from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getInflection

_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


@lru_cache(maxsize=None)
def verb_forms(lemma: str) -> frozenset[str]:
    lemma = lemma.lower()
    forms = {lemma}
    for values in getAllInflections(lemma, upos="VERB").values():
        forms.update(v.lower() for v in values)
    if len(forms) == 1:  # not in the tables: regular English morphology
        for tag in _VERB_TAGS:
            forms.update(v.lower() for v in getInflection(lemma, tag=tag, inflect_oov=True))
    return frozenset(forms)


@lru_cache(maxsize=None)
def past_participles(lemma: str) -> frozenset[str]:
    lemma = lemma.lower()
    forms = set(getAllInflections(lemma, upos="VERB").get("VBN", ()))
    forms.update(getAllInflections(lemma, upos="VERB").get("VBD", ()))
    if not forms:
        forms.update(getInflection(lemma, tag="VBN", inflect_oov=True))
    return frozenset(f.lower() for f in forms)


@lru_cache(maxsize=None)
def noun_forms(lemma: str) -> frozenset[str]:
    lemma = lemma.lower()
    forms = {lemma}
    for values in getAllInflections(lemma, upos="NOUN").values():
        forms.update(v.lower() for v in values)
    if len(forms) == 1 and not lemma.endswith("s"):
        forms.update(v.lower() for v in getInflection(lemma, tag="NNS", inflect_oov=True))
    return frozenset(forms)


def phrase_plurals(phrase: str) -> list[str]:
    """`riot policeman` -> [`riot policeman`, `riot policemen`]: the last word takes the plural."""
    words = phrase.split()
    last = words[-1]
    if not last.isalpha() or last.isupper():
        return [phrase]
    head = " ".join(words[:-1])
    out = [phrase]
    for form in sorted(noun_forms(last)):
        if form != last.lower():
            if last[0].isupper():
                form = form[0].upper() + form[1:]
            out.append(f"{head} {form}".strip())
    return out

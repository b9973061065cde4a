"""Word forms for patterns and role nouns, from lemminflect's English inflection tables.

Patterns are written with lemmas (`attack`, `airstrike`); the shallow mode has no lemmatizer, so
every surface form is generated once at load time and matched by lookup.
"""
from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas, getInflection

_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


def _forms(lemma: str, upos: str, fallback_tags: tuple[str, ...]) -> frozenset[str]:
    """All inflections of `lemma`; for words the tables lack, regular English morphology."""
    lemma = lemma.lower()
    forms = {lemma}
    for values in getAllInflections(lemma, upos=upos).values():
        forms.update(v.lower() for v in values)
    if len(forms) == 1:
        for tag in fallback_tags:
            forms.update(v.lower() for v in getInflection(lemma, tag=tag, inflect_oov=True))
    return frozenset(forms)


@lru_cache(maxsize=None)
def verb_forms(lemma: str) -> frozenset[str]:
    return _forms(lemma, "VERB", _VERB_TAGS)


def verbs_forms(*lemmas: str) -> frozenset[str]:
    """Every form of each verb: the word lists of the coding rules are written as lemmas."""
    return frozenset().union(*(verb_forms(lemma) for lemma in lemmas))


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
    # Words ending in -s (`talks`, `troops`) are taken as already plural.
    return _forms(lemma, "NOUN", () if lemma.lower().endswith("s") else ("NNS",))


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


@lru_cache(maxsize=None)
def lemma_of(form: str) -> str:
    """The verb lemma of a surface form (`attacked` -> `attack`), or the form itself."""
    lemmas = getAllLemmas(form.lower(), upos="VERB").get("VERB")
    return lemmas[0] if lemmas else form.lower()


@lru_cache(maxsize=None)
def can_modify(word: str) -> bool:
    """Whether a word can stand between a country and a role noun (`Iraqi elite troops`): an
    adjective or noun, not a bare verb form (`Russia deployed troops` is no actor)."""
    word = word.lower()
    if not getAllLemmas(word, upos="VERB"):
        return True
    return bool(getAllLemmas(word, upos="ADJ") or getAllLemmas(word, upos="NOUN"))

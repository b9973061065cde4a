"""The word-form cache (coder/coding/inflect.py) gives exactly lemminflect's own answers, and a start
with the cache file present does not load lemminflect's tables."""
from __future__ import annotations

import pytest
from lemminflect import getAllInflections, getAllLemmas, getInflection
from lemminflect.core.Lemmatizer import Lemmatizer

from coder.coding import clauses, inflect, roles

# The verb lists the coding rules build on import, and a few more of every shape: irregular, -e, -y,
# doubled consonants, phrasal pieces and words lemminflect does not know.
LEMMAS = ("plan", "intend", "prepare", "refuse", "decline", "fail", "threaten", "offer", "promise", "pledge",
          "vow", "agree", "want", "seek", "hope", "consider", "try", "attempt", "aim", "say", "report", "tell",
          "claim", "add", "announce", "state", "confirm", "be", "go", "shoot", "flee", "stop", "bomb",
          "airstrike", "xyzzify", "Attack")


def lemminflect_verb_forms(lemma: str) -> frozenset[str]:
    """Every form of a verb, as inflect.py computed it before there was a cache."""
    lemma = lemma.lower()
    forms = {lemma}
    for values in getAllInflections(lemma, upos="VERB").values():
        forms.update(v.lower() for v in values)
    if len(forms) == 1:
        for tag in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"):
            forms.update(v.lower() for v in getInflection(lemma, tag=tag, inflect_oov=True))
    return frozenset(forms)


def lemminflect_can_modify(word: str) -> bool:
    """Not a bare verb form, as inflect.py asked lemminflect before there was a cache."""
    word = word.lower()
    if not getAllLemmas(word, upos="VERB"):
        return True
    return bool(getAllLemmas(word, upos="ADJ") or getAllLemmas(word, upos="NOUN"))


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """inflect.py as a new process finds it, with its cache in an empty folder; restored afterwards."""
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))

    def forget():
        monkeypatch.setattr(inflect, "_TABLES", None)
        monkeypatch.setattr(inflect, "_WRITABLE", True)
        inflect._tables_path.cache_clear()
        inflect.can_modify.cache_clear()

    forget()
    yield forget
    inflect._tables_path.cache_clear()
    inflect.can_modify.cache_clear()


def every_known_word() -> list[str]:
    lemmatizer = Lemmatizer()
    words = sorted(lemmatizer._getLemmaDict().keys() | lemmatizer._getOverridesDict().keys())
    # Capitalised and upper-case spellings of some, and words the tables lack.
    return words + [w.title() for w in words[::40]] + [w.upper() for w in words[::97]] + ["", "xyzzified", "Iraqi"]


def test_verb_only_words_answer_as_lemminflect_does(fresh_cache):
    words = every_known_word()
    built = [inflect.can_modify(w) for w in words]
    assert built == [lemminflect_can_modify(w) for w in words]
    fresh_cache()
    assert [inflect.can_modify(w) for w in words] == built  # read back from the file


def test_verb_forms_are_lemminflect_forms(fresh_cache):
    assert inflect.verbs_forms(*LEMMAS) == frozenset().union(*map(lemminflect_verb_forms, LEMMAS))
    fresh_cache()
    for lemma in LEMMAS:
        assert inflect.verbs_forms(lemma) == lemminflect_verb_forms(lemma), lemma


def test_the_rules_word_lists_hold_every_form():
    assert roles.REFUSAL == lemminflect_verb_forms("refuse") | lemminflect_verb_forms("decline")
    assert roles.THREAT == lemminflect_verb_forms("threaten")
    assert lemminflect_verb_forms("announce") <= clauses.REPORTING
    assert {"planned", "plans", "planning", "intends", "preparing"} <= roles.FUTURE_INTENT


def test_a_warm_start_does_not_consult_lemminflect(fresh_cache, monkeypatch):
    inflect.verbs_forms("refuse", "decline")
    inflect.can_modify("deployed")
    fresh_cache()

    def refuse(*args, **kwargs):
        raise AssertionError("lemminflect consulted although the cache file is present")

    monkeypatch.setattr(inflect, "verb_forms", refuse)
    monkeypatch.setattr(inflect, "_verb_only_from_lemminflect", refuse)
    assert inflect.verbs_forms("decline") == lemminflect_verb_forms("decline")
    assert not inflect.can_modify("Deployed") and inflect.can_modify("elite")


def test_a_new_lemma_is_added_to_the_file(fresh_cache):
    inflect.verbs_forms("refuse")
    fresh_cache()
    inflect.verbs_forms("refuse", "flee")
    fresh_cache()
    assert set(inflect._tables()["verb_forms"]) == {"refuse", "flee"}


def test_an_unwritable_cache_still_answers(fresh_cache, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EVENTCODER_CACHE", str(blocker))
    fresh_cache()
    assert inflect.verbs_forms("fail") == lemminflect_verb_forms("fail")
    assert not inflect.can_modify("fled")
    assert inflect._WRITABLE is False

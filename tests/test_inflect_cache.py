"""The word-form cache (coder/coding/inflect.py) gives exactly lemminflect's own answers, and a start
with the cache file present does not load lemminflect's tables."""
from __future__ import annotations

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


def refuse_lemminflect(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("lemminflect consulted although the cache file is present")

    for name in ("getAllInflections", "getInflection", "getAllLemmas", "_verb_only_from_lemminflect"):
        monkeypatch.setattr(inflect, name, refuse)


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
    refuse_lemminflect(monkeypatch)
    assert inflect.verbs_forms("decline") == lemminflect_verb_forms("decline")
    assert not inflect.can_modify("Deployed") and inflect.can_modify("elite")


def test_a_new_lemma_is_added_to_the_file(fresh_cache):
    inflect.verbs_forms("refuse")
    fresh_cache()
    inflect.verbs_forms("refuse", "flee")
    fresh_cache()
    assert {key[1] for key in inflect._tables()["calls"] if key[0] == "verb_forms"} == {"refuse", "flee"}


def test_an_ontology_builds_forms_are_kept_for_the_next_build(fresh_cache, monkeypatch):
    """What a build asked for (noun plurals, participles, one tag's form) is answered from the file
    after `save_word_forms`, as lemminflect answered it, without loading lemminflect."""
    asked = [(inflect.noun_forms, ("policeman",)), (inflect.noun_forms, ("talks",)),
             (inflect.past_participles, ("shoot",)), (inflect.inflection, ("shell", "VBN", True)),
             (inflect.inflection, ("xyzzify", "VBG", False)), (inflect.lemma_of, ("fled",)),
             (inflect.verb_forms, ("airstrike",))]
    first = [function(*args) for function, args in asked]
    assert first[0] == {"policeman", "policemen"} and first[3] == ("shelled",) and first[5] == "flee"
    inflect.save_word_forms()
    fresh_cache()
    refuse_lemminflect(monkeypatch)
    assert [function(*args) for function, args in asked] == first


def test_forms_not_saved_are_worked_out_again(fresh_cache):
    inflect.noun_forms("fighter")
    fresh_cache()  # no save_word_forms: the next process does not find it
    assert ("noun_forms", "fighter") not in inflect._tables()["calls"]
    assert inflect.noun_forms("fighter") == {"fighter", "fighters"}


def test_an_unwritable_cache_still_answers(fresh_cache, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EVENTCODER_CACHE", str(blocker))
    fresh_cache()
    assert inflect.verbs_forms("fail") == lemminflect_verb_forms("fail")
    assert not inflect.can_modify("fled")
    assert inflect._WRITABLE is False

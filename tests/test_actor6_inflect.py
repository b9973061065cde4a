"""A start reads the word-form cache's small start file only: the coding rules' verb lists and the
verb-only words; the forms ontology builds asked for stay in their own file until needed."""
from __future__ import annotations

from coder.coding import inflect


def test_a_start_reads_the_verb_lists_and_verb_only_words_without_the_forms_file(fresh_cache, monkeypatch):
    refusal = inflect.verbs_forms("refuse", "decline")
    assert not inflect.can_modify("deployed")
    assert inflect.noun_forms("policeman") == {"policeman", "policemen"}  # as an ontology build asks
    inflect.save_word_forms()
    assert inflect._forms_path().exists() and inflect._tables_path().exists()
    fresh_cache()

    def no_forms_file(*args):
        raise AssertionError("the forms file was read by a start")

    monkeypatch.setattr(inflect, "_tables", no_forms_file)
    assert inflect.verbs_forms("refuse", "decline") == refusal
    assert not inflect.can_modify("Deployed") and inflect.can_modify("elite")


def test_the_forms_file_answers_a_build_after_the_start_file(fresh_cache):
    inflect.verbs_forms("threaten")
    inflect.noun_forms("fighter")
    inflect.save_word_forms()
    fresh_cache()
    assert inflect.verbs_forms("threaten") >= {"threatened", "threatens"}
    assert inflect._TABLES["calls"] is None  # not read yet
    assert ("noun_forms", "fighter") in inflect._tables()["calls"]
    assert inflect.noun_forms("fighter") == {"fighter", "fighters"}

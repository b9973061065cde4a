"""The compiled-ontology cache after an edit: only the edited file is read again, the result is the
same as a build from nothing, and a warm start imports no YAML or JSON Schema library."""
import pickle
import shutil
import subprocess
import sys

import pytest
import spacy
from spacy.strings import get_string_id

from coder.coding.actors import _ENTRIES
from coder.errors import OntologyError
from conftest import MINI, ROOT


@pytest.fixture
def onto(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "onto"
    shutil.copytree(MINI, copy)
    return copy


@pytest.fixture
def read_files(monkeypatch):
    """The YAML files each build parses (by name)."""
    from coder.ontology import load

    seen: list[str] = []
    real = load.load_yaml

    def spy(path, content=None):
        seen.append(path.name)
        return real(path, content)

    monkeypatch.setattr(load, "load_yaml", spy)
    return seen


def _in_order(value):
    """A value compared with its dicts' order, which `==` ignores and the coder may not."""
    if isinstance(value, dict):
        return [(key, _in_order(item)) for key, item in value.items()]
    return value


def _same_build(built, other) -> bool:
    """Two compiled ontologies hold equal objects (by value, dicts in the same order)."""
    (ontology, finder, entries, tokens), (ontology2, finder2, entries2, tokens2) = built, other
    return ({name: _in_order(value) for name, value in vars(ontology).items()} ==
            {name: _in_order(value) for name, value in vars(ontology2).items()}
            # the index is read by word only; the order of its words follows that of frozensets, which
            # unpickling may change
            and finder.patterns == finder2.patterns and finder.index == finder2.index
            and _in_order(entries) == _in_order(entries2) and _in_order(tokens) == _in_order(tokens2))


def _reusable(path) -> dict:
    """What a compiled-ontology file keeps for the next build: its third object, after the compiled
    patterns and the compiled ontology."""
    with open(path, "rb") as handle:
        unpickler = pickle.Unpickler(handle)
        return [unpickler.load() for _ in range(3)][-1]


def _full_build(onto, tmp_path, monkeypatch):
    """The same folders compiled with no cache at all."""
    from coder.ontology.cache import compile_ontology

    with monkeypatch.context() as patch:
        patch.setenv("EVENTCODER_CACHE", str(tmp_path / "empty"))
        return compile_ontology([onto], spacy.blank("en"))


def test_after_an_edit_only_that_file_is_read_and_the_result_is_a_full_build(onto, read_files, tmp_path,
                                                                             monkeypatch):
    from coder.ontology.cache import cache_dir, compile_ontology

    nlp = spacy.blank("en")
    compile_ontology([onto], nlp)
    assert sorted(read_files) == sorted(p.name for p in onto.glob("*.yaml"))
    read_files.clear()
    (onto / "agents.yaml").write_text((onto / "agents.yaml").read_text() + "  - {code: COP, phrases: [police]}\n")
    rebuilt = compile_ontology([onto], nlp)
    assert read_files == ["agents.yaml"]
    assert any(p.phrase == "police" for p in rebuilt[0].phrases)
    # the actor finder's trie of lower-case phrases: `police`'s entries at its one word's node
    assert [e.phrase for e in rebuilt[3][0][get_string_id("police")][_ENTRIES]] == ["police"]
    assert _same_build(rebuilt, _full_build(onto, tmp_path, monkeypatch))
    (compiled,) = cache_dir().glob("ontology-*.pickle")  # the build it replaces is removed
    kept = _reusable(compiled)["parts"]
    assert sorted(shown for shown, _ in kept) == sorted(f"onto/{p.name}" for p in onto.glob("*.yaml"))
    (agents,) = [part for (shown, _), part in kept.items() if shown == "onto/agents.yaml"]  # the old one is dropped
    assert agents.phrases[-1].phrase == "police"


def test_a_file_with_an_error_is_reported_on_every_build(onto, read_files):
    from coder.ontology.cache import compile_ontology

    nlp = spacy.blank("en")
    compile_ontology([onto], nlp)
    (onto / "agents.yaml").write_text("kind: agents\nentries:\n  - {code: 7, phrases: [police]}\n")
    for _ in range(2):
        with pytest.raises(OntologyError, match=r"agents.yaml:3: \[E202\]"):
            compile_ontology([onto], nlp)


def test_an_unreadable_reuse_file_is_rebuilt(onto):
    from coder.ontology.cache import cache_dir, compile_ontology

    nlp = spacy.blank("en")
    first = compile_ontology([onto], nlp)
    (sources,) = cache_dir().glob("sources-*.pickle")
    sources.write_bytes(b"not a pickle")
    (onto / "verbs.yaml").write_text((onto / "verbs.yaml").read_text() + "\n# edited\n")
    assert compile_ontology([onto], nlp)[0].patterns == first[0].patterns
    with open(sources, "rb") as handle:
        assert set(pickle.load(handle)) == {"last"}  # written anew


def test_after_a_verb_edit_only_its_new_patterns_are_compiled_the_actors_are_kept_and_all_is_a_full_build(
        onto, tmp_path, monkeypatch):
    from coder.coding import triggers
    from coder.ontology import cache
    from coder.ontology.cache import cache_dir, compile_ontology

    nlp = spacy.blank("en")
    first = compile_ontology([onto], nlp)
    (before,) = cache_dir().glob("ontology-*.pickle")
    compiled = []
    real = triggers.compile_pattern
    monkeypatch.setattr(triggers, "compile_pattern", lambda nlp, spec, compiler=None: (
        compiled.append(spec.text), real(nlp, spec, compiler))[1])
    verbs = onto / "verbs.yaml"
    verbs.write_text(verbs.read_text() + "  - code: '190'\n    verbs: [denounce +]\n")
    with monkeypatch.context() as patch:
        patch.setattr(cache, "phrase_entries", lambda ontology: pytest.fail("the actor phrases did not change"))
        patch.setattr(cache, "phrase_words", lambda *args: pytest.fail("the actor tries are the last build's"))
        rebuilt = compile_ontology([onto], nlp)
    # the new pattern and the forms derived from it; nothing the last build compiled
    assert compiled and all("denounce" in text or "denouncing" in text for text in compiled), compiled
    assert len(rebuilt[1].patterns) == len(first[1].patterns) + len(compiled)
    assert not before.exists()  # the build it replaces is removed
    assert _same_build(rebuilt, _full_build(onto, tmp_path, monkeypatch))


def _triggered(coder, text: str) -> list[str]:
    """The written text of every pattern that matches `text`, overlapping or not."""
    from coder.coding.coder import _actor_index

    doc = coder.nlp(text)
    actor_at, ends = _actor_index(doc, coder.actors.find(doc, None, set()))
    return [m.pattern.spec.text for m in coder.triggers.find(doc, 0, len(doc), actor_at, ends, select=False)]


def test_after_a_verb_edit_removed_patterns_stop_matching_new_ones_match_and_only_their_tries_are_built(
        onto, tmp_path, monkeypatch):
    from coder import Coder
    from coder.coding import triggers

    verbs, more = onto / "verbs.yaml", onto / "verbs_more.yaml"
    # `pound` and `visit +` go to a file of their own
    verbs.write_text(verbs.read_text().replace("attack, pound,", "attack,")
                     .replace('  - code: "042"\n    verbs: ["visit +"]\n', ""))
    more.write_text("kind: verbs\nentries:\n  - code: '190'\n    verbs: [pound]\n  - code: '042'\n"
                    "    verbs: ['visit +']\n")
    before = Coder(ontology=[onto])
    assert _triggered(before, "Gondor pounded Mordor.") == ["pound"]
    assert _triggered(before, "Gondor visited Mordor.") == ["visit +"]
    assert _triggered(before, "Gondor shelled Mordor.") == []
    built = []
    real = triggers._trie
    monkeypatch.setattr(triggers, "_trie", lambda patterns, *args: (
        built.append([p.spec.text for p in patterns]), real(patterns, *args))[1])
    more.write_text("kind: verbs\nentries:\n  - code: '042'\n    verbs: ['tour +']\n  - code: '190'\n"
                    "    verbs: [shell +]\n")
    after = Coder(ontology=[onto])
    assert _triggered(after, "Gondor pounded Mordor.") == []
    assert _triggered(after, "Gondor visited Mordor.") == []
    assert _triggered(after, "Gondor toured Mordor.") == ["tour +"]
    assert _triggered(after, "Gondor shelled Mordor.") == ["shell +"]
    assert _triggered(after, "Mordor was shelled by Gondor.") == ["+ be shelled [passive of 'shell +']"]
    # the tries of the edited file's patterns (with their passive and nominal forms), no other
    assert built and all(all("tour" in t or "shell" in t for t in texts) for texts in built), built
    assert _same_build((after.ontology, after.triggers, after.actors.entries, (after.actors._lower, after.actors._exact)),
                       _full_build(onto, tmp_path, monkeypatch))


def test_a_person_an_unchanged_file_lists_again_after_an_edit_is_reported_as_a_full_build_reports_it(
        onto, tmp_path, monkeypatch):
    from coder.ontology.cache import compile_ontology

    nlp = spacy.blank("en")
    compile_ontology([onto], nlp)
    # read before people.yaml, whose part (unchanged) would add Denethor a second time
    (onto / "leaders.yaml").write_text("kind: people\nentries:\n  - name: Denethor Steward\n    country: GON\n"
                                       "    roles: [{code: GONGOV, start: '2015-01-01'}]\n")
    with pytest.raises(OntologyError) as stale:
        compile_ontology([onto], nlp)
    with pytest.raises(OntologyError) as full:
        _full_build(onto, tmp_path, monkeypatch)
    assert "[E206]" in str(stale.value) and "onto/people.yaml" in str(stale.value)
    assert str(stale.value) == str(full.value)


def test_a_file_loaded_twice_under_one_name_gives_two_sets_of_objects(tmp_path):
    """Two layers named alike with one identical file: each copy is its own, as with no memo."""
    from coder.ontology.load import load_ontology

    shutil.copytree(MINI, tmp_path / "ours" / "mini")
    (tmp_path / "theirs" / "mini").mkdir(parents=True)
    shutil.copy(MINI / "verbs.yaml", tmp_path / "theirs" / "mini" / "verbs.yaml")
    folders = [tmp_path / "ours" / "mini", tmp_path / "theirs" / "mini"]
    parts = {}
    first = load_ontology(folders, parts=parts)
    again = load_ontology(folders, parts=parts)
    assert len(parts) == len(list(MINI.glob("*.yaml")))  # the two copies have one key
    assert again == first == load_ontology(folders)
    assert len(set(map(id, again.patterns))) == len(again.patterns)


def test_loading_the_ontology_modules_imports_no_yaml_or_schema_library():
    code = ("import sys, coder.ontology.load, coder.ontology.yamlio; "
            "print(sorted(m for m in ('yaml', 'jsonschema', 'fastjsonschema') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_other_code_does_not_read_the_cache(onto, monkeypatch):
    """Two checkouts with one cache folder (a branch, an edit) must not share compiled objects."""
    from coder.ontology import cache

    nlp = spacy.blank("en")
    key = cache.cache_key([onto], nlp)
    monkeypatch.setattr(cache, "code_digest", lambda: "other source")
    assert cache.cache_key([onto], nlp) != key

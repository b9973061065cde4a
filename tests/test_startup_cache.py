"""The compiled-ontology cache after an edit: only the edited file is read again, the result is the
same as a build from nothing, and a warm start imports no YAML or JSON Schema library."""
import pickle
import shutil
import subprocess
import sys

import pytest
import spacy

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


def _compiled_state(compiled) -> tuple:
    ontology, _, entries, tokens = compiled
    return pickle.dumps(ontology), pickle.dumps(entries), pickle.dumps(tokens)


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
    assert rebuilt[3]["~police"] == ("police",)
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "empty"))
    assert _compiled_state(rebuilt) == _compiled_state(compile_ontology([onto], nlp))
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    (sources,) = cache_dir().glob("sources-*.pickle")
    with open(sources, "rb") as handle:
        kept = pickle.load(handle)
    assert len(kept["parsed"]) == len(list(onto.glob("*.yaml")))  # the old agents.yaml is dropped


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
        assert set(pickle.load(handle)) == {"parsed", "tokens", "last"}  # written anew


def test_after_a_verb_edit_only_its_new_patterns_are_compiled_and_the_finder_is_a_full_builds(
        onto, tmp_path, monkeypatch):
    from coder.coding import triggers
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
    rebuilt = compile_ontology([onto], nlp)
    # the new pattern and the forms derived from it; nothing the last build compiled
    assert compiled and all("denounce" in text or "denouncing" in text for text in compiled), compiled
    assert len(rebuilt[1].patterns) == len(first[1].patterns) + len(compiled)
    assert not before.exists()  # the build it replaces is removed
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "empty"))
    fresh = compile_ontology([onto], nlp)[1]
    assert rebuilt[1].patterns == fresh.patterns  # specs, elements and participles, by value
    assert rebuilt[1].index == fresh.index


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

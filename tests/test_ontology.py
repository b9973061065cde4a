"""Loading the ontology: the shipped one, layering a user's folder, and located errors."""
import pytest

from coder.errors import OntologyError
from coder.ontology.load import default_ontology_dir, load_ontology
from conftest import MINI


@pytest.fixture(scope="module")
def default_ontology():
    return load_ontology()


def test_shipped_ontology_loads_clean(default_ontology):
    onto = default_ontology
    assert len(onto.codebook) >= 300
    for root in [f"{n:02d}" for n in range(1, 21)]:
        assert root in onto.codebook
    assert all(isinstance(code, str) for code in onto.codebook)
    assert onto.codebook["190"].quad_class == 4 and onto.codebook["040"].quad_class == 1


def test_version_is_a_content_hash(tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(MINI, copy)
    assert load_ontology([copy]).version == load_ontology([MINI]).version
    (copy / "agents.yaml").write_text((copy / "agents.yaml").read_text() + "  - {code: COP, phrases: [police]}\n")
    assert load_ontology([copy]).version != load_ontology([MINI]).version


def test_a_folder_without_codebook_is_layered_over_the_default(tmp_path, default_ontology):
    layer = tmp_path / "mine"
    layer.mkdir()
    (layer / "people.yaml").write_text(
        'kind: people\nentries:\n  - name: Jane Example\n    country: "FRA"\n    roles:\n'
        '      - {code: "FRAGOV", start: "2020-01-01", end: null}\n')
    onto = load_ontology([layer])
    assert "Jane Example|FRA" in onto.people
    assert len(onto.codebook) == len(default_ontology.codebook)
    assert onto.version != default_ontology.version


def test_reversed_role_dates_are_reported_with_line(tmp_path):
    folder = tmp_path / "o"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        'kind: people\nentries:\n  - name: A B\n    country: "FRA"\n    roles:\n'
        '      - {code: "FRAGOV", start: "2017-01-20", end: "2015-02-17"}\n')
    with pytest.raises(OntologyError) as info:
        load_ontology([folder])
    assert str(info.value.problems[0]).endswith(
        "p.yaml:6: [E202] person 'A B': role end 2015-02-17 is before start 2017-01-20")


def test_missing_folder():
    with pytest.raises(OntologyError, match=r"\[E205\] ontology folder not found"):
        load_ontology([default_ontology_dir() / "nope"])


def test_unknown_kind(tmp_path):
    (tmp_path / "x.yaml").write_text("kind: actors\nentries: []\n")
    with pytest.raises(OntologyError, match=r"x.yaml:1: \[E202\] top level needs `kind:`"):
        load_ontology([tmp_path])


def test_compiled_cache_is_keyed_by_content_and_survives_corruption(tmp_path, monkeypatch):
    import shutil

    import spacy

    from coder.ontology.cache import cache_dir, cache_key, compile_ontology

    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    nlp = spacy.blank("en")
    copy = tmp_path / "onto"
    shutil.copytree(MINI, copy)
    first = compile_ontology([copy], nlp)
    (cached,) = cache_dir().glob("ontology-*.pickle")
    assert cached.name == f"ontology-{cache_key([copy], nlp)}.pickle"
    again = compile_ontology([copy], nlp)
    assert again[0].version == first[0].version and len(again[1].patterns) == len(first[1].patterns)
    cached.write_bytes(b"not a pickle")  # a corrupt cache is rebuilt, never trusted
    assert compile_ontology([copy], nlp)[0].version == first[0].version
    (copy / "agents.yaml").write_text((copy / "agents.yaml").read_text() + "  - {code: COP, phrases: [police]}\n")
    assert cache_key([copy], nlp) != cached.name[len("ontology-"):-len(".pickle")]
    assert any(p.phrase == "police" for p in compile_ontology([copy], nlp)[0].phrases)


def test_a_layer_overrides_the_default_for_the_same_phrase(tmp_path):
    from coder import Coder

    layer = tmp_path / "mine"
    layer.mkdir()
    (layer / "orgs.yaml").write_text('kind: organisations\nentries:\n'
                                     '  - {code: "IMGMUSXYZ", name: Renamed, type: armed_group, country: null, '
                                     'phrases: ["Daesh"]}\n')
    events = Coder(ontology=[layer], geocode=False).code_text("Iraqi troops attacked Daesh.")
    assert [e["target_code"] for e in events] == ["IMGMUSXYZ"]


# ---------------------------------------------------------------- derived passive and nominal forms

DERIVE_LAYER = """  - code: "190"
    verbs: ["shell +", {pattern: "besiege +", derive: false}, "raze * &FORT", "accuse + of aggression"]
"""


@pytest.fixture(scope="module")
def derive_coder(tmp_path_factory):
    import shutil

    from coder import Coder

    folder = tmp_path_factory.mktemp("derive") / "onto"
    shutil.copytree(MINI, folder)
    text = (folder / "verbs.yaml").read_text().replace("synsets:\n", "synsets:\n  FORT: [fort, forts, stronghold]\n")
    (folder / "verbs.yaml").write_text(text + DERIVE_LAYER)
    return Coder(ontology=[folder], geocode=False)


def test_derived_forms_of_an_active_pattern():
    from coder.ontology.derive import derived_forms
    from coder.ontology.model import PatternSpec

    spec = PatternSpec("p", "194", "verb", "shell +", ("shell", "+"), (), "f.yaml:1", "Russia shelled Kharkiv.")
    forms = {(d.form, d.words) for d in derived_forms(spec)}
    assert forms == {("passive", ("shell",)), ("nominal", ("shelling", "of", "+")),
                     ("nominal", ("shelling", "of", "+", "by", "$"))}
    assert all(d.pid == "p" and d.code == "194" and d.example is None for d in derived_forms(spec))
    release = PatternSpec("q", "0841", "verb", "release * &CAPTIVES", ("release", "*", "&CAPTIVES"), (), "f.yaml:2")
    [passive] = derived_forms(release)
    assert (passive.words, passive.head, passive.trigger) == (("&CAPTIVES", "*", "release"), 2, "verb")
    # nouns, synset-led and prepositional patterns derive nothing
    assert derived_forms(PatternSpec("r", "040", "verb", "meet with +", ("meet", "with", "+"), (), "f.yaml:3")) == []
    assert derived_forms(PatternSpec("s", "190", "noun", "attack on +", ("attack", "on", "+"), (), "f.yaml:4")) == []


@pytest.mark.parametrize("text, expected", [
    ("Mordor was shelled by Gondor on Monday.", [("GON", "190", "MOR")]),
    ("Mordor has been repeatedly shelled by Gondor.", [("GON", "190", "MOR")]),
    ("The shelling of Mordor by Gondor went on all night.", [("GON", "190", "MOR")]),
    ("Gondor's shelling of Mordor went on all night.", [("GON", "190", "MOR")]),
    ("Rohan was accused of aggression by Gondor.", [("GON", "190", "ROH")]),
    ("The forts of Mordor were razed by Gondor.", [("GON", "190", "MOR")]),
    ("Mordor was besieged by Gondor.", []),               # derive: false
    ("Gondor shelled Mordor.", [("GON", "190", "MOR")]),  # the active pattern still works
])
def test_passive_and_nominal_forms_code_like_the_active(derive_coder, text, expected):
    from conftest import triples

    assert triples(derive_coder.code_text(text, date="2016-10-25")) == expected


def test_a_participle_without_be_is_no_passive(derive_coder):
    # `shelled` after a noun with no form of *be* is not the derived passive of `shell +`
    matches = derive_coder.matching_patterns("The forts Gondor razed stood empty.")
    assert all("[passive" not in p for p in matches)


def test_stats_count_examples_senses_and_derived_forms():
    from coder.ontology.stats import ontology_stats

    stats = ontology_stats(load_ontology([MINI]))
    assert stats["patterns_with_examples"] == 1 and stats["patterns_with_not_examples"] == 0
    # `visit +` derives a passive and two nominal forms; `provide * weapons to +` and
    # `launch * offensive against +` a passive each
    assert stats["derived_patterns"] == 5
    assert stats["written_patterns"] + stats["derived_patterns"] == stats["patterns"]
    assert stats["three_digit_codes_with_3_examples"] == 0
    assert "074" in stats["three_digit_codes_short_of_3_examples"]


def test_every_three_digit_code_of_the_shipped_ontology_has_three_examples(default_ontology):
    # `ontology check` codes each example and wants its pattern's exact code back (test_ontology_check.py)
    from coder.ontology.stats import ontology_stats

    assert ontology_stats(default_ontology)["three_digit_codes_short_of_3_examples"] == []

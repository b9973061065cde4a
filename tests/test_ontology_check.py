"""Each cross-check of `eventcoder ontology check` fires on the mistake it is for."""
import shutil

import pytest

from coder.ontology.load import load_ontology
from coder.ontology.check import cross_check
from conftest import MINI


def problems_with(tmp_path, filename, text, *, coder=False):
    folder = tmp_path / "onto"
    shutil.copytree(MINI, folder)
    with open(folder / filename, "a", encoding="utf-8") as handle:
        handle.write(text)
    onto = load_ontology([folder])
    if coder:
        from coder import Coder

        return [str(p) for p in cross_check(onto, coder=Coder(ontology=onto, geocode=False))]
    return [str(p) for p in cross_check(onto)]


def test_the_fixture_is_clean():
    from coder import Coder

    onto = load_ontology([MINI])
    assert cross_check(onto, coder=Coder(ontology=onto, geocode=False)) == []


CASES = [
    ("verbs.yaml", '  - code: "199"\n    verbs: [smite]\n', r"\[E204\] pattern 'smite': event code 199 is not in the codebook"),
    ("agents.yaml", "  - {code: XYZ, phrases: [wizard]}\n", r"\[E204\] agent code XYZ: unknown role code XYZ"),
    ("orgs.yaml", '  - {code: "---", name: Ents, type: other, country: null, phrases: [Ents]}\n',
     r"\[E204\] 'Ents': code --- is a placeholder"),
    ("people.yaml", '  - name: Faramir Steward\n    country: "GON"\n    roles:\n'
                    '      - {code: "GONGOV", start: "2016-01-01", end: null}\n'
                    '      - {code: "GONMIL", start: "2016-01-01", end: null}\n',
     r"\[E209\] person 'Faramir Steward': roles GONGOV and GONMIL both start on 2016-01-01"),
    ("people.yaml", '  - name: Boromir\n    country: "XQZ"\n    roles:\n      - {code: "XQZGOV", start: "2016-01-01"}\n',
     r"\[E204\] person 'Boromir': code XQZGOV starts with no known country"),
    ("orgs.yaml", '  - {code: IMGWRG, name: Wargs, type: armed_group, country: null, phrases: ["the Horde"]}\n',
     r"\[E206\] 'horde' is claimed by two codes: IMGORC and IMGWRG"),
    ("verbs.yaml", '  - code: "042"\n    verbs: ["meet with +"]\n', r"\[E207\] pattern 'meet with \+' \(042\) repeats"),
]


@pytest.mark.parametrize("filename,text,message", CASES, ids=[c[2][:30] for c in CASES])
def test_each_check_fires(tmp_path, filename, text, message):
    import re

    found = problems_with(tmp_path, filename, text)
    assert any(re.search(message, p) for p in found), found


def test_example_that_does_not_fire(tmp_path):
    found = problems_with(tmp_path, "verbs.yaml",
                          '  - code: "190"\n    verbs: [{pattern: "ambush +", example: "Gondor waited for Mordor."}]\n',
                          coder=True)
    assert any("[E208] pattern 'ambush +' does not fire on its example" in p for p in found), found


def test_person_listed_twice(tmp_path):
    from coder.errors import OntologyError

    with pytest.raises(OntologyError, match=r"\[E206\] person 'Denethor Steward' \(GON\) is listed twice"):
        problems_with(tmp_path, "people.yaml", '  - name: Denethor Steward\n    country: "GON"\n    roles: []\n')


def test_suggest_lists_unknown_names_and_writes_stubs(tmp_path, mini_coder):
    from coder.io.read import Article
    from coder.ontology.suggest import stub_files, suggest

    docs = [Article(str(i), "Gondor attacked the Black Riders near the river. Gondor harried Mordor.") for i in range(3)]
    found = suggest(mini_coder, docs)
    assert found.actors["Black Riders"].count == 3
    assert "harry" in found.verbs
    stubs = stub_files(found, 10)
    (tmp_path / "s").mkdir()
    for name, body in stubs.items():
        (tmp_path / "s" / name).write_text(body)
    onto = load_ontology([MINI, tmp_path / "s"])  # the stubs load, and the check flags their placeholders
    assert any("placeholder" in str(p) for p in cross_check(onto))
    assert any("event code 000 is not in the codebook" in str(p) for p in cross_check(onto))


def test_example_must_be_coded_with_the_exact_code(tmp_path):
    # `offensive against +` (190) wins `launched an offensive against Mordor`: an example of a 195
    # pattern that matches there is coded 190 and is reported; one of a 190 pattern is fine.
    found = problems_with(tmp_path, "verbs.yaml", '  - code: "195"\n    verbs: [{pattern: "launch * offensive", '
                          'example: "Gondor launched an offensive against Mordor."}]\n', coder=True)
    assert any("[E208] pattern 'launch * offensive' (195): its example is coded 190, not 195" in p for p in found), found


def test_not_example_that_fires_is_reported(tmp_path):
    found = problems_with(tmp_path, "verbs.yaml",
                          '  - code: "190"\n    verbs: [{pattern: "pound +", example: "Gondor pounded Mordor.", '
                          'not_example: "Gondor pounded Rohan with questions."}]\n', coder=True)
    assert any("[E208] pattern 'pound +' fires on its not_example: 'Gondor pounded Rohan with questions.'" in p
               for p in found), found


def test_a_null_pattern_keeps_its_not_example_quiet(tmp_path):
    entry = ('  - code: "190"\n    verbs: [{pattern: "pound +", example: "Gondor pounded Mordor.", '
             'not_example: "Gondor pounded Rohan with questions."}]\n'
             '  - code: "00"\n    verbs: [{pattern: "pound + with questions", '
             'example: "Rohan pounded Gondor with questions."}]\n')
    assert [p for p in problems_with(tmp_path, "verbs.yaml", entry, coder=True) if "E208" in p] == []


def test_every_example_and_not_example_of_the_shipped_ontology(default_coder):
    """The ontology's own examples as tests: each codes its pattern's exact code, each not_example
    leaves its pattern quiet (what `eventcoder ontology check` runs)."""
    from coder.ontology.check import check_examples

    assert [str(p) for p in check_examples(default_coder.ontology, default_coder)] == []

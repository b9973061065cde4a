"""A surname alone codes the one person of that surname holding a role on the date (issue 11, §5)."""
import pytest

from conftest import MINI, triples

SECOND_DENETHOR = """kind: people
entries:
  - name: Boromir Denethor
    surname: Denethor
    country: ROH
    code: ROHELI
    roles:
      - {code: ROHGOV, start: "2016-01-01", end: "2016-12-31", title: Marshal}
"""


@pytest.fixture(scope="module")
def two_denethors(tmp_path_factory):
    from coder import Coder

    layer = tmp_path_factory.mktemp("layer")
    (layer / "people.yaml").write_text(SECOND_DENETHOR)
    return Coder(ontology=[MINI, layer])


def test_one_office_holder_codes(mini_coder):
    assert triples(mini_coder.code_text("Denethor visited Rohan.", date="2016-06-01")) == [("GONGOV", "042", "ROH")]


def test_no_office_holder_on_the_date_stays_uncoded_and_explain_says_why(mini_coder):
    from coder.report.explain import render

    text = render(mini_coder.explain("Denethor visited Rohan.", date="2018-06-01"))
    assert "surname 'Denethor' not coded: no person of that surname holds a role on 2018-06-01" in text


def test_two_office_holders_stay_uncoded(two_denethors):
    from coder.report.explain import render

    assert triples(two_denethors.code_text("Denethor visited Mordor.", date="2016-06-01")) == [("---", "042", "MOR")]
    text = render(two_denethors.explain("Denethor visited Mordor.", date="2016-06-01"))
    assert "2 office holders of that surname on 2016-06-01 (Boromir Denethor, Denethor Steward)" in text
    # outside the overlap the one holder left codes
    assert triples(two_denethors.code_text("Denethor visited Mordor.", date="2015-06-01")) == [("GONGOV", "042", "MOR")]


def test_another_first_name_is_another_person(mini_coder):
    assert triples(mini_coder.code_text("Faramir Denethor visited Rohan.", date="2016-06-01")) == [("---", "042", "ROH")]


def test_no_date_no_surname(mini_coder):
    assert triples(mini_coder.code_text("Denethor visited Rohan.")) == [("---", "042", "ROH")]


def test_surname_clash_is_reported(two_denethors):
    from coder.ontology.check_people import surname_clashes

    (problem,) = surname_clashes(two_denethors.ontology)
    assert problem.code == "E210" and "'denethor' alone is ambiguous 2016-01-01..2016-12-31" in str(problem)


@pytest.mark.parametrize("text,date,expected", [
    ("Obama met with Putin.", "2014-06-01", [("USAGOV", "040", "RUSGOV")]),
    ("May visited Berlin.", "2017-06-01", [("---", "042", "DEUGOV")]),  # a month, never a surname alone
])
def test_default_ontology_surnames(default_coder, text, date, expected):
    assert triples(default_coder.code_text(text, date=date)) == expected

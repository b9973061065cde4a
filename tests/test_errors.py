"""The error catalogue is complete: every code the package raises or records is in it, and the
catalogue refuses codes it does not know."""
import pickle
import re
from pathlib import Path

import pytest

from coder.errors import CATALOGUE, EventcoderError, InputError, OntologyError

PACKAGE = Path(__file__).resolve().parents[1] / "coder"


def test_every_code_in_the_source_is_in_the_catalogue():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"[\"'](E\d{3})[\"']", path.read_text("utf-8")))
    assert used, "the scan found no codes at all"
    assert sorted(used - set(CATALOGUE)) == []


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError, match="E999"):
        EventcoderError("E999", "nobody wrote this down")


def test_errors_pickle_with_their_location_and_problems():
    err = InputError("E104", "not valid JSON", "a.jsonl:3")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == "a.jsonl:3: [E104] not valid JSON" and again.exit_code == err.exit_code
    many = OntologyError([EventcoderError("E204", "unknown code 'XYZ'", "x.yaml:4"),
                          EventcoderError("E203", "bad pattern", "y.yaml:9")])
    assert str(pickle.loads(pickle.dumps(many))) == "x.yaml:4: [E204] unknown code 'XYZ' (and 1 more problems)"

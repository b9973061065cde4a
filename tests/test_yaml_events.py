"""The ontology's YAML is read from libyaml's events when it is plain (coder/ontology/yamlio.py):
the same data, types and line numbers as PyYAML's composer and constructor, and every file it
does not take (tags, aliases, merge keys, duplicate keys, errors) read by PyYAML's own loader."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from coder.ontology import yamlio

ROOT = Path(__file__).resolve().parent.parent
PETRARCH = ROOT.parent / "shared" / "petrarch" / "production"


def same(a, b) -> bool:
    """Equal values of the same types, with the same line numbers, all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (a.line == b.line and list(map(type, a)) == list(map(type, b)) and list(a) == list(b)
                and all(same(a[key], b[key]) for key in a))
    if isinstance(a, list):
        return a.lines == b.lines and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def outcome(read, text: str):
    try:
        return "value", read(text)
    except Exception as exc:  # noqa: BLE001 - the error itself is compared
        return type(exc), str(exc)


def from_events(text: str):
    loader = yamlio._loader()(text)
    try:
        return yamlio._from_events(loader)
    finally:
        loader.dispose()


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return yamlio.load_yaml(path)


PLAIN = [
    "",
    "# only a comment\n",
    "---\n",
    "--- x\n...\n",
    "kind: people\nentries:\n  - name: A\n    roles:\n      - {code: USAGOV, start: 2001-01-20, end: null}\n",
    "a: null\nb: ~\nc: yes\nd: NO\ne: 010\nf: 0x1F\ng: 1_000\nh: 1:30\ni: .inf\nj: -.inf\nk: .nan\n"
    "l: '010'\nm: \"x\\ty\"\nn: 3.5e2\no: 2020-01-01\np: +12\nq: ''\nr:\n",
    "text: |\n  one\n  two\nfolded: >\n  a\n  b\nplain: a\n  continued\n",
    "1: a\n2.5: b\nfalse: c\n~: d\n.nan: e\n",  # keys of other types
    "a: {b: [1, 2, {c: d}], e: []}\nf: {}\ng: [[], [[x]]]\n",
    "a: &anchor 1\nb: &other [1, 2]\n",  # anchors with no alias are allowed
    "- a\n- - b\n  - c\n- d: e\n  f: g\n",
    "x\n",
    "'=': 1\n",  # quoted: a string key, not the value key
    "a: !!str 1\nb: ! 2\n",  # explicit string tags, and the non-specific one
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_files_are_read_from_events_as_pyyaml_reads_them(text):
    expected = yamlio._composed(text)
    assert same(from_events(text), expected)


UNUSUAL = [
    "1: a\n1.0: b\ntrue: c\n",  # keys a dict takes as one: PyYAML's loader keeps the last value
    "a: !custom x\n",
    "a: !!set {x, y}\n",
    "base: {x: 1}\nother:\n  <<: {y: 2}\n  z: 3\n",
    "a: &x 1\nb: *x\n",
    "entries: [*orphan]\n",
    "a: 1\nb: 2\na: 3\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "--- a\n--- b\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "a: =\n",
    "= : 1\n",
]


@pytest.mark.parametrize("text", UNUSUAL)
def test_anything_else_is_left_to_pyyaml_and_ends_as_it_would(tmp_path, text):
    with pytest.raises(Exception):  # noqa: B017, PT011 - _Unusual or the parser's own error
        from_events(text)
    got, expected = outcome(lambda t: load_text(tmp_path, t), text), outcome(yamlio._composed, text)
    assert got[0] == expected[0]
    assert same(*[o[1] for o in (got, expected)]) if got[0] == "value" else got[1] == expected[1]


def test_duplicate_keys_and_aliases_are_still_refused_with_their_lines(tmp_path):
    import yaml

    with pytest.raises(yaml.YAMLError, match=r"key 'a' appears twice in one mapping \(lines 1 and 3\)"):
        load_text(tmp_path, "a: 1\nb: 2\na: 3\n")
    with pytest.raises(yaml.YAMLError, match=r"aliases \(\*name\) are not allowed"):
        load_text(tmp_path, "a: &x 1\nb: *x\n")


def shipped_files() -> list[Path]:
    return sorted([*(ROOT / "ontology").rglob("*.yaml"), *(ROOT / "coder" / "places").glob("*.yaml")])


def test_every_shipped_yaml_file_is_read_from_events_with_the_same_data(monkeypatch):
    """No shipped file needs PyYAML's slower loader, and each reads the same both ways."""
    files = shipped_files()
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = yamlio._composed(text)
        assert same(from_events(text), expected), path
    monkeypatch.setattr(yamlio, "_composed", lambda text: pytest.fail("fell back to PyYAML's loader"))
    for path in files:
        yamlio.load_yaml(path)


@pytest.mark.slow
@pytest.mark.skipif(not PETRARCH.is_dir(), reason="needs ../shared/petrarch")
def test_the_imported_petrarch_dictionaries_read_the_same_from_events(tmp_path):
    from coder.ontology.petrarch import import_petrarch

    import_petrarch([PETRARCH], tmp_path / "imported")
    files = sorted((tmp_path / "imported").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert same(from_events(text), yamlio._composed(text)), path

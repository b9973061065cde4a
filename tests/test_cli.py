"""The command line as a user meets it: exact one-line errors, exit codes, help, README."""
import json
import re

from click.testing import CliRunner

from coder.cli import main
from conftest import MINI, ROOT


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def code(tmp_path, source, *extra):
    return run("code", source, "-o", tmp_path / "out.parquet", "--ontology", MINI, *extra)


def one_line_error(result, pattern, exit_code):
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(pattern, lines[0]), lines[0]


def test_missing_input(tmp_path):
    one_line_error(code(tmp_path, tmp_path / "nope.jsonl"), r"eventcoder: .*nope.jsonl: \[E101\] no such file or folder", 3)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    one_line_error(code(tmp_path, path), r"eventcoder: .*empty.jsonl: \[E102\] the file is empty", 3)


def test_binary_file_in_folder_is_skipped_with_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Gondor attacked Mordor.")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    one_line_error(code(tmp_path, folder), r"eventcoder: .*b.txt: \[E103\] binary file, not text", 3)
    result = code(tmp_path, folder, "--on-error", "skip")
    assert result.exit_code == 0
    assert "2 documents (1 coded, 1 skipped)" in result.stderr
    assert re.search(r"skipped b: .*\[E103\] binary file", result.stderr)


def test_invalid_utf8(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "1", "text": "caf\xe9"}\n')
    one_line_error(code(tmp_path, path), r"eventcoder: .*bad.jsonl:1: \[E103\] not valid UTF-8 \(byte 0xe9 at "
                   r"offset 24 of the line\): re-save the file as UTF-8", 3)


def test_malformed_jsonl_line_names_the_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "1", "text": "Gondor attacked Mordor."}\n{"id": "2", "text": oops}\n')
    one_line_error(code(tmp_path, path), r"eventcoder: .*a.jsonl:2: \[E104\] not valid JSON .*each line must be one JSON object", 3)
    result = code(tmp_path, path, "--on-error", "skip")
    assert result.exit_code == 0 and "2 documents (1 coded, 1 skipped)" in result.stderr


def test_unknown_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,Gondor attacked Mordor.\n")
    one_line_error(code(tmp_path, path), r"eventcoder: .*a.csv: \[E105\] no 'text' column for the article text; columns are: id, body \(choose one with --text-column\)", 3)
    assert code(tmp_path, path, "--text-column", "body").exit_code == 0


def test_bad_date_and_duplicate_id(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "1", "text": "x", "date": "27/10/2016"}\n')
    one_line_error(code(tmp_path, path), r"eventcoder: .*a.jsonl:1: \[E108\] date '27/10/2016' is not YYYY-MM-DD", 3)
    path.write_text('{"id": "1", "text": "x"}\n{"id": "1", "text": "y"}\n')
    other = tmp_path / "second"  # a fresh output: the first run left its unfinished run folder for --resume
    other.mkdir()
    one_line_error(code(other, path), r"eventcoder: .*a.jsonl:2: \[E107\] duplicate document id '1': ids must be unique", 3)


def test_bad_yaml_ontology(tmp_path):
    onto = tmp_path / "onto"
    onto.mkdir()
    (onto / "people.yaml").write_text("kind: people\nentries:\n  - name: [unclosed\n")
    result = run("explain", "Gondor attacked Mordor.", "--ontology", onto)
    assert result.exit_code == 4
    assert re.fullmatch(r"eventcoder: .*people.yaml:\d+: \[E201\] not valid YAML: .*", result.stderr.strip())


def test_stdin_jsonl_and_all_statuses_counted(tmp_path):
    lines = [{"id": "a", "text": "Gondor attacked Mordor."}, {"id": "b", "text": "Nothing happened."},
             {"id": "c", "text": "   "}, {"id": "d", "text": "Gondor attacked Mordor at the box office."}]
    result = run("code", "-", "-o", tmp_path / "out.jsonl", "--ontology", MINI,
                 input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0
    assert "4 documents (1 coded, 1 no_events, 1 empty, 1 discarded); " in result.stderr
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["source_code"], r["event_code"], r["target_code"]) for r in rows] == [("a", "GON", "190", "MOR")]


def test_explain_shows_rule_and_decision():
    result = run("explain", "Gondorian troops attacked the Orc Horde.", "--ontology", MINI, "--date", "2016-10-25")
    assert result.exit_code == 0
    assert "'Gondorian troops' -> GONMIL" in result.output
    assert "verb pattern 'attack' -> 190" in result.output and "verbs.yaml:6" in result.output
    assert "GONMIL 190 IMGORC" in result.output


def test_schema_command_prints_the_event_schema():
    result = run("schema")
    assert json.loads(result.output)["title"] == "eventcoder event record"


def test_ontology_check_reports_every_problem(tmp_path):
    onto = tmp_path / "onto"
    onto.mkdir()
    (onto / "agents.yaml").write_text("kind: agents\nentries:\n  - {code: 010, phrases: [x]}\n  - {code: MIL}\n")
    (onto / "verbs.yaml").write_text('kind: verbs\nentries:\n  - code: "190"\n    verbs: ["hit &NOPE"]\n')
    result = run("ontology", "check", onto)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert any(re.fullmatch(r".*agents.yaml:3: \[E202\] entries/0/code: 8 is not of type 'string' \(YAML read an unquoted value as a number or boolean: put it in quotes\)", l) for l in lines), lines
    assert any(re.fullmatch(r".*agents.yaml:4: \[E202\] entries/1: 'phrases' is a required property", l) for l in lines), lines
    assert any(re.fullmatch(r".*verbs.yaml:4: \[E203\] pattern 'hit &NOPE': unknown synonym set &NOPE", l) for l in lines), lines


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    commands = {"code": main.commands["code"], "explain": main.commands["explain"], "eval": main.commands["eval"],
                "schema": main.commands["schema"], "ontology check": main.commands["ontology"].commands["check"]}
    for name, command in commands.items():
        assert "Example:" in (command.help or ""), name
        assert f"eventcoder {name}" in readme, name


def test_python_dash_m():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "coder", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "eventcoder, version" in out.stdout

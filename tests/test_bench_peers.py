"""bench/peers.py without TABARI: its input and project files, counting its events, skipping cleanly,
and one run against a stand-in binary that writes TABARI-style event lines."""
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent


peers = load_script("bench/peers.py")


def test_a_record_in_tabari_text_format():
    text = ("Israeli troops fired on protesters near Nablus on Tuesday, killing two, the Palestinian health "
            "ministry said in a statement released in Ramallah.")
    record = peers.tabari_record("2016-01-31", "real-000001-002", text)
    lines = record.split("\n")
    assert lines[0] == "160131 real-000001-002"
    assert record.endswith("\n\n") and lines[-2:] == ["", ""]
    body = lines[1:-2]
    assert len(body) == 3 and all(0 < len(line) <= 70 for line in body)
    assert " ".join(body) == text


def test_tabari_text_is_ascii_and_one_paragraph():
    assert peers.ascii_text("São Paulo’s mayor\nmet  Müller — today") == "Sao Paulos mayor met Muller today"
    record = peers.tabari_record("2016-07-04", "x-1", "Café\n\nattack")
    assert record == "160704 x-1\nCafe attack\n\n"
    with pytest.raises(ValueError, match="not an ISO date"):
        peers.tabari_record("4 July 2016", "x-1", "text")


def test_the_input_file_holds_one_record_per_sentence(tmp_path):
    path = tmp_path / "in.txt"
    sentences = [("2016-01-01", "a-001", "Rebels attacked Goma."), ("2016-01-01", "a-002", "—"),
                 ("2016-01-02", "b-001", "France condemned the attack.")]
    assert peers.write_tabari_input(sentences, path) == 2  # a sentence with no ASCII text is left out
    assert path.read_text(encoding="ascii") == ("160101 a-001\nRebels attacked Goma.\n\n"
                                                "160102 b-001\nFrance condemned the attack.\n\n")


def test_a_project_file_from_a_dictionary_folder(tmp_path):
    dictionaries, work = tmp_path / "dict", tmp_path / "work"
    dictionaries.mkdir(), work.mkdir()
    for name in ("CountryInfo.120106.actors", "Phoenix.Countries.actors.txt", "CAMEO.091003.master.verbs",
                 "CAMEO.09b5.options", "notes.txt"):
        (dictionaries / name).write_text(name, encoding="ascii")
    files = peers.dictionary_files(dictionaries)
    text = peers.project_text(files, work / "in.txt", work / "events.txt")
    # bare names: TABARI runs in the work folder, where each dictionary is linked
    assert text.splitlines() == [
        "<actorsfile> CountryInfo.120106.actors",
        "<actorsfile> Phoenix.Countries.actors.txt",
        "<verbsfile> CAMEO.091003.master.verbs",
        "<optionsfile> CAMEO.09b5.options",
        "<textfile> in.txt",
        "<outputfile> events.txt",
        "<coder> peers",
    ]
    assert (work / "CAMEO.091003.master.verbs").read_text(encoding="ascii") == "CAMEO.091003.master.verbs"
    assert not (work / "notes.txt").exists()


def test_a_name_too_long_for_tabari_is_refused(tmp_path):
    path = tmp_path / ("x" * 60 + ".actors")
    path.write_text("", encoding="ascii")
    with pytest.raises(ValueError, match="at most 63 characters"):
        peers.project_text({"actorsfile": [path]}, tmp_path / "in.txt", tmp_path / "events.txt")


def test_a_dictionary_folder_without_verbs_is_refused(tmp_path):
    (tmp_path / "x.actors").write_text("", encoding="ascii")
    with pytest.raises(ValueError, match=r"one \*\.verbs .*found x\.actors"):
        peers.dictionary_files(tmp_path)


def test_a_users_project_file_is_pointed_at_our_input_and_output(tmp_path):
    mine, work = tmp_path / "mine", tmp_path / "work"
    (mine / "dict").mkdir(parents=True), work.mkdir()
    for name in ("A.actors", "B.verbs"):
        (mine / "dict" / name).write_text(name, encoding="ascii")
    template = ("<actorsfile> dict/A.actors\n<verbsfile>\tdict/B.verbs\n<textfile>  old.txt\n<EVENTFILE> old.evt\n"
                "<coder> me\n<session 1> <coder me> <date Sun 06 Dec 2026> <records 9>\n")
    text = peers.retarget_project(template, mine, work / "in.txt", work / "events.txt")
    assert text.splitlines() == ["<actorsfile> A.actors", "<verbsfile> B.verbs", "<textfile> in.txt",
                                 "<outputfile> events.txt", "<coder> peers"]
    assert (work / "B.verbs").read_text(encoding="ascii") == "B.verbs"


TABARI_OUTPUT = textwrap.dedent("""\
    160131\tISR\tPSE\t111\tCriticize or denounce\treal-000001-
    160101\tISR\tPSE\t190
    160101\tUSA\tIRQ\t042\t(extra fields are allowed)
    20160102\tRUS\tUKR\t172

    Coding session 1 of events.txt
    160103 FRA COD 112
    160104\tONLY
    """)


def test_counting_events_in_tabari_output():
    assert peers.count_events(TABARI_OUTPUT.splitlines()) == 5


def test_no_binary_skips_with_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert peers.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [peers.USAGE]
    assert peers.main(["--tabari", str(tmp_path / "nope")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"peers.py: no TABARI binary at {tmp_path / 'nope'}: pass --tabari PATH to a built TABARI "
        "(bench/README.md says how)"]


# A stand-in for TABARI: like the real one, it takes the project's bare name up to a '-', runs in the
# project's folder, needs TERM, reads the project file and writes one event line per record of its
# <textfile> to its <outputfile>, then appends a <session> line to the project file.
FAKE_TABARI = """\
#!{python}
import os, re, sys
assert os.environ["TERM"] and "/" not in sys.argv[-1] and "-" not in sys.argv[-1], sys.argv
project = dict(re.match(r"<(\\w+)>\\s+(.*)", line).groups() for line in open(sys.argv[-1]) if line.strip())
assert "coder" in project and all(len(v) < 64 for v in project.values())
headers = [line.split() for line in open(project["textfile"]) if re.match(r"\\d{{6}} ", line)]
with open(project["outputfile"], "w") as out:
    for date, record in headers:
        out.write(f"{{date}}\\tUSA\\tIRQ\\t190\\t{{record[:12]}}\\n")
with open(sys.argv[-1], "a") as again:
    again.write(f"<session 1> <coder peers> <records {{len(headers)}}>\\n")
"""


@pytest.fixture
def fake_tabari(tmp_path):
    path = tmp_path / "TABARI"
    path.write_text(FAKE_TABARI.format(python=sys.executable), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    dictionaries = tmp_path / "dict"
    dictionaries.mkdir()
    for name in ("A.actors", "B.verbs", "C.options"):
        (dictionaries / name).write_text("", encoding="ascii")
    return path, dictionaries


def test_running_a_tabari_binary_and_counting_what_it_wrote(fake_tabari, tmp_path, monkeypatch):
    binary, dictionaries = fake_tabari
    monkeypatch.delenv("TERM", raising=False)
    work = tmp_path / "peers-work"  # a '-' in the folder is fine: TABARI gets the bare project name
    work.mkdir()
    written = peers.write_tabari_input([("2016-01-01", f"a-{n}", "Rebels attacked Goma.") for n in range(7)],
                                       work / "in.txt")
    project = work / "in.project"
    project.write_text(peers.project_text(peers.dictionary_files(dictionaries), work / "in.txt",
                                          work / "events.txt"), encoding="ascii")
    (work / "events.txt").write_text("160101\tOLD\tOLD\t010\n" * 9, encoding="ascii")  # an earlier run's output
    seconds, events = peers.run_tabari(binary, ["-aq"], project, work / "events.txt", timeout=60)
    assert (written, events) == (7, 7) and seconds >= 0
    with pytest.raises(ValueError, match="cuts a project name"):
        peers.run_tabari(binary, ["-aq"], work / "a-b.project", work / "events.txt", timeout=60)


@pytest.mark.slow
def test_peers_end_to_end_with_a_stand_in_binary(fake_tabari, capsys):
    binary, dictionaries = fake_tabari
    assert peers.main(["--tabari", str(binary), "--dictionaries", str(dictionaries), "--corpus", "synthetic",
                       "--articles", "8", "--repeat", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("synthetic corpus, 8 articles, ")
    tabari, no_geo, geo = out[2:5]
    assert tabari.startswith("TABARI (dictionaries loaded: start-up removed)") and tabari.endswith("1.00x")
    assert no_geo.startswith("eventcoder shallow --no-geo") and geo.startswith("eventcoder shallow (places and dates)")
    assert out[5].startswith("TABARI start-up (loading its dictionaries), subtracted above: ")
    assert out[6].startswith("TABARI coded these ") and "too short to time steadily: --articles " in out[6]


def test_a_dictionary_folder_without_verbs_stops_before_coding(fake_tabari, tmp_path, capsys):
    binary, _ = fake_tabari
    empty = tmp_path / "empty"
    empty.mkdir()
    assert peers.main(["--tabari", str(binary), "--dictionaries", str(empty)]) == 2
    assert capsys.readouterr().err.startswith(f"peers.py: {empty}: expected one or more *.actors")

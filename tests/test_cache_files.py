"""The cache folder stays within its budget: the least recently used of the coder's own files go,
what is in use stays, other files are never touched."""
import json
import os
import shutil
import time

import pytest
import spacy
from click.testing import CliRunner

from coder.cli import main
from coder.io.atomic import read_pickle, write_pickle
from coder.io.cache_files import cache_budget, is_own, own_files, prune
from conftest import MINI

MB = 1 << 20


def _file(folder, name, megabytes, age_days):
    """A cache file of `megabytes`, last used `age_days` ago."""
    path = folder / name
    path.write_bytes(b"\0" * int(megabytes * MB))
    when = time.time() - age_days * 86400
    os.utime(path, (when, when))
    return path


def test_the_least_recently_used_files_go_first_until_the_folder_fits(tmp_path):
    new = _file(tmp_path, "ontology-aaaa.pickle", 3, 0)
    middle = _file(tmp_path, "gazetteer-bbbb.pickle", 3, 5)
    old = _file(tmp_path, "ontology-cccc.pickle", 3, 30)
    oldest = _file(tmp_path, "sources-dddd.pickle", 1, 60)
    removed = prune(tmp_path, budget=7 * MB)
    # 3 + 3 fit in 7, the next 3 would not: it goes, and so does every file used before it, however small
    assert sorted(removed) == sorted([old, oldest])
    assert new.exists() and middle.exists()


def test_a_file_in_keep_stays_whatever_its_age_and_counts_first(tmp_path):
    kept = _file(tmp_path, "ontology-aaaa.pickle", 4, 90)
    recent = _file(tmp_path, "ontology-bbbb.pickle", 4, 0)
    assert prune(tmp_path, keep=(kept,), budget=5 * MB) == [recent]
    assert kept.exists()


def test_files_that_are_not_the_coders_are_never_counted_or_removed(tmp_path):
    mine = _file(tmp_path, "inflect-0123abcd-forms.pickle", 1, 10)
    theirs = [_file(tmp_path, name, 5, 100) for name in ("notes.txt", "ontology-old.pickle", "model.pickle")]
    (tmp_path / "ontology-eeee.pickle.d").mkdir()
    assert prune(tmp_path, budget=2 * MB) == []
    assert prune(tmp_path, budget=0) == [mine]
    assert all(path.exists() for path in theirs)
    assert not is_own(tmp_path / "ontology-old.pickle") and is_own(mine)


def test_a_killed_writers_temporary_file_goes_but_one_being_written_stays(tmp_path):
    stale = _file(tmp_path, ".ontology-aaaa.pickle.x1y2z3.tmp", 1, 1)
    writing = _file(tmp_path, ".ontology-bbbb.pickle.a1b2c3.tmp", 1, 0)
    assert prune(tmp_path, budget=100 * MB) == [stale]
    assert writing.exists()


def test_reading_a_cache_marks_it_used(tmp_path):
    path = tmp_path / "gazetteer-aaaa.pickle"
    assert write_pickle(path, {"x": 1})
    os.utime(path, (1_000_000, 1_000_000))
    assert read_pickle(path, lambda obj: obj == {"x": 1}) == {"x": 1}
    assert path.stat().st_mtime > time.time() - 3600
    os.utime(path, (1_000_000, 1_000_000))
    assert read_pickle(path, lambda obj: False) is None  # a refused file is not marked: it is rebuilt
    assert path.stat().st_mtime == 1_000_000


def test_the_budget_comes_from_the_environment_and_a_bad_value_is_named(monkeypatch, caplog):
    monkeypatch.setenv("EVENTCODER_CACHE_MAX_MB", "10.5")
    assert cache_budget() == int(10.5 * MB)
    monkeypatch.setenv("EVENTCODER_CACHE_MAX_MB", "lots")
    assert cache_budget() == 1024 * MB
    assert "EVENTCODER_CACHE_MAX_MB='lots' is not a number of megabytes" in caplog.text


def test_an_ontology_build_prunes_other_builds_and_keeps_its_own(tmp_path, monkeypatch):
    from coder.ontology.cache import compile_ontology

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("EVENTCODER_CACHE", str(cache))
    monkeypatch.setenv("EVENTCODER_CACHE_MAX_MB", "0")  # keep only what this build uses
    others = [_file(cache, f"ontology-{i:04x}.pickle", 0.1, i) for i in range(3)]
    onto = tmp_path / "onto"
    shutil.copytree(MINI, onto)
    compile_ontology([onto], spacy.blank("en"))
    assert not any(path.exists() for path in others)
    built = sorted(path.name.split("-")[0] for path in own_files(cache))
    # this build's file and the name of it (and the word forms it wrote after pruning)
    assert built.count("ontology") == 1 and built.count("sources") == 1, built
    # The next start reads it from the cache: a build that pruned its own file would rebuild here.
    from coder.ontology import cache as cache_module

    monkeypatch.setattr(cache_module, "_build", lambda *args: pytest.fail("rebuilt"))
    compile_ontology([onto], spacy.blank("en"))


def test_cache_info_and_clear_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    _file(tmp_path, "ontology-aaaa.pickle", 2, 0)
    _file(tmp_path, "gazetteer-bbbb.pickle", 1, 0)
    (tmp_path / "mine.txt").write_text("not the coder's")
    runner = CliRunner()
    shown = json.loads(runner.invoke(main, ["cache", "info", "--json"]).output)
    assert shown["folder"] == str(tmp_path) and shown["bytes"] == 3 * MB
    assert shown["kinds"] == {"gazetteer": {"files": 1, "bytes": MB}, "ontology": {"files": 1, "bytes": 2 * MB}}
    text = runner.invoke(main, ["cache", "info"]).output
    assert "ontology" in text and "3.0 MB of a 1024 MB budget" in text
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "removed 2 files" in result.output
    assert [path.name for path in tmp_path.iterdir()] == ["mine.txt"]

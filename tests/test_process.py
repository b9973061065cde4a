"""coder/process.py: a process that keeps its coder until it exits freezes what it loads; a library
user's process collects instead, so a dropped Coder can still be freed."""
from coder import process


class Spy:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, args))


def test_by_default_a_load_is_moved_to_the_oldest_generation_without_a_collection(monkeypatch):
    spy = Spy()
    monkeypatch.setattr(process, "gc", spy)
    monkeypatch.setattr(process, "_KEEPS_UNTIL_EXIT", False)
    monkeypatch.setattr(process, "_HOLDERS", 0)
    process.settle_loaded()
    assert spy.calls == [("get_freeze_count", ()), ("freeze", ()), ("unfreeze", ())]


def test_a_process_that_keeps_its_coder_freezes_loads_and_the_collector_at_exit(monkeypatch):
    spy, registered = Spy(), []
    monkeypatch.setattr(process, "gc", spy)
    monkeypatch.setattr(process, "_KEEPS_UNTIL_EXIT", False)
    monkeypatch.setattr(process.atexit, "register", registered.append)
    process.keep_until_exit()
    process.keep_until_exit()  # registered once however often it is asked
    assert len(registered) == 1
    registered[0]()  # what runs at exit
    assert spy.calls == [("freeze", ())]
    spy.calls.clear()
    process.settle_loaded()
    assert spy.calls == [("freeze", ())]


def test_the_ontology_cache_settles_through_process(monkeypatch, tmp_path):
    import spacy

    from coder.ontology.cache import compile_ontology
    from conftest import MINI

    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path))
    settled = []
    monkeypatch.setattr("coder.ontology.cache.settle_loaded", lambda: settled.append(True))
    compile_ontology([MINI], spacy.blank("en"))  # built
    compile_ontology([MINI], spacy.blank("en"))  # read from the cache
    assert settled == [True, True]


def test_the_program_keeps_its_coder_until_exit_and_cli_tests_do_not(monkeypatch):
    import subprocess
    import sys

    code = "import sys, coder.process as p; sys.argv = ['eventcoder', 'schema']; import coder.__main__"
    probe = ("import atexit, coder.process as p; atexit.register(lambda: print('kept', p._KEEPS_UNTIL_EXIT)); "
             + code)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "kept True"
    from click.testing import CliRunner

    from coder.cli import main

    monkeypatch.setattr(process, "_KEEPS_UNTIL_EXIT", False)
    assert CliRunner().invoke(main, ["schema"]).exit_code == 0
    assert process._KEEPS_UNTIL_EXIT is False  # a test process keeps the library's default

"""coder/process.py in a library process: a Coder keeps what it loaded frozen while it lives; freed,
it thaws it, so a dropped Coder is freed and nothing stays frozen; a freeze of the user's own is
left alone."""
import gc
import subprocess
import sys

from coder import process

PROBE = """
import gc, weakref
from conftest import MINI
from coder import Coder
{before}
coder = Coder(ontology=[MINI], geocode=False)
alive, ontology = weakref.ref(coder), weakref.ref(coder.ontology)
print("frozen while alive", gc.get_freeze_count() > {frozen_before})
coder.code_text("Iraqi troops attacked Islamic State fighters.", date="2016-10-25")
del coder
print("freed", alive() is None and ontology() is None)
print("frozen after", gc.get_freeze_count())
"""


def _run(before: str, frozen_before: int, tmp_path) -> list[str]:
    import os
    from pathlib import Path

    tests = Path(__file__).parent
    env = {**os.environ, "EVENTCODER_CACHE": str(tmp_path),
           "PYTHONPATH": os.pathsep.join([str(tests.parent), str(tests)])}
    out = subprocess.run([sys.executable, "-c", PROBE.format(before=before, frozen_before=frozen_before)],
                         capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip().splitlines()


def test_a_library_coder_is_frozen_while_alive_and_freed_and_thawed_when_dropped(tmp_path):
    assert _run("", 0, tmp_path) == ["frozen while alive True", "freed True", "frozen after 0"]


def test_a_freeze_of_the_users_own_is_left_alone(tmp_path):
    before = "mine = [[] for _ in range(10)]; gc.freeze()"
    lines = _run(before, 0, tmp_path)
    assert lines[1] == "freed True"
    assert int(lines[2].split()[-1]) > 0  # the user's freeze stands


def test_loads_join_the_freeze_a_live_coder_holds(monkeypatch):
    spy = type("Spy", (), {"calls": []})()
    spy.freeze = lambda: spy.calls.append("freeze")
    spy.unfreeze = lambda: spy.calls.append("unfreeze")
    spy.get_freeze_count = lambda: 1
    monkeypatch.setattr(process, "gc", spy)
    monkeypatch.setattr(process, "_KEEPS_UNTIL_EXIT", False)
    monkeypatch.setattr(process, "_HOLDERS", 1)
    process.settle_loaded()  # e.g. the gazetteer, loaded by a live coder's first article
    assert spy.calls == ["freeze"]
    process._release()  # the last holder freed
    assert spy.calls == ["freeze", "unfreeze"] and process._HOLDERS == 0
    assert gc.isenabled()

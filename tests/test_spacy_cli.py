"""coder/spacy_cli.py: a process that imports `coder` before spaCy does not load spaCy's command-line
package (typer, weasel, requests) with `import spacy`, and still gets all of it, unchanged, when it
uses it. Each case runs in a fresh process: the deferral can only happen before spaCy's import."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("typer", "weasel", "requests", "spacy.cli.download")


def _probe(body: str) -> dict:
    code = "import json, sys\n" + body + "\nprint(json.dumps(result))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def _commands() -> str:
    return "sorted(c.name for c in app.registered_commands)"


def test_importing_coder_first_leaves_spacys_command_line_unloaded_until_used():
    result = _probe(f"""
import coder, spacy
nlp = spacy.blank("en")
loaded = [name for name in {HEAVY!r} if name in sys.modules]
info = spacy.info()  # the stand-in runs spacy.cli.info, not the whole package
package_after_info = type(sys.modules["spacy.cli"]).__name__
from spacy.cli import app, download
result = {{"loaded": loaded, "tokens": len(nlp("Iraqi troops attacked.")), "version": info["spacy_version"],
          "package_after_info": package_after_info, "commands": {_commands()},
          "download": download.__module__, "package": type(sys.modules["spacy.cli"]).__name__}}
""")
    eager = _probe(f"import spacy\nfrom spacy.cli import app\nresult = {{'commands': {_commands()}}}")
    assert result["loaded"] == []
    assert result["tokens"] == 4
    assert result["version"] == _probe("import spacy\nresult = spacy.__version__")
    assert result["package_after_info"] == "_Deferred"
    # used, the package is the real one: every command registered, as when imported eagerly
    assert result["commands"] == eager["commands"] and "info" in result["commands"]
    assert result["download"] == "spacy.cli.download" and result["package"] == "module"


def test_a_submodule_and_a_star_import_load_the_real_code():
    result = _probe("""
import coder, spacy
import spacy.cli.train
from spacy.cli import *
result = {"train": callable(spacy.cli.train.train), "star": "download" in dir() and "app" in dir()}
""")
    assert result == {"train": True, "star": True}


def test_nothing_is_deferred_when_spacy_was_imported_first():
    result = _probe("""
import spacy, coder
from coder.spacy_cli import _Finder
result = {"typer": "typer" in sys.modules, "finder": any(isinstance(f, _Finder) for f in sys.meta_path),
          "package": type(sys.modules["spacy.cli"]).__name__}
""")
    assert result == {"typer": True, "finder": False, "package": "module"}

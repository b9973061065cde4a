"""The built wheel carries the ontology, the schemas and the parser: install it in a fresh virtual
environment and code the seeds from there, away from the source tree."""
import shutil
import site
import subprocess
import sys
import venv

import pyarrow.parquet as pq
import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_codes_the_seeds(tmp_path):
    src = tmp_path / "src"
    for name in ("pyproject.toml", "README.md"):
        src.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, src / name)
    for name in ("coder", "ontology", "schemas"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, src], check=True)
    (wheel,) = dist.glob("eventcoder-*.whl")

    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", wheel], check=True)
    # Dependencies come from this interpreter's site-packages (no download); eventcoder from the wheel.
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    with open(f"{purelib}/deps.pth", "w") as handle:
        handle.write("\n".join(site.getsitepackages()) + "\n")

    out = tmp_path / "events.parquet"
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run([env_dir / "bin" / "eventcoder", "code", ROOT / "seeds", "-o", out],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    where = subprocess.run([python, "-c", "import coder.ontology.load as o; print(o.default_ontology_dir())"],
                           cwd=work, capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where  # the ontology came from the installed wheel, not the source tree
    assert pq.read_table(out).num_rows > 0

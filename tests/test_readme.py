"""The README's walk-through works as written."""
import re
import subprocess
import sys

from conftest import ROOT


def test_add_a_new_actor_walkthrough(tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Add a new actor"):]
    script = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    env_bin = f"{sys.executable} -m coder"
    result = subprocess.run(["bash", "-ec", script.replace("eventcoder ", env_bin + " ")], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "ok:" in result.stdout
    assert "'Jane Example' -> FRAGOV" in result.stdout
    assert "FRAGOV 040 DEUGOV" in result.stdout

"""bench/instructions.py: skipping cleanly without valgrind, reading callgrind's count, the table,
and one run through a stand-in valgrind that runs the child as it is and reports a made-up count."""
import stat
import sys
import textwrap

import pytest
from conftest import GOLD, load_script

instructions = load_script("bench/instructions.py")


def test_without_valgrind_it_says_what_to_install_and_exits_0(monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main([]) == 0
    assert "valgrind not found" in capsys.readouterr().out


def test_a_base_that_is_no_commit_fails_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(instructions, "warm_caches", lambda *args: None)
    assert instructions.main(["--base", "no-such-commit-0123", "--pass", "steady"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("instructions.py: git worktree add") and "no-such-commit-0123" in line


def test_children_count_alike_run_after_run(monkeypatch, tmp_path):
    """Hash seeds fixed, NumPy's BLAS threads off (their spinning is counted by how valgrind schedules
    them), and bytecode kept even where the environment turns it off."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = instructions.tree_env(tmp_path / "tree", tmp_path)
    assert env["PYTHONHASHSEED"] == "0" and env["OPENBLAS_NUM_THREADS"] == "1"
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"].startswith(str(tmp_path))


def test_each_pass_runs_once_uncounted_before_counting(monkeypatch, tmp_path):
    """So that no counted child compiles a module the others find compiled."""
    ran = []
    monkeypatch.setattr(instructions.subprocess, "run", lambda command, **options: ran.append(command))
    instructions.warm_caches(tmp_path, tmp_path, ["first", "steady"], 5)
    assert [command[2:] for command in ran] == [["--child", "first", "--counted", "--articles", "5"],
                                                ["--child", "steady", "--counted", "--articles", "5"]]
    assert all(command[0] == instructions.sys.executable and "valgrind" not in command for command in ran)


def test_the_count_is_read_from_callgrinds_report():
    report = "==7== Callgrind, a call-graph generating cache profiler\n==7== Events    : Ir\n==7== Collected : 13482758323\n"
    assert instructions.collected(report) == 13482758323


def test_the_table_gives_coding_instructions_per_sentence_and_the_ratio_to_the_base(capsys):
    counts = {("this tree", "first", False): 8_000_000_000, ("this tree", "first", True): 13_000_000_000,
              ("base abc123", "first", False): 8_000_000_000, ("base abc123", "first", True): 13_500_000_000}
    counts = {key: (value, 2_500 if key[2] else 0) for key, value in counts.items()}
    instructions.print_table(counts, {"this tree": None, "base abc123": None}, ["first"])
    rows = capsys.readouterr().out.splitlines()
    base, this = rows[1], rows[2]  # the base first
    assert "base abc123" in base and "5,500" in base and "2,200,000" in base
    assert "this tree" in this and "5,000" in this and "2,000,000" in this and this.endswith("0.909")


@pytest.mark.slow  # three fresh processes, each loading the coder and reading the treebanks: about 10 s
@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not present")
def test_a_run_counts_the_coding_of_this_tree(tmp_path, monkeypatch, capsys):
    """The stand-in reports 1,000 instructions for a child that stops before the counted coding and
    1,000 more per sentence it coded: the table must show the sentences' part alone."""
    fake = tmp_path / "valgrind"
    fake.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import subprocess, sys
        command = [a for a in sys.argv[1:] if not a.startswith("--callgrind") and a != "--tool=callgrind"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        print(out, end="")
        sentences = int(out.split()[0]) if out.strip() else 0
        print(f"==1== Collected : {{1000 + 1000 * sentences}}", file=sys.stderr)
        """))
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}:{instructions.os.environ['PATH']}")
    assert instructions.main(["--pass", "steady", "--articles", "2", "--jobs", "2"]) == 0
    row = capsys.readouterr().out.splitlines()[1]
    assert row.split()[:3] == ["steady", "this", "tree"]
    coding, per_sentence = row.split()[3:5]
    assert per_sentence == "1,000" and int(coding) == 0  # 2 articles: a few thousand instructions, 0 M

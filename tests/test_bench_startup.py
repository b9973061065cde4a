"""bench/startup.py's instruction mode: its table, and its refusals (a base without counting,
counting without valgrind)."""
import pytest
from conftest import load_script

startup = load_script("bench/startup.py")


def _rows(bare: int, warm: int) -> list:
    return [("bare spaCy tokenizer (baseline)", [{"instructions": bare}]),
            ("default: warm (cache present)", [{"instructions": warm}])]


def test_the_table_gives_each_start_against_the_bare_one_and_the_ratio_to_the_base(capsys):
    startup.print_instructions({"this tree": _rows(4_000_000_000, 4_400_000_000),
                                "base abc123": _rows(4_000_000_000, 5_500_000_000)})
    lines = capsys.readouterr().out.splitlines()
    assert "this tree" in lines[2] and "base abc123" in lines[2]
    bare, warm = lines[3], lines[4]
    assert bare.startswith("bare spaCy") and bare.endswith("1.000")
    assert "4,400 ( 1.1x bare)" in warm and "5,500 ( 1.4x bare)" in warm and warm.endswith("0.800")


def test_one_tree_has_no_ratio_column(capsys):
    startup.print_instructions({"this tree": _rows(4_000_000_000, 4_400_000_000)})
    lines = capsys.readouterr().out.splitlines()
    assert "vs base" not in lines[2] and lines[4].endswith("( 1.1x bare)")


def test_a_base_needs_the_instruction_mode(capsys):
    with pytest.raises(SystemExit) as stopped:
        startup.main(["--base", "main"])
    assert stopped.value.code == 2 and "--base needs --instructions" in capsys.readouterr().err


def test_without_valgrind_it_says_what_to_install_and_exits_0(monkeypatch, capsys):
    monkeypatch.setattr(startup.shutil, "which", lambda name: None)
    assert startup.main(["--instructions"]) == 0
    assert "valgrind not found" in capsys.readouterr().out

"""Licence, citation and changelog files agree with the package."""
from __future__ import annotations

import tomllib

import yaml

from coder import __version__
from conftest import ROOT


def test_citation_and_version_agree():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert citation["cff-version"] == "1.2.0" and citation["license"] == "MIT"
    assert str(citation["version"]) == project["version"] == __version__
    assert citation["title"].startswith("eventcoder")


def test_licence_files_are_shipped_and_complete():
    # setuptools ships LICEN[CS]E* in the wheel by default
    assert sorted(p.name for p in ROOT.glob("LICEN[CS]E*")) == ["LICENSE", "LICENSE-MODEL"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    model = (ROOT / "LICENSE-MODEL").read_text()
    for text in ("UD_English-EWT", "Silveira", "Zeldes", "Attribution-ShareAlike 4.0 International Public License",
                 "Section 8 -- Interpretation."):
        assert text in model


def test_changelog_lists_the_version():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog and f"## [{__version__}]" in changelog


def test_new_commands_have_help_with_an_example_and_are_in_the_readme():
    from coder.cli import main

    readme = (ROOT / "README.md").read_text()
    commands = {"export": main.commands["export"], "report": main.commands["report"],
                "ontology codebook": main.commands["ontology"].commands["codebook"]}
    for name, command in commands.items():
        assert "Example:" in (command.help or ""), name
        assert f"eventcoder {name}" in readme, name
    assert "eventcoder explain --input" in readme and "--html" in (main.commands["explain"].help or "")

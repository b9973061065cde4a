"""-v / -q on every command, and library warnings shown through logging with the CLI's prefix."""
import logging

import click
import pytest
from click.testing import CliRunner

from coder.cli import main
from coder.logs import configure


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


@pytest.mark.parametrize("path,command", list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_takes_verbose_and_quiet(path, command):
    opts = {opt for param in command.params for opt in getattr(param, "opts", [])}
    assert {"-v", "--verbose", "-q", "--quiet"} <= opts, path


@pytest.mark.parametrize("verbosity,shown", [(-1, ["error"]), (0, ["warning", "error"]),
                                              (1, ["info", "warning", "error"])])
def test_verbosity_decides_which_library_messages_show(capsys, verbosity, shown):
    configure(verbosity)
    try:
        log = logging.getLogger("coder.some.stage")
        log.info("an info note")
        log.warning("a warning")
        log.error("an error")
        err = capsys.readouterr().err.splitlines()
        expected = {"info": "eventcoder: an info note", "warning": "eventcoder: warning: a warning",
                    "error": "eventcoder: error: an error"}
        assert err == [expected[level] for level in ("info", "warning", "error") if level in shown]
    finally:
        configure(0)


def test_quiet_flag_on_the_command_line_sets_errors_only():
    runner = CliRunner()
    try:
        result = runner.invoke(main, ["schema", "-q"])
        assert result.exit_code == 0
        assert logging.getLogger("coder").level == logging.ERROR
        runner.invoke(main, ["schema", "-vv"])
        assert logging.getLogger("coder").level == logging.DEBUG
    finally:
        configure(0)

"""Logging for the command line: warnings and progress notes go through `logging`, so a library
user controls them like any other library's, and `-v` / `-q` on every command set how much shows.

Library code only calls `logging.getLogger(__name__)`; nothing here runs on import.
"""
from __future__ import annotations

import logging
import sys

LEVELS = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}


class _Format(logging.Formatter):
    """`eventcoder: warning: ...`, the same prefix as the one-line errors."""

    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        return f"eventcoder: {level}{record.getMessage()}"


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (test runners and click swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(verbosity: int) -> None:
    """-1 quiet (errors only), 0 warnings (default), 1 info (-v), 2 or more debug (-vv)."""
    logger = logging.getLogger("coder")
    logger.setLevel(LEVELS.get(verbosity, logging.DEBUG))
    if not any(getattr(h, "_eventcoder", False) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(_Format())
        handler._eventcoder = True
        logger.addHandler(handler)

"""One catalogue of user-facing errors, each with a code and an exit status.

Errors lead with their location (``file:line`` or ``file: record N``) so an editor can jump there.
Every class pickles cleanly, so errors raised in worker processes reach the parent intact.
"""
from __future__ import annotations

# Exit codes, documented in the README.
EXIT_OK = 0
EXIT_USAGE = 2  # bad command line, or `ontology check` found problems
EXIT_INPUT = 3  # unreadable or malformed input articles
EXIT_ONTOLOGY = 4  # the ontology does not load
EXIT_INVALID_RECORD = 5  # a coded record failed the event JSON Schema (a bug: please report)
EXIT_MODEL = 6  # the spaCy model for dependency mode cannot be loaded
EXIT_LOCKED = 7  # another run is writing the same output
EXIT_NOTHING_CODED = 8  # the run finished, but every document was skipped or failed

MAX_MESSAGE = 400  # characters of a message; a value quoted in it is cut, never printed whole

CATALOGUE = {
    "E001": "bad option value",
    "E101": "input not found",
    "E102": "input is empty",
    "E103": "input is not valid UTF-8 text",
    "E104": "malformed record",
    "E105": "missing or unknown column",
    "E106": "unsupported input format",
    "E107": "duplicate document id",
    "E108": "bad date",
    "E109": "resume does not match the interrupted run",
    "E110": "unsupported output",
    "E111": "no document could be coded",
    "E201": "ontology file is not valid YAML",
    "E202": "ontology file does not match its schema",
    "E203": "bad pattern",
    "E204": "unknown code",
    "E205": "ontology not found",
    "E206": "one phrase or person claimed twice",
    "E207": "one pattern under two codes",
    "E208": "a pattern's example does not code as it says",
    "E209": "roles of one person start on the same day",
    "E210": "a surname alone names two office holders in overlapping years",
    "E301": "event record does not match the event schema",
    "E401": "spaCy model cannot be loaded",
    "E402": "spaCy model has no parser",
    "E403": "spaCy version outside the range the packaged parser was trained for",
    "E501": "the Dask engine needs Dask installed",
    "E502": "option not supported by the Dask engine",
    "E601": "another run is writing this output",
    "E701": "unknown export format",
    "E702": "export format not available in this installation",
    "E703": "the run report needs matplotlib installed",
    "E900": "unexpected failure while coding a document (a bug: the manifest keeps the error)",
}


class EventcoderError(Exception):
    """A user-facing error: ``location: [code] message``."""

    exit_code = EXIT_USAGE

    def __init__(self, code: str, message: str, location: str | None = None):
        if code not in CATALOGUE:  # a programming error: every code users can see is documented
            raise ValueError(f"error code {code} is not in coder.errors.CATALOGUE")
        self.code, self.message, self.location = code, shorten(message), location
        super().__init__(code, message, location)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}[{self.code}] {self.message}"


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` cut to `limit` characters, keeping its start and end (a schema error quoting a huge
    value, e.g. from a YAML alias bomb, must not print megabytes)."""
    if len(text) <= limit:
        return text
    keep = (limit - 40) // 2  # room for the marker
    return f"{text[:keep]} ...[{len(text) - 2 * keep:,} characters cut]... {text[-keep:]}"


class UsageError(EventcoderError):
    """A command line that cannot be run as given."""

    exit_code = EXIT_USAGE


class LockedError(EventcoderError):
    exit_code = EXIT_LOCKED


class NothingCoded(EventcoderError):
    exit_code = EXIT_NOTHING_CODED


class InputError(EventcoderError):
    exit_code = EXIT_INPUT


class OntologyError(EventcoderError):
    """One or more ontology problems; ``problems`` holds every one of them."""

    exit_code = EXIT_ONTOLOGY

    def __init__(self, problems: list[EventcoderError]):
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first.code, first.message + more, first.location)

    def __reduce__(self):
        return (OntologyError, (self.problems,))


class RecordInvalid(EventcoderError):
    exit_code = EXIT_INVALID_RECORD


class ModelError(EventcoderError):
    exit_code = EXIT_MODEL

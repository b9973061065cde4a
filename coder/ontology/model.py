"""The ontology in memory: codebook entries, actor phrases, people and their dated roles, patterns,
discards. `load.py` builds it from YAML; the coding stages only read it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

# A pattern with this code matches and wins over shorter ones, but codes nothing (PETRARCH's `---`):
# it keeps `go on strike` from coding as `strike` (attack).
NULL_CODE = "00"
KINDS = ("codebook", "verbs", "countries", "agents", "organisations", "people", "discards", "acled")


@dataclass(frozen=True)
class CodebookEntry:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_event: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


def pickled_as_tuple(cls: type) -> type:
    """A NamedTuple class unpickled by `tuple.__new__` itself (C), not through its Python `__new__`.
    The compiled ontology holds tens of thousands of phrases and patterns, read at every start:
    each loads in a third of the time a frozen dataclass takes, with its own `__dict__`."""
    def __reduce__(self):
        return _TUPLE_NEW, (type(self), tuple(self))

    cls.__reduce__ = __reduce__
    return cls


_TUPLE_NEW = tuple.__new__


@pickled_as_tuple
class ActorPhrase(NamedTuple):
    """One surface phrase that names an actor, or a role noun (kind 'agent')."""

    phrase: str
    kind: str  # country | adjective | capital | metonym | organisation | person | surname | agent
    code: str  # full actor code; for agents the role code (MIL); for persons the person id
    country: str | None
    where: str  # file:line
    group: str = ""  # organisations: igo | ngo | armed_group | party | company | media | other


@pickled_as_tuple
class Role(NamedTuple):
    code: str
    start: dt.date
    end: dt.date | None
    title: str = ""


@dataclass
class Person:
    pid: str
    name: str
    country: str | None
    code: str
    roles: list[Role]
    where: str

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role in force on `day` (of two, the one taken up last: a general who becomes head
        of state is GOV from then on), or None."""
        if day is None:
            return None
        current = [r for r in self.roles if r.start <= day and (r.end is None or day <= r.end)]
        return max(current, key=lambda r: r.start) if current else None

    def code_on(self, day: dt.date | None) -> tuple[str, str]:
        """The actor code on `day` and why: the role in force, else the person's default code."""
        role = self.role_on(day)
        if role is not None:
            return role.code, f"role '{role.title or role.code}' in force on {day}"
        return self.code, ("no role in force on " + str(day)) if day else "no event date"


@dataclass(frozen=True)
class ModalityRule:
    """One row of the codebook's `modality:` table: under condition `when` (refused, negated,
    threatened, intended, future), a pattern whose root is in `roots` is coded `roots[root]`."""

    when: str
    roots: dict[str, str]
    where: str


@pickled_as_tuple
class PatternSpec(NamedTuple):
    """A verb or noun pattern as written; `words` are raw pattern words (`*`, `+`, `$`, `&NAME`)."""

    pid: str
    code: str
    trigger: str  # verb | noun
    text: str
    words: tuple[str, ...]
    synsets: tuple[tuple[str, tuple[str, ...]], ...]
    where: str
    example: str | None = None  # a sentence the pattern must fire on
    not_example: str | None = None  # a sentence it must not fire on (another sense of its words)
    # `active` as written; `passive` / `nominal` when derived from an active verb pattern (derive.py):
    # `head` is the index in `words` of the verb, matched as a past participle in a passive.
    form: str = "active"
    head: int = 0


@dataclass(frozen=True)
class Discard:
    phrase: str
    scope: str
    reason: str
    where: str


@dataclass
class Ontology:
    codebook: dict[str, CodebookEntry] = field(default_factory=dict)
    phrases: list[ActorPhrase] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    patterns: list[PatternSpec] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    modality: list[ModalityRule] = field(default_factory=list)  # the last codebook's table wins
    acled: list[tuple[str, dict]] = field(default_factory=list)  # (file, data) of `kind: acled`: coding/acled.py
    files: list[Path] = field(default_factory=list)
    version: str = ""

    def event_info(self, code: str) -> CodebookEntry | None:
        """The codebook entry of a code, falling back to its three-digit parent and root."""
        for key in (code, code[:3], code[:2]):
            if key in self.codebook:
                return self.codebook[key]
        return None

"""Load the YAML ontology: codebook, actors, agents, people, verb patterns, discards.

Files are found by their `kind`, not by path, so users can layer their own folders over ours.
Every file is checked against its JSON Schema; all problems are gathered, each with file:line,
and raised together as one OntologyError.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from sys import intern

from coder.errors import EventcoderError, OntologyError
from coder.ontology.derive import derived_forms
from coder.ontology.model import (
    KINDS, ActorPhrase, CodebookEntry, Discard, ModalityRule, Ontology, PatternSpec, Person, Role,
)
from coder.ontology.yamlio import LocatedList, line_of, load_yaml


def default_ontology_dir() -> Path:
    """The ontology shipped with the package (a wheel carries it as package data)."""
    packaged = Path(str(resources.files("coder"))) / "data" / "ontology"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "ontology"


def schemas_dir() -> Path:
    packaged = Path(str(resources.files("coder"))) / "data" / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


@lru_cache(maxsize=None)
def _schema(kind: str) -> dict:
    return json.loads((schemas_dir() / "ontology" / f"{kind}.schema.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def _fast_validator(kind: str):
    """Compiled once; checks a whole file in milliseconds. jsonschema runs only on a failing file,
    to list every problem with its path. Both are imported here, not with the module: a start from
    the compiled cache checks nothing and should not pay for them."""
    import fastjsonschema

    return fastjsonschema.compile(_schema(kind))


def _schema_errors(kind: str, data: object) -> list:
    import fastjsonschema

    try:
        _fast_validator(kind)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        from jsonschema import Draft202012Validator

        return list(Draft202012Validator(_schema(kind)).iter_errors(data))


@lru_cache(maxsize=None)
def _schemas_digest() -> bytes:
    """One hash of every ontology schema: a file checked under other schemas is checked again."""
    digest = hashlib.sha256()
    for path in sorted((schemas_dir() / "ontology").glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def part_key(shown: str, content: bytes) -> tuple[str, str]:
    """The key of what one file adds to the ontology (see `FilePart`): the path it is shown under
    (every `where` names it), and a hash of its bytes and of the schemas that checked them."""
    return shown, hashlib.sha256(_schemas_digest() + content).hexdigest()[:24]


@dataclass
class FilePart:
    """What one YAML file adds to the ontology, in the order it adds it. A file that reads and
    checks cleanly gives the same part whenever it is loaded under the same shown path, so a later
    build adds the part again instead of reading the file (see `load_ontology`)."""

    patterns: list[PatternSpec] = field(default_factory=list)
    derived: list[PatternSpec] = field(default_factory=list)  # its passive and nominal forms, not yet weeded
    phrases: list[ActorPhrase] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    codebook: dict[str, CodebookEntry] = field(default_factory=dict)
    modality: list[ModalityRule] | None = None  # a codebook's table, which replaces the one before
    acled: list[tuple[str, dict]] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)


def ontology_files(directories: list[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        if directory.is_file():
            files.append(directory)
            continue
        if not directory.is_dir():
            raise OntologyError([EventcoderError("E205", "ontology folder not found", str(directory))])
        files.extend(sorted(directory.rglob("*.yaml")) + sorted(directory.rglob("*.yml")))
    return files


def version_of(files: list[Path]) -> str:
    """Content hash of the ontology: the same files give the same version, wherever they live."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name + str(p)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_ontology(directories: list[Path] | None = None, *,
                  parts: dict[tuple[str, str], FilePart] | None = None) -> Ontology:
    """Load and check every YAML file; raise OntologyError listing all problems.

    Folders with no codebook are layers: they add to the default ontology instead of replacing it,
    so a user's file of new people or groups is all they need to write.

    `parts` (`part_key` -> FilePart) memoises reading: a file found in it is not parsed nor checked
    again, its part is added as it is (the ontology then holds the part's own objects), and the part
    of every file that reads and checks cleanly is added to it; once the ontology loads, it keeps
    the parts of its own files only. The compiled-ontology cache keeps them between runs, so after
    an edit only the edited file is read."""
    directories = resolve_directories(directories)
    files = ontology_files(directories)
    builder = _Builder(parts)
    for directory in directories:
        for path in ontology_files([directory]):
            builder.add_file(path, shown=_shown_path(directory, path))
    builder.problems += [EventcoderError("E204", f"modality rule '{rule.when}': code {code} is not in the codebook",
                                         rule.where)
                         for rule in builder.onto.modality for code in rule.roots.values()
                         if builder.onto.event_info(code) is None]
    if builder.onto.acled:  # cross-references of the ACLED rules: reported now, not at the first event
        from coder.coding.acled import acled_problems
        builder.problems += acled_problems(builder.onto.acled)
    if builder.problems:
        raise OntologyError(builder.problems)
    onto = builder.onto
    # A derived form gives way to a pattern written with the same words (the author's code wins).
    lower = str.lower
    written = {(p.trigger, tuple(map(lower, p.words))) for p in onto.patterns}
    for spec in builder.derived:
        key = (spec.trigger, tuple(map(lower, spec.words)))
        if key not in written:
            written.add(key)  # of two active patterns with one passive form, the first written keeps it
            onto.patterns.append(spec)
    onto.files = files
    onto.version = version_of(files)
    if parts is not None:  # what earlier versions of the files added goes
        for key in set(parts) - builder.replayed:
            del parts[key]
    return onto


def resolve_directories(directories: list[Path] | None) -> list[Path]:
    """The folders to load, in order: the default ontology first when the given ones are layers."""
    directories = [Path(d) for d in directories] if directories else [default_ontology_dir()]
    if default_ontology_dir() not in directories and not _has_codebook(directories):
        directories = [default_ontology_dir(), *directories]
    return directories


def _has_codebook(directories: list[Path]) -> bool:
    for path in ontology_files(directories):
        content = path.read_bytes()
        if b"kind: codebook" not in content:  # most files: no need to read them line by line
            continue
        text = content.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        if any(line.strip() == "kind: codebook" for line in text.split("\n")):
            return True
    return False


def _shown_path(directory: Path, path: Path) -> str:
    """`ontology/verbs/19_fight.yaml`: short, and the same wherever the package is installed."""
    if directory.is_file():
        return directory.name
    return str(Path(directory.name) / path.relative_to(directory))


@lru_cache(maxsize=None)  # one object per date: the roles' thousands of dates are pickled once each
def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class _Builder:
    def __init__(self, parts: dict[tuple[str, str], FilePart] | None = None) -> None:
        self.parts = parts
        self.replayed: set[tuple[str, str]] = set()  # the parts in this ontology: each goes in once
        self.onto = Ontology()
        self.part = FilePart()  # what the file being read adds
        self.problems: list[EventcoderError] = []
        self.derived: list[PatternSpec] = []  # passive and nominal forms of the written patterns

    def problem(self, code: str, message: str, where: str) -> None:
        self.problems.append(EventcoderError(code, message, where))

    def add_file(self, real: Path, shown: str | None = None) -> None:
        path = Path(shown) if shown else real
        if self.parts is None:
            self._add_read(real, path)
            return
        content = real.read_bytes()
        key = part_key(str(path), content)
        part = self.parts.get(key)
        # A person in a part who is already known (from another file) is a problem to report, with
        # its line: the file is read again to report it.
        if part is not None and key not in self.replayed and part.people.keys().isdisjoint(self.onto.people):
            self.replayed.add(key)
            self._add_part(part)
            return
        for earlier in [k for k in self.parts if k[0] == key[0] and k not in self.replayed]:
            del self.parts[earlier]  # an earlier version of this file: not held while it is read
        problems = len(self.problems)
        part = self._add_read(real, path, content)
        if part is not None and len(self.problems) == problems:
            self.parts[key] = part
            self.replayed.add(key)

    def _add_read(self, real: Path, path: Path, content: bytes | None = None) -> FilePart | None:
        """Read, check and add one file; its part, or None if it does not read or check cleanly."""
        data = self._read(real, path, content)
        if data is None:
            return None
        self.part = FilePart()
        getattr(self, "_add_" + data["kind"])(path, data)
        self._add_part(self.part)
        return self.part

    def _add_part(self, part: FilePart) -> None:
        onto = self.onto
        onto.patterns.extend(part.patterns)
        self.derived.extend(part.derived)
        onto.phrases.extend(part.phrases)
        onto.people.update(part.people)
        onto.codebook.update(part.codebook)
        if part.modality is not None:
            onto.modality = list(part.modality)
        onto.acled.extend(part.acled)
        onto.discards.extend(part.discards)

    def _read(self, real: Path, path: Path, content: bytes | None = None) -> dict | None:
        """The file's data if it reads and checks cleanly; else None, its problems recorded."""
        import yaml

        try:
            data = load_yaml(real, content)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else str(path)
            self.problem("E201", f"not valid YAML: {getattr(exc, 'problem', exc)}", where)
            return None
        except UnicodeDecodeError:
            self.problem("E201", "not UTF-8 text", str(path))
            return None
        kind = data.get("kind") if isinstance(data, dict) else None
        if kind not in KINDS:
            self.problem("E202", f"top level needs `kind:` one of {', '.join(KINDS)}", f"{path}:1")
            return None
        errors = _schema_errors(kind, data)
        for err in errors:
            self.problem("E202", _schema_message(err), f"{path}:{_error_line(data, err)}")
        return None if errors else _interned(data)

    def _add_codebook(self, path: Path, data: dict) -> None:
        for entry in data["entries"]:
            plover, acled = entry.get("plover") or {}, entry.get("acled") or {}
            self.part.codebook[entry["code"]] = CodebookEntry(
                entry["code"], entry["name"], float(entry["goldstein"]), int(entry["quad_class"]),
                plover.get("event"), plover.get("mode"), plover.get("context"),
                acled.get("event_type"), acled.get("sub_event_type"))
        if "modality" in data:  # a user's codebook with its own table replaces ours
            self.part.modality = [ModalityRule(rule["when"], {str(k): str(v) for k, v in rule["roots"].items()},
                                               f"{path}:{line_of(rule)}") for rule in data["modality"]]

    def _add_verbs(self, path: Path, data: dict) -> None:
        synsets = {name: tuple(words) for name, words in (data.get("synsets") or {}).items()}
        kinds = {"verbs": "verb", "nouns": "noun"}  # one string object each, not a new slice per pattern
        for entry in data["entries"]:
            for trigger in ("verbs", "nouns"):
                items = entry.get(trigger) or LocatedList()
                lines = getattr(items, "lines", [])
                for index, item in enumerate(items):
                    line = lines[index] if index < len(lines) else line_of(entry)
                    text = item if isinstance(item, str) else item["pattern"]
                    where = f"{path}:{line}"
                    words = tuple(map(intern, text.split()))
                    used = tuple(intern(w[1:]) for w in words if w.startswith("&"))
                    missing = [name for name in used if name not in synsets]
                    if missing:
                        self.problem("E203", f"pattern '{text}': unknown synonym set &{missing[0]}", where)
                        continue
                    if words[0] in ("*", "+", "$"):
                        self.problem("E203", f"pattern '{text}': must start with the {trigger[:-1]} or a &SYNSET", where)
                        continue
                    pid = item.get("id") if isinstance(item, dict) and item.get("id") else f"{path.stem}:{line}"
                    example = item.get("example") if isinstance(item, dict) else None
                    not_example = item.get("not_example") if isinstance(item, dict) else None
                    spec = PatternSpec(pid, entry["code"], kinds[trigger], text, words,
                                       tuple((name, synsets[name]) for name in dict.fromkeys(used)), where, example,
                                       not_example)
                    self.part.patterns.append(spec)
                    if not (isinstance(item, dict) and item.get("derive") is False):
                        self.part.derived.extend(derived_forms(spec))

    def _add_countries(self, path: Path, data: dict) -> None:
        for entry in data["entries"]:
            code, where = entry["code"], f"{path}:{line_of(entry)}"
            country = code if entry.get("iso2") else None  # ethnic/regional codes have no ISO country
            add = self.part.phrases.append
            for phrase in entry["names"] + entry.get("historical", []):
                add(ActorPhrase(phrase, "country", code, country, where))
            for phrase in entry.get("adjectives", []):
                add(ActorPhrase(phrase, "adjective", code, country, where))
            for phrase in entry.get("capitals", []):
                add(ActorPhrase(phrase, "capital", code + "GOV", country, where))
            for metonym in entry.get("metonyms", []):
                add(ActorPhrase(metonym["phrase"], "metonym", metonym["code"], country, where))

    def _add_agents(self, path: Path, data: dict) -> None:
        for entry in data["entries"]:
            where = f"{path}:{line_of(entry)}"
            for phrase in entry["phrases"]:
                self.part.phrases.append(ActorPhrase(phrase, "agent", entry["code"], None, where))

    def _add_organisations(self, path: Path, data: dict) -> None:
        for entry in data["entries"]:
            where = f"{path}:{line_of(entry)}"
            for phrase in entry["phrases"]:
                self.part.phrases.append(ActorPhrase(phrase, "organisation", entry["code"], entry.get("country"), where,
                                                     entry["type"]))

    def _add_people(self, path: Path, data: dict) -> None:
        for entry in data["entries"]:
            where = f"{path}:{line_of(entry)}"
            pid = f"{entry['name']}|{entry.get('country') or ''}"
            roles = []
            for role in entry["roles"]:
                start, end = _date(role["start"]), _date(role["end"]) if role.get("end") else None
                if end and end < start:
                    self.problem("E202", f"person '{entry['name']}': role end {end} is before start {start}",
                                 f"{path}:{line_of(role)}")
                roles.append(Role(role["code"], start, end, role.get("title", "")))
            fallback = entry.get("code") or entry.get("country") or "---"
            first = self.onto.people.get(pid, self.part.people.get(pid))
            if first is not None:
                self.problem("E206", f"person '{entry['name']}' ({entry.get('country')}) is listed twice (first at "
                             f"{first.where}): merge the entries; dated roles tell them apart", where)
                continue
            self.part.people[pid] = Person(pid, entry["name"], entry.get("country"), fallback, roles, where)
            for phrase in [entry["name"], *entry.get("aliases", [])]:
                self.part.phrases.append(ActorPhrase(phrase, "person", pid, entry.get("country"), where))
            surname = entry.get("surname", entry["name"].split()[-1] if len(entry["name"].split()) > 1 else None)
            if surname:
                self.part.phrases.append(ActorPhrase(surname, "surname", pid, entry.get("country"), where))

    def _add_acled(self, path: Path, data: dict) -> None:
        """ACLED typing rules: checked here like every file, compiled by coder/coding/acled.py."""
        self.part.acled.append((str(path), data))

    def _add_discards(self, path: Path, data: dict) -> None:
        for entry in data["entries"]:
            self.part.discards.append(Discard(entry["phrase"], entry["scope"], entry.get("reason", ""),
                                              f"{path}:{line_of(entry)}"))


def _interned(data):
    """`data` with every string in it interned (in place): a word, code or country written thousands
    of times is then one object in the ontology, its compiled form and its pickle."""
    if isinstance(data, dict):
        for key, value in data.items():
            data[key] = intern(value) if type(value) is str else _interned(value)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            data[index] = intern(value) if type(value) is str else _interned(value)
    return data


def _error_line(data: object, err) -> int:
    """The line of the deepest located node on the error's path."""
    node, line = data, line_of(data, 1)
    for key in err.absolute_path:
        try:
            parent, node = node, node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(parent, LocatedList) and isinstance(key, int) and key < len(parent.lines):
            line = parent.lines[key]
        line = line_of(node, line)
    return line


def _schema_message(err) -> str:
    path = "/".join(str(p) for p in err.absolute_path)
    message = err.message
    if isinstance(err.instance, (bool, int, float)) and not isinstance(err.instance, str) and "string" in message:
        message += " (YAML read an unquoted value as a number or boolean: put it in quotes)"
    return f"{path}: {message}" if path else message

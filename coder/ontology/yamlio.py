"""Safe YAML loading that remembers line numbers, so every ontology problem can name its line.

Dates are left as strings (the schemas check their shape); YAML 1.1 still turns unquoted `010`
into 8 and `NO` into False, which the schemas then reject at the right line.

Two YAML features are refused, each with its file:line, before any schema sees the data: a key
written twice in one mapping (YAML keeps the last silently, so a person's roles could vanish), and
aliases (`*name`): an ontology has no need of them, and a few hundred bytes of nested aliases
expand to gigabytes (an "alias bomb").

A file is read straight from libyaml's events (`_from_events`) when it holds nothing but plain
mappings, sequences and the scalars of YAML's core schema: no node graph is built, which takes about
40% of the time and a quarter of the memory of PyYAML's composer and constructor on a large file
(the imported PETRARCH people file, 4.6 MB). Anything else (a tag, an alias, a merge key, a key that is not a
scalar, a key written twice, a syntax error) is read again by PyYAML's own loader, so the data and
every error are exactly what that loader gives.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path


class Located(dict):
    """A mapping that knows the 1-based line it starts on."""

    line = 0


class LocatedList(list):
    """A sequence that knows the 1-based line of each item."""

    lines: list[int] = []


def _base_loader():
    """libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _loader():
    """The line-numbering loader class, made on first use: PyYAML is imported only when YAML is read
    (a warm start reads the compiled ontology instead)."""
    import yaml

    class _LineLoader(_base_loader()):
        def construct_mapping(self, node, deep=False):
            _refuse_duplicate_keys(node)
            mapping = Located(super().construct_mapping(node, deep=True))
            mapping.line = node.start_mark.line + 1
            return mapping

        def construct_sequence(self, node, deep=False):
            items = LocatedList(super().construct_sequence(node, deep=True))
            items.lines = [child.start_mark.line + 1 for child in node.value]
            return items

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)
    # Keep dates as written: the schemas want "YYYY-MM-DD" strings, not datetime objects.
    _LineLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _LineLoader


def load_yaml(path: Path, content: bytes | None = None) -> object:
    """Parse one YAML file (from `content` when its bytes are already read); raises yaml.YAMLError
    (with a mark) on bad syntax, a duplicate key or an alias."""
    raw = open(path, "rb") if content is None else io.BytesIO(content)
    with io.TextIOWrapper(raw, encoding="utf-8") as handle:  # as open(path, encoding="utf-8") reads
        text = handle.read()
    loader = _loader()(text)
    try:
        return _from_events(loader)
    except Exception:  # noqa: BLE001 - whatever it is, PyYAML's own loader says it below
        pass
    finally:
        loader.dispose()
    return _composed(text)


def _composed(text: str) -> object:
    """The file read by PyYAML's composer and the line-numbering constructor."""
    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:  # an alias names an anchor (`&name`): without one, none can have composed
            _refuse_aliases(node, text)
        return loader.construct_document(node)
    finally:
        loader.dispose()


class _Unusual(Exception):
    """Something `_from_events` leaves to PyYAML's own loader."""


_STR = "tag:yaml.org,2002:str"
_CORE_SCALARS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                 "tag:yaml.org,2002:float")


def _from_events(loader) -> object:
    """The document as `_composed` would give it, built from the parser's events as they come: each
    mapping a `Located`, each sequence a `LocatedList`, each scalar made by the loader's own
    resolver and constructor. Raises `_Unusual` (or the parser's error) for anything else."""
    from yaml.events import (DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                             ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

    get = loader.get_event
    get()  # the stream's start
    event = get()
    if type(event) is StreamEndEvent:
        return None  # an empty file, or comments only
    if type(event) is not DocumentStartEvent:
        raise _Unusual
    plain: dict[str, object] = {}  # a plain scalar's text -> its value (the resolver reads the text alone)
    stack: list[list] = []  # the open collections: [container, its line, the pending key or _ABSENT]
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                value = event.value
                if event.implicit[0]:
                    value = plain.get(value, _ABSENT)
                    if value is _ABSENT:
                        value = plain[event.value] = _plain_scalar(loader, event)
            elif tag == _STR:
                value = event.value
            else:
                raise _Unusual  # a tag of some other type
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None and event.tag != "!":
                raise _Unusual
            line = event.start_mark.line + 1
            if kind is MappingStartEvent:
                container = Located()
                container.line = line
            else:
                container = LocatedList()
                container.lines = []
            stack.append([container, line, _ABSENT])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value, line, _ = stack.pop()
        elif kind is DocumentEndEvent:
            break
        else:  # an alias, or another document
            raise _Unusual
        if not stack:
            root = value  # the document's own node
            continue
        frame = stack[-1]
        container = frame[0]
        if type(container) is LocatedList:
            container.append(value)
            container.lines.append(line if kind is not ScalarEvent else event.start_mark.line + 1)
        elif frame[2] is _ABSENT:  # a mapping's key
            if kind is not ScalarEvent or value in container:
                # a collection, or a key written twice (PyYAML's loader refuses it) or equal to
                # another (`1` and `1.0`)
                raise _Unusual
            frame[2] = value
        else:
            container[frame[2]] = value
            frame[2] = _ABSENT
    if type(get()) is not StreamEndEvent:
        raise _Unusual  # a second document
    return root


def _plain_scalar(loader, event) -> object:
    """A plain scalar's value, by the loader's resolver and constructor: a string, None, a bool, an
    int or a float (YAML 1.1: `010` is 8, `NO` is False); `_Unusual` for a merge key (`<<`)."""
    from yaml.nodes import ScalarNode

    tag = loader.resolve(ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag not in _CORE_SCALARS:
        raise _Unusual
    return loader.yaml_constructors[tag](loader, ScalarNode(tag, event.value, event.start_mark,
                                                            event.end_mark, event.style))


_ABSENT = object()  # no key pending; no value remembered


def _refuse_duplicate_keys(node) -> None:
    import yaml

    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = (key_node.tag, key_node.value)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key_node.value[:80]}' appears twice in one mapping (lines {seen[key]} and "
                f"{line}): merge the two entries", key_node.start_mark)
        seen[key] = line


def _refuse_aliases(root, text: str) -> None:
    """An alias makes the composed graph reuse a node; find one by walking the graph once (nodes,
    not their expansion, so a bomb costs nothing here)."""
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in ontology files: write the value out",
                _first_alias_mark(text) or node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _first_alias_mark(text: str):
    import yaml

    for event in yaml.parse(text, Loader=_base_loader()):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


def line_of(obj: object, default: int = 0) -> int:
    return getattr(obj, "line", default)

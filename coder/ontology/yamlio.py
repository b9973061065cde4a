"""Safe YAML loading that remembers line numbers, so every ontology problem can name its line.

Dates are left as strings (the schemas check their shape); YAML 1.1 still turns unquoted `010`
into 8 and `NO` into False, which the schemas then reject at the right line.
"""
from __future__ import annotations

from pathlib import Path

import yaml


class Located(dict):
    """A mapping that knows the 1-based line it starts on."""

    line = 0


class LocatedList(list):
    """A sequence that knows the 1-based line of each item."""

    lines: list[int] = []


# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):
    def construct_mapping(self, node, deep=False):
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


def load_yaml(path: Path) -> object:
    """Parse one YAML file; raises yaml.YAMLError (with a mark) on bad syntax."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)


def line_of(obj: object, default: int = 0) -> int:
    return getattr(obj, "line", default)

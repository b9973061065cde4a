"""Where eventcoder keeps things on the user's machine."""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Caches (the compiled ontology, the gazetteer index): $EVENTCODER_CACHE, else the XDG cache."""
    env = os.environ.get("EVENTCODER_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventcoder"

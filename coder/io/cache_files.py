"""The cache folder's housekeeping: what is in it, and a bound on its size.

Every coder release, every set of ontology folders and every edit of the ontology gets its own
compiled file (ontology/cache.py), so a folder left alone keeps one for every coder a user ever
installed: 13 MB each for the default ontology, more for imported dictionaries. Once a build has
written a new file, the files used least recently go until the folder is within its budget
(`EVENTCODER_CACHE_MAX_MB`, 1024 by default). Reading a file marks it used, so the files the
coders in use read at every start stay. Only the coder's own files are counted or removed.
"""
from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

log = logging.getLogger(__name__)

BUDGET_VARIABLE = "EVENTCODER_CACHE_MAX_MB"
DEFAULT_BUDGET_MB = 1024
# A temporary file (coder/io/atomic.py) older than this is a killed writer's, not one being written.
STALE_TEMP_SECONDS = 3600
# The coder's own files: the compiled ontology, the name of each folder set's last build (`sources`),
# the gazetteer index and the word forms; a temporary file is a hidden one named after its target.
_OWN = re.compile(r"(ontology|sources|gazetteer|inflect|acled)-[0-9a-f]+(-forms)?\.pickle")
_TEMP = re.compile(r"\.(?P<target>.+)\.[^.]+\.tmp")


def cache_budget() -> int:
    """The folder's budget in bytes, from `EVENTCODER_CACHE_MAX_MB` (0: after a build, keep only its own file)."""
    value = os.environ.get(BUDGET_VARIABLE, "").strip()
    if not value:
        return DEFAULT_BUDGET_MB << 20
    try:
        megabytes = float(value)
        if megabytes < 0:
            raise ValueError
    except ValueError:
        log.warning("%s=%r is not a number of megabytes (e.g. 2048); using %d", BUDGET_VARIABLE, value,
                    DEFAULT_BUDGET_MB)
        return DEFAULT_BUDGET_MB << 20
    return int(megabytes * (1 << 20))


def kind_of(path: Path) -> str | None:
    """What a file of the cache folder is: `ontology`, `sources`, `gazetteer`, `inflect`, `acled`, or
    `temporary` (one being written, or left by a killed writer); None if the coder did not write it."""
    temp = _TEMP.fullmatch(path.name)
    own = _OWN.fullmatch(temp["target"] if temp else path.name)
    return None if own is None else "temporary" if temp else own[1]


def is_own(path: Path) -> bool:
    """A file the coder wrote in its cache folder: a cache file, or the temporary file of one."""
    return kind_of(path) is not None


def own_files(directory: Path) -> list[Path]:
    """The coder's files in `directory`, others left out (the folder may be shared)."""
    try:
        return [path for path in directory.iterdir() if is_own(path) and path.is_file()]
    except OSError:  # no folder yet, or not readable
        return []


def mark_used(path: Path) -> None:
    """Record that `path` was just read (its modification time), so pruning keeps it longest. A
    read-only cache (a shared install) is simply not marked."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(directory: Path, keep: tuple[Path, ...] = (), budget: int | None = None) -> list[Path]:
    """Remove the least recently used of the coder's files in `directory` until those left fit in
    `budget` bytes (`cache_budget()` if None), never one in `keep`, and every temporary file a
    killed writer left. Returns what was removed. A file another process removed first, or one
    that cannot be removed, is passed over."""
    budget = cache_budget() if budget is None else budget
    kept = {path.name for path in keep}
    now = time.time()
    files: list[tuple[bool, float, int, Path]] = []  # (not in keep, last use, size, path)
    removed: list[Path] = []
    for path in own_files(directory):
        try:
            stat = path.stat()
        except OSError:
            continue
        if kind_of(path) == "temporary":
            if now - stat.st_mtime > STALE_TEMP_SECONDS and _remove(path):
                removed.append(path)
            continue
        files.append((path.name not in kept, -stat.st_mtime, stat.st_size, path))
    total, full = 0, False
    for other, _, size, path in sorted(files):  # what is kept first, then the most recently used
        full = full or (other and total + size > budget)  # from the first that does not fit, all older go
        if full and other and _remove(path):
            removed.append(path)
        else:
            total += size
    if removed:
        log.info("cache %s: removed %d least recently used files to stay within %d MB (%s)", directory,
                 len(removed), budget >> 20, BUDGET_VARIABLE)
    return removed


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("cannot remove the old cache file %s (%s)", path, exc.strerror or exc)
        return False
    return True

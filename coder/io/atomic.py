"""The one place that writes files atomically: a hidden temporary file beside the target, flushed to
disk (fsync), given the mode any other output gets (0666 less the umask, not mkstemp's 0600), then
renamed over the target, and the folder synced so the rename itself survives a power cut. A crash
leaves either the old file or the new one under the real name, never a mix; the temporary file is
removed on any error. The pickle cache (ontology, gazetteer) is built on the same writer.
"""
from __future__ import annotations

import contextlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator

from coder.io.cache_files import mark_used
from coder.process import collector_paused, settle_loaded

log = logging.getLogger(__name__)

TMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """Hidden name prefix of a temporary file for `path`; `leftover_temps` finds them by it."""
    return f".{path.name}."


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def make_temp(path: str | Path, *, directory: bool = False) -> Path:
    """A new, empty, hidden temporary file (or folder) beside `path`, with the usual output mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if directory:
        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(path), suffix=TMP_SUFFIX, dir=path.parent))
        os.chmod(tmp, 0o777 & ~_umask())
        return tmp
    fd, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    os.chmod(name, 0o666 & ~_umask())
    return Path(name)


def fsync_file(path: str | Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: str | Path) -> None:
    """Make a rename or unlink inside `path` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def commit(tmp: str | Path, path: str | Path) -> None:
    """Flush `tmp` to disk and rename it over `path`."""
    fsync_file(tmp)
    os.replace(tmp, path)
    fsync_dir(Path(path).parent)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path to write by any means (pyarrow, a library's own writer); on success it is
    synced and renamed to `path`, on error removed."""
    tmp = make_temp(path)
    try:
        yield tmp
        commit(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """open() for writing whose result appears under `path` only when the block succeeds."""
    with atomic_path(path) as tmp:
        with open(tmp, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle


def leftover_temps(path: str | Path) -> list[Path]:
    """Temporary files and folders an earlier, killed writer of `path` left behind."""
    path = Path(path)
    if not path.parent.is_dir():
        return []
    prefix = temp_prefix(path)
    return [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(TMP_SUFFIX)]


# ----------------------------------------------------------------------------- pickle cache

def read_pickle(path: str | Path, accept: Callable[[object], bool] = lambda obj: True, *, count: int = 1):
    """The object pickled at `path`, or None if it is missing, unreadable or not accepted: a cache
    that cannot be trusted is rebuilt, so no error escapes (an unreadable one is named in a warning).
    A file of several objects (see write_pickle) gives the last of its first `count`; what it loaded
    is settled (coder/process.py): a cache holds long-lived objects, which young collections would
    otherwise scan on their way to the oldest generation, and the next full collection with them.
    A file read is marked used (coder/io/cache_files.py)."""
    # Unpickling hundreds of thousands of small objects sets off the cyclic garbage collector over
    # and over; with it paused, loading takes a fifth of the time.
    try:
        with collector_paused(), open(path, "rb") as handle:
            unpickler = pickle.Unpickler(handle)
            for _ in range(count):
                obj = unpickler.load()
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a truncated or foreign file: rebuild it, and say so
        log.warning("the cache %s cannot be read (%s: %s); rebuilding it", path, type(exc).__name__,
                    str(exc)[:200])
        return None
    settle_loaded()
    if not accept(obj):
        return None
    mark_used(Path(path))  # a cache read at every start stays when the folder is pruned
    return obj


def write_pickle(path: str | Path, *objects: object, what: str = "cache") -> bool:
    """Pickle `objects` to `path` atomically, in order, with one pickler: a later object shares what
    it holds of an earlier one, and a reader can load the first alone. A cache that cannot be written
    (read-only home, full disk) is skipped with a warning naming the folder and how to choose
    another; False then."""
    path = Path(path)
    # Pickling allocates as it goes, which sets off full collections over every object the
    # caller just built: up to three times the time of the dump itself.
    try:
        with collector_paused(), atomic_open(path, "wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            for obj in objects:
                pickler.dump(obj)
    except OSError as exc:
        log.warning("cannot write the %s in %s (%s); set EVENTCODER_CACHE to a writable folder for faster "
                    "start-up", what, path.parent, exc.strerror or exc)
        return False
    return True

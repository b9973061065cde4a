"""What this process does with what it loads, decided by whoever owns the process.

A `Coder` holds about half a million small objects (the compiled ontology). The cyclic garbage
collector would scan them again and again while coding, and several times more while the
interpreter shuts down (0.7 CPU s at the end of every run on the default ontology). A process that keeps its coder
until it exits, such as the command line, calls `keep_until_exit()`: loaders then freeze what they
load out of the collector's sight (`gc.freeze`), and the collector is frozen at exit. A library
user may drop a Coder and make another, so by default nothing is frozen and loaders settle their
objects with one full collection instead (coder/ontology/cache.py).
"""
from __future__ import annotations

import atexit
import gc
from contextlib import contextmanager
from typing import Iterator

_KEEPS_UNTIL_EXIT = False


def keep_until_exit() -> None:
    global _KEEPS_UNTIL_EXIT
    if not _KEEPS_UNTIL_EXIT:
        _KEEPS_UNTIL_EXIT = True
        atexit.register(gc.freeze)  # handlers run last-registered first: this one after those the run adds


def settle_loaded() -> None:
    """After a load: the objects just made go where the collector no longer rescans them."""
    if _KEEPS_UNTIL_EXIT:
        gc.freeze()  # costs nothing; forked workers then also leave their pages shared
    else:
        gc.collect()  # one full collection moves them to the oldest generation at once


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off while a burst of objects is made (unpickled, built or pickled), then
    as it was: the caller may have paused it too."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()

"""What this process does with what it loads, decided by whoever owns the process.

A `Coder` holds about half a million small objects (the compiled ontology). The cyclic garbage
collector would scan them again and again, and once more, several times over, while the interpreter
shuts down (0.7 CPU s at the end of every run on the default ontology). A process that keeps its coder
until it exits, such as the command line, calls `keep_until_exit()`: loaders then freeze what they
load out of the collector's sight (`gc.freeze`), and the collector is frozen at exit. A library
user may drop a Coder and make another, so by default nothing is frozen and loaders settle their
objects with one full collection instead (coder/ontology/cache.py).
"""
from __future__ import annotations

import atexit
import gc

_KEEPS_UNTIL_EXIT = False


def keep_until_exit() -> None:
    global _KEEPS_UNTIL_EXIT
    if not _KEEPS_UNTIL_EXIT:
        _KEEPS_UNTIL_EXIT = True
        atexit.register(gc.freeze)  # registered first, so it runs last: after the other exit handlers


def settle_loaded() -> None:
    """After a load: the objects just made go where the collector no longer rescans them."""
    if _KEEPS_UNTIL_EXIT:
        gc.freeze()  # costs nothing; forked workers then also leave their pages shared
    else:
        gc.collect()  # one full collection moves them to the oldest generation at once

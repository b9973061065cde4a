"""What this process does with what it loads, decided by whoever owns the process.

A `Coder` holds about half a million small objects (the compiled ontology). The cyclic garbage
collector would scan them again and again while coding, and several times more while the
interpreter shuts down (0.7 CPU s at the end of every run on the default ontology). A process that keeps its coder
until it exits, such as the command line, calls `keep_until_exit()`: loaders then freeze what they
load out of the collector's sight (`gc.freeze`), and the collector is frozen at exit.

A library user may drop a Coder and make another, so there a Coder keeps what it loaded frozen only
while it lives (`freeze_while_alive`): when the last such Coder is freed, everything frozen is
thawed into the oldest generation, where the collector frees what was dropped. A freeze of the
user's own (`gc.freeze` before any Coder) is left alone: loads are then settled by one full
collection instead.
"""
from __future__ import annotations

import atexit
import gc
import weakref
from contextlib import contextmanager
from typing import Iterator

_KEEPS_UNTIL_EXIT = False
_HOLDERS = 0  # live objects (Coders) in a library process for which loads are kept frozen


def keep_until_exit() -> None:
    global _KEEPS_UNTIL_EXIT
    if not _KEEPS_UNTIL_EXIT:
        _KEEPS_UNTIL_EXIT = True
        atexit.register(gc.freeze)  # handlers run last-registered first: this one after those the run adds


def settle_loaded() -> None:
    """After a load: the objects just made go where the collector no longer rescans them."""
    if _KEEPS_UNTIL_EXIT or _HOLDERS:
        gc.freeze()  # costs nothing; forked workers then also leave their pages shared
    elif gc.get_freeze_count():
        gc.collect()  # a freeze of the user's own, which a thaw would undo: one full collection
    else:
        # Frozen and thawed at once, every tracked object moves into the oldest generation without
        # being looked at (two list splices); a full collection would scan them all (0.25 CPU s).
        gc.freeze()
        gc.unfreeze()


def freeze_while_alive(owner: object) -> None:
    """Keep every object alive now (what `owner` loaded among them) out of the collector's sight
    until `owner` is freed, then thaw them, unless another owner still holds the freeze. `owner`
    must be freed by reference counting alone: frozen, a cycle through it is never collected."""
    global _HOLDERS
    if _KEEPS_UNTIL_EXIT:
        gc.freeze()
        return
    if not _HOLDERS and gc.get_freeze_count():
        return  # the user's own freeze: settle_loaded has collected instead
    gc.freeze()
    _HOLDERS += 1
    weakref.finalize(owner, _release).atexit = False  # at exit the collector may stay frozen


def _release() -> None:
    global _HOLDERS
    _HOLDERS -= 1
    if not _HOLDERS:
        gc.unfreeze()  # into the oldest generation: the next full collection frees what was dropped


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

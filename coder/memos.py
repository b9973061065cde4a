"""Bounded memos: the answers the coder remembers between sentences and articles (a name's places,
a chain of actor words' codes), each forgotten all at once when it is full, so that a long run's
memory stops growing once they have filled. `live_memos` lists them with their sizes, for
`bench/stream_memory.py --memos`.

A memo is a dict: it is read as one (`get`, `in`, `[]` run at C speed) and written through
`remember`, which alone checks the bound. Forgetting changes no result, only the time to work an
answer out again.
"""
from __future__ import annotations

import weakref

_LIVE: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # id -> memo (a dict has no hash)


class Memo(dict):
    """A dict of at most `limit` entries, emptied when one more would not fit. `name` says what it
    holds. A copy (pickle, a worker process) starts empty: what it remembers may be keyed by the
    identity of objects that hold in this process only."""

    __slots__ = ("name", "limit", "__weakref__")

    def __init__(self, name: str, limit: int):
        super().__init__()
        self.name, self.limit = name, limit
        _LIVE[id(self)] = self

    def remember(self, key, value):
        """Store `value` under `key` and return it; empty the memo first when it is full."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def __reduce__(self):
        return Memo, (self.name, self.limit)

    def __repr__(self) -> str:
        return f"Memo({self.name!r}, {len(self):,} of {self.limit:,})"


def live_memos() -> list[Memo]:
    """Every memo alive in this process, largest first."""
    return sorted(_LIVE.values(), key=len, reverse=True)

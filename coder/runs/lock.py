"""One run per output: a lock file beside the output (`OUTPUT.lock`) holding a POSIX record lock.

The kernel drops the lock when its process ends, however it ends, so a lock left by a killed run
is recognised as stale (and taken over) without guessing from pids or ages. The file's contents
(pid, host, start time) only name the holder in the error a second run gets. Record locks are not
inherited by forked workers, so a run's worker processes cannot keep its output locked after it
dies. On a network filesystem without lock support the lock cannot be taken: that is reported.
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import logging
import os
import socket
from pathlib import Path

from coder.errors import LockedError

log = logging.getLogger(__name__)


_HELD: dict[str, "OutputLock"] = {}  # outputs this process holds: taking one again only nests


def lock_path(output: Path) -> Path:
    return Path(f"{output}.lock")


class OutputLock:
    def __init__(self, output: str | Path):
        self.output = Path(output)
        self.path = lock_path(self.output)
        self.fd: int | None = None
        self.key = os.path.abspath(self.path)
        self.nested = False

    def acquire(self) -> "OutputLock":
        if self.key in _HELD:  # the command line takes the lock before loading the coder; the run again
            self.nested = True
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = _read_holder(fd)
                os.close(fd)
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise LockedError("E601", f"cannot lock the output ({exc.strerror}): write it to a local disk",
                                      str(self.output)) from None
                raise LockedError("E601", f"another run is writing this output ({_describe(holder)}): wait for it "
                                  "to finish, or choose another -o", str(self.output)) from None
            try:  # a finishing holder may have removed the file between our open and our lock
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        stale = _read_holder(fd)
        if stale:
            log.warning("%s: taking over a stale lock (%s, no longer running)", self.output,
                        _describe(stale))
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(me) + "\n").encode(), 0)
        os.fsync(fd)
        self.fd = fd
        _HELD[self.key] = self
        return self

    def release(self) -> None:
        if self.nested or self.fd is None:
            return
        del _HELD[self.key]
        self.path.unlink(missing_ok=True)  # while still holding it: see the inode check above
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (OSError, ValueError):
        return {}


def _describe(holder: dict) -> str:
    if not holder.get("pid"):
        return "pid unknown, just started"
    host = f" on {holder['host']}" if holder.get("host") and holder["host"] != socket.gethostname() else ""
    return f"pid {holder['pid']}{host}, started {holder.get('started', '?')}"

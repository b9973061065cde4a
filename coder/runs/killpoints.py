"""Test hooks for the crash-test suite: `EVENTCODER_TEST_KILL_AT=stage[:n]` makes the run kill itself
with SIGKILL when it reaches that point (the n-th time, or at `n` where the stage is numbered), so
a test chooses the moment of the crash instead of relying on timing. Unset, each point costs one
dictionary lookup. Stages, in the order a run passes them (see coder/runs/batch.py):

    read:N      after the N-th input record is read
    part:N      halfway through writing part N's temporary file (events written, footer not)
    commit:N    part N renamed into the run folder, before the next record is coded
    merge:N     after N batches of the final output are written to its temporary file
    manifest:N  after N lines of the final manifest are written to its temporary file
    renamed     the output renamed into place, the manifest not yet
    cleanup     output and manifest in place, the run folder not yet removed
"""
from __future__ import annotations

import os
import signal

ENV = "EVENTCODER_TEST_KILL_AT"


def kill_point(stage: str, n: int | None = None) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    name, _, at = spec.partition(":")
    if name == stage and (not at or n is None or int(at) == n):
        os.kill(os.getpid(), signal.SIGKILL)

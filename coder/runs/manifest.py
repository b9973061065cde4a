"""The manifest's vocabulary, shared by the runs that write it and the report that reads it:
where it lies beside an output, and the status every document ends in. Standard library only."""
from __future__ import annotations

from pathlib import Path

# Every input document ends in exactly one of these, in this order in summaries.
STATUSES = ("coded", "no_events", "empty", "discarded", "skipped", "failed")


def manifest_path(output: str | Path) -> Path:
    """`OUTPUT.manifest.jsonl`, beside a file or a partitioned folder."""
    return Path(f"{str(output).rstrip('/')}.manifest.jsonl")

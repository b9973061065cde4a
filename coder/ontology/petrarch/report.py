"""What an import did: counts, and every entry skipped or converted with changes, by file:line."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportReport:
    """What an import wrote, what it could not convert (skipped) and what it changed on the way."""

    counts: Counter = field(default_factory=Counter)  # entries written per kind
    read: Counter = field(default_factory=Counter)  # source entries read per source kind
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file:line, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file:line, lossy conversion)
    files: list[Path] = field(default_factory=list)  # files written
    seconds: float = 0.0

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append((where, reason))

    def warn(self, where: str, reason: str) -> None:
        self.warnings.append((where, reason))

    @property
    def problems(self) -> list[str]:
        """`file:line: reason` for every source entry that was not converted."""
        return [f"{where}: {reason}" for where, reason in self.skipped]

    @property
    def notes(self) -> list[str]:
        """`file:line: note` for every entry converted with some loss of meaning."""
        return [f"{where}: {reason}" for where, reason in self.warnings]

    def summary(self) -> str:
        lines = ["read: " + ", ".join(f"{n} {kind}" for kind, n in self.read.items()),
                 "wrote: " + ", ".join(f"{n} {kind}" for kind, n in self.counts.items()),
                 f"skipped: {len(self.skipped)}" + _top(self.skipped),
                 f"converted with changes: {len(self.warnings)}" + _top(self.warnings),
                 f"{len(self.files)} files in {self.seconds:.1f}s"]
        return "\n".join(lines)


def _top(items: list[tuple[str, str]], n: int = 5) -> str:
    if not items:
        return ""
    counts = Counter(reason.split(":")[0] for _, reason in items)
    return "".join(f"\n  {count:6d}  {reason}" for reason, count in counts.most_common(n))

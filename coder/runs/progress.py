"""Progress for long runs: a bar with documents per second and ETA on a terminal; plain log lines
every half minute when not (CI, SLURM logs), so a week-long job shows it is alive."""
from __future__ import annotations

import sys
import time

LOG_EVERY = 30.0  # seconds between log lines when stderr is not a terminal


class Progress:
    def __init__(self, *, enabled: bool = True, total: int | None = None):
        self.enabled = enabled
        self.documents = self.events = 0
        self.started = self.last_log = time.monotonic()
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", desc="coding", file=sys.stderr, smoothing=0.1)

    def update(self, result) -> None:
        self.documents += 1
        self.events += len(result.events)
        if self.bar is not None:
            self.bar.update(1)
            if self.documents % 200 == 0:
                self.bar.set_postfix(events=self.events, refresh=False)
        elif self.enabled and time.monotonic() - self.last_log >= LOG_EVERY:
            self.last_log = time.monotonic()
            rate = self.documents / max(self.last_log - self.started, 1e-9)
            print(f"eventcoder: {self.documents:,} documents coded ({rate:,.0f}/s), {self.events:,} events",
                  file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

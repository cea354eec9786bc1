"""The progress line of a batch and its final summary.

The progress line (documents, pages per second, errors so far, and a bar once the size of
the inputs is known) is drawn on standard error only when it is a terminal, at most ten
times a second. The summary is printed at the end in any case.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["Progress", "Summary"]

BAR_WIDTH = 24
REDRAW = 0.1  # seconds between redraws


@dataclass(slots=True)
class Summary:
    """What a batch did: documents written (and skipped on resume), errors by type, speed."""

    output: str = ""
    documents: int = 0
    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    #: Pages skipped by a page-type filter (``--page-types``), by their type.
    skipped_types: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    workers: int = 0
    engine: str = "worker processes"
    peak_worker_rss: int = 0
    final_worker_rss: list[int] = field(default_factory=list)  # bytes, each worker at the end
    worker_cpu: float = 0.0  # seconds of CPU the workers used (process pool)
    restarted_workers: int = 0

    @property
    def failed(self) -> int:
        """Documents whose record is an error."""
        return sum(self.errors.values())

    @property
    def total_skipped_types(self) -> int:
        """Documents skipped by the page-type filter (their records say so)."""
        return sum(self.skipped_types.values())

    @property
    def rate(self) -> float:
        """Documents a second over the run."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def render(self) -> str:
        """A few lines for a person."""
        lines = [
            f"cleanarticle batch: {self.documents:,} documents in {self.seconds:.1f} s "
            f"({self.rate:,.1f}/s, {self.workers} {self.engine}) -> {self.output}",
            f"  articles: {self.documents - self.failed - self.total_skipped_types:,}   "
            f"errors: {self.failed:,}",
        ]
        if self.skipped_types:
            kinds = ", ".join(f"{t} {n:,}" for t, n in self.skipped_types.most_common())
            lines.append(f"  skipped by page type: {self.total_skipped_types:,} ({kinds})")
        if self.skipped:
            lines.append(f"  already done (resume): {self.skipped:,}")
        for kind, count in self.errors.most_common():
            lines.append(f"    {kind:24} {count:,}")
        if self.peak_worker_rss:
            lines.append(f"  peak worker memory: {self.peak_worker_rss / 2**20:,.0f} MB RSS")
        if self.restarted_workers:
            lines.append(f"  workers replaced: {self.restarted_workers:,}")
        return "\n".join(lines) + "\n"


class Progress:
    """The live progress line; ``fraction`` says how much of the input has been read.

    Args:
        stream: where to draw (standard error by default).
        enabled: draw at all; by default only when ``stream`` is a terminal.
        fraction: returns the share of the input read, or None while unknown.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        fraction: Callable[[], float | None] | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.fraction = fraction
        self.documents = 0
        self.errors = 0
        self._start = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, error_type: str | None) -> None:
        """Count one more document (and error), redrawing now and then."""
        self.documents += 1
        if error_type is not None:
            self.errors += 1
        if self.enabled and time.monotonic() - self._drawn >= REDRAW:
            self.draw()

    def draw(self) -> None:
        """Draw the line now."""
        now = time.monotonic()
        self._drawn = now
        elapsed = now - self._start
        rate = self.documents / elapsed if elapsed > 0 else 0.0
        share = self.fraction() if self.fraction else None
        bar = ""
        if share is not None:
            filled = round(BAR_WIDTH * min(1.0, share))
            bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%}  "
        text = (
            f"{bar}{self.documents:,} docs  {rate:,.1f}/s  {self.errors:,} errors  "
            f"{_clock(elapsed)}"
        )
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Clear the line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


class Measure:
    """Compute a value in a background thread (the total size of the inputs, say)."""

    def __init__(self, compute: Callable[[], int]) -> None:
        self.value: int | None = None
        self._thread = threading.Thread(target=self._run, args=(compute,), daemon=True)
        self._thread.start()

    def _run(self, compute: Callable[[], int]) -> None:
        try:
            self.value = compute()
        except Exception:  # the bar just goes without a total
            self.value = None


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"

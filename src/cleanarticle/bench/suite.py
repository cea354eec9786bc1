"""Benchmark one dataset folder: load it, set up the extractors, run them, summarise.

This is the library entry point behind ``cleanarticle bench`` and ``benchmarks/engine.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import platform
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleanarticle.bench.adapters import (
    BASELINE,
    Extractor,
    ExtractorUnavailableError,
    load_extractor,
)
from cleanarticle.bench.datasets import DatasetError, Layout, Page, detect_layout, load_dataset
from cleanarticle.bench.results import METRIC_OF_LAYOUT, Summary, summarize
from cleanarticle.bench.runner import InputMode, Progress, run_extractors

__all__ = [
    "DatasetReport",
    "bench_folder",
    "environment",
    "expand_paths",
    "load_extractors",
]


@dataclass(slots=True)
class DatasetReport:
    """The outcome of benchmarking one dataset folder."""

    name: str
    path: str
    layout: Layout
    metric: str | None
    date: str  # ISO 8601, UTC, when the run started
    input_mode: InputMode
    runs: int
    warmup: int
    pages: list[Page]
    summaries: list[Summary]
    skipped: dict[str, str] = field(default_factory=dict)  # extractor -> why
    environment: dict[str, Any] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        """The raw size of all pages."""
        return sum(len(page.data) for page in self.pages)

    def summary(self, name: str) -> Summary | None:
        """The figures of one extractor, if it ran."""
        return next((s for s in self.summaries if s.name == name), None)


def environment() -> dict[str, Any]:
    """What the figures were measured on."""
    try:
        load: list[float] | None = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": load,
        "command": " ".join(sys.argv),
    }


def load_extractors(names: Sequence[str]) -> tuple[list[Extractor], dict[str, str]]:
    """Set up the named extractors (the baseline parse is added last); the missing ones are
    returned with the reason, not raised."""
    extractors: list[Extractor] = []
    skipped: dict[str, str] = {}
    for name in [*[n for n in names if n != BASELINE], BASELINE]:
        try:
            with warnings.catch_warnings():  # import-time notices of optional features
                warnings.simplefilter("ignore")
                extractors.append(load_extractor(name))
        except ExtractorUnavailableError as exc:
            skipped[name] = str(exc)
    return extractors, skipped


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Dataset folders from the paths given: a folder whose sub-folders are all benchmark
    layouts (like ``../shared/datasets``) stands for those sub-folders.

    A plain folder of pages stays as it is.
    """
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and detect_layout(path) == "plain":
            subs = sorted(p for p in path.iterdir() if p.is_dir())
            if subs and all(detect_layout(p) != "plain" for p in subs):
                folders.extend(subs)
                continue
        folders.append(path)
    return folders


def bench_folder(
    folder: str | Path,
    extractors: Sequence[Extractor],
    *,
    runs: int = 1,
    warmup: int = 3,
    input_mode: InputMode = "str",
    limit: int | None = None,
    skipped: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> DatasetReport:
    """Benchmark ``extractors`` on the pages of one folder (any layout).

    Raises:
        DatasetError: the folder is missing, not a layout, or holds no pages.
    """
    folder = Path(folder)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    env = environment()
    layout, page_iter = load_dataset(folder)
    pages = list(itertools.islice(page_iter, limit))
    if not pages:
        raise DatasetError(f"{folder}: no pages found (.html, .htm, .txt, .xhtml, maybe .gz)")
    runs_done = run_extractors(
        pages, extractors, runs=runs, warmup=warmup, input_mode=input_mode, progress=progress
    )
    return DatasetReport(
        name=folder.resolve().name,
        path=str(folder),
        layout=layout,
        metric=METRIC_OF_LAYOUT[layout],
        date=started.isoformat(),
        input_mode=input_mode,
        runs=runs,
        warmup=min(warmup, len(pages)),
        pages=pages,
        summaries=summarize(pages, layout, runs_done, baseline=BASELINE),
        skipped=dict(skipped or {}),
        environment=env,
    )

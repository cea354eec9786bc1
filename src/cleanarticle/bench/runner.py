"""Run extractors side by side on the same pages, interleaved page by page, and time them.

Method:

* **Same input.** Each page is prepared once, before any timing: with ``input_mode="str"``
  (the default) its bytes are decoded by :func:`cleanarticle.input.decode.decode` and every
  extractor, cleanarticle included, gets that same ``str``; with ``"bytes"`` every extractor
  gets the raw bytes and decodes them itself (see :mod:`cleanarticle.bench.adapters`).
* **Warm-up.** Every extractor first runs, untimed, on the first ``warmup`` pages (imports,
  caches, rule loading and lazy set-up are not charged to the first timed page).
* **Interleaved.** Page by page, every extractor runs on the page before the next page is
  taken, so that drift on a shared machine hits all alike; the order of the extractors rotates
  from page to page so that none always runs first (cold caches) or last.
* **Per-page times.** ``time.perf_counter_ns`` around the whole call (for cleanarticle the
  whole ``extract()``). With ``runs > 1`` the timed pass is repeated and each page keeps its
  fastest time (the least disturbed measurement); outputs come from the first timed pass.
* **Errors.** An exception on a page counts one error and an empty output for that page.
"""

from __future__ import annotations

import contextlib
import logging
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cleanarticle.bench.adapters import Extractor, PageInput
from cleanarticle.bench.datasets import Page
from cleanarticle.errors import CleanArticleError
from cleanarticle.input.decode import decode

__all__ = ["ExtractorRun", "InputMode", "Progress", "prepare_input", "run_extractors"]

InputMode = Literal["str", "bytes"]
#: Called after each timed page with (pages done, pages in all, run number from 1).
Progress = Callable[[int, int, int], None]
_MAX_ERROR_CHARS = 300


@dataclass(slots=True)
class ExtractorRun:
    """One extractor's per-page results, in page order."""

    extractor: Extractor
    times_ns: list[int] = field(default_factory=list)  # fastest over the runs
    outputs: list[str] = field(default_factory=list)  # from the first timed run
    errors: list[str | None] = field(default_factory=list)  # "Type: message" or None

    @property
    def name(self) -> str:
        """The extractor's name."""
        return self.extractor.name


def prepare_input(page: Page, mode: InputMode) -> PageInput:
    """The input every extractor gets for ``page``: decoded text, or the raw bytes."""
    if mode == "bytes":
        return page.data
    try:
        return decode(page.data)[0]
    except CleanArticleError:  # e.g. above the decoder's size bound: decode plainly
        return page.data.decode("utf-8", "replace")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence the extractors' warnings and log records while they are timed."""
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


def _call(extractor: Extractor, page: PageInput, url: str | None) -> tuple[int, str, str | None]:
    start = time.perf_counter_ns()
    try:
        text = extractor.extract(page, url)
        error = None
    except Exception as exc:  # any failure of a third-party extractor counts, as an error
        text, error = "", f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_CHARS]
    elapsed = time.perf_counter_ns() - start
    return elapsed, text if isinstance(text, str) else "", error


def run_extractors(
    pages: Sequence[Page],
    extractors: Sequence[Extractor],
    *,
    runs: int = 1,
    warmup: int = 3,
    input_mode: InputMode = "str",
    progress: Progress | None = None,
) -> list[ExtractorRun]:
    """Run every extractor on every page, interleaved, and return their per-page results.

    Raises:
        ValueError: ``runs`` is below 1 or ``warmup`` is negative.
    """
    if runs < 1:
        raise ValueError(f"runs must be at least 1, not {runs}")
    if warmup < 0:
        raise ValueError(f"warmup cannot be negative ({warmup})")
    inputs = [prepare_input(page, input_mode) for page in pages]
    results = [ExtractorRun(extractor) for extractor in extractors]
    count = len(results)
    with _quiet():
        for page, data in zip(pages[:warmup], inputs[:warmup], strict=True):
            for result in results:
                _call(result.extractor, data, page.url)
        for run in range(runs):
            for index, (page, data) in enumerate(zip(pages, inputs, strict=True)):
                shift = (index + run) % count if count else 0
                for result in results[shift:] + results[:shift]:
                    elapsed, text, error = _call(result.extractor, data, page.url)
                    if run == 0:
                        result.times_ns.append(elapsed)
                        result.outputs.append(text)
                        result.errors.append(error)
                    else:
                        result.times_ns[index] = min(result.times_ns[index], elapsed)
                if progress is not None:
                    progress(index + 1, len(pages), run + 1)
    return results

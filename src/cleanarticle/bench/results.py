"""From per-page runs to figures: speed, the dataset's own accuracy metric, the worst pages.

Speed figures of an extractor over a dataset: pages/s and MB/s over the sum of its per-page
times (MB of the raw page bytes, 10^6 bytes), the median and 95th percentile (nearest rank)
of its per-page milliseconds, and its total time as a multiple of the reference extractor's
(cleanarticle when it ran) and of the bare parse's: ``time_vs_reference = 8.0`` means eight
times as long as cleanarticle on the same pages.

Accuracy, by layout (see :mod:`cleanarticle.bench.metrics`): ``scrapinghub`` the shingle
metric against the true body, ``trafilatura`` the with/without snippets, ``wcxb`` the mean
per-page word F1 against the true main content (also per page type), ``readability`` the
shingle metric against Readability.js's own output (agreement with it, not truth), ``plain``
none. Each page also gets a score for finding the worst pages: its shingle F1, or the share of
its snippets judged right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleanarticle.bench.adapters import html_to_text
from cleanarticle.bench.datasets import Layout, Page
from cleanarticle.bench.metrics import ShingleScore, SnippetScore, WordScore
from cleanarticle.bench.runner import ExtractorRun

__all__ = ["METRIC_OF_LAYOUT", "Accuracy", "Summary", "percentile", "summarize"]

#: The accuracy metric of each layout (None: speed only).
METRIC_OF_LAYOUT: dict[str, str | None] = {
    "scrapinghub": "shingles",
    "trafilatura": "snippets",
    "wcxb": "words",
    "readability": "readability-agreement",
    "plain": None,
}


@dataclass(slots=True)
class Accuracy:
    """An extractor's accuracy on a dataset, in the dataset's own metric."""

    metric: str
    f1: float
    precision: float
    recall: float
    accuracy: float  # exact bodies (shingles), snippets judged right (snippets), or the
    # share of the 'with' snippets found (words)
    page_scores: list[float]  # per page, in page order: higher is better
    by_type: dict[str, float] = field(default_factory=dict)  # words: mean F1 per page type


@dataclass(slots=True)
class Summary:
    """One extractor's figures over a dataset."""

    name: str
    version: str
    scored: bool
    pages: int
    total_bytes: int
    total_s: float
    pages_per_s: float
    mb_per_s: float
    median_ms: float
    p95_ms: float
    errors: int
    empty: int
    time_vs_reference: float | None = None
    time_vs_parse: float | None = None
    accuracy: Accuracy | None = None
    times_ms: list[float] = field(default_factory=list)
    error_messages: list[str | None] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  # the extracted text of each page

    def worst_pages(self, count: int) -> list[int]:
        """Indexes of the ``count`` lowest-scoring pages (the slowest without accuracy)."""
        indexes = range(self.pages)
        if self.accuracy is not None:
            scores = self.accuracy.page_scores
            ranked = sorted(indexes, key=lambda i: (scores[i], -self.times_ms[i]))
            return [i for i in ranked[:count] if scores[i] < 1.0]
        return self.slowest_pages(count)

    def slowest_pages(self, count: int) -> list[int]:
        """Indexes of the ``count`` slowest pages."""
        return sorted(range(self.pages), key=lambda i: -self.times_ms[i])[:count]


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``; 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def _truth_text(page: Page, layout: Layout) -> str:
    if layout == "readability":
        return html_to_text(str(page.meta.get("expected_html", "")))
    return page.body or ""


def _accuracy(pages: Sequence[Page], layout: Layout, outputs: Sequence[str]) -> Accuracy | None:
    metric = METRIC_OF_LAYOUT[layout]
    if metric is None:
        return None
    if metric == "snippets":
        snippets = SnippetScore()
        page_scores = []
        for page, text in zip(pages, outputs, strict=True):
            tp, fn, fp, tn = snippets.add(text, page.with_snippets, page.without_snippets)
            total = tp + fn + fp + tn
            page_scores.append((tp + tn) / total if total else 1.0)
        return Accuracy(
            metric,
            snippets.f1,
            snippets.precision,
            snippets.recall,
            snippets.accuracy,
            page_scores,
        )
    if metric == "words":
        return _word_accuracy(pages, outputs)
    shingles = ShingleScore()
    page_scores = [
        shingles.add(page.id, text, _truth_text(page, layout)).f1
        for page, text in zip(pages, outputs, strict=True)
    ]
    return Accuracy(
        metric,
        shingles.f1,
        shingles.precision,
        shingles.recall,
        shingles.accuracy,
        page_scores,
    )


def _word_accuracy(pages: Sequence[Page], outputs: Sequence[str]) -> Accuracy:
    words = WordScore()
    found = total = 0
    page_scores = []
    for page, text in zip(pages, outputs, strict=True):
        kind = str(page.meta.get("page_type") or "unknown")
        page_scores.append(words.add(page.id, kind, text, page.body or ""))
        folded = " ".join(text.split()).casefold()
        for snippet in page.with_snippets:
            total += 1
            found += " ".join(snippet.split()).casefold() in folded
    return Accuracy(
        "words",
        words.f1,
        words.precision,
        words.recall,
        found / total if total else 0.0,
        page_scores,
        {kind: f1 for kind, (_count, f1) in words.by_type().items()},
    )


def summarize(
    pages: Sequence[Page],
    layout: Layout,
    runs: Sequence[ExtractorRun],
    *,
    reference: str = "cleanarticle",
    baseline: str = "parse",
) -> list[Summary]:
    """The figures of each run, in the order given, with time ratios filled in."""
    total_bytes = sum(len(page.data) for page in pages)
    summaries: list[Summary] = []
    for run in runs:
        times_ms = [t / 1e6 for t in run.times_ns]
        total_s = sum(run.times_ns) / 1e9
        scored = run.extractor.scored
        summaries.append(
            Summary(
                name=run.name,
                version=run.extractor.version,
                scored=scored,
                pages=len(pages),
                total_bytes=total_bytes,
                total_s=total_s,
                pages_per_s=len(pages) / total_s if total_s else 0.0,
                mb_per_s=total_bytes / 1e6 / total_s if total_s else 0.0,
                median_ms=percentile(times_ms, 0.5),
                p95_ms=percentile(times_ms, 0.95),
                errors=sum(e is not None for e in run.errors),
                empty=sum(not text.strip() for text in run.outputs) if scored else 0,
                accuracy=_accuracy(pages, layout, run.outputs) if scored else None,
                times_ms=times_ms,
                error_messages=list(run.errors),
                outputs=list(run.outputs),
            )
        )
    by_name = {s.name: s for s in summaries}
    ref = by_name.get(reference) or next((s for s in summaries if s.scored), None)
    base = by_name.get(baseline)
    for summary in summaries:
        if ref is not None and ref.total_s:
            summary.time_vs_reference = summary.total_s / ref.total_s
        if base is not None and base.total_s:
            summary.time_vs_parse = summary.total_s / base.total_s
    return summaries


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The figures of a summary as plain data (no per-page lists)."""
    acc = summary.accuracy
    return {
        "name": summary.name,
        "version": summary.version,
        "pages": summary.pages,
        "total_s": round(summary.total_s, 4),
        "pages_per_s": round(summary.pages_per_s, 2),
        "mb_per_s": round(summary.mb_per_s, 3),
        "median_ms": round(summary.median_ms, 3),
        "p95_ms": round(summary.p95_ms, 3),
        "errors": summary.errors,
        "empty": summary.empty,
        "time_vs_reference": _round(summary.time_vs_reference, 3),
        "time_vs_parse": _round(summary.time_vs_parse, 2),
        "metric": acc.metric if acc else None,
        "f1": _round(acc.f1 if acc else None, 4),
        "precision": _round(acc.precision if acc else None, 4),
        "recall": _round(acc.recall if acc else None, 4),
        "accuracy": _round(acc.accuracy if acc else None, 4),
        "by_type": {k: round(v, 4) for k, v in acc.by_type.items()} if acc else {},
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)

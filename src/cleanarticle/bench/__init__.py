"""Benchmarking: extractors side by side on the same pages, speed and the benchmarks' metrics.

Layers: ``datasets`` (loaders for the public benchmark layouts and plain folders),
``metrics`` (the benchmarks' own metrics), ``adapters`` (each extractor by name, called as its
users call it), ``runner`` (interleaved, warmed-up, per-page timing), ``results`` (figures,
ratios, worst pages), ``suite`` (one dataset folder end to end), ``report`` and ``chart``
(table, JSON, Markdown, PNG), ``command`` (``cleanarticle bench``). Used by ``benchmarks/``
and the command line; nothing here is imported by :func:`cleanarticle.extract`.

>>> from cleanarticle.bench import bench_folder, format_table, load_extractors
>>> extractors, skipped = load_extractors(["cleanarticle", "trafilatura"])
>>> print(format_table(bench_folder("../shared/datasets/scrapinghub", extractors)))  # doctest: +SKIP
"""

from cleanarticle.bench.adapters import (
    Extractor,
    ExtractorUnavailableError,
    load_extractor,
    resolve_names,
)
from cleanarticle.bench.datasets import (
    DatasetError,
    Page,
    detect_layout,
    load_dataset,
    load_plain_folder,
    load_readability,
    load_scrapinghub,
    load_trafilatura,
    load_wcxb,
)
from cleanarticle.bench.metrics import (
    ShingleScore,
    SnippetScore,
    WordScore,
    shingle_score,
    snippet_score,
    tokens,
    word_f1,
)
from cleanarticle.bench.report import format_table, to_json, to_markdown
from cleanarticle.bench.results import Summary, summarize
from cleanarticle.bench.runner import ExtractorRun, run_extractors
from cleanarticle.bench.suite import DatasetReport, bench_folder, load_extractors

__all__ = [
    "DatasetError",
    "DatasetReport",
    "Extractor",
    "ExtractorRun",
    "ExtractorUnavailableError",
    "Page",
    "ShingleScore",
    "SnippetScore",
    "Summary",
    "WordScore",
    "bench_folder",
    "detect_layout",
    "format_table",
    "load_dataset",
    "load_extractor",
    "load_extractors",
    "load_plain_folder",
    "load_readability",
    "load_scrapinghub",
    "load_trafilatura",
    "load_wcxb",
    "resolve_names",
    "run_extractors",
    "shingle_score",
    "snippet_score",
    "summarize",
    "to_json",
    "to_markdown",
    "tokens",
    "word_f1",
]

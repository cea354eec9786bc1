"""Benchmarking support: dataset loaders and the public benchmarks' own metrics.

Used by ``benchmarks/`` (the engine's figures) and by ``cleanarticle bench``. Nothing here is
imported by :func:`cleanarticle.extract`.
"""

from cleanarticle.bench.datasets import (
    DatasetError,
    Page,
    detect_layout,
    load_dataset,
    load_plain_folder,
    load_readability,
    load_scrapinghub,
    load_trafilatura,
)
from cleanarticle.bench.metrics import (
    ShingleScore,
    SnippetScore,
    shingle_score,
    snippet_score,
    tokens,
)

__all__ = [
    "DatasetError",
    "Page",
    "ShingleScore",
    "SnippetScore",
    "detect_layout",
    "load_dataset",
    "load_plain_folder",
    "load_readability",
    "load_scrapinghub",
    "load_trafilatura",
    "shingle_score",
    "snippet_score",
    "tokens",
]

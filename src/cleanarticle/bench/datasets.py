"""Loaders for the public benchmark layouts and for plain folders of pages.

Layouts (see ``../shared/datasets/README.md`` for their origin and licences):

``scrapinghub``
    ``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {"articleBody", "url"}}``).
``trafilatura``
    ``html/<name>.html.gz`` and ``evaldata.json`` (``{url: {"file", "with", "without",
    "title", "author", "date", ...}}``).
``wcxb``
    ``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {"url", "page_type", "title",
    "author", "publish_date", "main_content", "with", "without"}}``): WCXB, seven page types.
``readability``
    ``pages/<slug>/{source.html.gz, expected.html.gz, expected-metadata.json}``.
``plain``
    any folder of ``.html``/``.htm``/``.txt`` files, optionally ``.gz`` (speed only).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "DatasetError",
    "Layout",
    "Page",
    "default_datasets",
    "detect_layout",
    "load_dataset",
    "load_plain_folder",
    "load_readability",
    "load_scrapinghub",
    "load_trafilatura",
    "load_wcxb",
]

Layout = Literal["scrapinghub", "trafilatura", "wcxb", "readability", "plain"]


def default_datasets(checkout: Path) -> Path:
    """``../shared/datasets`` beside a checkout: the nearest ``shared/datasets`` folder in
    the checkout's parents (so that a git worktree nested deeper finds it too), else the one
    beside the checkout, which may not exist."""
    for parent in checkout.parents:
        candidate = parent / "shared" / "datasets"
        if candidate.is_dir():
            return candidate
    return checkout.parent / "shared" / "datasets"


_PAGE_SUFFIXES = (".html", ".htm", ".txt", ".xhtml")


class DatasetError(ValueError):
    """A dataset folder is missing or not in a layout cleanarticle knows."""


@dataclass(slots=True)
class Page:
    """One benchmark page: its raw bytes and whatever ground truth the layout gives."""

    id: str
    data: bytes
    url: str | None = None
    body: str | None = None  # scrapinghub, wcxb: the true main content
    with_snippets: list[str] = field(default_factory=list)  # trafilatura: must appear
    without_snippets: list[str] = field(default_factory=list)  # trafilatura: must not appear
    meta: dict[str, Any] = field(default_factory=dict)  # title, author, date, ...


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def detect_layout(folder: str | Path) -> Layout:
    """Which layout a folder is in (raises DatasetError if it is not a folder)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError(f"{folder}: not a folder")
    if (folder / "ground-truth.json").is_file() and (folder / "html").is_dir():
        return "wcxb" if _is_wcxb(folder / "ground-truth.json") else "scrapinghub"
    if (folder / "evaldata.json").is_file() and (folder / "html").is_dir():
        return "trafilatura"
    if (folder / "pages").is_dir() and any((folder / "pages").glob("*/source.html*")):
        return "readability"
    return "plain"


def _is_wcxb(truth: Path) -> bool:
    """WCXB's ground truth names a page type and a ``main_content`` (ScrapingHub's an
    ``articleBody``): the first entry tells, read from the file's first kilobytes."""
    with truth.open("rb") as handle:
        head = handle.read(65536)
    return b'"main_content"' in head or b'"page_type"' in head


def load_scrapinghub(folder: str | Path) -> Iterator[Page]:
    """ScrapingHub's article-extraction-benchmark layout, in id order."""
    folder = Path(folder)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        entry = truth[page_id]
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            path = folder / "html" / f"{page_id}.html"
        yield Page(page_id, _read(path), url=entry.get("url"), body=entry.get("articleBody", ""))


def load_trafilatura(folder: str | Path) -> Iterator[Page]:
    """trafilatura's evaldata layout, in file-name order."""
    folder = Path(folder)
    evaldata = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    entries = sorted(evaldata.items(), key=lambda kv: kv[1]["file"])
    for url, entry in entries:
        path = folder / "html" / entry["file"]
        if not path.is_file():
            continue
        meta = {k: v for k, v in entry.items() if k not in ("file", "with", "without")}
        yield Page(
            entry["file"].split(".")[0],
            _read(path),
            url=url,
            with_snippets=list(entry.get("with") or []),
            without_snippets=list(entry.get("without") or []),
            meta=meta,
        )


def load_wcxb(folder: str | Path) -> Iterator[Page]:
    """WCXB's layout, in id order: ``body`` is the page's ``main_content``; ``meta`` holds
    ``page_type``, ``title``, ``author`` and ``date`` (``publish_date``), each maybe None."""
    folder = Path(folder)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        entry = truth[page_id]
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            path = folder / "html" / f"{page_id}.html"
            if not path.is_file():
                continue
        meta = {
            "page_type": entry.get("page_type"),
            "title": entry.get("title"),
            "author": entry.get("author"),
            "date": entry.get("publish_date"),
        }
        yield Page(
            page_id,
            _read(path),
            url=entry.get("url"),
            body=entry.get("main_content") or "",
            with_snippets=list(entry.get("with") or []),
            without_snippets=list(entry.get("without") or []),
            meta=meta,
        )


def load_readability(folder: str | Path) -> Iterator[Page]:
    """Mozilla Readability's test pages: expected body HTML and metadata in ``meta``."""
    folder = Path(folder) / "pages"
    for page_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        source = next(iter(sorted(page_dir.glob("source.html*"))), None)
        if source is None:
            continue
        meta: dict[str, Any] = {}
        meta_path = page_dir / "expected-metadata.json"
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = next(iter(sorted(page_dir.glob("expected.html*"))), None)
        if expected is not None:
            meta["expected_html"] = _read(expected).decode("utf-8", "replace")
        yield Page(page_dir.name, _read(source), meta=meta)


def load_plain_folder(folder: str | Path) -> Iterator[Page]:
    """Every page file under a folder (recursively), in path order; no ground truth."""
    folder = Path(folder)
    for path in sorted(folder.rglob("*")):
        name = path.name.removesuffix(".gz")
        if path.is_file() and name.endswith(_PAGE_SUFFIXES):
            yield Page(str(path.relative_to(folder)), _read(path))


def load_dataset(folder: str | Path) -> tuple[Layout, Iterator[Page]]:
    """Detect a folder's layout and load it."""
    layout = detect_layout(folder)
    loaders = {
        "scrapinghub": load_scrapinghub,
        "trafilatura": load_trafilatura,
        "wcxb": load_wcxb,
        "readability": load_readability,
        "plain": load_plain_folder,
    }
    return layout, loaders[layout](folder)

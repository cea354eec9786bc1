"""What batch cleaning produces for each document: a :class:`Result`, and its output record.

A record is one JSON object a document: ``source`` (which names the document uniquely),
``id`` when the input gave one, then either the article (the :meth:`Article.to_dict` fields),
or ``error`` (``{"type": ..., "message": ...}``, ``url`` kept when known), or, in a batch
that keeps only some page types (``--page-types``), ``skipped`` for a page of another type,
in the same shape as an error, with the page's ``pageType``::

    {"source": "dump.warc.gz#urn:uuid:…", "headline": "…", "publisher": "…", …}
    {"source": "pages.jsonl:17", "id": "a17", "error": {"type": "NoContentError", "message": "…"}}
    {"source": "shop.html", "pageType": "product",
     "skipped": {"type": "PageTypeSkipped", "message": "the page is of type product, not article"}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cleanarticle.errors import CleanArticleError
from cleanarticle.model import Article

__all__ = ["ErrorInfo", "Line", "Result", "to_line"]


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why a document failed: the error's class name (a :class:`CleanArticleError`
    subclass) and its message."""

    type: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> ErrorInfo:
        """Describe an exception; one that is not a CleanArticleError is an ``InternalError``
        whose message keeps the original type."""
        if isinstance(exc, CleanArticleError):
            return cls(type(exc).__name__, str(exc) or type(exc).__name__)
        if isinstance(exc, MemoryError):
            return cls("ResourceLimitError", "ran out of memory while cleaning the document")
        return cls("InternalError", f"{type(exc).__name__}: {exc}")

    def to_dict(self) -> dict[str, str]:
        """``{"type": ..., "message": ...}``."""
        return {"type": self.type, "message": self.message}


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of cleaning one document: the article, the error that stopped it, or, in
    a batch that keeps only some page types, the type of a page it skipped (``skipped``)."""

    source: str
    article: Article | None = None
    error: ErrorInfo | None = None
    id: str | None = None
    url: str | None = None
    skipped: str | None = None  # the page type of a page skipped by a page-type filter
    skip_reason: str | None = None

    @property
    def ok(self) -> bool:
        """True when the document gave an article."""
        return self.article is not None

    def to_record(self) -> dict[str, Any]:
        """The output record: ``source``, ``id`` if any, then the article or the error."""
        record: dict[str, Any] = {"source": self.source}
        if self.id is not None:
            record["id"] = self.id
        if self.article is not None:
            record.update(self.article.to_dict())
        elif self.skipped is not None and self.error is None:
            if self.url is not None:
                record["url"] = self.url
            record["pageType"] = self.skipped
            message = self.skip_reason or f"the page is of type {self.skipped}"
            record["skipped"] = {"type": "PageTypeSkipped", "message": message}
        else:
            if self.url is not None:
                record["url"] = self.url
            error = self.error or ErrorInfo("InternalError", "no article and no error")
            record["error"] = error.to_dict()
        return record

    def to_json_line(self) -> bytes:
        """The record as one line of UTF-8 JSON, newline included."""
        return _dumps_line(self.to_record())


@dataclass(frozen=True, slots=True)
class Line:
    """A record already serialised (by the worker), with what the summary needs to know."""

    source: str
    error_type: str | None
    data: bytes
    skipped_type: str | None = None  # the page type of a skipped page


def to_line(result: Result) -> Line:
    """Serialise a result for a JSONL / Parquet sink (done in the worker, not the parent)."""
    error = result.error.type if result.error else None
    skipped = result.skipped if result.article is None and error is None else None
    return Line(result.source, error, result.to_json_line(), skipped)


def _dumps_line(record: dict[str, Any]) -> bytes:
    try:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a JSON input or a file name)
        return (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")

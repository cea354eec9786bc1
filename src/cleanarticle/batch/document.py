"""One document of a batch: where it comes from, and how to read it.

Reading is deferred to the worker that cleans it: a page file travels as its path, a JSONL
line as its raw bytes, so the process that enumerates a dump does little more than list it.
A document that could not even be enumerated (a missing path, a broken WARC record) carries
the error instead, and becomes an error record like any failure.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from typing import Any

from cleanarticle.batch.files import open_regular
from cleanarticle.batch.records import ErrorInfo
from cleanarticle.errors import InputReadError, InputTooLargeError

__all__ = ["Document"]


@dataclass(frozen=True, slots=True)
class Document:
    """A page to clean, named by a ``source`` unique within the batch.

    Exactly one of ``data`` (the page itself), ``path`` (a page file, read when cleaned),
    ``line`` (a raw JSONL line: an object with ``html`` and optional ``url`` / ``id``) or
    ``error`` (the document could not be read) is set.
    """

    source: str
    data: bytes | str | None = None
    path: str | None = None
    line: bytes | None = None
    url: str | None = None
    encoding: str | None = None
    id: str | None = None
    error: ErrorInfo | None = None

    def load(self, max_bytes: int) -> Document:
        """The document with its page in ``data`` (the file read, the JSONL line parsed), or
        with ``error`` set when it cannot be read; ``url`` and ``id`` are filled from a line.
        Files larger than ``max_bytes`` are not read (:class:`InputTooLargeError`)."""
        if self.data is not None or self.error is not None:
            return self
        try:
            if self.path is not None:
                return replace(self, data=_read_file(self.path, max_bytes), path=None)
            if self.line is not None:
                return _parse_line(self, self.line)
            raise InputReadError("the document has no content")
        except (InputReadError, InputTooLargeError) as exc:
            return replace(self, path=None, line=None, error=ErrorInfo.of(exc))


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputTooLargeError(
                    f"file is {size:,} bytes, above the limit of {max_bytes:,}"
                )
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputReadError(f"cannot read the file: {exc.strerror or exc}") from exc


def _parse_line(doc: Document, line: bytes) -> Document:
    try:
        obj: Any = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise InputReadError(f"the line is not valid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise InputReadError(f"the line is a JSON {type(obj).__name__}, not an object")
    url, ident = obj.get("url"), obj.get("id")
    doc = replace(
        doc,
        line=None,
        url=url if isinstance(url, str) else None,
        id=_ident(ident),
    )
    html = obj.get("html")
    if isinstance(html, str):
        return replace(doc, data=html)
    found = "no 'html' field" if html is None else f"an 'html' {type(html).__name__}"
    return replace(doc, error=ErrorInfo("InputReadError", f"the object has {found}, not a string"))


def _ident(value: Any) -> str | None:
    """A JSONL ``id`` as a string: strings as they are, numbers and booleans as JSON."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return value if isinstance(value, str) else json.dumps(value)

"""WARC input (the ``warc`` extra, warcio): one document per ``response`` record.

The source of a record is ``path#record-id`` (``path#offset=N`` for a record without an id,
``path#id@offset=N`` for an id seen twice in the file). The page is the HTTP payload, with
chunked transfer and content encodings undone; the charset comes from the HTTP
``Content-Type``. A response that is not text (an image, a PDF) is an ``InputError`` record.
A broken record is an ``InputReadError`` record and ends the reading of that file: after
it, record boundaries cannot be trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from email.message import Message
from typing import Any

from cleanarticle.batch.document import Document
from cleanarticle.batch.files import open_regular
from cleanarticle.batch.records import ErrorInfo

__all__ = ["charset_of", "is_text_type", "warc_documents"]

#: Media types read as pages besides ``text/*``.
TEXT_TYPES = frozenset({"application/xhtml+xml", "application/xml", "application/html"})
MAX_MESSAGE = 160
#: Raw bytes of a record read for its page: twice the page size limit (chunk headers,
#: incompressible content-encoded bodies) plus a megabyte.
PAYLOAD_FACTOR, PAYLOAD_SLACK = 2, 1 << 20
INSTALL_HINT = "reading WARC files needs the warc extra: pip install 'cleanarticle[warc]'"


def warc_documents(
    path: str, max_bytes: int, tell: Callable[[int], None] | None = None
) -> Iterator[Document]:
    """The response records of a WARC file (``.warc`` or ``.warc.gz``) as documents."""
    try:
        from cleanarticle.batch.warcstream import BoundedArchiveIterator  # noqa: PLC0415
    except ImportError:  # warcio is an optional extra
        yield Document(path, error=ErrorInfo("InputReadError", INSTALL_HINT))
        return
    try:
        fh = open_regular(path)
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}"
        yield Document(path, error=ErrorInfo("InputReadError", message))
        return
    seen: set[str] = set()
    with fh:
        records = BoundedArchiveIterator(fh)
        end = 0  # where the last record read ends
        while True:
            try:
                record: Any = next(records)
                if record.rec_type != "response":
                    end = records.get_record_offset() + records.get_record_length()
                    continue
                doc = _read_record(record, max_bytes)  # first: warcio's offsets read to the end
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
            except StopIteration:
                break
            except Exception as exc:  # warcio raises many kinds on bad input
                yield _broken(path, end, f"a record cannot be parsed: {_describe(exc)}")
                return
            doc = replace(doc, source=_source(path, record, seen, offset))
            if tell is not None:
                tell(fh.tell())
            yield doc
            if doc.error is not None and doc.error.type == "InputReadError":
                return
        tail = fh.seek(0, 2) - end
        fh.seek(end)
        if tail > 0 and fh.read(64).strip():
            yield _broken(path, end, f"the last {tail:,} bytes are not a whole record (truncated?)")


def _broken(path: str, offset: int, message: str) -> Document:
    error = ErrorInfo("InputReadError", f"the WARC file is broken at byte {offset:,}: {message}")
    return Document(f"{path}#offset={offset}", error=error)


def _source(path: str, record: Any, seen: set[str], offset: int) -> str:
    rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    if not rid:
        return f"{path}#offset={offset}"
    if rid in seen:
        return f"{path}#{rid}@offset={offset}"
    seen.add(rid)
    return f"{path}#{rid}"


def _read_record(record: Any, max_bytes: int) -> Document:
    """The record's page (``source`` left empty), or the reason it cannot be read."""
    from cleanarticle.batch.warcstream import Budget, WarcBoundError  # noqa: PLC0415 - warcio

    source = ""
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if not is_text_type(content_type):
        mime = (content_type or "").split(";")[0].strip()
        message = f"not a page: the response is {mime}"
        return Document(source, url=url, error=ErrorInfo("InputError", message))
    raw = record.raw_stream
    record.raw_stream = Budget(raw, PAYLOAD_FACTOR * max_bytes + PAYLOAD_SLACK)
    try:
        data = record.content_stream().read(max_bytes + 1)
    except WarcBoundError:  # a chunk or a compressed body far above the limit
        message = f"the page is above the limit of {max_bytes:,} bytes"
        return Document(source, url=url, error=ErrorInfo("InputTooLargeError", message))
    except Exception as exc:  # truncated gzip, bad chunking, brotli missing, ...
        message = f"the record cannot be read: {_describe(exc)}"
        return Document(source, url=url, error=ErrorInfo("InputReadError", message))
    finally:
        record.raw_stream = raw  # warcio reads the rest of the record through it
    if len(data) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
        message = "the record is truncated: the file ends inside it"
        return Document(source, url=url, error=ErrorInfo("InputReadError", message))
    if len(data) > max_bytes:
        message = f"the page is above the limit of {max_bytes:,} bytes"
        return Document(source, url=url, error=ErrorInfo("InputTooLargeError", message))
    return Document(source, data=data, url=url, encoding=charset_of(content_type))


def is_text_type(content_type: str | None) -> bool:
    """True for a missing or empty Content-Type, ``text/*`` and the XML/XHTML types."""
    mime = (content_type or "").split(";")[0].strip().lower()
    return not mime or mime.startswith("text/") or mime in TEXT_TYPES or mime.endswith("+xml")


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    message = Message()
    message["Content-Type"] = content_type
    charset = message.get_param("charset")
    return charset.strip() or None if isinstance(charset, str) else None


def _describe(exc: BaseException) -> str:
    text = str(exc)[:MAX_MESSAGE].strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

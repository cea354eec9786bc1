"""The exceptions cleanarticle raises.

Every error that leaves the public API derives from :class:`CleanArticleError`, so a caller
needs one ``except`` clause to be safe::

    CleanArticleError
     ├── InputError            the input cannot be read as a page
     │    ├── EmptyInputError  nothing (or only white space / markup) was given
     │    ├── InputTooLargeError  the input is above Options.max_input_bytes
     │    ├── BinaryInputError  the input is a binary file (a PDF, an image, an archive, ...)
     │    ├── InputReadError   batch: a file, archive record or JSONL line cannot be read
     │    └── FetchError       a URL cannot be fetched (no answer, HTTP error, not a page)
     ├── NoContentError        the page was read, but no article body was found in it
     ├── ResourceLimitError    a time or memory bound set in Options was exceeded
     │    └── DocumentTimeoutError  batch: a document ran past the per-document timeout
     ├── WorkerCrashedError    batch: the worker process died while cleaning the document
     ├── InternalError         an unexpected exception (a bug), type and message kept
     ├── OutputError           batch: the output cannot be written, locked or resumed
     ├── PageTypeSkipped       batch: the page is of a type not asked for (--page-types)
     └── RulesError            a rule / profile file is malformed (names the file and line)

Each exception carries a human-readable message; none is ever replaced by a ``None`` return.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "CleanArticleError",
    "DocumentTimeoutError",
    "EmptyInputError",
    "FetchError",
    "InputError",
    "InputReadError",
    "InputTooLargeError",
    "InternalError",
    "NoContentError",
    "OutputError",
    "PageTypeSkipped",
    "ResourceLimitError",
    "RulesError",
    "WorkerCrashedError",
]


class CleanArticleError(Exception):
    """Base class of every error raised by cleanarticle."""


class InputError(CleanArticleError, ValueError):
    """The input is not something cleanarticle can read (wrong type, undecodable, ...)."""


class EmptyInputError(InputError):
    """The input is empty, or holds no text at all once markup is removed."""


class InputTooLargeError(InputError):
    """The input is larger than the configured ``Options.max_input_bytes``."""


class BinaryInputError(InputError):
    """The input is not text: a known binary format (a PDF, an image, an archive, an
    executable) or data with too many control bytes to be a page in any encoding.

    Attributes:
        found: what was found, in words (``"a PDF document"``, ``"binary data"``).
    """

    def __init__(self, message: str, *, found: str = "binary data") -> None:
        super().__init__(message)
        self.found = found

    def __reduce__(self) -> tuple[type[BinaryInputError], tuple[str], dict[str, str]]:
        return BinaryInputError, (str(self),), {"found": self.found}


class NoContentError(CleanArticleError):
    """The page was parsed, but no article body could be found in it."""


class ResourceLimitError(CleanArticleError):
    """Extraction exceeded a configured bound (``Options.timeout``, nesting depth, ...)."""


class InputReadError(InputError):
    """Batch cleaning: a document could not be read (an I/O error, a broken WARC record, a
    malformed JSONL line, a missing input path)."""


class FetchError(InputError):
    """A page could not be fetched from its URL: not an http(s) URL, the host cannot be
    reached, no answer in time, too many redirects, an HTTP error status, or a response that
    is not a page.

    Attributes:
        url: the URL asked for (``None`` when it was not even a string).
        status: the HTTP status of an error response, else ``None``.
    """

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status

    def __reduce__(self) -> tuple[object, ...]:
        return (_fetch_error, (str(self), self.url, self.status))


def _fetch_error(message: str, url: str | None, status: int | None) -> FetchError:
    """Rebuild a pickled :class:`FetchError` (its keyword arguments included)."""
    return FetchError(message, url=url, status=status)


class DocumentTimeoutError(ResourceLimitError):
    """Batch cleaning: a document ran past the per-document timeout and was stopped."""


class WorkerCrashedError(CleanArticleError):
    """Batch cleaning: the worker process died (killed, out of memory, ...) on the document."""


class InternalError(CleanArticleError):
    """An exception that is not a CleanArticleError was raised inside cleanarticle (a bug);
    the message keeps its type and text (and ``__cause__`` the exception itself), so that
    a caller (one bad page in a batch) is never stopped by anything else."""


class OutputError(CleanArticleError):
    """Batch cleaning: the output cannot be written (disk full, no permission), is in use by
    another batch, exists without ``--resume``, or is not a batch output."""


class PageTypeSkipped(CleanArticleError):  # noqa: N818 - a choice of the caller, not a failure
    """Batch cleaning with a page-type filter (``--page-types``): the page's type is not one
    of those asked for, so it was not cleaned further (a skipped record, not an error one).

    Attributes:
        page_type: the page's type (a :class:`cleanarticle.PageType` value).
    """

    def __init__(self, page_type: str, wanted: tuple[str, ...]) -> None:
        super().__init__(f"the page is of type {page_type}, not {' or '.join(wanted)}")
        self.page_type = page_type
        self.wanted = wanted


class RulesError(CleanArticleError):
    """A rules/profile file is malformed.

    Attributes:
        path: the file that failed to load (or ``"<builtin>"``).
        line: the 1-based line of the problem when known, else ``None``.
    """

    def __init__(self, message: str, *, path: str = "<rules>", line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line

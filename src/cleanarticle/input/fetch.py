"""Fetch pages over HTTP(S): :func:`extract_url`, ``cleanarticle extract URL`` and
``cleanarticle batch --urls FILE``.

One request per page with `httpx <https://www.python-httpx.org>`_: an honest ``User-Agent``
(:func:`user_agent`), redirects followed (at most :data:`MAX_REDIRECTS`), a bound on the
time (``timeout``) and on the size of the page (``max_bytes``, counted after the transfer's
compression is undone), and the charset of the response's ``Content-Type`` handed on to
:func:`cleanarticle.extract` as ``encoding``. Whatever goes wrong is a :class:`FetchError`
(an :class:`InputError`), or :class:`InputTooLargeError` for a page above ``max_bytes``.

:class:`HostPacer` spaces the requests made to one host (``batch --urls`` and ``extract``
with several URLs use it), so that a list of URLs never hammers a site.

httpx is imported on first use: ``import cleanarticle`` does not load it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cleanarticle.api import InputFormat, extract
from cleanarticle.errors import FetchError, InputTooLargeError
from cleanarticle.options import DEFAULTS, Options

if TYPE_CHECKING:
    import httpx

    from cleanarticle.model import Article
    from cleanarticle.rules import RuleSet

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_REDIRECTS",
    "FetchedPage",
    "HostPacer",
    "extract_url",
    "fetch",
    "is_url",
    "new_client",
    "user_agent",
]

#: Seconds a fetch may take by default (connecting, waiting, reading: the whole response).
DEFAULT_TIMEOUT = 30.0
#: Redirects followed before giving up.
MAX_REDIRECTS = 10
HOMEPAGE = "https://example.invalid/cleanarticle"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
#: Content types read as pages (besides any ``text/*``); other types are refused.
PAGE_TYPES = frozenset({"application/xhtml+xml", "application/xml", "application/html"})


def user_agent() -> str:
    """The ``User-Agent`` sent: names the program, its version and where to read about it."""
    from cleanarticle import __version__  # noqa: PLC0415 - the package imports this module

    return f"cleanarticle/{__version__} (article text extraction; +{HOMEPAGE})"


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web page (``http://`` or ``https://``)."""
    return text[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page as the server sent it."""

    url: str  # where it was found, after redirects
    data: bytes  # the body, the transfer's compression undone
    encoding: str | None  # the charset of the Content-Type header, if it named one
    content_type: str | None  # the media type, lower case, without parameters
    status: int


def new_client(*, timeout: float = DEFAULT_TIMEOUT, agent: str | None = None) -> httpx.Client:
    """An httpx client set up as :func:`fetch` wants it (one can be shared by threads)."""
    import httpx  # noqa: PLC0415 - loaded on first use

    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=timeout,
        headers={"User-Agent": agent or user_agent(), "Accept": ACCEPT},
    )


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULTS.max_input_bytes,
    client: httpx.Client | None = None,
) -> FetchedPage:
    """Download one page.

    Args:
        url: an ``http://`` or ``https://`` URL.
        timeout: seconds for the whole response; no single wait (connecting, each read)
            may last longer either.
        max_bytes: a larger page (as announced by ``Content-Length``, or as it arrives,
            decompressed) is not read further.
        client: an httpx client to reuse (:func:`new_client`); one is made and closed
            otherwise.

    Raises:
        FetchError: not an http(s) URL, the host cannot be reached, no answer in time,
            too many redirects, an HTTP error status (``status`` kept), or a response
            that is not a page (an image, a PDF, ...).
        InputTooLargeError: the page is larger than ``max_bytes``.
    """
    _check_url(url)
    if client is None:
        with new_client(timeout=timeout) as own:
            return _fetch(own, url, timeout, max_bytes)
    return _fetch(client, url, timeout, max_bytes)


def _check_url(url: object) -> None:
    if not isinstance(url, str):
        raise FetchError(f"the URL must be a str, not {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {exc}", url=url) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("not an http:// or https:// URL", url=url)


def _fetch(client: httpx.Client, url: str, timeout: float, max_bytes: int) -> FetchedPage:
    import httpx  # noqa: PLC0415 - loaded on first use

    deadline = time.monotonic() + timeout
    try:
        with client.stream("GET", url.strip(), timeout=timeout) as response:
            final = str(response.url)
            where = "" if final == url.strip() else f" (at {final}, after redirects)"
            if response.status_code >= 400:
                reason = response.reason_phrase or ""
                raise FetchError(
                    f"HTTP {response.status_code} {reason}".rstrip() + where,
                    url=url,
                    status=response.status_code,
                )
            media = _media_type(response.headers.get("content-type"))
            if media is not None and not (media.startswith("text/") or media in PAGE_TYPES):
                raise FetchError(f"not a page: the server sent {media}{where}", url=url)
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputTooLargeError(
                    f"the page is {int(length):,} bytes, above the limit of {max_bytes:,}{where}"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputTooLargeError(
                        f"the page is larger than the limit of {max_bytes:,} bytes{where}"
                    )
                if time.monotonic() > deadline:
                    raise FetchError(f"the page took longer than {timeout:g} s to arrive{where}")
                chunks.append(chunk)
            return FetchedPage(
                final,
                b"".join(chunks),
                response.charset_encoding,
                media,
                response.status_code,
            )
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {timeout:g} s", url=url) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url=url) from None
    except httpx.UnsupportedProtocol as exc:  # a redirect to ftp:, mailto:, ...
        raise FetchError(f"redirected to a URL that is not http(s): {exc}", url=url) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"cannot fetch: {exc or type(exc).__name__}", url=url) from None


def _media_type(value: str | None) -> str | None:
    media = (value or "").split(";", 1)[0].strip().lower()
    return media or None


def extract_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int | None = None,
    input_format: InputFormat = "auto",
    rules: RuleSet | str | Path | None = None,
    options: Options = DEFAULTS,
) -> Article:
    """Fetch a page and clean it: :func:`fetch`, then :func:`cleanarticle.extract` with the
    URL the page was found at (after redirects) and the charset the server declared.

    Args:
        url: an ``http://`` or ``https://`` URL.
        timeout: seconds the download may take (cleaning is bounded by
            ``options.timeout``).
        max_bytes: the largest page read (default: ``options.max_input_bytes``).
        input_format, rules, options: as for :func:`cleanarticle.extract`.

    Raises:
        FetchError: the page cannot be fetched (see :func:`fetch`).
        InputTooLargeError: the page is larger than ``max_bytes``.
        CleanArticleError: as :func:`cleanarticle.extract` (``NoContentError``, ...).
    """
    limit = options.max_input_bytes if max_bytes is None else max_bytes
    page = fetch(url, timeout=timeout, max_bytes=limit)
    return extract(
        page.data,
        url=page.url,
        encoding=page.encoding,
        input_format=input_format,
        rules=rules,
        options=options,
    )


class HostPacer:
    """Spaces the requests made to each host by at least ``delay`` seconds, across threads.

    :meth:`wait` returns when a request to the URL's host may start: ``delay`` seconds after
    the previous one to that host was let go (the threads asking for one host are let go one
    at a time, in turn), while other hosts go on.
    """

    def __init__(self, delay: float) -> None:
        if delay < 0:
            raise ValueError("delay must not be negative")
        self.delay = delay
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}

    def wait(self, url: str) -> float:
        """Sleep until a request to ``url``'s host may start; return that moment
        (``time.monotonic()``)."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        with self._lock:
            turn = self._hosts.setdefault(host, threading.Lock())
        with turn:
            now = time.monotonic()
            start = self._next.get(host, now)
            if start > now:
                time.sleep(start - now)
            begun = time.monotonic()
            self._next[host] = begun + self.delay
        return begun

"""The documents of a list of URLs, fetched politely: ``cleanarticle batch --urls FILE``.

The file holds one ``http://`` or ``https://`` URL a line; blank lines and lines starting
with ``#`` are skipped, and a URL listed again is fetched once (the source of its record is
the URL, which names it uniquely in the batch). A line that is not a web URL, a fetch that
fails and a list that cannot be read each still give a document, with its error set, so
that every URL gets exactly one output record.

Pages are fetched by a few threads of the process that reads the inputs (the workers only
clean), in list order, with at most :data:`WINDOW` pages fetched ahead; requests to one host
start at least ``delay`` seconds apart (:class:`~cleanarticle.input.fetch.HostPacer`), while
other hosts' pages go on meanwhile. URLs already in the output (``--resume``) are not
fetched again.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Container, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from cleanarticle.batch.document import Document
from cleanarticle.batch.records import ErrorInfo
from cleanarticle.input.fetch import DEFAULT_TIMEOUT, HostPacer, fetch, is_url, new_client
from cleanarticle.options import DEFAULTS

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_DELAY", "FETCH_THREADS", "WINDOW", "read_url_list", "url_documents"]

#: Seconds between two requests to one host, by default.
DEFAULT_DELAY = 1.0
#: Threads fetching at once (each on its own host, or waiting for its host's turn).
FETCH_THREADS = 8
#: Pages fetched ahead of the one the batch is waiting for.
WINDOW = 4 * FETCH_THREADS


def read_url_list(path: str | os.PathLike[str]) -> Iterator[str]:
    """The URLs of a list file, in order, without blank lines, ``#`` comments and repeats.

    Raises:
        OSError: the file cannot be read.
    """
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            url = line.strip()
            if url and not url.startswith("#") and url not in seen:
                seen.add(url)
                yield url


def url_documents(
    path: str | os.PathLike[str],
    *,
    delay: float = DEFAULT_DELAY,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULTS.max_input_bytes,
    skip: Container[str] = (),
    threads: int = FETCH_THREADS,
) -> Iterator[Document]:
    """One document per URL of the list at ``path``, in list order, its page fetched.

    Args:
        path: the list (see the module docstring).
        delay: seconds between two requests to one host.
        timeout: seconds one download may take.
        max_bytes: a larger page becomes an :class:`InputTooLargeError` document.
        skip: URLs not fetched (the records a resumed batch already has): their documents
            come at once, without a page, for the caller to count and drop.
        threads: downloads at once.
    """
    try:
        urls = list(read_url_list(path))
    except OSError as exc:
        message = f"cannot read the URL list: {exc.strerror or exc}"
        yield Document(os.fspath(path), error=ErrorInfo("InputReadError", message))
        return
    pacer = HostPacer(delay)
    pending: deque[tuple[str, Future[Document]]] = deque()
    with new_client(timeout=timeout) as client, ThreadPoolExecutor(threads) as pool:
        try:
            for url in urls:
                if url in skip:
                    yield Document(url, url=url)
                    continue
                if not is_url(url):
                    yield from _ready(pending)
                    message = "not an http:// or https:// URL"
                    yield Document(url, error=ErrorInfo("FetchError", message))
                    continue
                pending.append((url, pool.submit(_fetch, client, pacer, url, timeout, max_bytes)))
                while len(pending) > WINDOW:
                    yield pending.popleft()[1].result()
            yield from _ready(pending)
        finally:  # stopped early: drop what was not started
            for _, future in pending:
                future.cancel()


def _ready(pending: deque[tuple[str, Future[Document]]]) -> Iterator[Document]:
    while pending:
        yield pending.popleft()[1].result()


def _fetch(
    client: httpx.Client, pacer: HostPacer, url: str, timeout: float, max_bytes: int
) -> Document:
    """Fetch one URL (in a thread) as a document; a failure is the document's error."""
    try:
        pacer.wait(url)
        page = fetch(url, timeout=timeout, max_bytes=max_bytes, client=client)
    except Exception as exc:  # a FetchError, or a bug in a library: the URL gets its record
        return Document(url, url=url, error=ErrorInfo.of(exc))
    return Document(url, data=page.data, url=page.url, encoding=page.encoding)

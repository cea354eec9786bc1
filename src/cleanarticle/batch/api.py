"""The Python API of batch cleaning: :func:`clean_many`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cleanarticle.batch.cleaner import Cleaner, Task
from cleanarticle.batch.document import Document
from cleanarticle.batch.pool import WorkerPool
from cleanarticle.batch.records import ErrorInfo, Result
from cleanarticle.batch.timeout import call_with_timeout
from cleanarticle.errors import DocumentTimeoutError

__all__ = ["clean_many"]


def clean_many(
    documents: Iterable[Document | bytes | str],
    *,
    cleaner: Cleaner | None = None,
    workers: int | None = None,
    timeout: float | None = None,
    ordered: bool = True,
) -> Iterator[Result]:
    """Clean many pages, yielding one :class:`Result` per input, never raising for a page.

    Args:
        documents: :class:`Document` objects (e.g. from :func:`read_documents`), or pages
            as bytes / str (their source is their position, ``"0"``, ``"1"``, ...). Read
            lazily: a generator over a dump of any size is fine.
        cleaner: the rules and options (default: the built-in rules).
        workers: worker processes (default: one per core); ``0`` cleans in this process.
        timeout: seconds a page may take before it is stopped and its result is a
            :class:`DocumentTimeoutError` (None: no bound). With processes the worker is
            killed; in this process the cleaning thread is interrupted (CPython).
        ordered: yield in input order (default), or as pages finish (a little faster).

    A process pool starts processes: call it under ``if __name__ == "__main__":`` in a
    script, as for any use of :mod:`multiprocessing`.
    """
    cleaner = cleaner or Cleaner()
    items = (_as_document(i, item) for i, item in enumerate(documents))
    if workers == 0:
        cleaner.warm_up()  # outside any time limit (see Cleaner.warm_up)
        for document in items:
            yield _clean_here(cleaner, document, timeout)
        return
    with WorkerPool(Task(cleaner, _same), workers=workers, timeout=timeout) as pool:
        yield from pool.imap(items, ordered=ordered)


def _as_document(index: int, item: Document | bytes | str) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, (bytes, str)):
        return Document(str(index), data=item)
    message = f"expected a Document, bytes or str, not {type(item).__name__}"
    return Document(str(index), error=ErrorInfo("InputError", message))


def _clean_here(cleaner: Cleaner, document: Document, timeout: float | None) -> Result:
    try:
        return call_with_timeout(lambda: cleaner.clean(document), timeout)
    except DocumentTimeoutError as exc:
        return Result(document.source, error=ErrorInfo.of(exc), id=document.id, url=document.url)


def _same(result: Result) -> Result:
    return result

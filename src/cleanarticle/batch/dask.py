"""Batch cleaning on Dask (the ``dask`` extra): the same cleaner on one machine or many.

Two ways in:

- :func:`read_bag` and :func:`clean_bag` for your own Dask pipelines: a ``dask.bag`` of
  :class:`Document` objects in, a bag of output records (dicts) out::

      from dask.distributed import Client
      from cleanarticle.batch.dask import clean_bag, read_bag

      client = Client("tcp://scheduler:8786")   # a cluster of many machines
      records = clean_bag(read_bag(["/shared/dumps/"]))
      records.map(json.dumps).to_textfiles("/shared/out/part-*.jsonl")

  Every worker must be able to read the input paths (a shared file system), and have
  cleanarticle installed (the same version as the client).

- :class:`DaskExecutor`, what ``cleanarticle batch --dask [ADDRESS]`` runs: the documents
  are enumerated, resumed and written by the client exactly as with the process pool, and
  cleaned in batches on the cluster, so both give the same records. With an ADDRESS the
  client reads the pages and sends them, so the workers need no access to the inputs.

A per-document timeout on Dask interrupts the cleaning thread
(:mod:`cleanarticle.batch.timeout`): Dask cannot kill one task. A page stuck where no
interrupt reaches (inside one C call) is caught by :class:`DaskExecutor` too: a task that runs
past the time its documents may take (their timeouts, plus :data:`GRACE`) is cancelled, the
worker that holds it is restarted, and its documents are tried again one a task; the one that
hangs again is recorded as a ``DocumentTimeoutError``, as the process pool records it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Any, Generic, TypeVar

from cleanarticle.batch.cleaner import Cleaner, Task
from cleanarticle.batch.document import Document
from cleanarticle.batch.inputs import DocumentReader, Unit
from cleanarticle.batch.pool import PoolStats, default_workers
from cleanarticle.batch.records import ErrorInfo, Result
from cleanarticle.batch.timeout import call_with_timeout
from cleanarticle.errors import CleanArticleError, DocumentTimeoutError
from cleanarticle.options import DEFAULTS

__all__ = ["DaskExecutor", "clean_bag", "read_bag"]

T = TypeVar("T")
#: Documents per Dask task, and tasks in flight per worker thread.
BATCH_SIZE = 8
IN_FLIGHT = 2
INSTALL_HINT = "running on Dask needs the dask extra: pip install 'cleanarticle[dask]'"
#: Seconds a task may run beyond its documents' timeouts (sending, scheduling, queueing)
#: before it is taken for hung, and at least this share of the timeout.
GRACE = 10.0
GRACE_SHARE = 1.0
#: Times a task cancelled by the cluster (not failed) is sent again.
MAX_TRIES = 3


def read_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULTS.max_input_bytes,
    files_per_partition: int = 16,
) -> Any:
    """A ``dask.bag`` of the documents of files, folders, WARC and JSONL inputs.

    The inputs are listed here; each partition reads its files where it runs (so every
    worker needs the paths). Page files are read when cleaned; the pages of a WARC or JSONL
    file are held by the partition that reads it, so split very large ones (or use
    ``cleanarticle batch --dask``, which streams them).
    """
    import dask.bag as db  # noqa: PLC0415 - optional extra

    units = list(DocumentReader(paths, max_bytes=max_bytes).units())
    bag = db.from_sequence(units, partition_size=max(1, files_per_partition))
    return bag.map_partitions(_documents_of, max_bytes)


def clean_bag(
    documents: Any, cleaner: Cleaner | None = None, *, timeout: float | None = None
) -> Any:
    """Map the cleaner over a bag of :class:`Document` (or of pages as bytes / str): a bag
    of output records (dicts with ``source`` and the article fields, or ``error``)."""
    return documents.map_partitions(_clean_partition, cleaner or Cleaner(), timeout)


def _documents_of(units: Iterable[Unit], max_bytes: int) -> list[Document]:
    # A list, not a generator: Dask may move a partition to another worker.
    return [document for unit in units for document in unit.documents(max_bytes)]


def _clean_partition(
    documents: Iterable[Document | bytes | str], cleaner: Cleaner, timeout: float | None
) -> list[dict[str, Any]]:
    cleaner.warm_up()
    records = []
    for index, item in enumerate(documents):
        document = item if isinstance(item, Document) else Document(str(index), data=item)
        records.append(_clean_one(cleaner, document, timeout).to_record())
    return records


def _clean_one(cleaner: Cleaner, document: Document, timeout: float | None) -> Result:
    try:
        return call_with_timeout(lambda: cleaner.clean(document), timeout)
    except DocumentTimeoutError as exc:
        return Result(document.source, error=ErrorInfo.of(exc), id=document.id, url=document.url)


def _prepare_worker() -> None:
    """Run on a worker before it gets a task with a time limit: the engine's set-up."""
    Cleaner().warm_up()


def _run_batch(task: Task[T], documents: list[Document], timeout: float | None) -> list[T]:
    """A Dask task: run the task over a few documents, each under the timeout."""
    task.cleaner.warm_up()  # once per worker process: the task is shared, not copied
    outputs: list[T] = []
    for document in documents:
        try:
            outputs.append(call_with_timeout(lambda d=document: task.run(d), timeout))  # type: ignore[misc]
        except DocumentTimeoutError as exc:
            outputs.append(task.fail(document, ErrorInfo.of(exc)))
    return outputs


class DaskExecutor(Generic[T]):
    """Run a :class:`Task` over documents on a Dask cluster, in batches, as they finish.

    Args:
        task: what to do with each document (sent once to every worker).
        address: the scheduler's address; None starts a local cluster of ``workers``
            single-threaded worker processes.
        workers: the size of the local cluster (default: one per core).
        timeout: seconds a document may take (see the module doc).
        batch_size: documents per Dask task.
        ship_pages: read page files here and send their bytes (default: with an address,
            where the workers may not see this machine's files).
    """

    def __init__(
        self,
        task: Task[T],
        *,
        address: str | None = None,
        workers: int | None = None,
        timeout: float | None = None,
        batch_size: int = BATCH_SIZE,
        ship_pages: bool | None = None,
    ) -> None:
        self.task = task
        self.ship_pages = address is not None if ship_pages is None else ship_pages
        self.address = address
        self.workers = workers
        self.timeout = timeout
        self.batch_size = batch_size
        self.size = 0
        self.stats = PoolStats()
        self._client: Any = None
        self._cluster: Any = None
        self._shared_task: Any = None
        self._suspects: set[str] = set()  # sources of documents of tasks that hung

    def __enter__(self) -> DaskExecutor[T]:
        try:
            from distributed import Client, LocalCluster  # noqa: PLC0415 - optional extra
        except ImportError as exc:
            raise CleanArticleError(INSTALL_HINT) from exc
        try:
            if self.address is None:
                self._cluster = LocalCluster(
                    n_workers=self.workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address="127.0.0.1:0",  # any free port: 8787 may be taken
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.address)
        except OSError as exc:
            self._close()
            where = self.address or "a local cluster"
            raise CleanArticleError(f"cannot reach Dask at {where}: {exc}") from exc
        self.size = sum(self._client.nthreads().values()) or 1
        self._shared_task = self._client.scatter(self.task, broadcast=True, hash=False)
        if self.timeout is not None:  # the set-up outside the first tasks' time
            with contextlib.suppress(Exception):
                self._client.run(_prepare_worker)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._close()

    def _close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def imap(self, documents: Iterable[Document]) -> Iterator[T]:
        """One output per document, as batches finish; a failed batch is retried one
        document a task, and a document whose own task fails is a WorkerCrashedError. With a
        timeout, a task that runs past its documents' time is cancelled and its worker
        restarted (see the module doc)."""
        from distributed import wait  # noqa: PLC0415 - optional extra

        if self._client is None:
            raise RuntimeError("use DaskExecutor as a context manager")
        source = iter(documents)
        if self.ship_pages:
            limit = self.task.cleaner.options.max_input_bytes
            source = (document.load(limit) for document in source)
        batches = iter(lambda: list(islice(source, self.batch_size)), [])
        running: dict[str, _Running] = {}
        # Documents sent again (those of a failed task, one a task), with their tries so far.
        retries: deque[tuple[list[Document], int]] = deque()
        # With a time limit, one task per worker thread: a task then starts when it is sent,
        # and the time it has run is known.
        in_flight = (1 if self.timeout is not None else IN_FLIGHT) * self.size

        def submit(batch: list[Document], tries: int = 0) -> None:
            future = self._client.submit(
                _run_batch, self._shared_task, batch, self.timeout, pure=False
            )
            deadline = None
            if self.timeout is not None:
                grace = max(GRACE, GRACE_SHARE * self.timeout)
                deadline = time.monotonic() + len(batch) * self.timeout + grace
            running[future.key] = _Running(future, batch, deadline, tries)

        def fill() -> None:
            while len(running) < in_flight:
                batch, tries = retries.popleft() if retries else (next(batches, None), 0)
                if not batch:
                    return
                submit(batch, tries)

        fill()
        while running:
            deadlines = [r.deadline for r in running.values() if r.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            futures = [r.future for r in running.values()]
            with contextlib.suppress(TimeoutError, CancelledError):  # (a cancelled future)
                wait(futures, timeout=wait_for, return_when="FIRST_COMPLETED")
            now = time.monotonic()
            for key, item in list(running.items()):
                if item.future.done():
                    del running[key]
                    yield from self._finished(item, retries)
                elif item.deadline is not None and now >= item.deadline:
                    del running[key]
                    yield from self._hung(item, retries)
            fill()

    def _finished(self, item: _Running, retries: deque[tuple[list[Document], int]]) -> Iterator[T]:
        """The outputs of a finished task; a failed batch is sent again one document a task,
        a task cancelled by the cluster (its worker restarted) sent again as it was."""
        batch = item.batch
        try:
            outputs: list[T] = item.future.result()
        except CancelledError as exc:
            if item.tries < MAX_TRIES:
                retries.appendleft((batch, item.tries + 1))
                return
            message = f"the Dask task was cancelled {item.tries + 1} times: {exc}"
            outputs = [self._failed(d, message) for d in batch]
        except Exception as exc:  # a worker died (KilledWorker), or the task broke
            if len(batch) > 1:
                retries.extendleft(([document], 0) for document in reversed(batch))
                return
            outputs = [self._failed(batch[0], f"the Dask task failed: {type(exc).__name__}: {exc}")]
        finally:
            item.future.release()
        yield from outputs

    def _failed(self, document: Document, message: str) -> T:
        """The output of a document whose task failed: a WorkerCrashedError, or, for a
        document of a task that hung before, a DocumentTimeoutError (its own task failed as
        its worker was restarted, or cancelled: it is the one that hangs)."""
        if document.source in self._suspects:
            message = (
                f"cleaning took longer than the timeout of {self.timeout:g} s and could not be "
                f"interrupted; sent again alone, {message}"
            )
            return self.task.fail(document, ErrorInfo("DocumentTimeoutError", message))
        return self.task.fail(document, ErrorInfo("WorkerCrashedError", message))

    def _hung(self, item: _Running, retries: deque[tuple[list[Document], int]]) -> Iterator[T]:
        """A task past its deadline: stuck where no interrupt reaches. It is cancelled, its
        worker restarted; a batch is sent again one document a task, a single document is
        recorded as timed out."""
        self._suspects.update(d.source for d in item.batch)
        worker = self._worker_of(item.future.key)
        item.future.cancel()
        item.future.release()
        self.stats.timeouts += 1
        if worker is not None:
            with contextlib.suppress(Exception):  # a cluster without nannies cannot restart
                self._client.restart_workers([worker], timeout=max(60.0, 2 * GRACE))
                self.stats.started += 1
                self._client.run(_prepare_worker)  # (the restarted one has a new address)
                # The restarted worker lost its copy of the task: send it to all again (the
                # tasks in flight keep the copies the other workers hold).
                self._shared_task = self._client.scatter(self.task, broadcast=True, hash=False)
        if len(item.batch) > 1:
            retries.extendleft(([document], 0) for document in reversed(item.batch))
            return
        message = (
            f"cleaning took longer than the timeout of {self.timeout:g} s and could not be "
            "interrupted; the task was cancelled and its worker restarted"
        )
        yield self.task.fail(item.batch[0], ErrorInfo("DocumentTimeoutError", message))

    def _worker_of(self, key: str) -> str | None:
        """The address of the worker running a task, if the scheduler says."""
        try:
            processing = self._client.processing()
        except Exception:
            return None
        return next((w for w, keys in processing.items() if key in keys), None)


@dataclass(slots=True)
class _Running:
    """A task sent to the cluster: its future, its documents, and when it is taken for hung."""

    future: Any
    batch: list[Document]
    deadline: float | None
    tries: int = 0  # times it was sent before, cancelled by the cluster

"""A whole batch job: inputs -> workers -> output, resumable; what ``cleanarticle batch`` runs."""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, TextIO

from cleanarticle.batch.cleaner import Cleaner, Task
from cleanarticle.batch.document import Document
from cleanarticle.batch.inputs import DocumentReader
from cleanarticle.batch.output import Format, open_sink
from cleanarticle.batch.pool import PoolStats, WorkerPool
from cleanarticle.batch.progress import Measure, Progress, Summary
from cleanarticle.batch.records import Line, to_line
from cleanarticle.batch.urls import DEFAULT_DELAY, url_documents
from cleanarticle.errors import CleanArticleError

__all__ = ["DEFAULT_TIMEOUT", "Executor", "format_of", "run_batch"]

#: Seconds a document may take by default before it is stopped.
DEFAULT_TIMEOUT = 60.0


class Executor(Protocol):
    """Runs a task over documents: the process pool, or a Dask cluster."""

    size: int
    stats: PoolStats

    def imap(self, documents: Sequence[Document] | Iterator[Document]) -> Iterator[Line]:
        """One output per document, as they finish."""
        ...


def format_of(output: str, fmt: Format | None) -> Format:
    """The output format asked for, else ``parquet`` for a ``.parquet`` path, else ``jsonl``."""
    if fmt is not None:
        return fmt
    return "parquet" if output.rstrip("/\\").lower().endswith(".parquet") else "jsonl"


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    fmt: Format | None = None,
    cleaner: Cleaner | None = None,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_limit: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    dask: str | None = None,
    progress: bool | None = None,
    stream: TextIO | None = None,
    urls: str | os.PathLike[str] | None = None,
    url_delay: float = DEFAULT_DELAY,
    follow_symlinks: bool = False,
) -> Summary:
    """Clean every document of ``inputs`` into ``output``: one record per document.

    Args:
        inputs: files and folders (pages, WARC, JSONL; see :mod:`cleanarticle.batch.inputs`).
        output: a JSONL file, or a folder of Parquet parts.
        fmt: ``"jsonl"`` or ``"parquet"`` (default: from the output's name).
        cleaner: the rules and options (default: the built-in rules).
        workers: worker processes (default: one per core), or Dask workers for a local cluster.
        timeout: seconds a document may take before it is stopped (None: no bound).
        memory_limit: bytes of heap a worker may allocate (process pool, POSIX).
        resume: finish an interrupted batch: keep the records written, skip their documents.
        overwrite: discard an existing output and start again.
        dask: run on Dask: ``"local"`` for a local cluster, else a scheduler address.
        progress: draw a progress line (default: when ``stream`` is a terminal).
        stream: where the progress line goes (default: standard error).
        urls: a file listing URLs, one a line, whose pages are fetched and cleaned too
            (see :mod:`cleanarticle.batch.urls`).
        url_delay: seconds between two requests to one host.
        follow_symlinks: follow symbolic links that lead out of the input folders.

    Returns:
        The summary: documents written, skipped, errors by type, speed.

    Raises:
        OutputError: the output cannot be written, exists (without ``resume``/``overwrite``),
            or is locked by another batch.
        WorkerCrashedError: worker processes cannot start at all.
    """
    output = os.fspath(output)
    cleaner = cleaner or Cleaner()
    sink = open_sink(output, format_of(output, fmt), resume=resume, overwrite=overwrite)
    summary = Summary(output=output, engine="Dask workers" if dask else "worker processes")
    reader = DocumentReader(
        inputs,
        max_bytes=cleaner.options.max_input_bytes,
        exclude=[output],
        follow_symlinks=follow_symlinks,
    )
    bar = Progress(stream, enabled=progress)
    if bar.enabled:
        total = Measure(reader.total_bytes)
        bar.fraction = lambda: reader.position / total.value if total.value else None

    def pending() -> Iterator[Document]:
        done = sink.done
        documents: Iterator[Document] = iter(reader)
        if urls is not None:  # fetched after the files, none of those done again
            limit = cleaner.options.max_input_bytes
            fetched = url_documents(urls, delay=url_delay, max_bytes=limit, skip=done)
            documents = itertools.chain(documents, fetched)
        for document in documents:
            if len(done) and document.source in done:
                summary.skipped += 1
                continue
            yield document

    start = time.monotonic()
    finished = False
    try:
        with _executor(Task(cleaner, to_line), workers, timeout, memory_limit, dask) as executor:
            summary.workers = executor.size
            for line in executor.imap(pending()):
                sink.write(line)
                summary.documents += 1
                if line.error_type is not None:
                    summary.errors[line.error_type] += 1
                elif line.skipped_type is not None:
                    summary.skipped_types[line.skipped_type] += 1
                bar.update(line.error_type)
            summary.peak_worker_rss = executor.stats.peak_rss
            summary.final_worker_rss = list(executor.stats.rss_by_worker)
            summary.worker_cpu = executor.stats.cpu_seconds
            summary.restarted_workers = max(0, executor.stats.started - executor.size)
        finished = True
    finally:
        bar.close()
        summary.seconds = time.monotonic() - start
        if finished:
            sink.close()
        else:  # report the error that stopped the batch, not a second one from closing
            with contextlib.suppress(CleanArticleError):
                sink.close()
    return summary


def _executor(
    task: Task[Line],
    workers: int | None,
    timeout: float | None,
    memory_limit: int | None,
    dask: str | None,
) -> AbstractContextManager[Executor]:
    if dask is not None:
        from cleanarticle.batch.dask import DaskExecutor  # noqa: PLC0415 - optional extra

        address = None if dask == "local" else dask
        return DaskExecutor(task, address=address, workers=workers, timeout=timeout)
    return WorkerPool(task, workers=workers, timeout=timeout, memory_limit=memory_limit)

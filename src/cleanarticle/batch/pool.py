"""The process pool of a batch: every core busy, a per-document timeout, crash replacement.

``concurrent.futures`` cannot stop one task, so the pool is small and explicit: each worker
process has its own pipe and holds at most one document, so the parent always knows which
document a worker has and since when. A worker past its deadline is killed (``SIGKILL``)
and replaced, and its document becomes a :class:`DocumentTimeoutError` result; a worker
that dies (out of memory, a crash in C code, ``kill -9``) is replaced, and its document
becomes a :class:`WorkerCrashedError` result. The rest go on.

Memory stays bounded: the parent reads the next document only when a worker is free (at most
one document per worker in flight, plus a bounded reorder window when results are wanted in
input order), and the workers are long-lived processes that keep nothing between documents.
Workers are forked from a *forkserver* that has cleanarticle imported and warmed up
(:mod:`.preload`), so replacing one costs milliseconds.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from types import TracebackType
from typing import Generic, TypeVar

from cleanarticle.batch.cleaner import Task
from cleanarticle.batch.document import Document
from cleanarticle.batch.records import ErrorInfo
from cleanarticle.batch.worker import READY, serve
from cleanarticle.errors import WorkerCrashedError

__all__ = ["PoolStats", "WorkerPool", "default_workers"]

T = TypeVar("T")
#: Seconds a worker is given to exit after being asked to.
EXIT_GRACE = 5.0
#: A document this small (pickled) may wait in a busy worker's pipe: far below the pipe's
#: buffer, so sending it never blocks the parent.
PREFETCH_BYTES = 32 * 1024
#: Seconds a new worker may take to be ready, and failed starts in a row before giving up.
STARTUP_TIMEOUT = 60.0
MAX_STARTUP_FAILURES = 3


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(slots=True)
class PoolStats:
    """What the pool did: processes started, documents stopped, peak memory of a worker."""

    started: int = 0
    timeouts: int = 0
    crashes: int = 0
    peak_rss: int = 0  # bytes: the largest resident set any worker reached
    peak_rss_by_worker: list[int] = field(default_factory=list)
    rss_by_worker: list[int] = field(default_factory=list)  # bytes, after its last document
    cpu_seconds: float = 0.0  # CPU time the workers spent, all of them together


@dataclass(slots=True)
class _Job:
    index: int
    document: Document
    deadline: float


@dataclass(slots=True)
class _Worker:
    slot: int
    process: BaseProcess
    conn: Connection
    # The first job is running; a second, small one may wait in the pipe behind it.
    jobs: deque[_Job] = field(default_factory=deque)
    done: int = 0
    cpu: float = 0.0  # CPU seconds the process had used at its last reply


@dataclass(slots=True)
class _Staged:
    """A document read from the input (or given back by a dead worker), pickled, unsent."""

    index: int
    document: Document
    payload: bytes


class WorkerPool(Generic[T]):
    """Run a :class:`Task` over documents in worker processes.

    Use it as a context manager; :meth:`imap` yields one output per document::

        with WorkerPool(Task(Cleaner(), to_line), workers=4, timeout=30) as pool:
            for line in pool.imap(read_documents(["dump.warc.gz"])):
                ...

    Args:
        task: what a worker does with a document (pickled once into each worker).
        workers: the number of worker processes (default: the cores available).
        timeout: seconds a document may take before its worker is killed; None for no bound.
        memory_limit: bytes of heap a worker may allocate (``RLIMIT_DATA``, POSIX); a page
            that needs more fails with a ``ResourceLimitError`` result. None for no bound.
        max_tasks_per_worker: replace a worker after this many documents (None: never).
    """

    def __init__(
        self,
        task: Task[T],
        *,
        workers: int | None = None,
        timeout: float | None = None,
        memory_limit: int | None = None,
        max_tasks_per_worker: int | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise ValueError("workers must be at least 1")
        if timeout is not None and timeout <= 0:
            raise ValueError("timeout must be positive")
        self.task = task
        self.size = workers or default_workers()
        self.timeout = timeout
        self.memory_limit = memory_limit
        self.max_tasks_per_worker = max_tasks_per_worker
        self.stats = PoolStats(peak_rss_by_worker=[0] * self.size, rss_by_worker=[0] * self.size)
        self._ctx = _context()
        self._workers: list[_Worker] = []
        self._startup_failures = 0
        self._orphans: list[_Staged] = []  # queued on a worker that died, never started
        self._closed = False

    # -- life cycle ------------------------------------------------------------------------

    def __enter__(self) -> WorkerPool[T]:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker processes (done by ``with`` and by :meth:`imap` if needed)."""
        if self._closed:
            raise RuntimeError("the pool is closed")
        while len(self._workers) < self.size:
            self._workers.append(self._spawn(len(self._workers)))

    def close(self) -> None:
        """Stop the workers: idle ones are asked to exit, busy ones are killed."""
        self._closed = True
        for worker in self._workers:
            if not worker.jobs:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
            else:
                worker.process.kill()
        deadline = time.monotonic() + EXIT_GRACE
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers.clear()

    # -- the work --------------------------------------------------------------------------

    def imap(self, documents: Iterable[Document], *, ordered: bool = False) -> Iterator[T]:
        """One output per document: as they finish, or in input order with ``ordered``.

        The next documents are read and pickled while the workers work, and a small one
        (up to :data:`PREFETCH_BYTES`) already waits in each busy worker's pipe, so a worker
        never waits for the parent. In order, at most ``8 * workers`` documents run ahead of
        the oldest unfinished one, which bounds the results held back.
        """
        self.start()
        source = iter(documents)
        staged: deque[_Staged] = deque()
        exhausted = False
        count = 0  # documents taken from the input
        held: dict[int, T] = {}  # ordered: finished, waiting for an older one
        next_out = 0
        window = max(32, 8 * self.size)
        finished = False

        def stage() -> None:
            nonlocal exhausted, count
            while self._orphans:  # documents a dead worker had not started: first in line
                staged.appendleft(self._orphans.pop())
            while len(staged) < self.size and not exhausted:
                if ordered and count >= next_out + window:
                    return
                try:
                    document = next(source)
                except StopIteration:
                    exhausted = True
                    return
                staged.append(_Staged(count, document, _dumps(document)))
                count += 1

        try:
            while True:
                stage()
                self._feed(staged)
                stage()  # read ahead while the workers work
                busy = [w for w in self._workers if w.jobs]
                if not busy:
                    if exhausted and not staged and not self._orphans:
                        break
                    continue
                for index, output in self._collect(busy):
                    if not ordered:
                        yield output
                        continue
                    held[index] = output
                    while next_out in held:
                        yield held.pop(next_out)
                        next_out += 1
            finished = True
        finally:
            if not finished:  # the consumer stopped, or an error: stop the work in flight
                self.close()

    def _feed(self, staged: deque[_Staged]) -> None:
        """Send staged documents: one to each idle worker, then a small one to queue behind
        each busy worker's running document."""
        for queued in (False, True):
            for worker in self._workers:
                if not staged or len(worker.jobs) != int(queued):
                    continue
                limit = self.max_tasks_per_worker
                if queued and (
                    len(staged[0].payload) > PREFETCH_BYTES
                    or (limit is not None and worker.done + 1 >= limit)
                ):
                    continue
                item = staged.popleft()
                if not self._dispatch(worker, item, queued=queued):
                    staged.appendleft(item)

    def _collect(self, busy: list[_Worker]) -> list[tuple[int, T]]:
        """Wait for the first worker to finish or pass its deadline; take all that did."""
        deadline = min(w.jobs[0].deadline for w in busy)
        delay = None if math.isinf(deadline) else max(0.0, deadline - time.monotonic())
        ready = set(wait([w.conn for w in busy], delay))
        now = time.monotonic()
        outputs: list[tuple[int, T]] = []
        for worker in busy:
            job = worker.jobs[0]
            if worker.conn in ready:
                outputs.append((job.index, self._receive(worker, job)))
            elif now >= job.deadline:
                outputs.append((job.index, self._expire(worker, job)))
        return outputs

    def _dispatch(self, worker: _Worker, item: _Staged, *, queued: bool) -> bool:
        try:
            worker.conn.send_bytes(item.payload)
        except (OSError, ValueError):  # the worker died
            if not worker.jobs:  # idle: replace it now (else its running job tells)
                worker.process.join(EXIT_GRACE)
                self._restart(worker)
            return False
        # A queued job gets its deadline when it starts: when the one before it is done.
        no_limit = self.timeout is None or queued
        deadline = math.inf if no_limit else time.monotonic() + (self.timeout or 0.0)
        worker.jobs.append(_Job(item.index, item.document, deadline))
        return True

    def _receive(self, worker: _Worker, job: _Job) -> T:
        try:
            output, peak, rss, cpu = worker.conn.recv()
        except Exception:  # EOF, a broken pipe, a torn message: the worker died
            return self._crashed(worker, job)
        worker.jobs.popleft()
        if worker.jobs:  # the queued document starts now
            worker.jobs[0].deadline = (
                math.inf if self.timeout is None else time.monotonic() + self.timeout
            )
        worker.done += 1
        self._note_usage(worker, int(peak), int(rss), float(cpu))
        limit = self.max_tasks_per_worker
        if limit and worker.done >= limit and not worker.jobs:
            self._retire(worker)
        return output  # type: ignore[no-any-return]

    def _expire(self, worker: _Worker, job: _Job) -> T:
        worker.process.kill()
        worker.process.join()
        self.stats.timeouts += 1
        self._restart(worker)
        message = f"cleaning took longer than the timeout of {self.timeout:g} s; it was stopped"
        return self.task.fail(job.document, ErrorInfo("DocumentTimeoutError", message))

    def _crashed(self, worker: _Worker, job: _Job) -> T:
        worker.process.join(EXIT_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self.stats.crashes += 1
        message = f"the worker process died ({_exit_reason(worker.process.exitcode)}) on it"
        self._restart(worker)
        return self.task.fail(job.document, ErrorInfo("WorkerCrashedError", message))

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
        worker.process.join(EXIT_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._restart(worker)

    def _restart(self, worker: _Worker) -> None:
        """Replace a worker; the documents it had queued but not started go back in line."""
        worker.conn.close()
        if len(worker.jobs) > 1:
            self._orphans.extend(
                _Staged(job.index, job.document, _dumps(job.document))
                for job in list(worker.jobs)[1:]
            )
        worker.jobs.clear()
        fresh = self._spawn(worker.slot)
        worker.process, worker.conn = fresh.process, fresh.conn
        worker.done, worker.cpu = 0, 0.0

    def _spawn(self, slot: int) -> _Worker:
        """Start a worker and wait until it is ready; give up after repeated failures."""
        while True:
            parent, child = self._ctx.Pipe()
            process = self._ctx.Process(  # type: ignore[attr-defined]
                target=serve,
                args=(child, self.task, self.memory_limit, os.getpid()),
                name=f"cleanarticle-worker-{slot}",
                daemon=True,
            )
            process.start()
            child.close()
            self.stats.started += 1
            try:
                if parent.poll(STARTUP_TIMEOUT) and parent.recv() == READY:
                    self._startup_failures = 0
                    return _Worker(slot, process, parent)
            except (EOFError, OSError):
                pass
            process.kill()
            process.join()
            parent.close()
            self._startup_failures += 1
            if self._startup_failures >= MAX_STARTUP_FAILURES:
                reason = _exit_reason(process.exitcode)
                raise WorkerCrashedError(
                    f"worker processes cannot start ({reason}); is the calling script guarded "
                    "by `if __name__ == '__main__':`?"
                )

    def _note_usage(self, worker: _Worker, peak: int, rss: int, cpu: float) -> None:
        peak = max(peak, rss)  # the kernel updates the high-water mark lazily
        by_worker = self.stats.peak_rss_by_worker
        by_worker[worker.slot] = max(by_worker[worker.slot], peak)
        self.stats.peak_rss = max(self.stats.peak_rss, peak)
        self.stats.rss_by_worker[worker.slot] = rss
        self.stats.cpu_seconds += cpu - worker.cpu
        worker.cpu = cpu


def _dumps(document: Document) -> bytes:
    return bytes(ForkingPickler.dumps(document))


def _context() -> BaseContext:
    if "forkserver" in mp.get_all_start_methods():
        context = mp.get_context("forkserver")
        context.set_forkserver_preload(["cleanarticle.batch.worker", "cleanarticle.batch.preload"])
        return context
    return mp.get_context("spawn")


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"

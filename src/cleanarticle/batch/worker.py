"""The worker side of the process pool (:mod:`.pool` is the parent side).

A worker warms the engine up, says it is ready, then cleans the documents the parent sends
on its pipe, one at a time, answering each with the output and its resource use, until the
parent sends None or goes away. It ignores Ctrl-C (the parent handles it), and a thread
ends it as soon as the batch process is gone, even while it is stuck in a page.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from cleanarticle.batch.cleaner import Task
from cleanarticle.batch.records import ErrorInfo

__all__ = ["READY", "serve"]

#: What a worker sends once it can take documents.
READY = "ready"
#: Seconds between checks that the batch process is alive, where it cannot be waited on.
PARENT_POLL = 1.0


def serve(conn: Connection, task: Task[Any], memory_limit: int | None, parent: int) -> None:
    """A worker: clean the documents the parent sends until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with(parent)
    task.cleaner.warm_up()  # before the first deadline (quick if the forkserver did it)
    if memory_limit:
        _limit_memory(memory_limit)
    try:
        conn.send(READY)
    except (OSError, ValueError):
        return
    while True:
        try:
            document = conn.recv()
        except (EOFError, OSError):
            return
        if document is None:
            return
        try:
            output = task.run(document)
        except Exception as exc:  # the task failed itself: still one output
            output = task.fail(document, ErrorInfo.of(exc))
        try:
            conn.send((output, *_usage()))
        except (OSError, ValueError):
            return


def _exit_with(parent: int) -> None:
    """Exit this worker as soon as the batch process is gone (killed with -9, say), even
    while the main thread is stuck in a document: a watching thread ends the process."""

    def watch() -> None:
        try:
            fd = os.pidfd_open(parent)  # Linux: readable once the process has ended
        except (AttributeError, OSError):
            fd = -1
        if fd >= 0:
            select.select([fd], [], [])
        else:
            while True:
                time.sleep(PARENT_POLL)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    continue
        os._exit(1)

    threading.Thread(target=watch, name="cleanarticle-parent-watch", daemon=True).start()


def _limit_memory(limit: int) -> None:
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:
        return
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _usage() -> tuple[int, int, float]:
    """This process's peak and current resident set sizes in bytes (0 where unknown), and
    the CPU seconds it has used."""
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:
        return 0, 0, time.process_time()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    try:  # Linux: resident pages, second field
        with open("/proc/self/statm", "rb") as fh:  # noqa: PTH123 - hot path, no Path object
            rss = int(fh.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        rss = 0
    return int(peak), rss, usage.ru_utime + usage.ru_stime

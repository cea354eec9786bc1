"""Where batch records go: an append-only JSONL file, or Parquet parts (:mod:`.parquet`).

Both sinks take :class:`~cleanarticle.batch.records.Line` records (JSON already serialised by
the workers), hold an exclusive lock on the output while the batch runs, refuse to clobber an
existing output unless told to (``resume`` or ``overwrite``), and on resume report the sources
already written.

JSONL: each record is one line written with a single ``write`` call on a file opened with
``O_APPEND``, and synced to disk every ``sync_interval`` seconds and at the end. A crash can
therefore leave at most a torn last line, which resuming truncates. A failed write (a full
disk) is rolled back to the last whole record before the error is raised.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Literal, Protocol

from cleanarticle.batch.claim import exists_message, lock, write_failed
from cleanarticle.batch.records import Line
from cleanarticle.batch.resume import SourceSet, jsonl_sources, repair_jsonl
from cleanarticle.errors import OutputError

__all__ = ["Format", "JsonlSink", "Sink", "open_sink"]

Format = Literal["jsonl", "parquet"]


class Sink(Protocol):
    """An output of batch records."""

    path: str
    done: SourceSet  # the sources already written when the batch started

    def write(self, line: Line) -> None:
        """Add one record."""

    def close(self) -> None:
        """Write what is buffered, sync and release the output."""


def open_sink(path: str, fmt: Format, *, resume: bool = False, overwrite: bool = False) -> Sink:
    """Open a JSONL file or a Parquet folder for a batch's records.

    Raises:
        OutputError: the output exists (and neither ``resume`` nor ``overwrite``), is locked
            by another batch, cannot be created, or is not a batch output.
    """
    if fmt == "parquet":
        from cleanarticle.batch.parquet import ParquetSink  # noqa: PLC0415 - optional extra

        return ParquetSink(path, resume=resume, overwrite=overwrite)
    return JsonlSink(path, resume=resume, overwrite=overwrite)


class JsonlSink:
    """Append records to a JSONL file, one whole line per document."""

    def __init__(
        self,
        path: str,
        *,
        resume: bool = False,
        overwrite: bool = False,
        sync_interval: float = 1.0,
    ) -> None:
        self.path = path
        self.sync_interval = sync_interval
        try:
            self._fd = os.open(
                path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o644
            )
        except OSError as exc:
            raise OutputError(f"{path}: cannot open the output: {exc.strerror}") from exc
        try:
            lock(self._fd, path)
            size = os.fstat(self._fd).st_size
            if size and overwrite:
                os.ftruncate(self._fd, 0)
            elif size and not resume:
                raise OutputError(exists_message(path))
            self.done = SourceSet()
            if resume and size:
                repair_jsonl(self._fd)
                self.done = SourceSet(jsonl_sources(path))
            self._end = os.fstat(self._fd).st_size
        except BaseException:
            os.close(self._fd)
            raise
        self._synced = time.monotonic()

    def write(self, line: Line) -> None:
        """Append one record; on failure roll back to the last whole record, then raise."""
        data = memoryview(line.data)
        try:
            while data:
                written = os.write(self._fd, data)
                data = data[written:]
        except OSError as exc:
            with contextlib.suppress(OSError):  # else the torn line is truncated on resume
                os.ftruncate(self._fd, self._end)
            raise OutputError(write_failed(self.path, exc)) from exc
        self._end += len(line.data)
        if time.monotonic() - self._synced >= self.sync_interval:
            self.sync()

    def sync(self) -> None:
        """Flush the records written so far to the disk."""
        try:
            os.fsync(self._fd)
        except OSError as exc:
            raise OutputError(write_failed(self.path, exc, "sync")) from exc
        self._synced = time.monotonic()

    def close(self) -> None:
        """Sync and close (the lock goes with the descriptor)."""
        if self._fd < 0:
            return
        try:
            self.sync()
        finally:
            os.close(self._fd)
            self._fd = -1

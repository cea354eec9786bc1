"""warcio, with bounds: a hostile WARC file cannot make the batch process allocate at will.

warcio reads a header line until it finds a newline, keeps every header line of a record,
and reads a whole HTTP chunk (up to 2 GB) before handing it on. A ``.warc.gz`` of a few
megabytes can inflate to gigabytes without a newline, or to millions of header lines, and
the process enumerating the WARC (the batch process itself) would take it all in memory.
Here:

- the header lines of one record (WARC and HTTP headers, and the lines between records)
  may total at most :data:`MAX_HEADER_BYTES`; past that, :class:`WarcBoundError` ends the
  reading of the file (its records after that point cannot be delimited anyway);
- the payload of a record is read from a stream that refuses to give more than a budget
  of raw bytes (:class:`Budget`), so a chunk or a compressed body is never taken whole when
  it is above the page size limit.

Only imported when warcio is installed (the ``warc`` extra).
"""

from __future__ import annotations

from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.utils import BUFF_SIZE

__all__ = ["MAX_HEADER_BYTES", "BoundedArchiveIterator", "Budget", "WarcBoundError"]

#: Bytes of header lines one record may have (real records have a few kilobytes).
MAX_HEADER_BYTES = 1 << 20


class WarcBoundError(Exception):
    """A WARC file goes past a bound: headers that never end, a payload far too large."""


class _LineBoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, counting the bytes read as lines since the last ``read``."""

    def __init__(self, stream: Any, block_size: int = BUFF_SIZE) -> None:
        super().__init__(stream, block_size=block_size)
        self.header_room = MAX_HEADER_BYTES

    def readline(self, length: int | None = None) -> bytes:
        if length is None or length < 0 or length > self.header_room:
            length = self.header_room + 1
        line: bytes = super().readline(length)
        self.header_room -= len(line)
        if self.header_room < 0:
            raise WarcBoundError(
                f"a record's header lines run past {MAX_HEADER_BYTES:,} bytes (not a WARC "
                "record, or a hostile one)"
            )
        return line

    def read(self, length: int | None = None) -> bytes:
        self.header_room = MAX_HEADER_BYTES  # a payload is being read: its headers ended
        data: bytes = super().read(length)
        return data


class BoundedArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """An ``ArchiveIterator`` reading through :class:`_LineBoundedReader`."""

    def __init__(self, fileobj: Any) -> None:
        super().__init__(fileobj)
        self.reader = _LineBoundedReader(self.fh)

    def _next_record(self, next_line: Any) -> Any:
        self.reader.header_room = MAX_HEADER_BYTES
        return super()._next_record(next_line)


class Budget:
    """A stream that gives at most ``budget`` bytes of ``stream``, then raises
    :class:`WarcBoundError` (put in front of a record's raw stream while its page is read)."""

    def __init__(self, stream: Any, budget: int) -> None:
        self.stream = stream
        self.left = budget

    def read(self, length: int | None = None) -> bytes:
        """Up to ``length`` bytes (all that is left of the budget when None)."""
        return self._take(self.stream.read, length)

    def readline(self, length: int | None = None) -> bytes:
        """One line, cut at ``length`` bytes."""
        return self._take(self.stream.readline, length)

    def _take(self, reader: Any, length: int | None) -> bytes:
        want = self.left + 1 if length is None or length < 0 else min(length, self.left + 1)
        if want <= 0:
            return b""
        data: bytes = reader(want)
        self.left -= len(data)
        if self.left < 0:
            raise WarcBoundError("the record's payload is far above the page size limit")
        return data

    def close(self) -> None:
        """Nothing to do: the record's own stream is closed by warcio."""

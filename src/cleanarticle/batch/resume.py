"""Resuming a batch: what an output already holds, and repairing what a crash left.

The JSONL output is append-only and each record is written with one ``write`` call, so a
crash (``kill -9`` included) can leave at most a *torn last line*; :func:`repair_jsonl`
truncates it. Every complete line is a finished document, named by its ``source``; on
resume those are skipped, whatever order the workers finished them in, so no document is
lost and none is written twice. Parquet parts are renamed into place only once written
whole, so a part is either there and complete, or absent.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleanarticle.errors import OutputError

__all__ = ["SourceSet", "jsonl_sources", "repair_jsonl"]

_PREFIX = b'{"source":'
_DECODER = json.JSONDecoder()


class SourceSet:
    """A set of sources kept as 16-byte digests (about 75 bytes a document in memory)."""

    def __init__(self, sources: Iterable[str] = ()) -> None:
        self._digests: set[bytes] = set()
        for source in sources:
            self.add(source)

    @staticmethod
    def _key(source: str) -> bytes:
        return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def add(self, source: str) -> None:
        """Remember a source."""
        self._digests.add(self._key(source))

    def __contains__(self, source: object) -> bool:
        return isinstance(source, str) and self._key(source) in self._digests

    def __len__(self) -> int:
        return len(self._digests)


def repair_jsonl(fd: int) -> int:
    """Truncate a torn last line (one not ended by a newline); return the new size."""
    size = os.fstat(fd).st_size
    end = size
    while end > 0:
        start = max(0, end - 65_536)
        chunk = os.pread(fd, end - start, start)
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            end = start + cut + 1
            break
        end = start
    if end != size:
        os.ftruncate(fd, end)
    return end


def jsonl_sources(path: str) -> Iterator[str]:
    """The ``source`` of every line of a JSONL output (after :func:`repair_jsonl`).

    Raises:
        OutputError: a line is not a batch record.
    """
    with Path(path).open("rb") as fh:
        for number, line in enumerate(fh, 1):
            source = _source_of(line)
            if source is None:
                raise OutputError(
                    f"{path}:{number}: not a cleanarticle batch record; refusing to resume"
                )
            yield source


def _source_of(line: bytes) -> str | None:
    """The record's source, read without parsing the whole (large) record when possible."""
    if line.startswith(_PREFIX):
        try:
            value, _end = _DECODER.raw_decode(line[len(_PREFIX) :].decode("utf-8"))
        except ValueError:
            value = None
        if isinstance(value, str):
            return value
    try:
        record = json.loads(line)
    except ValueError:
        return None
    source = record.get("source") if isinstance(record, dict) else None
    return source if isinstance(source, str) else None

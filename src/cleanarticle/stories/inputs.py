"""The inputs of ``cleanarticle stories``: batch output as JSONL or Parquet, in pieces.

An input is a JSONL file (``.jsonl``, ``.jsonl.gz``), a Parquet file (``.parquet``) or a
folder of them (walked recursively in sorted order: a batch's Parquet output is a folder of
parts). The records are read in the order of the inputs given, and a :class:`Piece` is a
run of them that can be read alone: a whole file, or a byte range of a plain JSONL file
that starts and ends on a line boundary (:func:`pieces`, for Dask), so that every pass,
local or on Dask, reads the same records in the same order. Blank lines are not records.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from cleanarticle.errors import InputReadError

__all__ = ["Piece", "input_files", "pieces", "read_lines", "read_tables"]

Kind = Literal["jsonl", "parquet"]
_BLOCK: Final = 4 << 20
_TEXT = re.compile(rb"\S")
#: Bytes of plain JSONL per piece when a file is split for Dask.
PIECE_BYTES: Final = 64 << 20
PARQUET_INSTALL: Final = (
    "Parquet input needs the parquet extra: pip install 'cleanarticle[parquet]'"
)


@dataclass(frozen=True, slots=True)
class Piece:
    """Records that can be read alone: a file, or the lines of ``[start, end)`` of one."""

    path: str
    kind: Kind
    start: int = 0
    end: int | None = None  # None: to the end of the file


def _kind(name: str) -> Kind | None:
    lower = name.lower()
    if lower.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if lower.endswith(".parquet"):
        return "parquet"
    return None


def input_files(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, Kind]]:
    """The record files of the inputs, in order (each once).

    Raises:
        InputReadError: an input does not exist, or a file named is neither JSONL nor
            Parquet.
    """
    found: list[tuple[str, Kind]] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            names = sorted(str(p) for p in path.rglob("*") if p.is_file() and _kind(p.name))
            files = [(name, _kind(name)) for name in names]
        elif path.is_file():
            kind = _kind(path.name)
            if kind is None:
                raise InputReadError(f"{given}: not batch output (.jsonl, .jsonl.gz, .parquet)")
            files = [(str(given), kind)]
        else:
            raise InputReadError(f"{given}: no such file or folder")
        for name, kind in files:
            key = os.path.realpath(name)
            if kind is not None and key not in seen:
                seen.add(key)
                found.append((name, kind))
    return found


def pieces(files: list[tuple[str, Kind]], size: int | None = None) -> list[Piece]:
    """The files as pieces: plain JSONL files cut every ``size`` bytes at line
    boundaries (none cut when ``size`` is None), other files whole."""
    out: list[Piece] = []
    for path, kind in files:
        if kind != "jsonl" or path.lower().endswith(".gz") or size is None:
            out.append(Piece(path, kind))
            continue
        total = Path(path).stat().st_size
        start = 0
        with Path(path).open("rb") as fh:
            while start < total:
                fh.seek(min(start + size, total))
                if fh.tell() < total:
                    fh.readline()  # to the end of the line the cut falls in
                end = min(fh.tell(), total)
                out.append(Piece(path, kind, start, end))
                start = end
    return out


def _open(path: str) -> gzip.GzipFile | io.FileIO:
    try:
        if path.lower().endswith(".gz"):
            return gzip.GzipFile(path, "rb")
        return Path(path).open("rb", buffering=0)  # read_spans does its own buffering
    except OSError as exc:
        raise InputReadError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def read_lines(piece: Piece) -> Iterator[bytes]:
    """The non-blank lines of a JSONL piece, each as its own bytes, newline excluded.

    Raises:
        InputReadError: the file cannot be read (or a gzip file is corrupt).
    """
    for buf, start, end, _ in read_spans(piece):
        yield bytes(buf[start:end])


def read_spans(piece: Piece) -> Iterator[tuple[bytearray, int, int, int]]:
    """The non-blank lines of a JSONL piece without copying them: ``(buffer, start, end,
    offset)``, the line being ``buffer[start:end]`` (newline excluded) and starting at byte
    ``offset`` of the (uncompressed) file. The buffer is reused: a line is valid until the
    next one is asked for.

    Raises:
        InputReadError: the file cannot be read (or a gzip file is corrupt).
    """
    buf = bytearray(_BLOCK)
    filled = 0
    base = piece.start  # the file offset of buf[0]
    left = None if piece.end is None else piece.end - piece.start
    with _open(piece.path) as fh:
        try:
            if piece.start:
                fh.seek(piece.start)
            eof = False
            while not eof:
                if filled == len(buf):  # a line longer than the buffer
                    buf.extend(bytes(len(buf)))
                want = len(buf) - filled if left is None else min(len(buf) - filled, left)
                with memoryview(buf) as view:
                    got = fh.readinto(view[filled : filled + want]) if want else 0
                if not got:
                    eof = True
                else:
                    filled += got
                    if left is not None:
                        left -= got
                pos = 0
                while True:
                    newline = buf.find(b"\n", pos, filled)
                    if newline < 0:
                        break
                    if _TEXT.search(buf, pos, newline):
                        yield buf, pos, newline, base + pos
                    pos = newline + 1
                if eof and pos < filled and _TEXT.search(buf, pos, filled):
                    yield buf, pos, filled, base + pos
                buf[: filled - pos] = buf[pos:filled]
                filled -= pos
                base += pos
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InputReadError(f"{piece.path}: cannot read: {exc}") from exc


def read_tables(piece: Piece, columns: list[str] | None = None) -> Iterator[Any]:
    """The record batches of a Parquet piece (pyarrow), with only ``columns`` (those of
    them the file has) when given.

    Raises:
        InputReadError: the file is not readable Parquet, or pyarrow is missing.
    """
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise InputReadError(PARQUET_INSTALL) from exc
    try:
        parquet = pq.ParquetFile(piece.path)
        names = set(parquet.schema_arrow.names)
        wanted = [c for c in columns if c in names] if columns is not None else None
        yield from parquet.iter_batches(batch_size=4096, columns=wanted)
    except OSError as exc:
        raise InputReadError(f"{piece.path}: cannot read: {exc}") from exc
    except Exception as exc:  # pyarrow's errors share no base class
        if type(exc).__module__.startswith("pyarrow"):
            raise InputReadError(f"{piece.path}: not readable Parquet: {exc}") from exc
        raise

"""``cleanarticle stories``: group a dump's records into stories, streaming, in two passes.

Pass 1 reads every record of the inputs once and keeps only what the grouping needs
(:class:`~.table.Table`: signatures and a few fields, about 190 bytes a record) and, in a
temporary file, each record's ``source``; the grouping (:func:`~.group.group_table`) runs on
the table; pass 2 reads the inputs again and writes each record as it comes, an article with
``storyId``, ``copyOf`` and ``copyKind`` appended, an error record (or a line that is not a
JSON object) untouched. A JSONL line is never decoded in pass 2 (the keys are appended to its
bytes), nor its body in pass 1 when it has a fingerprint (:func:`~.fields.read_line`).

With Dask (:mod:`.dask`), pass 1 runs on the cluster, a piece of the inputs a task; the
client gathers the pieces' tables in input order, so the grouping, and the output, are the
same as without.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, Protocol

import numpy as np

from cleanarticle.errors import OutputError
from cleanarticle.stories.fields import (
    fingerprint_of,
    is_error,
    json_string,
    read_span,
    story_cut,
    story_suffix,
)
from cleanarticle.stories.fingerprint import Fingerprint
from cleanarticle.stories.group import KINDS, Grouping, group_table
from cleanarticle.stories.inputs import (
    PIECE_BYTES,
    Piece,
    input_files,
    pieces,
    read_spans,
    read_tables,
)
from cleanarticle.stories.table import Table, TableBuilder

Buffer = bytes | bytearray | memoryview

__all__ = ["Scanned", "StoriesSummary", "run_stories", "scan_piece"]

#: The Parquet columns pass 1 reads.
PASS1_COLUMNS: Final = [
    "source",
    "publisher",
    "aggregator",
    "datePublished",
    "url",
    "canonicalUrl",
    "isPartial",
    "fingerprint",
    "articleBody",
    "error",
]


@dataclass(slots=True)
class Scanned:
    """Pass 1 over a piece: its table, and each record's source as a JSON string."""

    table: Table
    sources: list[bytes]


@dataclass(slots=True)
class StoriesSummary:
    """What a run did."""

    records: int = 0
    articles: int = 0
    stories: int = 0
    copies: int = 0
    kinds: dict[str, int] | None = None
    seconds: float = 0.0
    table_bytes: int = 0

    def render(self) -> str:
        """A few lines for standard error."""
        rate = self.records / self.seconds if self.seconds else 0.0
        kinds = ", ".join(f"{k} {v:,}" for k, v in sorted((self.kinds or {}).items()))
        return (
            f"records: {self.records:,} ({self.articles:,} articles, "
            f"{self.records - self.articles:,} passed through)\n"
            f"stories: {self.stories:,}; copies: {self.copies:,} ({kinds or 'none'})\n"
            f"time: {self.seconds:.1f} s ({rate:,.0f} records/s); "
            f"grouping table: {self.table_bytes / 2**20:.1f} MB\n"
        )


def _records(
    piece: Piece,
) -> Iterator[tuple[str, dict[str, Any] | None, Fingerprint | bytes | None]]:
    """Pass 1's view of a piece: (source, article fields or None, fingerprint) a record."""
    if piece.kind == "jsonl":
        for buf, start, end, offset in read_spans(piece):
            try:
                fields, fp = read_span(buf, start, end)
            except ValueError:
                yield f"{piece.path}#{offset}", None, None
                continue
            raw = fields.get("source")
            source = raw if isinstance(raw, str) else f"{piece.path}#{offset}"
            yield source, (None if is_error(fields) else fields), fp
        return
    row = 0
    for batch in read_tables(piece, PASS1_COLUMNS):
        columns = {name: batch.column(name) for name in batch.schema.names}
        body = columns.pop("articleBody", None)
        values = {name: column.to_pylist() for name, column in columns.items()}
        for k in range(batch.num_rows):
            fields = {name: value[k] for name, value in values.items()}
            raw = fields.get("source")
            source = raw if isinstance(raw, str) else f"{piece.path}#row{row + k}"
            if is_error(fields):
                yield source, None, None
                continue
            found = Fingerprint.decode(fields.get("fingerprint"))
            if found is None and body is not None:
                fields["articleBody"] = body[k].as_py()
                found = fingerprint_of(fields)
            yield source, fields, found
        row += batch.num_rows


def scan_piece(piece: Piece) -> Scanned:
    """Pass 1 over one piece (what a Dask task runs)."""
    builder = TableBuilder()
    sources: list[bytes] = []
    for source, fields, fp in _records(piece):
        builder.add(source, fields, fp)
        sources.append(json_string(source))
    return Scanned(builder.build(), sources)


class _Sources:
    """The records' sources as JSON strings, one a line, in a temporary file: pass 2
    needs the originals' (``copyOf``), which may come after their copies."""

    def __init__(self, folder: str | None) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed in close()

    def add(self, source: bytes) -> None:
        self._file.write(source + b"\n")

    def pick(self, wanted: np.ndarray[Any, Any]) -> dict[int, bytes]:
        """The sources of the rows where ``wanted`` is true."""
        self._file.seek(0)
        picked: dict[int, bytes] = {}
        for row, line in enumerate(self._file):
            if wanted[row]:
                picked[row] = line[:-1]
        return picked

    def close(self) -> None:
        self._file.close()


def _pass1(
    parts: list[Piece],
    sources: _Sources,
    scan: Callable[[list[Piece]], Iterable[Scanned]] | None,
) -> Table:
    builder = TableBuilder()
    if scan is None:  # locally: one record at a time
        for piece in parts:
            for source, fields, fp in _records(piece):
                builder.add(source, fields, fp)
                sources.add(json_string(source))
    else:
        for scanned in scan(parts):
            builder.extend(scanned.table)
            for encoded in scanned.sources:
                sources.add(encoded)
    return builder.build()


_BLOCK_ROWS: Final = 4096
_KIND_NAMES: Final = tuple(k.value if k is not None else None for k in KINDS)


def _suffixes(grouping: Grouping, originals: dict[int, bytes]) -> Iterator[bytes | None]:
    """The story keys to append to each record, row by row (None: an error record)."""
    for first in range(0, len(grouping.original), _BLOCK_ROWS):
        last = first + _BLOCK_ROWS
        rows = zip(
            range(first, first + _BLOCK_ROWS),
            grouping.original[first:last].tolist(),
            grouping.kind[first:last].tolist(),
            grouping.story[first:last].tolist(),
            strict=False,
        )
        for row, original, kind, story in rows:
            if original < 0:
                yield None
            elif original == row:
                yield story_suffix(f"{story:016x}", None, None)
            else:
                yield story_suffix(f"{story:016x}", originals[original], _KIND_NAMES[kind])


def run_stories(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    overwrite: bool = False,
    dask: str | None = None,
    workers: int | None = None,
    temporary: str | None = None,
) -> StoriesSummary:
    """Group the records of the inputs into stories and write them to ``output`` (see the
    module doc): JSONL, or a folder of Parquet parts (``fmt="parquet"`` or an output
    ending in ``.parquet``). ``dask``: "local" for a local cluster of ``workers``, or a
    scheduler's address.

    Raises:
        InputReadError: an input cannot be read.
        OutputError: the output exists (and not ``overwrite``) or cannot be written.
        CleanArticleError: Dask is asked for and cannot be used.
    """
    start = time.perf_counter()
    files = input_files(inputs)
    out_path = str(output)
    if any(os.path.realpath(f) == os.path.realpath(out_path) for f, _ in files):
        raise OutputError(f"{out_path}: the output is also an input")
    fmt = fmt or ("parquet" if out_path.lower().endswith(".parquet") else "jsonl")
    sink = _open_output(out_path, fmt, overwrite=overwrite)
    sources = _Sources(temporary)
    try:
        if dask is not None:
            from cleanarticle.stories.dask import scan_on_dask  # noqa: PLC0415 - optional

            address = None if dask == "local" else dask
            parts = pieces(files, PIECE_BYTES)
            table = _pass1(
                parts, sources, lambda todo: scan_on_dask(todo, address=address, workers=workers)
            )
        else:
            parts = pieces(files)
            table = _pass1(parts, sources, None)
        grouping = group_table(table)
        rows = np.arange(len(table))
        copies = table.article & (grouping.original != rows)
        originals = sources.pick(np.isin(rows, grouping.original[copies]))
        _pass2(parts, grouping, originals, sink)
        sink.close()
    except BaseException:
        sink.abort()
        raise
    finally:
        sources.close()
    kinds = np.bincount(grouping.kind[copies], minlength=len(KINDS))
    return StoriesSummary(
        records=len(table),
        articles=int(table.article.sum()),
        stories=int((table.article & ~copies).sum()),
        copies=int(copies.sum()),
        kinds={str(k): int(kinds[i]) for i, k in enumerate(KINDS) if k is not None},
        seconds=time.perf_counter() - start,
        table_bytes=table.nbytes,
    )


def _pass2(
    parts: list[Piece], grouping: Grouping, originals: dict[int, bytes], sink: _Output
) -> None:
    article = grouping.original >= 0
    suffixes = _suffixes(grouping, originals)
    row = 0
    for piece in parts:
        if piece.kind == "jsonl":
            for buf, start, end, _ in read_spans(piece):
                suffix = next(suffixes)
                with memoryview(buf) as view:
                    if suffix is not None:
                        sink.write_line(view[start : story_cut(buf, start, end)], suffix)
                    else:
                        sink.write_line(view[start:end], b"\n")
                row += 1
            continue
        for batch in read_tables(piece):
            count = batch.num_rows
            span = range(row, row + count)
            ids = [grouping.story_id(r) if article[r] else None for r in span]
            copy_of: list[str | None] = []
            kinds: list[str | None] = []
            for r in span:
                original = int(grouping.original[r])
                if original < 0 or original == r:
                    copy_of.append(None)
                    kinds.append(None)
                else:
                    copy_of.append(_loads(originals[original]))
                    kind = KINDS[int(grouping.kind[r])]
                    kinds.append(kind.value if kind is not None else None)
            sink.write_batch(batch, ids, copy_of, kinds)
            for _ in span:
                next(suffixes)
            row += count


def _loads(data: bytes) -> str:
    import json  # noqa: PLC0415

    value = json.loads(data)
    return value if isinstance(value, str) else str(value)


class _Output(Protocol):
    """Where pass 2 writes: JSON lines, or Arrow batches with the story columns."""

    def write_line(self, head: Buffer, tail: bytes) -> None:
        """Add a record given as a JSON line, in two parts (the record as read, then the
        story keys and the newline)."""

    def write_batch(
        self, batch: Any, ids: list[str | None], copy_of: list[str | None], kinds: list[str | None]
    ) -> None:
        """Add the records of a Parquet batch with their story columns."""

    def close(self) -> None:
        """Finish the output."""

    def abort(self) -> None:
        """Remove what was written."""


def _open_output(path: str, fmt: str, *, overwrite: bool) -> _Output:
    if fmt == "parquet":
        from cleanarticle.stories.parquet import ParquetOutput  # noqa: PLC0415 - optional

        return ParquetOutput(path, overwrite=overwrite)
    return JsonlOutput(path, overwrite=overwrite)


class JsonlOutput:
    """A JSONL file, written under a temporary name and renamed into place when complete
    (so a reader never sees half an output)."""

    def __init__(self, path: str, *, overwrite: bool) -> None:
        self.path = path
        if Path(path).exists() and not overwrite:
            raise OutputError(f"{path} exists: add --overwrite to replace it")
        folder = str(Path(path).resolve().parent)
        try:
            fd, self._temporary = tempfile.mkstemp(dir=folder, prefix=".stories-", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"{path}: cannot create the output: {exc.strerror}") from exc
        self._file = os.fdopen(fd, "wb", buffering=1 << 20)

    def write_line(self, head: Buffer, tail: bytes) -> None:
        """Add a record given as a JSON line, in two parts."""
        try:
            self._file.write(head)
            self._file.write(tail)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from exc

    def write_batch(
        self, batch: Any, ids: list[str | None], copy_of: list[str | None], kinds: list[str | None]
    ) -> None:
        from cleanarticle.stories.parquet import batch_lines  # noqa: PLC0415

        for line in batch_lines(batch, ids, copy_of, kinds):
            self.write_line(line, b"")

    def close(self) -> None:
        try:
            self._file.close()  # not synced: a derived output, written again after a crash
            Path(self._temporary).replace(self.path)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from exc

    def abort(self) -> None:
        try:
            self._file.close()
        finally:
            Path(self._temporary).unlink(missing_ok=True)

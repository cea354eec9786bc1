"""Parquet output (the ``parquet`` extra, pyarrow): a folder of parts, one table.

``OUT`` is a folder of ``part-000000.parquet``, ``part-000001.parquet``, ... that pyarrow,
pandas, DuckDB, Spark and Dask read as one table (``pyarrow.parquet.read_table(OUT)``). A
part is written to a temporary name, synced, then renamed into place, so a crash leaves
only whole parts (the records buffered for the next part are redone on resume). Columns
follow the JSON records, with a fixed schema (:data:`SCHEMA`) so that every part agrees.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import Any

from cleanarticle.batch.claim import exists_message, lock, write_failed
from cleanarticle.batch.records import Line
from cleanarticle.batch.resume import SourceSet
from cleanarticle.errors import OutputError

__all__ = ["ParquetSink", "record_schema"]

INSTALL_HINT = "Parquet output needs the parquet extra: pip install 'cleanarticle[parquet]'"
ROWS_PER_PART = 2000
BYTES_PER_PART = 32 << 20  # of JSON buffered
_PART = re.compile(r"^part-(\d{6,})\.parquet$")
_LOCK = ".cleanarticle.lock"

# Record key -> Arrow type name, for the flat fields of a record.
_STRINGS = [
    "source",
    "id",
    "headline",
    "alternativeHeadline",
    "byline",
    "publisher",
    "aggregator",
    "articleSection",
    "datePublished",
    "dateModified",
    "inLanguage",
    "url",
    "canonicalUrl",
    "description",
    "mainImage",
    "dateline",
    "template",
    "sourceFormat",
    "encoding",
    "pageType",
    "fingerprint",
    "articleBody",
]
_BOOLS = ("isPartial", "isAccessibleForFree")
_INTS = ("wordCount", "readingTime")
_STRING_LISTS = ("authors", "keywords", "bullets", "flags")


def record_schema() -> Any:
    """The Arrow schema of a batch record (article fields, ``error`` or ``skipped``)."""
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    string = pa.string()
    mark = pa.struct(
        [("type", string), ("start", pa.int64()), ("end", pa.int64()), ("href", string)]
    )
    item = pa.struct([("text", string), ("level", pa.int64()), ("marks", pa.list_(mark))])
    block = pa.struct(
        [
            ("type", string),
            ("text", string),
            ("marks", pa.list_(mark)),
            ("ordered", pa.bool_()),
            ("items", pa.list_(item)),
            ("rows", pa.list_(pa.list_(string))),
            *((key, string) for key in ("url", "caption", "credit", "alt")),  # image blocks
        ]
    )
    section = pa.struct([("heading", string), ("level", pa.int64()), ("blocks", pa.list_(block))])
    fields = [(name, string) for name in _STRINGS]
    fields += [(name, pa.bool_()) for name in _BOOLS]
    fields += [(name, pa.int64()) for name in _INTS]
    fields += [(name, pa.list_(string)) for name in _STRING_LISTS]
    fields += [
        ("sections", pa.list_(section)),
        ("images", pa.list_(pa.struct([(k, string) for k in ("url", "caption", "credit", "alt")]))),
        ("removed", pa.list_(pa.struct([(k, string) for k in ("kind", "rule", "text")]))),
        ("error", pa.struct([("type", string), ("message", string)])),
        ("skipped", pa.struct([("type", string), ("message", string)])),
    ]
    return pa.schema(fields)


class ParquetSink:
    """Write records as Parquet parts in a folder (see the module doc)."""

    def __init__(
        self,
        path: str,
        *,
        resume: bool = False,
        overwrite: bool = False,
        rows_per_part: int = ROWS_PER_PART,
        bytes_per_part: int = BYTES_PER_PART,
    ) -> None:
        try:
            import pyarrow.parquet  # noqa: F401, PLC0415 - optional extra
        except ImportError as exc:
            raise OutputError(INSTALL_HINT) from exc
        self.path = path
        self.rows_per_part = rows_per_part
        self.bytes_per_part = bytes_per_part
        self._schema = record_schema()
        self._buffer: list[bytes] = []
        self._buffered = 0
        folder = Path(path)
        try:
            if folder.exists() and not folder.is_dir():
                raise OutputError(f"{path}: Parquet output is a folder, and this is a file")
            folder.mkdir(parents=True, exist_ok=True)
            self._lock_fd = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{path}: cannot create the output: {exc.strerror}") from exc
        try:
            lock(self._lock_fd, path)
            self._setup(folder, resume=resume, overwrite=overwrite)
        except BaseException:
            os.close(self._lock_fd)
            raise

    def _setup(self, folder: Path, *, resume: bool, overwrite: bool) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra

        for leftover in folder.glob("part-*.parquet.tmp"):
            leftover.unlink()
        parts = sorted(p for p in folder.iterdir() if _PART.match(p.name))
        if parts and overwrite:
            for part in parts:
                part.unlink()
            parts = []
        elif parts and not resume:
            raise OutputError(exists_message(self.path))
        self.done = SourceSet()
        for part in parts:
            try:
                column = pq.read_table(part, columns=["source"]).column("source")
            except Exception as exc:  # pyarrow errors share no base class
                raise OutputError(f"{part}: not a readable Parquet part: {exc}") from exc
            for source in column.to_pylist():
                self.done.add(source)
        self._next = max((int(_PART.match(p.name).group(1)) for p in parts), default=-1) + 1  # type: ignore[union-attr]

    def write(self, line: Line) -> None:
        """Buffer one record; a full buffer becomes a part."""
        self._buffer.append(line.data)
        self._buffered += len(line.data)
        if len(self._buffer) >= self.rows_per_part or self._buffered >= self.bytes_per_part:
            self.flush()

    def flush(self) -> None:
        """Write the buffered records as one part (temporary name, sync, rename)."""
        if not self._buffer:
            return
        import pyarrow.json as pj  # noqa: PLC0415 - optional extra
        import pyarrow.parquet as pq  # noqa: PLC0415

        data = b"".join(self._buffer)
        final = Path(self.path) / f"part-{self._next:06d}.parquet"
        temporary = final.with_name(final.name + ".tmp")
        try:
            table = pj.read_json(
                io.BytesIO(data),
                read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
                parse_options=pj.ParseOptions(
                    explicit_schema=self._schema, unexpected_field_behavior="ignore"
                ),
            )
            pq.write_table(table.select(self._schema.names), temporary, compression="zstd")
            with temporary.open("rb+") as fh:
                os.fsync(fh.fileno())
            temporary.replace(final)
            _sync_folder(self.path)
        except OSError as exc:
            raise OutputError(write_failed(str(final), exc)) from exc
        self._next += 1
        self._buffer.clear()
        self._buffered = 0

    def close(self) -> None:
        """Write the last part and release the lock."""
        if self._lock_fd < 0:
            return
        try:
            self.flush()
        finally:
            os.close(self._lock_fd)
            self._lock_fd = -1


def _sync_folder(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the rename is still atomic
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)

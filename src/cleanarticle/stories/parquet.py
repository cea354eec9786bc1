"""Parquet for ``cleanarticle stories`` (the ``parquet`` extra, pyarrow): batch records
with the story columns, written as a folder of parts like the batch's own output
(:mod:`cleanarticle.batch.parquet`), and read back as JSON lines for a JSONL output."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Final

from cleanarticle.batch.parquet import record_schema
from cleanarticle.errors import OutputError
from cleanarticle.stories.fields import STORY_KEYS

__all__ = ["ParquetOutput", "batch_lines", "stories_schema"]

ROWS_PER_PART: Final = 20_000
BYTES_PER_PART: Final = 32 << 20  # of JSON lines buffered
INSTALL_HINT: Final = "Parquet output needs the parquet extra: pip install 'cleanarticle[parquet]'"


def stories_schema() -> Any:
    """The Arrow schema of a batch record with ``storyId``, ``copyOf`` and ``copyKind``."""
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    schema = record_schema()
    for key in STORY_KEYS:
        schema = schema.append(pa.field(key, pa.string()))
    return schema


def _with_stories(
    batch: Any,
    ids: list[str | None],
    copy_of: list[str | None],
    kinds: list[str | None],
    schema: Any,
) -> Any:
    """The batch in the stories schema: its columns (cast; missing ones null), the story
    columns set."""
    import pyarrow as pa  # noqa: PLC0415

    given = dict(zip(STORY_KEYS, (ids, copy_of, kinds), strict=True))
    columns = []
    for field in schema:
        if field.name in given:
            columns.append(pa.array(given[field.name], type=pa.string()))
        elif field.name in batch.schema.names:
            columns.append(batch.column(field.name).cast(field.type))
        else:
            columns.append(pa.nulls(batch.num_rows, type=field.type))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def batch_lines(
    batch: Any, ids: list[str | None], copy_of: list[str | None], kinds: list[str | None]
) -> list[bytes]:
    """A Parquet batch's records as JSON lines, story keys added to the articles (an error
    record keeps only its non-null keys, as the batch writes it)."""
    lines = []
    for k, row in enumerate(batch.to_pylist()):
        if row.get("error") is not None:
            record = {key: value for key, value in row.items() if value is not None}
        else:
            record = {key: value for key, value in row.items() if key not in ("error", *STORY_KEYS)}
            if record.get("id") is None:
                record.pop("id", None)
            record.update(zip(STORY_KEYS, (ids[k], copy_of[k], kinds[k]), strict=True))
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        lines.append(text.encode("utf-8", "surrogatepass") + b"\n")
    return lines


class ParquetOutput:
    """A folder of ``part-NNNNNN.parquet`` files in :func:`stories_schema`."""

    def __init__(self, path: str, *, overwrite: bool, rows_per_part: int = ROWS_PER_PART) -> None:
        try:
            import pyarrow  # noqa: F401, PLC0415 - optional extra
        except ImportError as exc:
            raise OutputError(INSTALL_HINT) from exc
        self.path = path
        self.rows_per_part = rows_per_part
        self.schema = stories_schema()
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"{path}: Parquet output is a folder, and this is a file")
        parts = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
        if parts and not overwrite:
            raise OutputError(f"{path} exists: add --overwrite to replace it")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for part in parts:
                part.unlink()
        except OSError as exc:
            raise OutputError(f"{path}: cannot create the output: {exc.strerror}") from exc
        self._lines: list[bytes] = []
        self._buffered = 0
        self._batches: list[Any] = []
        self._rows = 0
        self._next = 0

    def write_line(self, head: bytes | bytearray | memoryview, tail: bytes) -> None:
        """Add a record given as a JSON line, in two parts (joined here)."""
        line = bytes(head) + tail
        self._lines.append(line)
        self._buffered += len(line)
        if len(self._lines) >= self.rows_per_part or self._buffered >= BYTES_PER_PART:
            self._flush()

    def write_batch(
        self, batch: Any, ids: list[str | None], copy_of: list[str | None], kinds: list[str | None]
    ) -> None:
        """Add the records of a Parquet batch, with their story columns."""
        self._take_lines()
        self._batches.append(_with_stories(batch, ids, copy_of, kinds, self.schema))
        self._rows += batch.num_rows
        if self._rows >= self.rows_per_part:
            self._flush()

    def _take_lines(self) -> None:
        if not self._lines:
            return
        import pyarrow.json as pj  # noqa: PLC0415

        data = b"".join(self._lines)
        table = pj.read_json(
            io.BytesIO(data),
            read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
            parse_options=pj.ParseOptions(
                explicit_schema=self.schema, unexpected_field_behavior="ignore"
            ),
        )
        self._batches.extend(table.select(self.schema.names).to_batches())
        self._rows += len(self._lines)
        self._lines.clear()
        self._buffered = 0

    def _flush(self) -> None:
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.parquet as pq  # noqa: PLC0415

        self._take_lines()
        if not self._batches:
            return
        final = Path(self.path) / f"part-{self._next:06d}.parquet"
        temporary = final.with_name(final.name + ".tmp")
        try:
            pq.write_table(
                pa.Table.from_batches(self._batches, schema=self.schema),
                temporary,
                compression="zstd",
            )
            temporary.replace(final)
        except OSError as exc:
            raise OutputError(f"{final}: cannot write: {exc.strerror or exc}") from exc
        self._next += 1
        self._batches.clear()
        self._rows = 0

    def close(self) -> None:
        """Write the last part."""
        self._flush()

    def abort(self) -> None:
        """Remove a part being written."""
        for leftover in Path(self.path).glob("part-*.parquet.tmp"):
            leftover.unlink(missing_ok=True)

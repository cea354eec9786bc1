"""What the grouping keeps of each record: its signatures and a few fields, in numpy arrays.

A :class:`Table` holds, for N records in input order, about 190 bytes each and never the
bodies: the fingerprint's body and lead signatures (:data:`~.fingerprint.NUM_PERM` and
:data:`~.fingerprint.LEAD_PERM` uint16), the word count, the publisher (an id into
:attr:`Table.publishers`), whether an aggregator is named, ``isPartial``, the publication
time, whether the record is an article (error records are passed through untouched) and a
64-bit digest of its ``source`` (the ``storyId`` of a story is its original's digest).

:class:`TableBuilder` collects records one at a time (``add``), in chunks of numpy arrays;
:meth:`TableBuilder.extend` appends another builder's rows (the pieces of a dump scanned
apart, on Dask or in order), keeping the publisher ids consistent.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any, Final

import numpy as np
import numpy.typing as npt

from cleanarticle.stories.fingerprint import LEAD_PERM, NUM_PERM, RAW_BYTES, Fingerprint
from cleanarticle.urls import base_domain

__all__ = [
    "NO_DATE",
    "NO_PUBLISHER",
    "Table",
    "TableBuilder",
    "outlet_key",
    "parse_date",
    "site_key",
    "source_digest",
]

NO_DATE: Final = np.iinfo(np.int64).max
NO_PUBLISHER: Final = -1
_CHUNK: Final = 4096
#: Rows held in memory before a builder's chunks go to a temporary file.
SPILL: Final = 65536
_NO_PRINT: Final = bytes(RAW_BYTES)
_NAMES_CACHED: Final = 100_000  # names and URLs remembered with their ids
_NOT_ALNUM = re.compile(r"[\W_]+")
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def outlet_key(name: str) -> str:
    """A publisher's name as compared: casefolded, without a leading "the", letters and
    digits only ("The Guardian" and "guardian" agree); a host name is its registrable
    label ("www.caritas.de" and "Caritas" agree)."""
    key = name.casefold().strip()
    if _HOST.match(key):
        key = base_domain(key.removeprefix("www.")).split(".")[0]
    key = key.removeprefix("the ")
    return _NOT_ALNUM.sub("", key)


def url_host(url: object) -> str:
    """The host of an http(s) URL, lowercased (``""`` when there is none): the text between
    ``//`` and the next ``/``, ``?`` or ``#``, without user and port."""
    if not isinstance(url, str):
        return ""
    at = url.find("//")
    if at < 0:
        return ""
    rest = url[at + 2 : at + 300]
    for stop in "/?#":
        cut = rest.find(stop)
        if cut >= 0:
            rest = rest[:cut]
    return rest.rpartition("@")[2].partition(":")[0].lower()


def site_key(url: object) -> str:
    """The outlet key of a page's own site, from its URL (``""`` when it has none)."""
    host = url_host(url)
    return outlet_key(host) if host else ""


def parse_date(value: object) -> int:
    """An ISO 8601 date or date-time as seconds since 1970 (UTC; a date or a time without
    offset is taken as UTC), or :data:`NO_DATE` when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return int(NO_DATE)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return int(NO_DATE)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def source_digest(source: str) -> int:
    """A 64-bit digest of a record's source (BLAKE2b): the ``storyId`` of the stories it
    is the original of, written as 16 hexadecimal digits."""
    data = source.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


@dataclass(slots=True)
class Table:
    """The arrays of N records (see the module doc); row i is the i-th record read."""

    body: npt.NDArray[np.uint16]  # (N, NUM_PERM)
    lead: npt.NDArray[np.uint16]  # (N, LEAD_PERM)
    words: npt.NDArray[np.uint32]
    publisher: npt.NDArray[np.int32]
    site: npt.NDArray[np.int32]  # the outlet key of the page's own URL, as a publisher id
    aggregated: npt.NDArray[np.bool_]
    partial: npt.NDArray[np.bool_]
    date: npt.NDArray[np.int64]
    article: npt.NDArray[np.bool_]  # False: an error record, passed through
    printed: npt.NDArray[np.bool_]  # has a fingerprint (a body with words)
    digest: npt.NDArray[np.uint64]
    publishers: list[str] = field(default_factory=list)  # id -> outlet_key

    def __len__(self) -> int:
        return int(self.words.size)

    @property
    def nbytes(self) -> int:
        """The bytes its arrays hold."""
        arrays = (self.body, self.lead, self.words, self.publisher, self.site, self.aggregated)
        more = (self.partial, self.date, self.article, self.printed, self.digest)
        return sum(int(a.nbytes) for a in (*arrays, *more))


class TableBuilder:
    """Collect records into a :class:`Table`, a chunk of rows at a time."""

    def __init__(self) -> None:
        self._keys: dict[str, int] = {}  # outlet key -> id
        self._ids: dict[str, int] = {}  # name as given -> id
        self._sites: dict[str, int] = {}  # host -> id (a cache: bounded)
        self.publishers: list[str] = []
        self._chunks: list[Table] = []  # in memory until SPILL rows, then in a file
        self._spill: IO[bytes] | None = None
        self._spilled = 0
        self._rows: list[tuple[int, int, bool, bool, int, bool, bool, int]] = []
        self._raw: list[bytes] = []
        self.count = 0

    def _publisher_id(self, name: object, *, url: bool = False) -> int:
        if not isinstance(name, str):
            return NO_PUBLISHER
        if url:
            name = url_host(name)
            if not name:
                return NO_PUBLISHER
        cache = self._sites if url else self._ids
        found = cache.get(name)  # the name (or host) as given, then its key
        if found is not None:
            return found
        key = outlet_key(name)
        found = self._key_id(key) if key else NO_PUBLISHER
        if len(cache) < _NAMES_CACHED:
            cache[name] = found
        return found

    def _key_id(self, key: str) -> int:
        found = self._keys.get(key)
        if found is None:
            found = self._keys[key] = len(self.publishers)
            self.publishers.append(key)
        return found

    def add(
        self, source: str, fields: Mapping[str, Any] | None, fp: Fingerprint | bytes | None
    ) -> None:
        """Add a record: its source, its article fields (None for an error record: it is
        passed through) and its fingerprint, or its raw bytes (None when its body has no
        words)."""
        if isinstance(fp, Fingerprint):
            fp = fp.to_bytes()
        if fields is None:
            self._rows.append(
                (NO_PUBLISHER, NO_PUBLISHER, False, False, int(NO_DATE), False, False, 0)
            )
            self._raw.append(_NO_PRINT)
        else:
            self._rows.append(
                (
                    self._publisher_id(fields.get("publisher")),
                    self._publisher_id(fields.get("canonicalUrl") or fields.get("url"), url=True),
                    bool(fields.get("aggregator")),
                    fields.get("isPartial") is True,
                    parse_date(fields.get("datePublished")),
                    True,
                    fp is not None,
                    source_digest(source),
                )
            )
            self._raw.append(fp if fp is not None else _NO_PRINT)
        self.count += 1
        if len(self._rows) == _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        n = len(self._rows)
        publisher, site, aggregated, partial, date, article, printed, digest = zip(
            *self._rows, strict=True
        )
        raw = np.frombuffer(b"".join(self._raw), dtype=np.uint8).reshape(n, RAW_BYTES)
        self._keep(
            Table(
                body=raw[:, 4 : 4 + 2 * NUM_PERM].copy().view("<u2").astype(np.uint16),
                lead=raw[:, 4 + 2 * NUM_PERM :].copy().view("<u2").astype(np.uint16),
                words=raw[:, :4].copy().view("<u4").astype(np.uint32).reshape(n),
                publisher=np.array(publisher, dtype=np.int32),
                site=np.array(site, dtype=np.int32),
                aggregated=np.array(aggregated, dtype=bool),
                partial=np.array(partial, dtype=bool),
                date=np.array(date, dtype=np.int64),
                article=np.array(article, dtype=bool),
                printed=np.array(printed, dtype=bool),
                digest=np.array(digest, dtype=np.uint64),
            )
        )
        self._rows.clear()
        self._raw.clear()

    def extend(self, other: TableBuilder | Table) -> None:
        """Append the rows of another builder (or table), mapping its publisher ids."""
        table = other.build() if isinstance(other, TableBuilder) else other
        self._flush()
        mapping = np.array(
            [self._key_id(key) for key in table.publishers] + [NO_PUBLISHER],
            dtype=np.int32,
        )
        table.publisher = mapping[table.publisher]  # NO_PUBLISHER (-1) maps to the last
        table.site = mapping[table.site]
        table.publishers = []
        self._keep(table)
        self.count += len(table)

    def _keep(self, chunk: Table) -> None:
        """Hold a chunk: in memory for a small table, else written to a temporary file, so
        that building the table needs no second copy of it."""
        self._chunks.append(chunk)
        held = sum(len(c) for c in self._chunks)
        if self._spill is None and held < SPILL:
            return
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed in build()
        self._write_chunks()

    def _write_chunks(self) -> None:
        assert self._spill is not None
        for held_chunk in self._chunks:
            for name in _COLUMNS:
                np.save(self._spill, getattr(held_chunk, name), allow_pickle=False)
            self._spilled += len(held_chunk)
        self._chunks.clear()

    def build(self) -> Table:
        """The table of every record added so far (the builder is emptied)."""
        self._flush()
        if self._spill is not None:
            self._write_chunks()
            table = self._read_spilled()
            self.count = 0
            return table
        chunks, self._chunks = self._chunks, []
        if not chunks:
            chunks = [_empty()]
        columns = {}
        for name in _COLUMNS:  # a column at a time, each chunk's freed once copied
            columns[name] = np.concatenate([getattr(c, name) for c in chunks])
            for chunk in chunks:
                setattr(chunk, name, _FREED)
        table = Table(**columns, publishers=list(self.publishers))
        self.count = 0
        return table

    def _read_spilled(self) -> Table:
        """The spilled rows as the table, read straight into arrays of their final size."""
        spill, self._spill = self._spill, None
        assert spill is not None
        total, self._spilled = self._spilled, 0
        with spill:
            spill.seek(0)
            out: dict[str, Any] = dict.fromkeys(_COLUMNS)
            done = 0
            while done < total:
                parts = {name: np.load(spill, allow_pickle=False) for name in _COLUMNS}
                size = len(parts["words"])
                for name, part in parts.items():
                    if out[name] is None:
                        out[name] = np.empty((total, *part.shape[1:]), dtype=part.dtype)
                    out[name][done : done + size] = part
                done += size
        return Table(**out, publishers=list(self.publishers))


_COLUMNS: Final = (
    "body",
    "lead",
    "words",
    "publisher",
    "site",
    "aggregated",
    "partial",
    "date",
    "article",
    "printed",
    "digest",
)
_FREED: Final = np.zeros(0, dtype=np.uint8)


def _empty() -> Table:
    return Table(
        body=np.zeros((0, NUM_PERM), dtype=np.uint16),
        lead=np.zeros((0, LEAD_PERM), dtype=np.uint16),
        words=np.zeros(0, dtype=np.uint32),
        publisher=np.zeros(0, dtype=np.int32),
        site=np.zeros(0, dtype=np.int32),
        aggregated=np.zeros(0, dtype=bool),
        partial=np.zeros(0, dtype=bool),
        date=np.zeros(0, dtype=np.int64),
        article=np.zeros(0, dtype=bool),
        printed=np.zeros(0, dtype=bool),
        digest=np.zeros(0, dtype=np.uint64),
    )

"""Find the copies of each story in a :class:`~.table.Table`, and each story's original.

1. **Candidates** by locality-sensitive hashing, never all pairs: the body signature is cut
   into bands of :data:`BODY_ROWS` values, the lead signature into bands of
   :data:`LEAD_ROWS`; two records whose values agree on a whole band are candidates. Each
   band is one sort of N keys (records with one key are a bucket; each member is paired
   with the bucket's first and with its neighbour), so the work grows as N log N; the
   bands are taken one at a time, and a pair already in one story is not looked at again.
2. **Verification** of each candidate pair on its signatures: the same story when the
   bodies agree (estimated Jaccard similarity at least :data:`SAME_BODY`), or when their
   leads agree (at least :data:`SAME_LEAD` of the most two leads of their lengths can
   share): a partial copy shares its full story's lead, not its length.
3. **Stories** are the connected components of the verified pairs.
4. **The original** of a story (its ``copyOf`` target): the publisher's own page where the
   story has one (a record without aggregator whose publisher is the one the copies name:
   the most named among the records with an aggregator, else among all), else the fullest
   copy (most words), else the earliest (``datePublished``); input order breaks ties.
5. **The kind of each copy**, against its original: ``full`` when their bodies agree (at
   least :data:`FULL_BODY`), ``partial`` when the copy is shorter (under
   :data:`SHORTER` of the original's words) and what it has is the original's (the
   original holds :data:`CONTAINED` of it, or their leads agree), else ``edited``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain
from typing import Final

import numpy as np
import numpy.typing as npt

from cleanarticle.stories.fingerprint import LEAD_WORDS, SHINGLE
from cleanarticle.stories.table import NO_PUBLISHER, Table

__all__ = [
    "BODY_ROWS",
    "CONTAINED",
    "FULL_BODY",
    "LEAD_ROWS",
    "SAME_BODY",
    "SAME_LEAD",
    "SHORTER",
    "CopyKind",
    "Grouping",
    "group_table",
]

#: Signature values per LSH band: 32 body bands and 8 lead bands of 32-bit keys.
BODY_ROWS: Final = 2
LEAD_ROWS: Final = 2
#: Estimated Jaccard similarity of two bodies that makes them one story.
SAME_BODY: Final = 0.4
#: Share of the most two leads can agree that makes them one story ...
SAME_LEAD: Final = 0.6
#: ... when both bodies have at least this many words.
LEAD_MIN_WORDS: Final = 24
#: Kinds of copies: a full copy agrees this much with its original; a partial copy has
#: under SHORTER of its words, and CONTAINED of its own shingles are in it.
FULL_BODY: Final = 0.97
SHORTER: Final = 0.9
CONTAINED: Final = 0.85
_VERIFY_CHUNK: Final = 1 << 12


class CopyKind(StrEnum):
    """How a copy relates to its story's original."""

    FULL = "full"  # the same body
    PARTIAL = "partial"  # a truncated copy (a teaser, "Read the full story at ...")
    EDITED = "edited"  # changed or added paragraphs


#: Kind codes in :attr:`Grouping.kind` (0: the original itself, or not an article).
KINDS: Final = (None, CopyKind.FULL, CopyKind.PARTIAL, CopyKind.EDITED)


@dataclass(frozen=True, slots=True)
class Grouping:
    """The stories of a table's records, row by row.

    ``original[i]`` is the row of record i's original (i itself for an original, -1 for an
    error record); ``kind[i]`` indexes :data:`KINDS`; ``story[i]`` is the ``storyId`` (the
    original's source digest); ``members[i]`` is the size of record i's story.
    """

    original: npt.NDArray[np.int64]
    kind: npt.NDArray[np.uint8]
    story: npt.NDArray[np.uint64]
    members: npt.NDArray[np.int64]

    def story_id(self, row: int) -> str:
        """The ``storyId`` of a row: 16 hexadecimal digits."""
        return f"{int(self.story[row]):016x}"


def group_table(table: Table) -> Grouping:
    """Group a table's records into stories (see the module doc)."""
    n = len(table)
    label = np.arange(n, dtype=np.int64)
    for candidates in _candidates(table):
        # Only pairs not yet in one story are verified: the rest changes nothing.
        pairs = candidates[label[candidates[:, 0]] != label[candidates[:, 1]]]
        if len(pairs):
            label = _components(label, pairs[_verify(table, pairs)])
    original = _originals(table, label)
    kind = _kinds(table, original)
    story = np.where(table.article, table.digest[original], np.uint64(0))
    members = np.bincount(label, minlength=n)[label]
    original = np.where(table.article, original, -1)
    return Grouping(original.astype(np.int64), kind, story.astype(np.uint64), members)


def _band_keys(
    values: npt.NDArray[np.uint16], rows: int, outside: npt.NDArray[np.bool_]
) -> Iterator[npt.NDArray[np.uint64]]:
    """The key of each band of ``rows`` values, one array at a time (8 bytes a record); a
    row marked ``outside`` gets a key of its own (above every band's), so it meets none."""
    unique = (np.uint64(1) << np.uint64(16 * rows)) + np.flatnonzero(outside).astype(np.uint64)
    for start in range(0, values.shape[1] - rows + 1, rows):
        key = np.zeros(values.shape[0], dtype=np.uint64)
        for offset in range(rows):
            key <<= np.uint64(16)
            key |= values[:, start + offset]
        key[outside] = unique
        yield key


def _candidates(table: Table) -> Iterator[npt.NDArray[np.int64]]:
    """Candidate pairs (i < j) as (E, 2) arrays, a band at a time: in each band, a record is
    paired with the first record of its bucket and with the one before it."""
    outside = ~(table.printed & table.article)
    n = len(table)
    if n - int(outside.sum()) < 2:
        return
    bands = chain(
        _band_keys(table.body, BODY_ROWS, outside), _band_keys(table.lead, LEAD_ROWS, outside)
    )
    for key in bands:
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        del key
        same = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1  # positions after their peer
        if same.size:
            starts = np.arange(n, dtype=np.int64)
            starts[1:][ordered[1:] == ordered[:-1]] = 0  # a bucket's first position, or 0
            head = np.maximum.accumulate(starts)[same]  # the first position of each bucket
            del starts
            member = order[same]
            left = np.concatenate((order[same - 1], order[head]))
            right = np.concatenate((member, member))
            keep = left != right
            low = np.minimum(left[keep], right[keep]).astype(np.int64)
            high = np.maximum(left[keep], right[keep]).astype(np.int64)
            codes = np.unique(low * n + high)
            yield np.stack((codes // n, codes % n), axis=1)
        del order, ordered


def _lead_sizes(words: npt.NDArray[np.uint32]) -> npt.NDArray[np.float64]:
    """Shingles in a lead of so many words."""
    return np.maximum(np.minimum(words, LEAD_WORDS).astype(np.float64) - SHINGLE + 1, 1.0)


def _verify(table: Table, pairs: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    ok = np.zeros(len(pairs), dtype=bool)
    for start in range(0, len(pairs), _VERIFY_CHUNK):
        i = pairs[start : start + _VERIFY_CHUNK, 0]
        j = pairs[start : start + _VERIFY_CHUNK, 1]
        body = (table.body[i] == table.body[j]).mean(axis=1)
        lead = (table.lead[i] == table.lead[j]).mean(axis=1)
        li, lj = _lead_sizes(table.words[i]), _lead_sizes(table.words[j])
        most = np.minimum(li, lj) / np.maximum(li, lj)
        long_enough = np.minimum(table.words[i], table.words[j]) >= LEAD_MIN_WORDS
        ok[start : start + len(i)] = (body >= SAME_BODY) | (
            long_enough & (lead >= SAME_LEAD * most)
        )
    return ok


def _components(
    label: npt.NDArray[np.int64], pairs: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """The components once the pairs are joined to those of ``label`` (each row's label is
    its component's least row): hooking and pointer jumping, vectorised."""
    if not len(pairs):
        return label
    u, v = pairs[:, 0], pairs[:, 1]
    while True:
        lu, lv = label[u], label[v]
        if np.array_equal(lu, lv):
            return label
        low = np.minimum(lu, lv)
        np.minimum.at(label, lu, low)
        np.minimum.at(label, lv, low)
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped


def _story_publishers(table: Table, label: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """For each row, the publisher its story's copies name (NO_PUBLISHER when none): the
    most named by the records with an aggregator, failing them by all the records; a tie
    goes to the name read first in the story."""
    n = len(table)
    count = max(len(table.publishers), 1)
    named = table.article & (table.publisher != NO_PUBLISHER)
    chosen = np.full(n, NO_PUBLISHER, dtype=np.int64)
    for mask in (named & table.aggregated, named):
        rows = np.flatnonzero(mask & (chosen[label] == NO_PUBLISHER))
        if not rows.size:
            continue
        codes, first, counts = np.unique(
            label[rows] * count + table.publisher[rows], return_index=True, return_counts=True
        )
        stories, publishers = codes // count, codes % count
        order = np.lexsort((rows[first], -counts, stories))
        stories, publishers = stories[order], publishers[order]
        head = np.concatenate(([True], stories[1:] != stories[:-1]))
        chosen[stories[head]] = publishers[head]
    return chosen[label]


def _originals(table: Table, label: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    n = len(table)
    publisher = _story_publishers(table, label)
    # The publisher's own page: no aggregator, and the publisher the copies name, as its
    # own publisher or, where it names none, as its site (copies of a page that does not
    # name itself name its site: "Ekd" for ekd.de).
    unnamed = table.publisher == NO_PUBLISHER
    own = (
        table.article
        & ~table.aggregated
        & (publisher != NO_PUBLISHER)
        & ((table.publisher == publisher) | (unnamed & (table.site == publisher)))
    )
    index = np.arange(n, dtype=np.int64)
    # Per story: the publisher's own page first, then the most words, the earliest, the
    # first read.
    order = np.lexsort((index, table.date, -table.words.astype(np.int64), ~own, label))
    ordered = label[order]
    first = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    best = np.empty(n, dtype=np.int64)
    best[ordered[first]] = order[first]
    return best[label]


def _kinds(table: Table, original: npt.NDArray[np.int64]) -> npt.NDArray[np.uint8]:
    n = len(table)
    kind = np.zeros(n, dtype=np.uint8)
    rows = np.flatnonzero(table.article & (original != np.arange(n)))
    for start in range(0, rows.size, _VERIFY_CHUNK):
        i = rows[start : start + _VERIFY_CHUNK]
        o = original[i]
        body = (table.body[i] == table.body[o]).mean(axis=1)
        lead = (table.lead[i] == table.lead[o]).mean(axis=1)
        wi = table.words[i].astype(np.float64)
        wo = table.words[o].astype(np.float64)
        si = np.maximum(wi - SHINGLE + 1, 1.0)
        so = np.maximum(wo - SHINGLE + 1, 1.0)
        shared = body * (si + so) / (1.0 + body)  # |i & o| from the Jaccard estimate
        li, lo = _lead_sizes(table.words[i]), _lead_sizes(table.words[o])
        same_lead = lead >= SAME_LEAD * np.minimum(li, lo) / np.maximum(li, lo)
        shorter = wi < SHORTER * wo
        contained = shared / si >= CONTAINED
        code = np.full(i.size, 3, dtype=np.uint8)  # edited
        code[shorter & (contained | same_lead | table.partial[i])] = 2  # partial
        code[body >= FULL_BODY] = 1  # full
        kind[i] = code
    return kind

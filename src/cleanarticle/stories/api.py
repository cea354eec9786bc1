"""Group stories from Python: :func:`group` over Articles or batch records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cleanarticle.model import Article
from cleanarticle.stories.fields import fingerprint_of, is_error
from cleanarticle.stories.fingerprint import Fingerprint
from cleanarticle.stories.group import KINDS, CopyKind, group_table
from cleanarticle.stories.table import TableBuilder

__all__ = ["StoryLink", "group"]


@dataclass(frozen=True, slots=True)
class StoryLink:
    """Where one article stands in its story.

    ``story_id`` is the same for every copy of a story; ``copy_of`` is the source of the
    story's original (None on the original itself), ``copy_kind`` how this copy relates to
    it (None on the original); ``original`` is the original's position in the input.
    """

    story_id: str
    copy_of: str | None
    copy_kind: CopyKind | None
    original: int

    def to_fields(self) -> dict[str, str | None]:
        """The keys ``cleanarticle stories`` adds to a record: storyId, copyOf, copyKind."""
        kind = self.copy_kind.value if self.copy_kind is not None else None
        return {"storyId": self.story_id, "copyOf": self.copy_of, "copyKind": kind}


def group(items: Iterable[Article | Mapping[str, Any]]) -> list[StoryLink | None]:
    """Find the copies of each story among articles, or batch records (dicts as
    ``cleanarticle batch`` writes them), all held in memory; one entry per item, in order:
    its :class:`StoryLink`, or None for an error record (which belongs to no story).

    An item's source (``copy_of`` of its copies) is the record's ``source``, else the
    article's ``url``, else its position in the input, as a string.

    Raises:
        TypeError: an item is neither an Article nor a mapping.
    """
    builder = TableBuilder()
    sources: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, Article):
            source = item.url or item.canonical_url or str(index)
            text = item.text
            fields: Mapping[str, Any] | None = {
                "publisher": item.publisher,
                "aggregator": item.aggregator,
                "isPartial": item.is_partial,
                "datePublished": item.date_published,
                "url": item.url,
                "canonicalUrl": item.canonical_url,
            }
            fp = Fingerprint.of_text(text)
        elif isinstance(item, Mapping):
            raw = item.get("source") or item.get("url")
            source = raw if isinstance(raw, str) else str(index)
            fields = None if is_error(item) else item
            fp = fingerprint_of(item) if fields is not None else None
        else:
            raise TypeError(f"item {index}: an Article or a record (a mapping), not {type(item)}")
        builder.add(source, fields, fp)
        sources.append(source)
    table = builder.build()
    grouping = group_table(table)
    links: list[StoryLink | None] = []
    for row in range(len(sources)):
        original = int(grouping.original[row])
        if original < 0:
            links.append(None)
            continue
        copy = original != row
        links.append(
            StoryLink(
                story_id=grouping.story_id(row),
                copy_of=sources[original] if copy else None,
                copy_kind=KINDS[int(grouping.kind[row])] if copy else None,
                original=original,
            )
        )
    return links

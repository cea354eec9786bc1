"""The output data model: :class:`Article` and its parts.

Everything here is a frozen dataclass of plain values (str, int, float, bool, None, lists and
str-valued enums), so an Article pickles, compares by value and round-trips through
:meth:`Article.to_dict` / :meth:`Article.from_dict` and JSON unchanged.

The body is held once, as ``sections``; ``text``, ``bullets`` and ``word_count`` are derived
from it, so they can never disagree with it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from cleanarticle.textutil import count_words

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Image",
    "ListItem",
    "RemovalKind",
    "Removed",
    "Section",
]

_JSON_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

#: Words a minute used for :attr:`Article.reading_time`.
READING_WPM = 230


class BlockKind(StrEnum):
    """What kind of body block a :class:`Block` is."""

    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"
    TABLE = "table"
    CODE = "code"


class RemovalKind(StrEnum):
    """Why something was removed from the page (the category of the rule that removed it)."""

    SIGNUP = "signup"  # sign-up / sign-in / registration prompts
    SUBSCRIPTION = "subscription"  # subscribe upsells, paywall prompts
    APP_PROMO = "app_promo"  # "download the app"
    NEWSLETTER = "newsletter"
    CONSENT = "consent"  # cookie / consent banners
    SHARE = "share"  # share bars, social buttons
    AD = "ad"  # advertisements and their labels
    RELATED = "related"  # related / recommended / most-read / top-stories rails, "read also"
    NAVIGATION = "navigation"  # menus, breadcrumbs, skip links, pagination
    CREDIT = "credit"  # republication credits, "originally appeared on", editing credits
    COMMENTS = "comments"
    MEDIA = "media"  # captions, image credits, embeds, video players
    METADATA = "metadata"  # headline, byline, dateline, publisher lines moved into fields
    HIDDEN = "hidden"  # hidden or duplicated copies of content
    BOILERPLATE = "boilerplate"  # low-scoring page furniture found by the engine's signals
    OTHER = "other"


class PageType(StrEnum):
    """What kind of page the main content comes from (WCXB's taxonomy of seven types)."""

    ARTICLE = "article"  # news, blog posts, essays: one story in prose
    FORUM = "forum"  # a thread of posts by several people, questions and answers
    PRODUCT = "product"  # one product: description, specifications, price
    COLLECTION = "collection"  # a curated set of items on a theme (a category, a gallery)
    LISTING = "listing"  # an index of entries (search results, an archive, a feed)
    DOCUMENTATION = "documentation"  # reference or how-to pages, code and prose
    SERVICE = "service"  # a business's pages: what it offers, about, contact, pricing


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a bullet or numbered list; ``level`` is the nesting depth (0 = top)."""

    text: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Block:
    """One body block, in reading order.

    ``text`` holds the text of paragraphs, quotes and code; lists hold ``items`` (and
    ``ordered``), tables hold ``rows`` (a list of cells per row).
    """

    kind: BlockKind
    text: str = ""
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)

    @property
    def plain(self) -> str:
        """The block as plain text: list items on their own lines, table cells tab-separated."""
        if self.kind is BlockKind.LIST:
            return "\n".join(item.text for item in self.items)
        if self.kind is BlockKind.TABLE:
            return "\n".join("\t".join(row) for row in self.rows)
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict with only the keys that apply to this kind."""
        out: dict[str, Any] = {"type": self.kind.value}
        if self.kind is BlockKind.LIST:
            out["ordered"] = self.ordered
            out["items"] = [{"text": i.text, "level": i.level} for i in self.items]
        elif self.kind is BlockKind.TABLE:
            out["rows"] = [list(row) for row in self.rows]
        else:
            out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Block:
        """Inverse of :meth:`to_dict`."""
        kind = BlockKind(data["type"])
        return cls(
            kind=kind,
            text=data.get("text", ""),
            items=[ListItem(i["text"], int(i.get("level", 0))) for i in data.get("items", [])],
            ordered=bool(data.get("ordered", False)),
            rows=[list(row) for row in data.get("rows", [])],
        )


@dataclass(frozen=True, slots=True)
class Section:
    """A run of blocks under one heading (``None`` for the lead, before any heading).

    ``level`` is the heading's rank: 2-4 for ``h2``-``h4``, and the rank of the surrounding
    headings for a bold run-in label such as "Why it matters:".
    """

    heading: str | None
    blocks: list[Block] = field(default_factory=list)
    level: int = 2

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict."""
        return {
            "heading": self.heading,
            "level": self.level,
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        """Inverse of :meth:`to_dict`."""
        return cls(
            heading=data.get("heading"),
            blocks=[Block.from_dict(b) for b in data.get("blocks", [])],
            level=int(data.get("level", 2)),
        )


@dataclass(frozen=True, slots=True)
class Image:
    """An image of the article with its caption and credit, kept out of the paragraphs."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict."""
        return {"url": self.url, "caption": self.caption, "credit": self.credit, "alt": self.alt}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Image:
        """Inverse of :meth:`to_dict`."""
        return cls(data.get("url"), data.get("caption"), data.get("credit"), data.get("alt"))


@dataclass(frozen=True, slots=True)
class Removed:
    """One piece of the page that was removed: its category, the rule's name and its text."""

    kind: RemovalKind
    rule: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict."""
        return {"kind": self.kind.value, "rule": self.rule, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Removed:
        """Inverse of :meth:`to_dict`."""
        return cls(RemovalKind(data["kind"]), data["rule"], data["text"])


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: its fields, its body as ordered sections, and what was removed.

    Dates are ISO 8601 strings (with the page's timezone offset where the page gives one);
    ``language`` is an ISO 639-1 code. ``publisher`` is the original source of the story,
    ``aggregator`` the site that republished it (``None`` on the publisher's own page).
    """

    headline: str | None = None
    alternative_headline: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    publisher: str | None = None
    aggregator: str | None = None
    section: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    main_image: str | None = None
    dateline: str | None = None
    keywords: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    is_partial: bool = False
    is_accessible_for_free: bool | None = None
    template: str | None = None
    source_format: str = "html"
    encoding: str | None = None
    page_type: str | None = None  # a PageType value

    # -- derived views of the body -------------------------------------------------------

    def blocks(self) -> Iterator[Block]:
        """Every body block in reading order, across sections."""
        for section in self.sections:
            yield from section.blocks

    @property
    def bullets(self) -> list[str]:
        """Every list item's text, in reading order."""
        return [item.text for b in self.blocks() if b.kind is BlockKind.LIST for item in b.items]

    @property
    def text(self) -> str:
        """The body as plain text, like schema.org ``articleBody``.

        Section headings, paragraphs, list items and table rows in order, one per line;
        the headline and byline are not part of it.
        """
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(b.plain for b in section.blocks if b.plain)
        return "\n".join(parts)

    @property
    def word_count(self) -> int:
        """Number of words in :attr:`text` (CJK characters count one each)."""
        return count_words(self.text)

    @property
    def reading_time(self) -> int:
        """Estimated reading time in whole minutes (at least 1 for a non-empty body)."""
        words = self.word_count
        return math.ceil(words / READING_WPM) if words else 0

    # -- serialisation ------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict with schema.org / Zyte article field names.

        The derived ``articleBody``, ``bullets``, ``wordCount`` and ``readingTime`` are
        included for convenience and ignored by :meth:`from_dict`.
        """
        out: dict[str, Any] = {}
        for attr, key in _SCALAR_KEYS.items():
            out[key] = getattr(self, attr)
        for attr, key in _LIST_KEYS.items():
            out[key] = list(getattr(self, attr))
        out["articleBody"] = self.text
        out["wordCount"] = self.word_count
        out["readingTime"] = self.reading_time
        out["bullets"] = self.bullets
        out["sections"] = [s.to_dict() for s in self.sections]
        out["images"] = [i.to_dict() for i in self.images]
        out["removed"] = [r.to_dict() for r in self.removed]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Rebuild an Article from :meth:`to_dict` output (derived keys are ignored)."""
        kwargs: dict[str, Any] = {}
        for attr, key in _SCALAR_KEYS.items():
            if key in data:
                kwargs[attr] = data[key]
        for attr, key in _LIST_KEYS.items():
            if key in data:
                kwargs[attr] = list(data[key])
        kwargs["sections"] = [Section.from_dict(s) for s in data.get("sections", [])]
        kwargs["images"] = [Image.from_dict(i) for i in data.get("images", [])]
        kwargs["removed"] = [Removed.from_dict(r) for r in data.get("removed", [])]
        return cls(**kwargs)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise :meth:`to_dict` as JSON.

        Non-ASCII characters are kept as they are; ``<``, ``>`` and ``&`` are written as
        ``\\u003c``, ``\\u003e`` and ``\\u0026`` (the same JSON value), so that the output can
        be embedded in an HTML page without any text of the article becoming markup.
        """
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
        return text.translate(_JSON_HTML_SAFE)

    @classmethod
    def from_json(cls, text: str) -> Article:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))

    def to_markdown(self) -> str:
        """Render as Markdown: headline, byline line, section headings, lists, quotes, tables."""
        from cleanarticle.render import to_markdown  # noqa: PLC0415 - avoid import cycle

        return to_markdown(self)

    def to_text(self) -> str:
        """Render as plain text: the headline, a blank line, then :attr:`text`."""
        from cleanarticle.render import to_text  # noqa: PLC0415 - avoid import cycle

        return to_text(self)

    def replace(self, **changes: Any) -> Article:
        """Return a copy with some fields changed (``dataclasses.replace``)."""
        return replace(self, **changes)

    @classmethod
    def field_names(cls) -> list[str]:
        """The names of the stored (non-derived) fields."""
        return [f.name for f in fields(cls)]


#: The Article's keys in JSON (schema.org's and Zyte's names) that are not its attribute's
#: name in camelCase.
_JSON_NAMES = {"section": "articleSection", "language": "inLanguage"}
#: The parts of an Article that serialise themselves (their own ``to_dict``).
_PARTS = frozenset({"sections", "images", "removed"})


def _json_key(attr: str) -> str:
    head, *rest = attr.split("_")
    return _JSON_NAMES.get(attr) or head + "".join(word.title() for word in rest)


# Article attribute -> JSON key, from the Article's own field list and in its order: the
# plain values, then the lists of strings.
_SCALAR_KEYS: dict[str, str] = {
    f.name: _json_key(f.name)
    for f in fields(Article)
    if f.name not in _PARTS and not str(f.type).startswith("list[")
}
_LIST_KEYS: dict[str, str] = {
    f.name: _json_key(f.name) for f in fields(Article) if str(f.type) == "list[str]"
}

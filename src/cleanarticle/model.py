"""The output data model: :class:`Article` and its parts.

Everything here is a frozen dataclass of plain values (str, int, float, bool, None, lists and
str-valued enums), so an Article pickles, compares by value and round-trips through
:meth:`Article.to_dict` / :meth:`Article.from_dict` and JSON unchanged.

The body is held once, as ``sections``; ``text``, ``bullets`` and ``word_count`` are derived
from it, so they can never disagree with it.

No text of an Article holds a control character: when one is built (by the engine,
:meth:`Article.from_dict` or a caller), :func:`~cleanarticle.textutil.drop_controls` cleans
every text in it, so that no output format (JSON, Markdown, text) can carry a terminal escape
or a bidirectional override out of a page.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from cleanarticle.textutil import count_words, drop_controls

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Image",
    "ListItem",
    "Mark",
    "MarkKind",
    "RemovalKind",
    "Removed",
    "Section",
    "body_text",
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
    IMAGE = "image"  # an image where the page shows it (Options.images); no text of its own


class MarkKind(StrEnum):
    """What a :class:`Mark` says about a stretch of a block's text."""

    LINK = "link"  # a hyperlink (``href``): Options.links
    STRONG = "strong"  # <b>, <strong>: Options.formatting
    EMPHASIS = "emphasis"  # <i>, <em>: Options.formatting
    CODE = "code"  # <code>, <kbd>, <samp>, <tt>: Options.formatting


@dataclass(frozen=True, slots=True)
class Mark:
    """Inline structure over ``text[start:end]`` of a paragraph, quote or list item: a link
    (with its absolute http(s) ``href``), strong or emphasised text, or inline code.

    Offsets count characters (Unicode code points, as Python's ``str`` indexes them); marks
    are in order of ``start`` (an outer mark before the marks inside it), and nest: two marks
    either do not overlap or one holds the other.
    """

    kind: MarkKind
    start: int
    end: int
    href: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict (``href`` only on links)."""
        out: dict[str, Any] = {"type": self.kind.value, "start": self.start, "end": self.end}
        if self.kind is MarkKind.LINK:
            out["href"] = self.href
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mark:
        """Inverse of :meth:`to_dict`."""
        return cls(MarkKind(data["type"]), int(data["start"]), int(data["end"]), data.get("href"))


def _marks_from(data: Mapping[str, Any]) -> list[Mark]:
    return [Mark.from_dict(m) for m in data.get("marks", ())]


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
    """One item of a bullet or numbered list; ``level`` is the nesting depth (0 = top);
    ``marks``: its links and formatting (see :class:`Mark`)."""

    text: str
    level: int = 0
    marks: list[Mark] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict (``marks`` only when there are some)."""
        out: dict[str, Any] = {"text": self.text, "level": self.level}
        if self.marks:
            out["marks"] = [m.to_dict() for m in self.marks]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListItem:
        """Inverse of :meth:`to_dict`."""
        return cls(data["text"], int(data.get("level", 0)), _marks_from(data))


@dataclass(frozen=True, slots=True)
class Block:
    """One body block, in reading order.

    ``text`` holds the text of paragraphs, quotes and code, and ``marks`` the links and
    formatting of paragraphs and quotes (see :class:`Mark`); lists hold ``items`` (and
    ``ordered``), tables hold ``rows`` (a list of cells per row), image blocks their
    ``image`` (they add nothing to the article's text).
    """

    kind: BlockKind
    text: str = ""
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    image: Image | None = None

    @property
    def plain(self) -> str:
        """The block as plain text: list items on their own lines, table cells tab-separated
        (an image block has none)."""
        if self.kind is BlockKind.LIST:
            return "\n".join(item.text for item in self.items)
        if self.kind is BlockKind.TABLE:
            return "\n".join("\t".join(row) for row in self.rows)
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict with only the keys that apply to this kind
        (``marks`` only when there are some; an image block's keys are the image's)."""
        out: dict[str, Any] = {"type": self.kind.value}
        if self.kind is BlockKind.LIST:
            out["ordered"] = self.ordered
            out["items"] = [i.to_dict() for i in self.items]
        elif self.kind is BlockKind.TABLE:
            out["rows"] = [list(row) for row in self.rows]
        elif self.kind is BlockKind.IMAGE:
            out.update((self.image or Image()).to_dict())
        else:
            out["text"] = self.text
            if self.marks:
                out["marks"] = [m.to_dict() for m in self.marks]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Block:
        """Inverse of :meth:`to_dict`."""
        kind = BlockKind(data["type"])
        return cls(
            kind=kind,
            text=data.get("text", ""),
            items=[ListItem.from_dict(i) for i in data.get("items", [])],
            ordered=bool(data.get("ordered", False)),
            rows=[list(row) for row in data.get("rows", [])],
            marks=_marks_from(data),
            image=Image.from_dict(data) if kind is BlockKind.IMAGE else None,
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
    ``flags`` notes what a caller may want to know about the input, as short codes:
    ``charset-ignored:LABEL`` (a charset label that is not one of the WHATWG Encoding
    Standard's, from the page or the caller, was ignored).
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
    flags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        _scrub(self)

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
        return body_text(self.sections)

    @property
    def word_count(self) -> int:
        """Number of words in :attr:`text` (CJK characters count one each)."""
        return count_words(self.text)

    @property
    def fingerprint(self) -> str | None:
        """A locality-sensitive signature of :attr:`text` (a MinHash of its word shingles),
        in its JSON form; None for an empty body. Copies of one story have similar
        fingerprints whatever chrome surrounded them: see :mod:`cleanarticle.stories`."""
        from cleanarticle.stories.fingerprint import fingerprint_text  # noqa: PLC0415 - numpy

        return fingerprint_text(self.text)

    @property
    def reading_time(self) -> int:
        """Estimated reading time in whole minutes (at least 1 for a non-empty body)."""
        words = self.word_count
        return math.ceil(words / READING_WPM) if words else 0

    # -- serialisation ------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a JSON-ready dict with schema.org / Zyte article field names.

        The derived ``fingerprint``, ``articleBody``, ``bullets``, ``wordCount`` and
        ``readingTime`` are included for convenience and ignored by :meth:`from_dict`
        (``fingerprint`` comes before the body, so that a reader of the fields can stop there).
        """
        from cleanarticle.stories.fingerprint import fingerprint_text  # noqa: PLC0415 - numpy

        text = self.text
        words = count_words(text)
        out: dict[str, Any] = {}
        for attr, key in _SCALAR_KEYS.items():
            out[key] = getattr(self, attr)
        out["fingerprint"] = fingerprint_text(text)
        for attr, key in _LIST_KEYS.items():
            out[key] = list(getattr(self, attr))
        out["articleBody"] = text
        out["wordCount"] = words
        out["readingTime"] = math.ceil(words / READING_WPM) if words else 0
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
        """Render as Markdown: headline, byline line, section headings, lists, quotes, tables,
        and the links, formatting and images the article keeps (see :class:`Options`)."""
        from cleanarticle.render import to_markdown  # noqa: PLC0415 - avoid import cycle

        return to_markdown(self)

    def to_html(self) -> str:
        """Render as a clean, safe HTML fragment (an ``<article>``): only the elements the
        model knows, the text escaped, every link and image URL checked (absolute http(s))."""
        from cleanarticle.render import to_html  # noqa: PLC0415 - avoid import cycle

        return to_html(self)

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
#: The optional text fields, cleaned of control characters (:func:`_scrub`).
_TEXT_FIELDS = tuple(k for k in _SCALAR_KEYS if k not in ("is_partial", "is_accessible_for_free"))


def body_text(sections: list[Section]) -> str:
    """The text of these sections as :attr:`Article.text` gives it (headings, then blocks, one
    per line)."""
    parts: list[str] = []
    for section in sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(b.plain for b in section.blocks if b.plain)
    return "\n".join(parts)


# -- control characters ----------------------------------------------------------------------


def _clean(text: str) -> str:
    return text if text.isprintable() else drop_controls(text)


def _clean_list(texts: list[str]) -> list[str] | None:
    """The texts cleaned, blank ones dropped; None when they are clean already."""
    if all(t.isprintable() for t in texts):
        return None
    cleaned = [_clean(t) for t in texts]
    return None if cleaned == texts else [t for t in cleaned if t.strip()]


def _clean_block(block: Block) -> Block | None:
    """The block with clean texts (the same object when it is clean); None when nothing
    is left of it."""
    if block.kind is BlockKind.LIST:
        texts = [item.text for item in block.items]
        if all(t.isprintable() for t in texts):
            return block
        items = [_clean_item(i) for i in block.items]
        items = [i for i in items if i.text.strip()]
        return replace(block, items=items) if items else None
    if block.kind is BlockKind.TABLE:
        if all(c.isprintable() for row in block.rows for c in row):
            return block
        rows = [[_clean(c) for c in row] for row in block.rows]
        return replace(block, rows=rows) if any(c.strip() for r in rows for c in r) else None
    if block.kind is BlockKind.IMAGE:
        image = block.image
        return block if image is None or _printable_image(image) else replace(
            block, image=_clean_image(image)
        )
    if block.text.isprintable():
        return block
    text = _clean(block.text)
    if text == block.text:
        return block
    # characters were dropped: the marks' offsets no longer hold in the cleaned text
    return replace(block, text=text, marks=[]) if text.strip() else None


def _clean_item(item: ListItem) -> ListItem:
    text = _clean(item.text)
    # characters dropped: the marks' offsets no longer hold in the cleaned text
    return item if text == item.text else ListItem(text, item.level)


def _clean_section(section: Section) -> Section:
    heading = section.heading
    if heading is not None and not heading.isprintable():
        heading = _clean(heading) or None
    blocks = [_clean_block(b) for b in section.blocks]
    if heading is section.heading and all(
        b is o for b, o in zip(blocks, section.blocks, strict=True)
    ):
        return section
    return Section(heading, [b for b in blocks if b is not None], section.level)


def _clean_image(image: Image) -> Image:
    values = (image.url, image.caption, image.credit, image.alt)
    if all(v is None or v.isprintable() for v in values):
        return image
    url, caption, credit, alt = (None if v is None else (_clean(v) or None) for v in values)
    return Image(url, caption, credit, alt)


def _clean_removed(record: Removed) -> Removed:
    if record.text.isprintable() and record.rule.isprintable():
        return record
    return Removed(record.kind, _clean(record.rule), _clean(record.text))


def _scrub(article: Article) -> None:
    """Clean every text of a new Article of control characters (see the module docstring):
    fields in place, body parts replaced by clean copies only where they need it. Most
    articles hold none: ``str.isprintable`` (false for every character cleaned, and for a few
    more) answers for each text at C speed."""
    put = object.__setattr__
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str) and not value.isprintable():
            put(article, name, _clean(value) or None)
    for name in _LIST_KEYS:
        cleaned = _clean_list(getattr(article, name))
        if cleaned is not None:
            put(article, name, cleaned)
    sections = [_clean_section(s) for s in article.sections]
    if any(s is not o for s, o in zip(sections, article.sections, strict=True)):
        put(article, "sections", sections)
    if not all(_printable_image(i) for i in article.images):
        put(article, "images", [_clean_image(i) for i in article.images])
    if not all(r.text.isprintable() and r.rule.isprintable() for r in article.removed):
        put(article, "removed", [_clean_removed(r) for r in article.removed])


def _printable_image(image: Image) -> bool:
    return all(
        v is None or v.isprintable() for v in (image.url, image.caption, image.credit, image.alt)
    )

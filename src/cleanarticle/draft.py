"""The mutable work-in-progress both input paths fill in, turned into an Article at the end.

Beside the fields found so far, the draft holds the body as :class:`Unit` objects in reading
order (each input path makes them; :mod:`cleanarticle.body.sections` groups them into the
Article's sections), and keeps its evidence: the removal record and the candidates for the original publisher (:class:`Credit`, each from a :class:`Source`), which
:mod:`cleanarticle.fields.publisher` weighs at the end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Final

from cleanarticle.errors import PageTypeSkipped, ResourceLimitError
from cleanarticle.model import Image, Mark, PageType, RemovalKind, Removed
from cleanarticle.rules import Profile, Rule
from cleanarticle.textutil import squeeze

__all__ = ["Credit", "Draft", "Source", "Unit", "UnitKind"]

#: Removed texts are kept up to this many characters (a whole rail can be long).
REMOVED_TEXT_CHARS: Final = 300
#: A removed text longer than this has only its head read.
_HEAD_CHARS = 4 * REMOVED_TEXT_CHARS


class UnitKind(StrEnum):
    """What a body unit is, before grouping."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    QUOTE = "quote"
    TABLE = "table"
    CODE = "code"
    IMAGE = "image"


@dataclass(slots=True)
class Unit:
    """One body unit in reading order.

    ``level`` is the heading rank for headings and the nesting depth for list items;
    ``group`` tells which list (or quote) consecutive units belong to, so that two lists
    separated by nothing stay two lists.
    """

    kind: UnitKind
    text: str
    level: int = 0
    ordered: bool = False
    group: int = 0
    rows: list[list[str]] = field(default_factory=list)
    # On a paragraph: it opens with bold words (a possible run-in label).
    # On a heading: it was made from a run-in label.
    label: bool = False
    marks: list[Mark] = field(default_factory=list)  # links and formatting over ``text``
    image: Image | None = None  # an image unit's image


class Source(IntEnum):
    """Where a publisher candidate comes from; a lower value is stronger evidence."""

    PROVIDER = 0  # a provider label the profile points at, a text capture's publisher line
    CREDIT = 1  # "Provided by X", "originally appeared on X", "Read more at X"
    BASED_ON = 2  # JSON-LD isBasedOn / sourceOrganization
    AGENCY = 3  # the agency of a dateline or byline
    CANONICAL = 4  # a canonical URL on another site
    PROFILE = 5  # the page's own publisher / wire profile
    METADATA = 6  # JSON-LD publisher, an organisation as author
    SITE = 7  # og:site_name


@dataclass(frozen=True, slots=True)
class Credit:
    """A candidate for the original publisher: its source, the name, and what found it."""

    source: Source
    name: str
    origin: str  # a rule name or the field it was read from, for explain


@dataclass(slots=True)
class Draft:
    """Fields found so far, the body units, and the removal record."""

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
    site_name: str | None = None
    keywords: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    is_partial: bool = False
    is_accessible_for_free: bool | None = None
    profile: Profile | None = None
    #: The kind of page (article, forum, product...): THE place later stages read it from.
    #: Set once, before any cleaning, by both input paths: to ``Options.page_type`` when the
    #: caller gave one (it wins), else, on the HTML path, to the classifier's answer
    #: (:func:`cleanarticle.html.pagetype.classify_page`, run after the parse and the head
    #: metadata, before the chrome is stripped and the main content is chosen); a text
    #: capture is read as an article. It becomes ``Article.page_type``.
    page_type: PageType | None = None
    #: Batch ``--page-types``: the types worth cleaning; once the type is known, a page of
    #: another type stops the extraction (:meth:`set_page_type`). None: every type.
    wanted_types: frozenset[PageType] | None = None
    # Template profiles detected alongside the profile (AMP): their rules apply too.
    layers: tuple[Profile, ...] = ()
    # The wire profile came from the body's dateline: wire copy republished on this site.
    syndicated: bool = False
    # Candidates for the original publisher, from every source that names one (attribution).
    credits: list[Credit] = field(default_factory=list)
    # A "partial-if-cut" rule fired at the end of the body: partial if the body stops short.
    cut_hint: bool = False
    # Explain mode: element id (the data-ca-id attribute) -> the rule that removed it, or "kept".
    marks: dict[str, str] | None = None
    keep_removed_text: bool = True
    # Short codes a caller may want to know (Article.flags): charset-ignored:LABEL, ...
    flags: list[str] = field(default_factory=list)
    deadline: float | None = None  # time.monotonic() value after which check() raises
    timeout: float | None = None

    def check(self, stage: str) -> None:
        """Raise ResourceLimitError if the extraction has run past its deadline."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ResourceLimitError(
                f"extraction took longer than Options.timeout = {self.timeout} s "
                f"(stopped after the {stage} stage)"
            )

    def set_page_type(self, page_type: PageType) -> None:
        """Record the page's type; raise :class:`PageTypeSkipped` when it is not among
        :attr:`wanted_types` (the rest of the extraction would be wasted)."""
        self.page_type = page_type
        wanted = self.wanted_types
        if wanted is not None and page_type not in wanted:
            names = tuple(t.value for t in PageType if t in wanted)
            raise PageTypeSkipped(page_type.value, names)

    def remove(self, kind: RemovalKind, rule: str, text: str) -> None:
        """Record that ``text`` was removed by the rule named ``rule``."""
        if len(text) > _HEAD_CHARS:
            # Only the start is kept: the white space of a long text's head, collapsed, is a
            # prefix of the whole text's, and as good when it is long enough.
            head = squeeze(text[:_HEAD_CHARS])
            text = head if len(head) > REMOVED_TEXT_CHARS else squeeze(text)
        else:
            text = squeeze(text)
        if not text:
            return
        if len(text) > REMOVED_TEXT_CHARS:
            text = text[: REMOVED_TEXT_CHARS - 1] + "…"
        self.removed.append(Removed(kind, rule, text if self.keep_removed_text else ""))

    def fire(
        self, rule: Rule, text: str, *, at_end: bool | None = None, capture: bool = True
    ) -> None:
        """Record a rule's removal, the publisher its text names, and apply its flag.

        ``at_end`` says whether the removed block comes right after the body's last block
        (``None``: unknown); a ``partial-if-cut`` flag only counts there. ``capture=False``
        when the caller has already read the publisher out of the text.
        """
        self.remove(rule.kind, rule.name, text)
        publisher = rule.captured_publisher(text) if capture else None
        if publisher:
            self.credit(Source.CREDIT, publisher, rule.name)
        if rule.flag == "paywall":
            self.is_accessible_for_free = False
        elif rule.flag == "partial":
            self.is_partial = True
        elif rule.flag == "partial-if-cut" and at_end is not False:
            self.cut_hint = True

    def credit(self, source: Source, name: str, origin: str) -> None:
        """Record a candidate for the original publisher (see :mod:`cleanarticle.fields.publisher`)."""
        name = " ".join(name.split())
        if 1 < len(name) <= 80:
            self.credits.append(Credit(source, name, origin))

    def mark(self, key: str | None, label: str) -> None:
        """Explain mode: label the element whose ``data-ca-id`` is ``key`` (first label wins)."""
        if self.marks is not None and key is not None:
            self.marks.setdefault(key, label)

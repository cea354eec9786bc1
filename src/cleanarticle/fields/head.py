"""Page metadata: JSON-LD, Open Graph, ``<meta>``, ``<link>``, ``<html lang>``, and the
fields the page prints (headings, bylines, dates; see :mod:`cleanarticle.fields.candidates`).

:func:`read_head` runs before any cleaning (cleaning removes the ``<script>`` elements that
hold JSON-LD) and keeps each source's value separately in :class:`HeadMeta`;
:func:`apply_head` reconciles them into the draft article: the headline in
:mod:`cleanarticle.fields.headline`, persons in :mod:`cleanarticle.fields.bylines`, dates in
:mod:`cleanarticle.fields.dates`. The order of trust for each field is written in the tables below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleanarticle.dom.scan import PageNodes, scan_page
from cleanarticle.fields.bylines import (
    NameSource,
    authors_from_byline,
    clean_names,
    dedupe_names,
    is_agency,
)
from cleanarticle.fields.candidates import Heading, Region, Visible, scan_fields, scan_headings
from cleanarticle.fields.dates import date_from_url, parse_date
from cleanarticle.fields.headline import pick_headline, site_keys
from cleanarticle.fields.jsonld import LinkedData, read_jsonld, unescape
from cleanarticle.fields.printed import date_after_headline, printed_byline, printed_date
from cleanarticle.rules.phrases import BYLINE_PREFIX
from cleanarticle.textutil import ascii_equal, collapse, normalize_phrase
from cleanarticle.urls import host_of, join_url

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.draft import Draft

__all__ = [
    "AUTHOR_META",
    "MODIFIED_META",
    "PUBLISHED_META",
    "TITLE_META",
    "HeadMeta",
    "apply_head",
    "authors_from_byline",
    "day_first",
    "read_head",
]

#: ``<meta>`` keys (name / property / itemprop, lower case) giving the publication date,
#: in order of trust.
# fmt: off
PUBLISHED_META: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "published_time", "publication_date", "publish-date", "publish_date", "publishdate",
    "pubdate", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
    "dc.date", "dcterms.date", "date", "sailthru.date", "parsely-pub-date", "article.published",
    "article_date_original", "original-publish-date", "og:published_time",
    "cxenseparse:recs:publishtime", "datecreated", "created", "displaydate", "dc.created",
    "citation_publication_date", "citation_date",
)
# fmt: on
#: ``<meta>`` keys giving the title, in order of trust.
TITLE_META: tuple[str, ...] = (
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
    "title",
)
#: ``<meta>`` keys giving the last modification date, in order of trust.
# fmt: off
MODIFIED_META: tuple[str, ...] = (
    "article:modified_time", "og:article:modified_time", "datemodified", "modified_time",
    "og:updated_time", "article:modified", "dcterms.modified", "dc.date.modified",
    "last-modified", "lastmod",
)
# fmt: on
#: ``<meta>`` keys naming the author(s), in order of trust.
# fmt: off
AUTHOR_META: tuple[str, ...] = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "citation_author", "twitter:creator:name", "cxenseparse:author",
)
# fmt: on


@dataclass(slots=True)
class HeadMeta:
    """What the page's metadata and printed fields say about the article, per source."""

    ld: LinkedData = field(default_factory=LinkedData)  # JSON-LD
    title: str | None = None  # <title>
    og_title: str | None = None  # the first of TITLE_META
    meta_authors: list[str] = field(default_factory=list)  # the first AUTHOR_META key's values
    site_name: str | None = None
    section: str | None = None
    date_published: str | None = None  # the first PUBLISHED_META value that parses
    date_modified: str | None = None
    description: str | None = None
    image: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    lang: str | None = None
    keywords: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # every <meta>, by lower-case key
    visible: Visible = field(default_factory=Visible)
    url: str | None = None


def _content(attrs: dict[str, str | None]) -> str | None:
    """A ``<meta>``'s value: ``content``, or ``value`` where the page writes that instead."""
    return attrs.get("content") or attrs.get("value")


def _read_meta(metas: list[dict[str, str | None]]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for attrs in metas:
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if not key:
            key = attrs.get("http-equiv")
        content = _content(attrs)
        if not key or not content or not content.strip():
            continue
        value = collapse(unescape(content))
        # "dc:creator twitter:site_name": one value for several keys; "DC.creator".
        for one in key.lower().split():
            dublin = one.startswith(("dc:", "dcterms:"))
            meta.setdefault(one.replace(":", ".", 1) if dublin else one, value)
    return meta


def _meta_authors(metas: list[dict[str, str | None]], meta: dict[str, str]) -> list[str]:
    """The values of the first author ``<meta>`` key the page has (``citation_author`` and
    ``author`` may repeat, one tag per author); ``metas``: the attributes of the page's
    ``meta[content]`` and ``meta[value]``."""
    for key in AUTHOR_META:
        if key not in meta:
            continue
        values = [meta[key]]
        if key in ("author", "citation_author", "dc.creator"):
            values = [
                collapse(unescape(_content(attrs) or ""))
                for attrs in metas
                if ascii_equal(attrs.get("name"), key) or ascii_equal(attrs.get("property"), key)
            ][:20]
        values = [v for v in values if v and not v.startswith(("http", "@"))]
        if values:
            return values
    return []


def read_head(
    tree: LexborHTMLParser, url: str | None = None, found: PageNodes | None = None
) -> HeadMeta:
    """Read the metadata of a parsed page (before any element is removed); ``found``: the
    page's :func:`~cleanarticle.dom.scan.scan_page`, when the caller has it."""
    if found is None:
        found = scan_page(tree)
    ld = read_jsonld(found.jsonld)
    metas = found.metas
    link = found.canonical
    meta = _read_meta(metas)
    head = HeadMeta(ld=ld, meta=meta, url=url)
    title_node = tree.css_first("title")
    head.title = collapse(unescape(title_node.text())) if title_node is not None else None
    head.og_title = next((v for k in TITLE_META if (v := meta.get(k))), None)
    head.site_name = meta.get("og:site_name") or meta.get("application-name")
    head.description = (
        meta.get("og:description")
        or meta.get("description")
        or meta.get("twitter:description")
        or ld.description
    )
    head.image = (
        meta.get("og:image") or meta.get("og:image:url") or meta.get("twitter:image") or ld.image
    )
    head.og_url = meta.get("og:url")
    head.section = ld.section or meta.get("article:section") or meta.get("section")
    head.date_published = next(
        (v for k in PUBLISHED_META if (v := meta.get(k)) and parse_date(v)), None
    )
    head.date_modified = next(
        (v for k in MODIFIED_META if (v := meta.get(k)) and parse_date(v)), None
    )
    head.meta_authors = _meta_authors(metas, meta)
    if link is not None:
        href = (link.attributes.get("href") or "").strip()
        if href:
            head.canonical = join_url(url, href)
    root = tree.css_first("html")
    lang = None
    if root is not None:
        lang = root.attributes.get("lang") or root.attributes.get("xml:lang")
    head.lang = (
        (lang.strip() if lang else None)
        or meta.get("content-language")
        or meta.get("og:locale")
        or meta.get("language")
        or meta.get("dc.language")
        or ld.lang
    )
    words = meta.get("keywords") or meta.get("news_keywords") or ""
    head.keywords = ld.keywords or [k.strip() for k in words.split(",") if k.strip()][:30]
    head.visible = scan_headings(tree, found.headings)
    return head


def day_first(lang: str | None) -> bool:
    """Whether ``05/06/2020`` is 5 June on a page in this language (all but US English)."""
    return not (lang and lang.replace("_", "-").lower() == "en-us")


def _headline(head: HeadMeta, sites: frozenset[str], draft: Draft) -> Heading | None:
    """Set the headline; return the heading that prints it (the byline's anchor), if any."""
    rails = Region()
    headline, heading = pick_headline(
        (head.ld.headline, head.og_title, head.title),
        head.visible.headings,
        sites,
        lambda h: rails.outside(h.node),
    )
    draft.headline = headline
    alt = head.ld.alternative_headline
    draft.alternative_headline = alt if alt and alt != headline else None
    if heading is None and headline:
        # The headline came from the metadata: the heading that prints it anchors the byline.
        key = normalize_phrase(headline)
        heading = next((h for h in head.visible.headings if normalize_phrase(h.text) == key), None)
    return heading


def _declared_authors(head: HeadMeta, not_names: frozenset[str], host: str | None) -> list[str]:
    """Persons the JSON-LD names as authors, else the author ``<meta>``."""
    hosts = site_keys((), host)
    authors: list[str] = []
    for name in head.ld.authors:
        authors.extend(clean_names(name, source=NameSource.FIELD, not_names=not_names, hosts=hosts))
    if not authors:
        for value in head.meta_authors:
            authors.extend(
                clean_names(value, source=NameSource.FIELD, not_names=not_names, hosts=hosts)
            )
    return dedupe_names(authors)


def apply_head(head: HeadMeta, draft: Draft) -> None:
    """Fill the draft's fields from the page metadata (the body may refine them later).

    The page's printed byline and date are looked for (an extra selector pass around the
    headline) only when the JSON-LD and ``<meta>`` lack the authors or the date.
    """
    ld = head.ld
    url = draft.url or head.canonical or head.og_url
    host = host_of(url)
    publisher = ld.based_on or ld.publisher or head.site_name
    sites = site_keys((head.site_name, ld.publisher, head.meta.get("application-name")), host)
    heading = _headline(head, sites, draft)

    # The site's own name is not an author (a personal blog's host may be, so not the host).
    names: tuple[str | None, ...] = (head.site_name, head.meta.get("application-name"))
    if not ld.publisher_person:
        names = (*names, publisher)
    not_names = frozenset(normalize_phrase(s) for s in names if s)
    not_names |= frozenset(site_keys(names, None))
    authors = _declared_authors(head, not_names, host)
    dmy = day_first(head.lang)
    published = parse_date(ld.date_published, day_first=dmy) or parse_date(
        head.date_published, day_first=dmy
    )
    if not authors or not published:
        node = heading.node if heading is not None else None
        fields = scan_fields(head.visible.body, node)
        region = Region(node)
        printed_names, printed = printed_byline(fields.bylines, fields.anchor, region, not_names)
        authors = authors or printed_names
        if printed and (printed_names or BYLINE_PREFIX.match(printed)):
            draft.byline = printed
        published = published or printed_date(fields.dates, fields.anchor, region, day_first=dmy)
        if not published and node is not None:
            published = date_after_headline(node, day_first=dmy)
    draft.authors = authors
    agency = next(
        (a for a in (*ld.authors, *head.meta_authors, *ld.author_orgs) if is_agency(a)), None
    )
    if publisher is None:
        publisher = ld.author_orgs[0] if ld.author_orgs else agency
    draft.publisher = publisher
    draft.site_name = head.site_name
    draft.section = head.section or (ld.breadcrumb[-2] if len(ld.breadcrumb) >= 3 else None)

    published = published or date_from_url(url)
    modified = parse_date(ld.date_modified, day_first=dmy) or parse_date(
        head.date_modified, day_first=dmy
    )
    if modified and published and modified[:10] < published[:10]:
        modified = None
    draft.date_published = published
    draft.date_modified = modified
    draft.description = head.description
    draft.main_image = join_url(url, head.image) if head.image else head.image
    draft.canonical_url = head.canonical or head.og_url
    draft.keywords = head.keywords
    draft.language = head.lang
    if ld.free is not None:
        draft.is_accessible_for_free = ld.free

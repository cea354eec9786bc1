"""Page metadata: JSON-LD, Open Graph, ``<meta>``, ``<link>``, ``<html lang>``, and the
fields the page prints (headings, bylines, dates; see :mod:`cleanarticle.visible`).

:func:`read_head` runs before any cleaning (cleaning removes the ``<script>`` elements that
hold JSON-LD) and keeps each source's value separately in :class:`HeadMeta`;
:func:`apply_head` reconciles them into the draft article: the headline in
:mod:`cleanarticle.headline`, persons in :mod:`cleanarticle.bylines`, dates in
:mod:`cleanarticle.dates`. The order of trust for each field is written in the tables below.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from cleanarticle.bylines import (
    BYLINE_PREFIX,
    NameSource,
    authors_from_byline,
    clean_names,
    dedupe_names,
    is_agency,
)
from cleanarticle.dates import date_from_url, parse_date
from cleanarticle.headline import pick_headline, site_keys
from cleanarticle.textutil import collapse, normalize_phrase
from cleanarticle.visible import Candidate, Region, Visible, scan_visible

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

    from cleanarticle.draft import Draft

__all__ = [
    "AUTHOR_META",
    "MODIFIED_META",
    "PUBLISHED_META",
    "TITLE_META",
    "HeadMeta",
    "apply_head",
    "authors_from_byline",
    "host_of",
    "read_head",
]

# fmt: off
_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "blogposting", "liveblogposting", "techarticle", "scholarlyarticle", "report",
    "socialmediaposting", "discussionforumposting", "medicalscholarlyarticle",
    "advertisercontentarticle", "satiricalarticle", "review", "recipe", "howto", "webpage",
    "itempage", "aboutpage", "faqpage", "qapage", "collectionpage", "videoobject",
    "creativework", "posting",
})
# fmt: on
_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage"})
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "organisation"})
_MAX_JSONLD_CHARS = 2_000_000

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
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_BYLINE_TEXT_CHARS = 160


@dataclass(slots=True)
class HeadMeta:
    """What the page's metadata and printed fields say about the article, per source."""

    title: str | None = None  # <title>
    og_title: str | None = None
    ld_headline: str | None = None
    ld_alternative_headline: str | None = None
    ld_authors: list[str] = field(default_factory=list)
    ld_author_orgs: list[str] = field(default_factory=list)
    meta_authors: list[str] = field(default_factory=list)
    ld_publisher: str | None = None
    ld_based_on: str | None = None
    site_name: str | None = None
    section: str | None = None
    breadcrumb: list[str] = field(default_factory=list)
    ld_date_published: str | None = None
    ld_date_modified: str | None = None
    date_published: str | None = None  # the first <meta> that parses
    date_modified: str | None = None
    description: str | None = None
    image: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    lang: str | None = None
    keywords: list[str] = field(default_factory=list)
    ld_body: str | None = None
    ld_free: bool | None = None
    meta: dict[str, str] = field(default_factory=dict)
    visible: Visible = field(default_factory=Visible)
    url: str | None = None


def host_of(url: str | None) -> str | None:
    """The lower-cased host of a URL without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _unescape(text: str) -> str:
    """Decode entities left in a value that was escaped twice (``&amp;#8222;``)."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def _clean(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict)) and v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    value = collapse(_unescape(value))
    return value or None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {str(x).lower().rsplit("/", 1)[-1] for x in t}
    return set()


def _names(value: Any) -> tuple[list[str], list[str]]:
    """Persons and organisations named by a JSON-LD author value."""
    persons: list[str] = []
    orgs: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        if isinstance(item, str):
            name = _clean(item)
            if name and not name.startswith("http"):
                persons.append(name)
        elif isinstance(item, dict):
            name = _clean(item.get("name"))
            if not name:
                given, family = _clean(item.get("givenName")), _clean(item.get("familyName"))
                name = " ".join(p for p in (given, family) if p) or None
            if not name:
                continue
            (orgs if _types(item) & _ORG_TYPES else persons).append(name)
    return persons, orgs


def _iter_ld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _iter_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _iter_ld(graph, depth + 1)
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, (dict, list)):
            yield from _iter_ld(main, depth + 1)


_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    if not raw or len(raw) > _MAX_JSONLD_CHARS:
        return None
    if raw.startswith("<!--"):
        raw = raw.removeprefix("<!--").removesuffix("-->")
    try:
        return json.loads(raw, strict=False)
    except (ValueError, RecursionError):
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", raw), strict=False)
        except (ValueError, RecursionError):
            return None


def _read_jsonld(tree: LexborHTMLParser, head: HeadMeta) -> None:
    best: dict[str, Any] | None = None
    best_rank = 99
    crumbs: list[str] = []
    orgs: list[str] = []
    for node in tree.css('script[type="application/ld+json" i]'):
        data = _load_json(node.text(deep=True))
        if data is None:
            continue
        for obj in _iter_ld(data):
            types = _types(obj)
            if "breadcrumblist" in types and not crumbs:
                crumbs = _breadcrumb(obj)
            if types & _ORG_TYPES and not orgs:
                name = _clean(obj.get("name"))
                if name:
                    orgs.append(name)
            if not types & _ARTICLE_TYPES:
                continue
            # Real article types before WebPage; objects with a headline, a date, an author.
            rank = 4 if types & _PAGE_TYPES or types <= {"creativework", "videoobject"} else 0
            rank += 0 if obj.get("headline") else 1
            rank += 0 if obj.get("datePublished") else 1
            rank += 0 if obj.get("author") else 1
            if rank < best_rank:
                best, best_rank = obj, rank
    head.breadcrumb = crumbs
    if best is None:
        head.ld_publisher = orgs[0] if orgs else None
        return
    head.ld_headline = _clean(best.get("headline")) or _clean(best.get("name"))
    head.ld_alternative_headline = _clean(best.get("alternativeHeadline"))
    head.ld_authors, head.ld_author_orgs = _names(best.get("author") or best.get("creator"))
    pub = best.get("publisher")
    head.ld_publisher = _clean(pub[0] if isinstance(pub, list) and pub else pub) or (
        orgs[0] if orgs else None
    )
    based = best.get("isBasedOn") or best.get("sourceOrganization")
    head.ld_based_on = _clean(based) if isinstance(based, (dict, str)) else None
    if head.ld_based_on and head.ld_based_on.startswith("http"):
        head.ld_based_on = None
    head.section = _clean(best.get("articleSection"))
    head.ld_date_published = _clean(best.get("datePublished")) or _clean(best.get("dateCreated"))
    head.ld_date_modified = _clean(best.get("dateModified"))
    head.description = _clean(best.get("description"))
    image = best.get("image") or best.get("thumbnailUrl")
    if isinstance(image, list) and image:
        image = image[0]
    head.image = _clean(image.get("url") if isinstance(image, dict) else image)
    head.lang = _clean(best.get("inLanguage"))
    body = best.get("articleBody")
    head.ld_body = body if isinstance(body, str) and body.strip() else None
    free = best.get("isAccessibleForFree")
    if isinstance(free, bool):
        head.ld_free = free
    elif isinstance(free, str) and free.lower() in ("true", "false"):
        head.ld_free = free.lower() == "true"
    kws = best.get("keywords")
    if isinstance(kws, str):
        head.keywords = [k.strip() for k in kws.split(",") if k.strip()][:30]
    elif isinstance(kws, list):
        head.keywords = [k.strip() for k in kws if isinstance(k, str) and k.strip()][:30]


def _breadcrumb(obj: dict[str, Any]) -> list[str]:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return []
    named: list[tuple[int, str]] = []
    for i, item in enumerate(items[:12]):
        if not isinstance(item, dict):
            continue
        name = _clean(item.get("name")) or _clean(item.get("item"))
        pos = item.get("position")
        if name and not name.startswith("http"):
            named.append((pos if isinstance(pos, int) else i, name))
    return [name for _, name in sorted(named)]


def _read_meta(tree: LexborHTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if not key:
            key = attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            meta.setdefault(key.strip().lower(), collapse(_unescape(content)))
    return meta


def read_head(tree: LexborHTMLParser, url: str | None = None) -> HeadMeta:
    """Read the metadata of a parsed page (before any element is removed)."""
    head = HeadMeta(url=url)
    _read_jsonld(tree, head)
    meta = _read_meta(tree)
    head.meta = meta
    title_node = tree.css_first("title")
    head.title = collapse(_unescape(title_node.text())) if title_node is not None else None
    head.og_title = next((v for k in TITLE_META if (v := meta.get(k))), None)
    head.site_name = meta.get("og:site_name") or meta.get("application-name")
    head.description = (
        meta.get("og:description")
        or meta.get("description")
        or meta.get("twitter:description")
        or head.description
    )
    image = meta.get("og:image") or meta.get("og:image:url") or meta.get("twitter:image")
    head.image = image or head.image
    head.og_url = meta.get("og:url")
    head.section = head.section or meta.get("article:section") or meta.get("section")
    head.date_published = next(
        (v for k in PUBLISHED_META if (v := meta.get(k)) and parse_date(v)), None
    )
    head.date_modified = next(
        (v for k in MODIFIED_META if (v := meta.get(k)) and parse_date(v)), None
    )
    for key in AUTHOR_META:
        value = meta.get(key)
        if value and not value.startswith(("http", "@")):
            head.meta_authors.append(value)
    link = tree.css_first('link[rel~="canonical" i][href]')
    if link is not None:
        href = (link.attributes.get("href") or "").strip()
        if href:
            head.canonical = urljoin(url, href) if url else href
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
        or head.lang
    )
    if not head.keywords:
        words = meta.get("keywords") or meta.get("news_keywords") or ""
        head.keywords = [k.strip() for k in words.split(",") if k.strip()][:30]
    head.visible = scan_visible(tree)
    return head


def _anchored(cands: list[Candidate], anchor: int, region: Region) -> Iterator[Candidate]:
    """Candidates outside rails and comments: those after the headline first, nearest first;
    then those before it, nearest first."""
    for cand in cands:
        if cand.order > anchor and not region.outside(cand.node):
            yield cand
    for cand in reversed(cands):
        if cand.order <= anchor and not region.outside(cand.node):
            yield cand


def _node_value(node: LexborNode) -> str:
    attrs = node.attributes
    for key in ("datetime", "content", "data-datetime", "data-date", "title"):
        value = attrs.get(key)
        if value and any(ch.isdigit() for ch in value):
            return value
    return collapse(node.text(separator=" "))


def _visible_date(head: HeadMeta, anchor: int, region: Region, *, day_first: bool) -> str | None:
    modified = re.compile(r"modif|update|aktualisiert|geändert|mis à jour|actualiz", re.I)
    for cand in _anchored(head.visible.dates, anchor, region):
        node = cand.node
        hint = " ".join(v for k in ("class", "itemprop", "id") if (v := node.attributes.get(k)))
        if modified.search(hint):
            continue
        value = _node_value(node)
        if len(value) > 120:
            continue
        if modified.search(value[:30]):
            continue
        found = parse_date(value, day_first=day_first)
        if found:
            return found
    return None


_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|redakteur|journalist|"
    r"people|profile|profil|user|users|members?|mitarbeiter)[/_-]",
    re.IGNORECASE,
)
_NOT_BYLINE_TAGS = frozenset({"meta", "link", "article", "main", "body", "html", "section"})


def _name_source(node: LexborNode) -> NameSource:
    """Whether an element marks its text as the author (rel, itemprop, an author link)."""
    attrs = node.attributes
    rel = (attrs.get("rel") or "").lower()
    prop = (attrs.get("itemprop") or "").lower()
    if "author" in rel or "author" in prop or "creator" in prop:
        return NameSource.MARKED
    if node.tag == "a" and _AUTHOR_HREF.search(attrs.get("href") or ""):
        return NameSource.MARKED
    if "fn" in (attrs.get("class") or "").split():
        return NameSource.MARKED
    return NameSource.PRINTED


def _visible_byline(
    head: HeadMeta, anchor: int, region: Region, not_names: frozenset[str]
) -> tuple[list[str], str | None]:
    """Authors printed near the headline, and the byline as printed."""
    for cand in _anchored(head.visible.bylines, anchor, region):
        node = cand.node
        attrs = node.attributes
        if node.tag in _NOT_BYLINE_TAGS:
            continue
        inner = node.css_first("[itemprop~=name]") if "itemprop" in attrs else None
        text = collapse((inner or node).text(separator=" "))
        if attrs.get("data-author") and not text:
            text = collapse(attrs.get("data-author") or "")
        if not text or len(text) > _BYLINE_TEXT_CHARS:
            continue
        if _holds_next(cand, head.visible.bylines):
            continue  # a byline element around an author link: read the link
        source = _name_source(node)
        names = clean_names(text, source=source, not_names=not_names)
        if not names:
            continue
        # Sibling author links ("A, B and C" as three links) belong to one byline.
        parent = node.parent
        if parent is not None and len(names) == 1 and parent.tag not in _NOT_BYLINE_TAGS:
            for other in head.visible.bylines:
                other_node = other.node
                if (
                    other_node.mem_id != node.mem_id
                    and other_node.parent is not None
                    and other_node.parent.mem_id == parent.mem_id
                ):
                    more = collapse(other_node.text(separator=" "))
                    if more and len(more) <= 80:
                        names.extend(
                            clean_names(more, source=_name_source(other_node), not_names=not_names)
                        )
        byline = _printed_byline(node, text)
        return dedupe_names(names), byline
    return [], None


def _holds_next(cand: Candidate, cands: list[Candidate]) -> bool:
    """Whether the next candidate in document order lies inside this one."""
    i = cands.index(cand)
    if i + 1 >= len(cands):
        return False
    target = cand.node.mem_id
    inner = cands[i + 1].node
    if _name_source(inner) is not NameSource.MARKED or not inner.text(separator=" ").strip():
        return False
    current = inner.parent
    for _ in range(12):
        if current is None:
            return False
        if current.mem_id == target:
            return True
        current = current.parent
    return False


def _printed_byline(node: LexborNode, text: str) -> str:
    """The byline as printed: the element's text, or its parent's when that opens with
    "By" / "Von" ("Par <a>Sébastien Farcis</a>")."""
    current = node.parent
    for _ in range(2):
        if current is None or current.tag in _NOT_BYLINE_TAGS:
            break
        printed = collapse(current.text(separator=" "))
        if len(printed) > _BYLINE_TEXT_CHARS:
            break
        if BYLINE_PREFIX.match(printed):
            return printed
        current = current.parent
    return text


def _day_first(lang: str | None) -> bool:
    return not (lang and lang.replace("_", "-").lower() == "en-us")


def apply_head(head: HeadMeta, draft: Draft) -> None:
    """Fill the draft's fields from the page metadata (the body may refine them later)."""
    url = draft.url or head.canonical or head.og_url
    host = host_of(url)
    publisher = head.ld_based_on or head.ld_publisher or head.site_name
    sites = site_keys((head.site_name, head.ld_publisher, head.meta.get("application-name")), host)
    rails = Region()
    headline, heading = pick_headline(
        (head.ld_headline, head.og_title, head.title),
        head.visible.headings,
        sites,
        lambda h: rails.outside(h.node),
    )
    draft.headline = headline
    anchor = heading.order if heading is not None else -1
    region = Region(heading.node) if heading is not None else rails
    alt = head.ld_alternative_headline
    draft.alternative_headline = alt if alt and alt != draft.headline else None

    # The site's own name is not an author (a personal blog's host may be, so not the host).
    names = (head.site_name, publisher, head.meta.get("application-name"))
    not_names = frozenset(normalize_phrase(s) for s in names if s)
    not_names |= frozenset(site_keys(names, None))
    authors: list[str] = []
    hosts = site_keys((), host)
    for name in head.ld_authors:
        authors.extend(clean_names(name, source=NameSource.FIELD, not_names=not_names, hosts=hosts))
    if not authors:
        for value in head.meta_authors:
            authors.extend(
                clean_names(value, source=NameSource.FIELD, not_names=not_names, hosts=hosts)
            )
            if authors:
                break
    printed_names, printed = _visible_byline(head, anchor, region, not_names)
    if not authors:
        authors = printed_names
    draft.authors = dedupe_names(authors)
    if printed and (printed_names or BYLINE_PREFIX.match(printed)):
        draft.byline = printed
    agency = next(
        (a for a in (*head.ld_authors, *head.meta_authors, *head.ld_author_orgs) if is_agency(a)),
        None,
    )
    if publisher is None:
        publisher = head.ld_author_orgs[0] if head.ld_author_orgs else agency
    draft.publisher = publisher
    draft.site_name = head.site_name
    draft.section = head.section or (head.breadcrumb[-2] if len(head.breadcrumb) >= 3 else None)

    day_first = _day_first(head.lang)
    published = (
        parse_date(head.ld_date_published, day_first=day_first)
        or parse_date(head.date_published, day_first=day_first)
        or _visible_date(head, anchor, region, day_first=day_first)
        or date_from_url(draft.url or head.canonical or head.og_url)
    )
    modified = parse_date(head.ld_date_modified, day_first=day_first) or parse_date(
        head.date_modified, day_first=day_first
    )
    if modified and published and modified[:10] < published[:10]:
        modified = None
    draft.date_published = published
    draft.date_modified = modified
    draft.description = head.description
    draft.main_image = urljoin(url, head.image) if head.image and url else head.image
    draft.canonical_url = head.canonical or head.og_url
    draft.keywords = head.keywords
    draft.language = head.lang
    if head.ld_free is not None:
        draft.is_accessible_for_free = head.ld_free

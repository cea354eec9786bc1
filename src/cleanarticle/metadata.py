"""Page metadata from the markup: JSON-LD, Open Graph, ``<meta>``, ``<link>``, ``<html lang>``.

Read before any cleaning (cleaning removes the ``<script>`` elements that hold JSON-LD). The
result, :class:`HeadMeta`, keeps each source's value separately; :func:`apply_head` reconciles
them into the draft article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.draft import Draft

__all__ = ["HeadMeta", "apply_head", "authors_from_byline", "host_of", "read_head"]

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "socialmediaposting",
        "discussionforumposting",
        "medicalscholarlyarticle",
        "advertisercontentarticle",
        "satiricalarticle",
        "review",
        "recipe",
        "howto",
        "webpage",
        "itempage",
    }
)
_MAX_JSONLD_CHARS = 2_000_000


@dataclass(slots=True)
class HeadMeta:
    """What the page's head (and JSON-LD anywhere in it) says about the article."""

    title: str | None = None  # <title>
    og_title: str | None = None
    ld_headline: str | None = None
    ld_alternative_headline: str | None = None
    h1: list[str] = field(default_factory=list)
    ld_authors: list[str] = field(default_factory=list)
    ld_author_orgs: list[str] = field(default_factory=list)
    meta_authors: list[str] = field(default_factory=list)
    ld_publisher: str | None = None
    ld_based_on: str | None = None
    site_name: str | None = None
    section: str | None = None
    date_published: str | None = None
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


def _clean(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    value = collapse(value)
    return value or None


def _names(value: Any) -> tuple[list[str], list[str]]:
    """Persons and organisations named by a JSON-LD author value."""
    persons: list[str] = []
    orgs: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            name = _clean(item)
            if name:
                persons.append(name)
        elif isinstance(item, dict):
            name = _clean(item.get("name"))
            if not name:
                given, family = _clean(item.get("givenName")), _clean(item.get("familyName"))
                name = " ".join(p for p in (given, family) if p) or None
            if not name:
                continue
            types = item.get("@type")
            types = [types] if isinstance(types, str) else types or []
            if any(str(t).lower() in ("organization", "newsmediaorganization") for t in types):
                orgs.append(name)
            else:
                persons.append(name)
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
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _iter_ld(main, depth + 1)


def _ld_types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {str(x).lower() for x in t}
    return set()


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
    for node in tree.css('script[type="application/ld+json"]'):
        data = _load_json(node.text(deep=True))
        if data is None:
            continue
        for obj in _iter_ld(data):
            types = _ld_types(obj)
            if not types & _ARTICLE_TYPES:
                continue
            # Prefer real article types over WebPage, and objects that have a headline.
            rank = 2 if types & {"webpage", "itempage"} else 0
            rank += 0 if obj.get("headline") else 1
            if rank < best_rank:
                best, best_rank = obj, rank
    if best is None:
        return
    head.ld_headline = _clean(best.get("headline")) or _clean(best.get("name"))
    head.ld_alternative_headline = _clean(best.get("alternativeHeadline"))
    head.ld_authors, head.ld_author_orgs = _names(best.get("author"))
    pub = best.get("publisher")
    head.ld_publisher = (
        _clean(pub) if not isinstance(pub, list) else _clean(pub[0] if pub else None)
    )
    based = best.get("isBasedOn") or best.get("sourceOrganization")
    head.ld_based_on = _clean(based) if isinstance(based, (dict, str)) else None
    head.section = _clean(best.get("articleSection"))
    head.date_published = _clean(best.get("datePublished")) or _clean(best.get("dateCreated"))
    head.date_modified = _clean(best.get("dateModified"))
    head.description = _clean(best.get("description"))
    image = best.get("image")
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
        head.keywords = [k.strip() for k in kws.split(",") if k.strip()]
    elif isinstance(kws, list):
        head.keywords = [k.strip() for k in kws if isinstance(k, str) and k.strip()]


def read_head(tree: LexborHTMLParser, url: str | None = None) -> HeadMeta:
    """Read the metadata of a parsed page (before any element is removed)."""
    head = HeadMeta()
    meta: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content and content.strip():
            meta.setdefault(key.strip().lower(), collapse(content))
    head.meta = meta
    title_node = tree.css_first("title")
    head.title = collapse(title_node.text()) if title_node is not None else None
    head.og_title = meta.get("og:title") or meta.get("twitter:title")
    head.site_name = meta.get("og:site_name") or meta.get("application-name")
    head.description = meta.get("og:description") or meta.get("description")
    head.image = meta.get("og:image") or meta.get("twitter:image")
    head.og_url = meta.get("og:url")
    head.section = meta.get("article:section")
    head.date_published = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or meta.get("dc.date")
        or meta.get("dc.date.issued")
        or meta.get("pubdate")
        or meta.get("publishdate")
        or meta.get("sailthru.date")
        or meta.get("parsely-pub-date")
    )
    head.date_modified = meta.get("article:modified_time") or meta.get("datemodified")
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = meta.get(key)
        if value and not value.startswith("http"):
            head.meta_authors.append(value)
    link = tree.css_first('link[rel="canonical"]')
    if link is not None:
        href = link.attributes.get("href")
        if href:
            head.canonical = urljoin(url, href.strip()) if url else href.strip()
    html = tree.css_first("html")
    if html is not None:
        lang = html.attributes.get("lang") or html.attributes.get("xml:lang")
        if lang:
            head.lang = lang.strip()
    head.lang = head.lang or meta.get("og:locale") or meta.get("content-language")
    head.h1 = [collapse(n.text()) for n in tree.css("h1")][:5]
    if not head.date_published:
        time_node = tree.css_first("time[datetime]")
        if time_node is not None:
            head.date_published = time_node.attributes.get("datetime") or None
    ld = HeadMeta()
    _read_jsonld(tree, ld)
    _merge_ld(head, ld)
    return head


def _merge_ld(head: HeadMeta, ld: HeadMeta) -> None:
    """JSON-LD values take precedence over meta tags for the fields it gives."""
    head.ld_headline = ld.ld_headline
    head.ld_alternative_headline = ld.ld_alternative_headline
    head.ld_authors = ld.ld_authors
    head.ld_author_orgs = ld.ld_author_orgs
    head.ld_publisher = ld.ld_publisher
    head.ld_based_on = ld.ld_based_on
    head.ld_body = ld.ld_body
    head.ld_free = ld.ld_free
    head.section = ld.section or head.section
    head.date_published = ld.date_published or head.date_published
    head.date_modified = ld.date_modified or head.date_modified
    head.description = head.description or ld.description
    head.image = head.image or ld.image
    head.lang = head.lang or ld.lang
    head.keywords = (
        ld.keywords
        or [k.strip() for k in (head.meta.get("keywords") or "").split(",") if k.strip()][:30]
    )


_SITE_SUFFIX = re.compile(r"\s+[|\-–—:•·»]\s+[^|\-–—:•·»]{2,60}$")


def pick_headline(head: HeadMeta) -> str | None:
    """Reconcile the headline sources: JSON-LD, og:title, the visible h1, then <title>."""
    for cand in (head.ld_headline, head.og_title):
        if cand:
            return _strip_site(cand, head)
    if head.h1:
        return head.h1[0]
    return _strip_site(head.title, head) if head.title else None


def _strip_site(title: str, head: HeadMeta) -> str:
    """Drop a trailing "| Site" / "- Site" when the rest is still a headline."""
    for _ in range(2):
        m = _SITE_SUFFIX.search(title)
        if m is None:
            break
        rest = title[: m.start()].strip()
        if len(rest) < 15:
            break
        suffix = m.group(0).strip(" |-–—:•·»").casefold()
        site = (head.site_name or "").casefold()
        if (site and (site in suffix or suffix in site)) or len(suffix.split()) <= 4:
            title = rest
        else:
            break
    return title


def apply_head(head: HeadMeta, draft: Draft) -> None:
    """Fill the draft's fields from the page metadata (the body may refine them later)."""
    draft.headline = pick_headline(head)
    alt = head.ld_alternative_headline
    draft.alternative_headline = alt if alt and alt != draft.headline else None
    authors = head.ld_authors or head.meta_authors
    draft.authors = _dedupe([a for a in authors if _plausible_person(a)])
    draft.publisher = head.ld_based_on or head.ld_publisher or head.site_name
    if head.ld_author_orgs and not draft.publisher:
        draft.publisher = head.ld_author_orgs[0]
    draft.site_name = head.site_name
    draft.section = head.section
    draft.date_published = head.date_published
    draft.date_modified = head.date_modified
    draft.description = head.description
    draft.main_image = head.image
    draft.canonical_url = head.canonical or head.og_url
    draft.keywords = head.keywords
    draft.language = head.lang
    if head.ld_free is not None:
        draft.is_accessible_for_free = head.ld_free


_GENERIC_NAMES = frozenset(
    s.casefold()
    for s in (
        "staff",
        "admin",
        "administrator",
        "editor",
        "editors",
        "redaktion",
        "rédaction",
        "redacción",
        "redação",
        "the editors",
        "email the author",
        "news desk",
        "newsdesk",
        "web desk",
        "unknown",
        "anonymous",
        "guest",
        "author",
    )
)


def _plausible_person(name: str) -> bool:
    key = name.casefold().strip()
    if key in _GENERIC_NAMES or len(key) < 3 or len(key) > 80:
        return False
    return not any(ch.isdigit() for ch in key) and "@" not in key and "http" not in key


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


_BY = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.IGNORECASE)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "ten",
        "ter",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "al",
        "ibn",
        "y",
    ]
)
_PAREN = re.compile(r"\([^)]{0,40}\)")


def authors_from_byline(byline: str) -> list[str]:
    """Persons named in a printed byline: ``"By A, B and C"`` -> ``["A", "B", "C"]``.

    Parenthesised notes ("(now)") are dropped, and each name is the run of capitalised words
    it opens with (two to four of them), so a job title after it is left out.
    """
    text = _PAREN.sub(" ", _BY.sub("", byline.strip()))
    out: list[str] = []
    for part in _SPLIT.split(text):
        words = part.split()
        name: list[str] = []
        for word in words:
            if (word[:1].isupper() and not word.isupper()) or (
                name and word.casefold() in _PARTICLES
            ):
                name.append(word)
            else:
                break
        while name and name[-1].casefold() in _PARTICLES:
            name.pop()
        if 2 <= len(name) <= 5:
            candidate = " ".join(name)
            if _plausible_person(candidate):
                out.append(candidate)
    return _dedupe(out)

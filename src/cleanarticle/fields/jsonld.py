"""JSON-LD: the article object a page declares in ``<script type="application/ld+json">``.

Pages often declare several objects (a ``WebPage``, an ``Organization``, a ``BreadcrumbList``,
the ``NewsArticle``), nested in ``@graph`` or ``mainEntity``, and refer between them by
``@id`` (``"author": {"@id": "#/schema/person/1"}``). :func:`read_jsonld` picks the object
that is most the article (a real article type over a ``WebPage``; one with a headline, a date
and an author), resolves ``@id`` references against every object of the page, and returns
its fields as plain strings.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["LinkedData", "read_jsonld", "unescape"]

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
_MAX_JSONLD_CHARS: Final = 2_000_000
_MAX_OBJECTS: Final = 500
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@dataclass(slots=True)
class LinkedData:
    """The fields of the page's JSON-LD article object (all None / empty when absent)."""

    headline: str | None = None
    alternative_headline: str | None = None
    authors: list[str] = field(default_factory=list)  # Person names (and plain strings)
    author_orgs: list[str] = field(default_factory=list)  # Organization authors
    publisher: str | None = None
    publisher_person: bool = False  # the publisher is a Person (a personal site)
    based_on: str | None = None  # isBasedOn / sourceOrganization: the original source
    section: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    description: str | None = None
    image: str | None = None
    lang: str | None = None
    body: str | None = None
    free: bool | None = None
    keywords: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    #: The ``@type`` of every object read (lower case, without a vocabulary prefix), each
    #: once, in page order: what the page says it is (the page-type classifier reads them).
    types: list[str] = field(default_factory=list)


def unescape(text: str) -> str:
    """Decode entities left in a value that was escaped twice (``&amp;#8222;``)."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {str(x).lower().rsplit("/", 1)[-1] for x in t}
    return set()


class _Graph:
    """Every object of the page's JSON-LD, by ``@id``, to resolve references."""

    def __init__(self) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}

    def add(self, obj: dict[str, Any]) -> None:
        ref = obj.get("@id")
        if isinstance(ref, str) and len(obj) > 1:
            self.by_id.setdefault(ref, obj)

    def resolve(self, value: Any) -> Any:
        """The object a bare ``{"@id": ...}`` reference points to (else the value)."""
        if isinstance(value, dict) and "@id" in value and "name" not in value:
            found = self.by_id.get(str(value["@id"]))
            if found is not None:
                return found
        return value

    def text(self, value: Any) -> str | None:
        """A value as clean text: strings, ``{"name": ...}``, ``{"@value": ...}``."""
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, (str, dict)) and v), None)
        value = self.resolve(value)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value")
        if not isinstance(value, str):
            return None
        value = collapse(unescape(value))
        return value or None

    def names(self, value: Any) -> tuple[list[str], list[str]]:
        """Persons and organisations named by an ``author`` value."""
        persons: list[str] = []
        orgs: list[str] = []
        items = value if isinstance(value, list) else [value]
        for raw in items[:20]:
            item = self.resolve(raw)
            if isinstance(item, str):
                name = self.text(item)
                if name and not name.startswith("http"):
                    persons.append(name)
            elif isinstance(item, dict):
                name = self.text(item.get("name"))
                if not name:
                    given = self.text(item.get("givenName"))
                    family = self.text(item.get("familyName"))
                    name = " ".join(p for p in (given, family) if p) or None
                if name:
                    (orgs if _types(item) & _ORG_TYPES else persons).append(name)
        return persons, orgs


def _iter_ld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:_MAX_OBJECTS]:
            yield from _iter_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _iter_ld(graph, depth + 1)
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, (dict, list)):
            yield from _iter_ld(main, depth + 1)
        for key in ("author", "publisher", "creator"):
            value = data.get(key)
            if isinstance(value, (dict, list)):
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, dict) and "@id" in item and len(item) > 1:
                        yield item


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    if not raw or len(raw) > _MAX_JSONLD_CHARS:
        return None
    if raw.startswith("<!--"):
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
    if raw.startswith(("<![CDATA[", "//<![CDATA[")):  # XHTML habits
        raw = raw.split("<![CDATA[", 1)[1].rsplit("]]>", 1)[0].rstrip().removesuffix("//")
    try:
        return json.loads(raw, strict=False)
    except (ValueError, RecursionError):
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", raw), strict=False)
        except (ValueError, RecursionError):
            return None


def _breadcrumb(obj: dict[str, Any], graph: _Graph) -> list[str]:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return []
    named: list[tuple[int, str]] = []
    for i, item in enumerate(items[:12]):
        if not isinstance(item, dict):
            continue
        name = graph.text(item.get("name")) or graph.text(item.get("item"))
        pos = item.get("position")
        if name and not name.startswith("http"):
            named.append((pos if isinstance(pos, int) else i, name))
    return [name for _, name in sorted(named)]


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()][:30]
    if isinstance(value, list):
        return [k.strip() for k in value if isinstance(k, str) and k.strip()][:30]
    return []


def read_jsonld(scripts: Iterable[LexborNode]) -> LinkedData:
    """The page's JSON-LD article fields (empty when the page declares none); ``scripts``:
    its ``script[type="application/ld+json" i]`` elements
    (:attr:`~cleanarticle.dom.scan.PageNodes.jsonld`)."""
    found = LinkedData()
    graph = _Graph()
    best: dict[str, Any] | None = None
    best_rank = 99
    orgs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for node in scripts:
        data = _load_json(node.text(deep=True))
        if data is None:
            continue
        for obj in _iter_ld(data):
            graph.add(obj)
            types = _types(obj)
            for name in sorted(types):
                if name not in seen:
                    seen.add(name)
                    found.types.append(name)
            if "breadcrumblist" in types and not found.breadcrumb:
                found.breadcrumb = _breadcrumb(obj, graph)
            if types & _ORG_TYPES and not orgs:
                orgs.append(obj)
            if not types & _ARTICLE_TYPES:
                continue
            # Real article types before WebPage; objects with a headline, a date, an author.
            rank = 4 if types & _PAGE_TYPES or types <= {"creativework", "videoobject"} else 0
            rank += 0 if obj.get("headline") else 1
            rank += 0 if obj.get("datePublished") else 1
            rank += 0 if obj.get("author") else 1
            if rank < best_rank:
                best, best_rank = obj, rank
    if best is None:
        found.publisher = graph.text(orgs[0].get("name")) if orgs else None
        return found
    found.headline = graph.text(best.get("headline")) or graph.text(best.get("name"))
    found.alternative_headline = graph.text(best.get("alternativeHeadline"))
    found.authors, found.author_orgs = graph.names(best.get("author") or best.get("creator"))
    pub = best.get("publisher")
    pub = graph.resolve(pub[0] if isinstance(pub, list) and pub else pub)
    found.publisher_person = isinstance(pub, dict) and "person" in _types(pub)
    found.publisher = graph.text(pub) or (graph.text(orgs[0].get("name")) if orgs else None)
    based = graph.resolve(best.get("isBasedOn") or best.get("sourceOrganization"))
    found.based_on = graph.text(based) if isinstance(based, (dict, str)) else None
    if found.based_on and found.based_on.startswith("http"):
        found.based_on = None
    found.section = graph.text(best.get("articleSection"))
    found.date_published = graph.text(best.get("datePublished")) or graph.text(
        best.get("dateCreated")
    )
    found.date_modified = graph.text(best.get("dateModified"))
    found.description = graph.text(best.get("description"))
    image = graph.resolve(best.get("image") or best.get("thumbnailUrl"))
    if isinstance(image, list) and image:
        image = graph.resolve(image[0])
    found.image = graph.text(
        (image.get("url") or image.get("contentUrl")) if isinstance(image, dict) else image
    )
    found.lang = graph.text(best.get("inLanguage"))
    body = best.get("articleBody")
    found.body = body if isinstance(body, str) and body.strip() else None
    free = best.get("isAccessibleForFree")
    if isinstance(free, bool):
        found.free = free
    elif isinstance(free, str) and free.lower() in ("true", "false"):
        found.free = free.lower() == "true"
    found.keywords = _keywords(best.get("keywords"))
    return found

"""One pass, when the page is parsed, for the elements that the passes before the walk look
for: the head metadata (JSON-LD scripts, ``<meta>``, the canonical link, ``h1`` and ``h2``),
the non-content elements (:data:`~cleanarticle.dom.tags.NON_CONTENT_TAGS`) and the layout
elements (``nav``, ``footer``, ``aside``, ``header``); it also counts the elements of each
tag, for the page-type classifier.

Lexbor's CSS engine tests every selector of a list on every element, so a query for these 22
tag names costs 22 passes' worth of matching (about 0.13 ms on a development page). Lexbor's
traversal, with a set lookup of each element's tag id, finds the same elements in the same
document order in about 0.05 ms (:data:`PAGE_SELECTOR` is the query it stands for; the tests
compare the two).

The cleaning passes remove elements, so a node found here may have left the page by the time
a later pass uses it: :func:`within` tells. Removing a node unlinks it and its descendants,
without freeing them while the tree lives (selectolax 0.4 and later), so a node found here
stays safe to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleanarticle.dom.tags import NON_CONTENT_TAGS, TAG_ID
from cleanarticle.textutil import ascii_equal

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["PAGE_SELECTOR", "PAGE_TAGS", "PageNodes", "scan_page", "within"]

#: The tags :func:`scan_page` looks for. The JSON-LD scripts, the ``<meta>`` with a value and
#: the canonical link are among the non-content tags and told apart by their attributes; the
#: page-layout elements (``nav``, ``footer``, ``aside``, ``header``) are removed before the
#: walk (``strip.strip_layout``, which judges ``header`` after the others are gone).
PAGE_TAGS = (*NON_CONTENT_TAGS, "h1", "h2", "nav", "footer", "aside", "header")
#: What :func:`scan_page` finds, as a query.
PAGE_SELECTOR = ", ".join(PAGE_TAGS)

_WANTED = frozenset(TAG_ID[name] for name in PAGE_TAGS)
_NON_CONTENT_IDS = frozenset(TAG_ID[name] for name in NON_CONTENT_TAGS)
_SCRIPT_ID, _META_ID, _LINK_ID = TAG_ID["script"], TAG_ID["meta"], TAG_ID["link"]
_HEADING_IDS = frozenset({TAG_ID["h1"], TAG_ID["h2"]})
_HEADER_ID = TAG_ID["header"]
#: CSS's whitespace, which separates the words of ``[rel~=...]``.
_CSS_WORD = re.compile(r"[^ \t\n\f\r]+")


@dataclass(slots=True)
class PageNodes:
    """The elements found by :func:`scan_page`, each list in document order."""

    #: ``script[type="application/ld+json" i]``
    jsonld: list[LexborNode] = field(default_factory=list)
    #: The attributes of each ``meta[content], meta[value]``.
    metas: list[dict[str, str | None]] = field(default_factory=list)
    #: The first ``link[rel~="canonical" i][href]``.
    canonical: LexborNode | None = None
    #: ``h1, h2``
    headings: list[LexborNode] = field(default_factory=list)
    #: Every element of :data:`~cleanarticle.dom.tags.NON_CONTENT_TAGS`.
    non_content: list[LexborNode] = field(default_factory=list)
    #: ``nav, footer, aside``
    layout: list[LexborNode] = field(default_factory=list)
    #: ``header``
    headers: list[LexborNode] = field(default_factory=list)
    #: How many elements of each Lexbor tag id the page has (read by the page-type
    #: classifier, :mod:`cleanarticle.html.pagetype`).
    tag_counts: dict[int, int] = field(default_factory=dict)


def scan_page(tree: LexborHTMLParser) -> PageNodes:
    """The elements of :data:`PAGE_SELECTOR`, sorted by kind, in one traversal of the page."""
    found = PageNodes()
    root = tree.root
    if root is None:
        return found
    non_content = found.non_content
    wanted = _WANTED
    counts = found.tag_counts
    for node in root.traverse():  # the elements, in document order
        tag_id = node.tag_id
        counts[tag_id] = counts.get(tag_id, 0) + 1
        if tag_id not in wanted:
            continue
        if tag_id in _NON_CONTENT_IDS:
            non_content.append(node)
            if tag_id == _SCRIPT_ID:
                if ascii_equal(node.attrs.get("type"), "application/ld+json"):
                    found.jsonld.append(node)
            elif tag_id == _META_ID:
                attrs = node.attributes
                if "content" in attrs or "value" in attrs:
                    found.metas.append(attrs)
            elif tag_id == _LINK_ID and found.canonical is None:
                attrs = node.attributes
                rel = attrs.get("rel")
                if (
                    rel
                    and "href" in attrs
                    and any(ascii_equal(word, "canonical") for word in _CSS_WORD.findall(rel))
                ):
                    found.canonical = node
        elif tag_id in _HEADING_IDS:
            found.headings.append(node)
        elif tag_id == _HEADER_ID:
            found.headers.append(node)
        else:  # nav, footer, aside
            found.layout.append(node)
    return found


def within(node: LexborNode, root: LexborNode) -> bool:
    """Whether ``node`` is still below ``root`` (a removed node has left the page)."""
    target = root.mem_id
    parent = node.parent
    while parent is not None:
        if parent.mem_id == target:
            return True
        parent = parent.parent
    return False

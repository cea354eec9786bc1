"""The byline and the date the page prints next to its headline.

The candidates come from :func:`cleanarticle.fields.candidates.scan_visible`, in document order. The
ones after the headline come first, nearest first, then the ones before it; candidates in
comments, rails and navigation (:class:`cleanarticle.fields.candidates.Region`) are never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final

from cleanarticle.fields.bylines import NameSource, clean_names, dedupe_names
from cleanarticle.fields.dates import date_in_text, parse_date
from cleanarticle.rules.phrases import BYLINE_PREFIX
from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from cleanarticle.fields.candidates import Candidate, Region

__all__ = [
    "BYLINE_TEXT_CHARS",
    "date_after_headline",
    "date_in_lines",
    "name_source",
    "printed_byline",
    "printed_date",
]

#: A byline element holding more text than this is a bio or a block, not a byline.
BYLINE_TEXT_CHARS: Final = 160
#: A date element holding more text than this is not a date line.
DATE_TEXT_CHARS: Final = 120
_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|redakteur|journalist|"
    r"people|profile|profil|user|users|members?|mitarbeiter)[/_-]",
    re.IGNORECASE,
)
_NOT_BYLINE_TAGS = frozenset({"meta", "link", "article", "main", "body", "html", "section"})
_MODIFIED = re.compile(r"modif|update|aktualisiert|geändert|mis à jour|actualiz", re.IGNORECASE)


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


def printed_date(
    cands: list[Candidate], anchor: int, region: Region, *, day_first: bool
) -> str | None:
    """The publication date printed nearest the headline (not a "modified" or "updated" one)."""
    for cand in _anchored(cands, anchor, region):
        node = cand.node
        hint = " ".join(v for k in ("class", "itemprop", "id") if (v := node.attributes.get(k)))
        if _MODIFIED.search(hint):
            continue
        value = _node_value(node)
        if len(value) > DATE_TEXT_CHARS or _MODIFIED.search(value[:30]):
            continue
        found = parse_date(value, day_first=day_first)
        if found:
            return found
    return None


def date_in_lines(lines: Iterable[str], *, day_first: bool) -> str | None:
    """The first publication date printed in the short lines around a headline ("Stand:
    05. Februar 2020", "06.12.2022"), or at the very start of the first paragraph."""
    for line in lines:
        head = line if len(line) <= DATE_TEXT_CHARS else line[:40]
        if _MODIFIED.search(head[:30]):
            continue
        found = date_in_text(head, day_first=day_first)
        if found:
            return found
    return None


def date_after_headline(headline: LexborNode, *, day_first: bool) -> str | None:
    """A date printed in the short elements that follow the headline (its next siblings, and
    its parents' next siblings a few levels up): "Stand: 05. Februar 2020"."""
    current: LexborNode | None = headline
    for _ in range(3):
        if current is None or current.tag in ("body", "html"):
            break
        sibling = current.next
        for _ in range(4):
            if sibling is None:
                break
            if sibling.tag not in ("-text", "-comment", "script", "style"):
                text = collapse(sibling.text(separator=" "))
                if text:
                    found = date_in_lines([text], day_first=day_first)
                    if found:
                        return found
                    if len(text) > DATE_TEXT_CHARS:
                        return None  # the body has begun
            sibling = sibling.next
        current = current.parent
    return None


def name_source(node: LexborNode) -> NameSource:
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


def _holds_next(cands: list[Candidate], i: int) -> bool:
    """Whether the next candidate in document order is an author link inside this one."""
    if i + 1 >= len(cands):
        return False
    inner = cands[i + 1].node
    if name_source(inner) is not NameSource.MARKED or not inner.text(separator=" ").strip():
        return False
    target = cands[i].node.mem_id
    current = inner.parent
    for _ in range(12):
        if current is None:
            return False
        if current.mem_id == target:
            return True
        current = current.parent
    return False


def _as_printed(node: LexborNode, text: str) -> str:
    """The byline as printed: the element's text, or its parent's when that opens with
    "By" / "Von" ("Par <a>Sébastien Farcis</a>")."""
    current = node.parent
    for _ in range(2):
        if current is None or current.tag in _NOT_BYLINE_TAGS:
            break
        printed = collapse(current.text(separator=" "))
        if len(printed) > BYLINE_TEXT_CHARS:
            break
        if BYLINE_PREFIX.match(printed):
            return printed
        current = current.parent
    return text


def printed_byline(
    cands: list[Candidate], anchor: int, region: Region, not_names: frozenset[str]
) -> tuple[list[str], str | None]:
    """The persons of the byline printed nearest the headline, and the byline as printed."""
    index = {id(c): i for i, c in enumerate(cands)}
    for cand in _anchored(cands, anchor, region):
        node = cand.node
        attrs = node.attributes
        if node.tag in _NOT_BYLINE_TAGS or "org" in (attrs.get("class") or "").split():
            continue  # (hCard "fn org" names an organisation)
        inner = node.css_first("[itemprop~=name]") if "itemprop" in attrs else None
        text = collapse((inner or node).text(separator=" "))
        if attrs.get("data-author") and not text:
            text = collapse(attrs.get("data-author") or "")
        if not text or len(text) > BYLINE_TEXT_CHARS:
            continue
        if _holds_next(cands, index[id(cand)]):
            continue  # a byline element around an author link: read the link
        names = clean_names(text, source=name_source(node), not_names=not_names)
        if not names:
            continue
        # Sibling author links ("A, B and C" as three links) belong to one byline.
        parent = node.parent
        if parent is not None and len(names) == 1 and parent.tag not in _NOT_BYLINE_TAGS:
            for other in cands:
                other_node = other.node
                if (
                    other_node.mem_id != node.mem_id
                    and other_node.parent is not None
                    and other_node.parent.mem_id == parent.mem_id
                ):
                    more = collapse(other_node.text(separator=" "))
                    if more and len(more) <= 80:
                        names.extend(
                            clean_names(more, source=name_source(other_node), not_names=not_names)
                        )
        return dedupe_names(names), _as_printed(node, text)
    return [], None

"""The byline and the date the page prints next to its headline.

The candidates come from :func:`cleanarticle.fields.candidates.scan_visible`, in document order. The
ones after the headline come first, nearest first, then the ones before it; candidates in
comments, rails and navigation (:class:`cleanarticle.fields.candidates.Region`) are never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Final

from cleanarticle.fields.bylines import BYLINE_OPENING, NameSource, clean_names, dedupe_names
from cleanarticle.fields.dates import (
    LABEL_WINDOW,
    DateLabel,
    date_label,
    dates_in_text,
    parse_date,
)
from cleanarticle.rules.phrases import BYLINE_PREFIX
from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from cleanarticle.fields.candidates import Candidate, Region

__all__ = [
    "BYLINE_TEXT_CHARS",
    "HeaderZone",
    "PrintedDate",
    "byline_near_headline",
    "date_after_headline",
    "date_in_lines",
    "dates_near_headline",
    "labelled_dates_after",
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
    05. Februar 2020", "06.12.2022"), or at the very start of the first paragraph; never one
    labelled as an update, a copyright or a membership ("© 2019", "Mitglied seit ...")."""
    for line in lines:
        head = line if len(line) <= DATE_TEXT_CHARS else line[:40]
        if _MODIFIED.search(head[:30]):
            continue
        done = 0
        for start, end, value in dates_in_text(head, day_first=day_first):
            if date_label(head[done:start]) in (DateLabel.NONE, DateLabel.PUBLISHED):
                return value
            done = end
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


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date printed near the headline: its ISO value, its label, and whether it comes
    after the headline (else before it)."""

    value: str
    label: DateLabel
    after: bool


#: How many non-empty text nodes after the headline are read for dates (the header zone).
TEXTS_AFTER: Final = 30
#: How many before it (a date above the headline, in the same header).
TEXTS_BEFORE: Final = 12
#: A text longer than this is prose, whose dates are what the story is about, not when it
#: was published.
DATE_LINE_CHARS: Final = 90
#: A text this long is a paragraph: the body has begun and the header zone ends, unless it
#: comes within the first texts under the headline (a standfirst, the byline after it).
PARAGRAPH_CHARS: Final = 250
STANDFIRST_AT: Final = 2
#: How many nodes (elements and texts) one walk from the headline visits at most.
NODES_READ: Final = 800
_NOT_TEXT_PARENTS = frozenset(
    {"script", "style", "noscript", "template", "button", "select", "option", "textarea"}
)
_DIGIT = re.compile(r"\d")
_PUBLISHED_HINT = re.compile(r"datepublished|publish|posted|created", re.IGNORECASE)


def _hint_label(node: LexborNode | None) -> DateLabel:
    """The label an element's class, id or itemprop gives (it or its parent)."""
    for _ in range(2):
        if node is None:
            break
        attrs = node.attributes
        hint = " ".join(v for k in ("class", "itemprop", "id") if (v := attrs.get(k)))
        if hint:
            if _MODIFIED.search(hint):
                return DateLabel.MODIFIED
            if _PUBLISHED_HINT.search(hint):
                return DateLabel.PUBLISHED
            if COMMENT_HINT.search(hint):
                return DateLabel.OTHER
        node = node.parent
    return DateLabel.NONE


COMMENT_HINT = re.compile(r"comment|reply|respond", re.IGNORECASE)


def _header_nodes(
    headline: LexborNode, *, after: bool, limit: int, levels: int, to_paragraph: bool = True
) -> list[LexborNode]:
    """The text nodes and ``<time>`` elements after (or before) the headline, nearest first,
    up to ``limit`` texts or (``to_paragraph``) the first paragraph-long text; ``levels``:
    how many of the headline's ancestors' following (or preceding) siblings are read."""
    out: list[LexborNode] = []
    texts = 0
    budget = NODES_READ  # elements and texts visited, whatever their text
    current: LexborNode | None = headline
    for _ in range(levels):
        if current is None or current.tag in ("body", "html") or budget <= 0:
            break
        sibling = current.next if after else current.prev
        while sibling is not None and budget > 0:
            walk = islice(sibling.traverse(include_text=True, skip_empty=True), budget)
            nodes: Iterable[LexborNode] = walk if after else reversed(list(walk))
            for node in nodes:
                budget -= 1
                tag = node.tag
                if tag == "time":
                    out.append(node)
                elif tag == "-text":
                    parent = node.parent
                    if parent is not None and parent.tag in _NOT_TEXT_PARENTS:
                        continue
                    text = node.text_content or ""
                    if (
                        to_paragraph
                        and len(text) > PARAGRAPH_CHARS
                        and len(text.strip()) > PARAGRAPH_CHARS
                        and (texts > STANDFIRST_AT or not after)
                    ):
                        return out  # (a standfirst right under the headline does not end it)
                    out.append(node)
                    texts += 1
                    if texts >= limit:
                        return out
            sibling = sibling.next if after else sibling.prev
        current = current.parent
    return out


def _read_dates(
    nodes: list[LexborNode], region: Region, *, after: bool, day_first: bool
) -> list[PrintedDate]:
    """The dates printed among ``nodes`` (in document order), each with its label."""
    found: list[PrintedDate] = []
    recent: list[str] = []  # the ends of the last texts printed, for labels

    def window(extra: str = "") -> str:
        return " ".join((*recent[-3:], extra))[-LABEL_WINDOW:]

    timed: set[int] = set()  # <time> elements whose datetime was read
    for node in nodes:
        if node.tag == "time":
            stamp = node.attributes.get("datetime")
            value = parse_date(stamp, day_first=day_first) if stamp else None
            if value and not region.outside(node):
                label = _hint_label(node)
                if label is DateLabel.NONE:
                    label = date_label(window())
                found.append(PrintedDate(value, label, after))
                timed.add(node.mem_id)
            continue
        raw = node.text_content or ""
        parent = node.parent
        if (
            len(raw) > 4 * DATE_LINE_CHARS
            or _DIGIT.search(raw) is None
            or parent is None
            or parent.mem_id in timed
        ):
            recent.append(raw[-LABEL_WINDOW:])  # no date read here: the labels move on
            continue
        text = collapse(raw)
        dates = dates_in_text(text, day_first=day_first) if len(text) <= DATE_LINE_CHARS else []
        if dates and not region.outside(parent):
            hint = _hint_label(parent)
            done = 0  # a label is looked for after the previous date only
            for start, end, value in dates:
                label = hint
                if label is DateLabel.NONE:
                    label = date_label(window(text[done:start]))
                found.append(PrintedDate(value, label, after))
                recent.clear()
                done = end
            text = text[done:]
        recent.append(text[-LABEL_WINDOW:])
    return found


class HeaderZone:
    """What the page prints between the headline and the body (``after``, in document order)
    and just above the headline (``before``, nearest first): its text nodes and ``<time>``
    elements, read once for the dates and the byline."""

    __slots__ = ("after", "before", "headline")

    def __init__(self, headline: LexborNode) -> None:
        self.headline = headline
        self.after = _header_nodes(headline, after=True, limit=TEXTS_AFTER, levels=12)
        self.before = _header_nodes(headline, after=False, limit=TEXTS_BEFORE, levels=3)


def dates_near_headline(zone: HeaderZone, region: Region, *, day_first: bool) -> list[PrintedDate]:
    """The dates printed between the headline and the body (nearest first), then those just
    above the headline (nearest first), outside rails and comments, with their labels
    ("Published", "Updated", ... or the element's class)."""
    found = _read_dates(zone.after, region, after=True, day_first=day_first)
    before = zone.before[::-1]  # document order, for the labels
    found.extend(reversed(_read_dates(before, region, after=False, day_first=day_first)))
    return found


#: How many text nodes after the headline are read for a labelled date when the header zone
#: gives none ("Veröffentlicht am 16.08.2019" under the story).
TEXTS_LABELLED: Final = 400
#: The story's own surroundings: so many of the headline's ancestors (not the page footer).
LABELLED_LEVELS: Final = 5


def labelled_dates_after(
    headline: LexborNode, region: Region, *, day_first: bool
) -> list[PrintedDate]:
    """The dates printed after the headline, further on than the header zone (under the
    story), that a label calls the publication ("Veröffentlicht am 16.08.2019")."""
    nodes = _header_nodes(
        headline, after=True, limit=TEXTS_LABELLED, levels=LABELLED_LEVELS, to_paragraph=False
    )
    return [
        d
        for d in _read_dates(nodes, region, after=True, day_first=day_first)
        if d.label is DateLabel.PUBLISHED
    ]


def _byline_line(node: LexborNode, text: str) -> str:
    """The byline a text node opens, as printed: its element's text, or an ancestor's when
    the node holds only the prefix ("By" then ``<a>Cara Stiles</a>``)."""
    current = node.parent
    line = text
    for _ in range(3):
        if current is None or current.tag in _NOT_BYLINE_TAGS or len(line) > len(text) + 2:
            break
        printed = collapse(current.text(separator=" "))
        if len(printed) > BYLINE_TEXT_CHARS or not printed.startswith(line[:12]):
            break
        line = printed
        current = current.parent
    return line


def byline_near_headline(
    zone: HeaderZone, region: Region, not_names: frozenset[str]
) -> tuple[list[str], str | None]:
    """The names of a byline printed between the headline and the body, or just above the
    headline, that opens with a prefix or a label ("By", "Von", "Par", "Autorin:"), nearest
    first, outside rails and comments; and the byline as printed."""
    for node in (*zone.after, *zone.before):
        if node.tag != "-text":
            continue
        text = collapse(node.text_content or "")
        if not text or len(text) > BYLINE_TEXT_CHARS or BYLINE_OPENING.match(text) is None:
            continue
        parent = node.parent
        if parent is None or region.outside(parent):
            continue
        line = _byline_line(node, text)
        names = clean_names(line, source=NameSource.PRINTED, not_names=not_names)
        if names:
            return names, line
    return [], None

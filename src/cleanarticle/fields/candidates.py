"""Fields printed in the page: headings, then the bylines and dates around the headline.

:func:`scan_headings` finds the page's ``h1`` and ``h2``. Once the headline is known,
:func:`scan_fields` runs one Lexbor query with every selector of :data:`FIELD_SELECTORS`
over the headline's surroundings (its ``<article>``, or a few levels above it; the whole page
when nothing is found there, or when no heading prints the headline). Lexbor returns the
matches in document order, so each candidate knows where it stands relative to the headline
(a byline or a date belongs to the article when it sits just after it). :class:`Region`
tells whether a candidate sits inside comments, rails, sidebars, navigation or footers
(:data:`OUTSIDE_ARTICLE`), so that a comment's date or a related story's author is never
taken; an element that also holds the headline is never such a region, whatever its class
names say (layout classes like ``content-area sidebar`` wrap whole pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

# At run time too: the dataclasses below name it, and compiled (setup.py) they read it.
from selectolax.lexbor import LexborNode

from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

__all__ = [
    "FIELD_SELECTORS",
    "KICKER_SELECTOR",
    "OUTSIDE_ARTICLE",
    "Candidate",
    "Fields",
    "Heading",
    "Region",
    "Visible",
    "scan_fields",
    "scan_headings",
]

_HEADING_TAGS = ("h1", "h2")
_BYLINE_SELECTORS = (
    "[rel~=author]",
    "[itemprop~=author]",
    "[itemprop~=creator]",
    "[class*=author i]",
    "[id*=author i]",
    "[class*=byline i]",
    "[class*=autor i]",
    "[class*=auteur i]",
    "[class*=writer i]",
    "a[href*='/author/' i]",
    "a[href*='/autor' i]",
    "a[href*='/auteur/' i]",
    "[class~=fn]",
)
_DATE_SELECTORS = (
    "time",
    "[itemprop~=datePublished]",
    "[class*=date i]",
    "[class*=datum i]",
    "[class*=publish i]",
    "[class*=posted i]",
    "[class*=fecha i]",
    "[class*=timestamp i]",
)
#: Every selector of the byline and date scan, in one list (Lexbor returns the matches in
#: document order).
FIELD_SELECTORS = ", ".join((*_BYLINE_SELECTORS, *_DATE_SELECTORS))
#: How many levels above the headline the byline and date are looked for first (unless an
#: ``<article>`` or ``<main>`` element comes first).
AROUND_HEADLINE: Final = 4
#: Comments: a byline or date inside them is a commenter's, wherever they sit.
COMMENTS = re.compile(
    r"comment|kommentar|commentaire|comentario|respond|reply|discussion|disqus", re.IGNORECASE
)
#: Lists of other stories: inside the article too, a card of them that links away is a rail.
RAILS = re.compile(
    r"related|recommend|similar|more-|morefrom|rail\b|trending|popular|most-read|mostread|"
    r"carousel|slider",
    re.IGNORECASE,
)
#: Elements inside which a byline or a date belongs to something other than the article
#: (unless they also sit right around the article's headline).
OUTSIDE_ARTICLE = re.compile(
    r"related|recommend|similar|more-|morefrom|teaser|rail|sidebar|side-bar|widget|"
    r"trending|popular|most-read|mostread|newsletter|footer|breadcrumb|\bnav\b|navigation|"
    r"menu|carousel|slider|promo|sponsor|\bads?\b|advert|tag-?cloud|calendar",
    re.IGNORECASE,
)
_OUTSIDE_TAGS = frozenset({"nav", "form", "select", "option", "button"})
# Page regions that are outside the article unless they sit right around its headline
# (an article's own <footer> or <aside> holds its byline and date).
_SOFT_OUTSIDE_TAGS = frozenset({"aside", "footer"})
#: How far above the headline a shared ancestor may be for a footer / aside to count in.
NEAR_HEADLINE: Final = 5
_AUTHOR_HINT = re.compile(
    r"author|byline|autor|auteur|writer|verfasser|creator|\bfn\b", re.IGNORECASE
)
_AUTHOR_LINK = re.compile(r"/(?:author|autor|autoren|auteur)/", re.IGNORECASE)
_DATE_HINT = re.compile(r"date|datum|publish|posted|fecha|timestamp|time", re.IGNORECASE)
#: Parts of a heading that are a kicker (the small line above a headline), not the headline.
KICKER_SELECTOR = (
    "[class*=kicker i], [class*=dachzeile i], [class*=topline i], [class*=overline i], "
    "[class*=eyebrow i], [class*=roofline i], [class*=supertitle i], [class*=overhead i], "
    "[class*=spitzmarke i], [class*=surtitre i], [class*=antetitulo i], [class*=subject i]"
)
_INLINE = frozenset({"a", "em", "i", "b", "strong", "span", "u", "mark", "q", "cite", "abbr"})
_KICKER_TAGS = frozenset({"span", "small", "div", "p", "strong", "b"})
_HIDDEN_IN_HEADING = (
    "style, script, [hidden], [class*=sr-only], [class*=visually-hidden i], "
    "[class*=screen-reader], [class*=element-invisible], [class*=a11y], [class*=visuallyhidden i]"
)
_LOGO = re.compile(
    r"(?:^|[\s_-])(?:logo|brand|site-?title|site-?name|masthead|blog-?name|header-title)(?:$|[\s_])",
    re.IGNORECASE,
)
#: Classes / itemprops that mark a heading as the article's headline.
_HEADLINE_MARK = re.compile(
    r"headline|entry-title|post-title|post_title|article-title|article__title|articletitle|"
    r"story-title|title-article|page-title|content-title|news-title|single-title",
    re.IGNORECASE,
)
MAX_H2: Final = 12
MAX_CANDIDATES: Final = 60


@dataclass(slots=True)
class Candidate:
    """One element that may print a field, with its position among the scan's matches."""

    order: int
    node: LexborNode


@dataclass(slots=True)
class Heading:
    """An ``h1`` or ``h2`` with its text (kicker removed) and what it looks like."""

    order: int
    level: int
    text: str
    site: bool  # a logo / site title (links to the home page, logo classes)
    marked: bool  # itemprop=headline or a headline class (entry-title, article-title, ...)
    node: LexborNode


@dataclass(slots=True)
class Visible:
    """The page's body element and its headings, in document order."""

    body: LexborNode | None = None
    headings: list[Heading] = field(default_factory=list)


@dataclass(slots=True)
class Fields:
    """Byline and date candidates in document order, and the headline's place among them
    (``anchor``: candidates with a greater ``order`` come after the headline)."""

    bylines: list[Candidate] = field(default_factory=list)
    dates: list[Candidate] = field(default_factory=list)
    anchor: int = -1


def _attrs_text(node: LexborNode) -> str:
    attrs = node.attributes
    return " ".join(v for k in ("class", "id", "itemprop", "rel") if (v := attrs.get(k)))


class Region:
    """Tells whether an element sits in comments, rails, navigation or a footer.

    Built with the headline's element (if any): walking up from a candidate, reaching an
    ancestor of the headline first means the candidate shares the article's region.
    """

    def __init__(self, headline: LexborNode | None = None) -> None:
        self._cache: dict[int, bool] = {}
        self._article: dict[int, int] = {}  # headline ancestors and how far up they are
        current = headline.parent if headline is not None else None
        distance = 1
        while current is not None and current.tag not in ("body", "html"):
            self._article[current.mem_id] = distance
            current = current.parent
            distance += 1

    def outside(self, node: LexborNode) -> bool:
        """Whether ``node`` lies in a region that is not the article."""
        cache = self._cache
        chain: list[int] = []
        current: LexborNode | None = node
        result = False
        soft = False
        card: LexborNode | None = None  # the innermost rail-like element met
        depth = 0
        while current is not None and depth < 40:
            key = current.mem_id
            known = cache.get(key)
            if known is not None:
                result = known
                break
            if key in self._article:
                # Within the headline's own <article>, or close above the headline, a
                # footer or an aside is the article's own; a card of links to other stories
                # is a rail wherever it sits.
                near = current.tag == "article" or self._article[key] <= NEAR_HEADLINE
                result = soft and (not near or (card is not None and _links_away(card)))
                break
            chain.append(key)
            tag = current.tag
            if tag in _OUTSIDE_TAGS:
                result = True
                break
            if tag in ("body", "html"):
                result = soft
                break
            marked = tag in _SOFT_OUTSIDE_TAGS
            if current is not node:
                attrs = current.attributes
                hint = " ".join(v for k in ("class", "id", "role") if (v := attrs.get(k)))
                if hint and COMMENTS.search(hint):
                    result = True
                    break
                if hint and OUTSIDE_ARTICLE.search(hint):
                    marked = True
                    if card is None and RAILS.search(hint):
                        card = current
            if marked:
                soft = True
                if not self._article:
                    result = True
                    break
            current = current.parent
            depth += 1
        if not soft:  # a footer / aside below an ancestor does not speak for the ancestor
            for key in chain:
                cache[key] = result
        return result


def _lead_kicker(node: LexborNode) -> str | None:
    """The text of an element that opens a heading and is set apart from the rest
    (``<h1><small>Tunesien</small><br> Große Aufgaben ...</h1>``), or None."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            if (child.text_content or "").strip():
                return None
            continue
        if tag in ("style", "script", "-comment"):
            continue
        if tag not in _KICKER_TAGS:
            return None
        if tag in ("span", "strong", "b") and not child.attributes.get("class"):
            return None
        text = _visible_text(child)
        return text if text and len(text.split()) <= 8 else None
    return None


def _visible_text(node: LexborNode) -> str:
    """The text of an element without the parts hidden from sight (screen-reader labels,
    inline ``<style>``)."""
    hidden = {h.mem_id for h in node.css(_HIDDEN_IN_HEADING)}
    # Inline elements (<em>Metroid</em>, ...) join without a space; line breaks and
    # blocks inside a heading separate words.
    sep = " " if node.css_first("br, div, p, li") is not None else ""
    if not hidden:
        return _strip_marks(collapse(node.text(separator=sep)))
    parts: list[str] = []
    root = node.mem_id
    for child in node.traverse(include_text=True):
        if child.tag != "-text":
            continue
        parent = child.parent
        while parent is not None and parent.mem_id != root and parent.mem_id not in hidden:
            parent = parent.parent
        if parent is not None and parent.mem_id in hidden:
            continue
        parts.append(child.text_content or "")
    return _strip_marks(collapse(sep.join(parts)))


def _strip_marks(text: str) -> str:
    """Drop permalink marks a heading carries ("Evolve ¶", "# Intro")."""
    return text.strip(" ¶§#🔗")


def _plain(node: LexborNode) -> bool:
    """Whether a heading holds only text and unstyled inline elements (most do): then it
    needs no look for kickers or hidden parts."""
    for child in node.iter():
        tag = child.tag
        if tag not in _INLINE or child.attributes.get("class") or child.attributes.get("hidden"):
            return False
        if tag == "a" and any(True for _ in child.iter()):
            return False
    return True


def _links_away(node: LexborNode) -> bool:
    """Whether an element links to another page than an author's (a story card)."""
    for link in node.css("a[href]")[:4]:
        href = link.attributes.get("href") or ""
        if href and not href.startswith("#") and not _AUTHOR_LINK.search(href):
            return True
    return False


def heading_text(node: LexborNode) -> str:
    """A heading's text without hidden parts (screen-reader labels, inline styles) and
    without its kicker ("Nach Corona-Lockerungen" above the headline)."""
    if _plain(node):
        return _strip_marks(collapse(node.text()))
    text = _visible_text(node)
    kicker = node.css_first(KICKER_SELECTOR)
    kicker_text = _visible_text(kicker) if kicker is not None else None
    if not kicker_text:
        kicker_text = _lead_kicker(node)
    if kicker_text and text.startswith(kicker_text) and len(kicker_text) < len(text):
        rest = text[len(kicker_text) :].lstrip(" :–—-|/")
        if len(rest.split()) >= 3:
            text = rest
    return text


def _looks_like_logo(node: LexborNode, text: str) -> bool:
    current: LexborNode | None = node
    for _ in range(2):
        if current is None:
            break
        attrs = current.attributes
        hint = " ".join(v for k in ("class", "id") if (v := attrs.get(k)))
        if hint and _LOGO.search(hint):
            return True
        current = current.parent
    link = node.css_first("a[href]")
    if link is not None and collapse(link.text(separator=" ")) == text:
        href = (link.attributes.get("href") or "").strip()
        path = re.sub(r"^(?:https?:)?//[^/]+", "", href)
        if path in ("", "/", "./", "/index.html", "/index.php", "#"):
            return True
    return False


def _marked(node: LexborNode) -> bool:
    attrs = node.attributes
    hint = " ".join(v for k in ("class", "id", "itemprop") if (v := attrs.get(k)))
    return bool(hint and _HEADLINE_MARK.search(hint))


def scan_headings(tree: LexborHTMLParser, nodes: list[LexborNode]) -> Visible:
    """The page's ``h1`` and (the first :data:`MAX_H2`) ``h2`` headings, in document order;
    ``nodes``: the page's ``h1, h2`` in document order
    (:attr:`~cleanarticle.dom.scan.PageNodes.headings`)."""
    found = Visible(body=tree.body)
    if found.body is None:
        return found
    h2_seen = 0
    for order, node in enumerate(nodes):
        level = 1 if node.tag == "h1" else 2
        if level == 2:
            h2_seen += 1
            if h2_seen > MAX_H2:
                continue
        text = heading_text(node)
        if text:
            marked = _marked(node)
            site = level == 1 and not marked and _looks_like_logo(node, text)
            found.headings.append(Heading(order, level, text, site, marked, node))
    return found


def _surroundings(headline: LexborNode, levels: int = AROUND_HEADLINE) -> LexborNode | None:
    """The headline's <article> or <main>, or its ancestor ``levels`` up."""
    current = headline.parent
    for _ in range(levels):
        if current is None or current.tag in ("body", "html"):
            return None
        if current.tag in ("article", "main") or current.parent is None:
            return current
        current = current.parent
    return current


def _collect(root: LexborNode, headline: LexborNode | None) -> Fields:
    found = Fields()
    selectors = FIELD_SELECTORS if headline is None else f"{headline.tag}, {FIELD_SELECTORS}"
    target = headline.mem_id if headline is not None else None
    for order, node in enumerate(root.css(selectors)):
        if target is not None and node.mem_id == target:
            found.anchor = order
            continue
        tag = node.tag
        if tag in _HEADING_TAGS:
            continue
        hint = _attrs_text(node)
        is_date = tag == "time" or bool(hint and _DATE_HINT.search(hint))
        if is_date and len(found.dates) < MAX_CANDIDATES:
            found.dates.append(Candidate(order, node))
        is_author = (
            bool(hint and _AUTHOR_HINT.search(hint))
            or "data-author" in node.attributes
            or (tag == "a" and _AUTHOR_LINK.search(node.attributes.get("href") or ""))
        )
        if is_author and len(found.bylines) < MAX_CANDIDATES:
            found.bylines.append(Candidate(order, node))
    return found


def scan_fields(body: LexborNode | None, headline: LexborNode | None) -> Fields:
    """Byline and date candidates around the headline's element; when its surroundings hold
    none, a few levels further up; the whole body when there is no headline element, or when
    those levels reach the body."""
    if headline is not None:
        around = _surroundings(headline)
        if around is not None:
            found = _collect(around, headline)
            if found.bylines or found.dates:
                return found
            wider = _surroundings(around, AROUND_HEADLINE)
            if wider is not None:
                return _collect(wider, headline)
    if body is None:
        return Fields()
    return _collect(body, headline)

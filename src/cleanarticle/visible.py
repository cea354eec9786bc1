"""Fields printed in the page: headings, bylines and dates, found in one selector pass.

One Lexbor query with every selector of :data:`SCAN_SELECTORS` returns the matching elements
in document order, so each candidate knows where it stands relative to the others (a byline
or a date belongs to the article when it sits just after its headline). :class:`Region`
tells whether a candidate sits inside comments, rails, sidebars, navigation or footers
(:data:`OUTSIDE_ARTICLE`), so that a comment's date or a related story's author is never
taken; an element that also holds the headline is never such a region, whatever its class
names say (layout classes like ``content-area sidebar`` wrap whole pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = [
    "KICKER_SELECTOR",
    "OUTSIDE_ARTICLE",
    "SCAN_SELECTORS",
    "Candidate",
    "Heading",
    "Region",
    "Visible",
    "scan_visible",
]

_HEADING_TAGS = ("h1", "h2")
_BYLINE_SELECTORS = (
    "[rel~=author]",
    "[itemprop~=author]",
    "[itemprop~=creator]",
    "[class*=author i]",
    "[id*=author i]",
    "[class*=byline i]",
    "[id*=byline i]",
    "[class*=autor i]",
    "[class*=auteur i]",
    "[class*=writer i]",
    "[class*=verfasser i]",
    "[data-author]",
    "a[href*='/author/' i]",
    "a[href*='/autor/' i]",
    "a[href*='/autoren/' i]",
    "a[href*='/auteur/' i]",
    "[class~=fn]",
)
_DATE_SELECTORS = (
    "time",
    "[itemprop~=datePublished]",
    "[itemprop~=dateCreated]",
    "[itemprop~=dateModified]",
    "[class*=date i]",
    "[class*=datum i]",
    "[class*=publish i]",
    "[class*=posted i]",
    "[class*=fecha i]",
    "[class*=timestamp i]",
    "[id*=date i]",
)
#: Every selector of the scan, in one list (Lexbor returns the matches in document order).
SCAN_SELECTORS = ", ".join((*_HEADING_TAGS, *_BYLINE_SELECTORS, *_DATE_SELECTORS))
#: Comments: a byline or date inside them is a commenter's, wherever they sit.
COMMENTS = re.compile(
    r"comment|kommentar|commentaire|comentario|respond|reply|discussion|disqus", re.IGNORECASE
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
NEAR_HEADLINE = 5
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
MAX_H2 = 12
MAX_CANDIDATES = 60


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
    """The candidates of the scan, each list in document order."""

    headings: list[Heading] = field(default_factory=list)
    bylines: list[Candidate] = field(default_factory=list)
    dates: list[Candidate] = field(default_factory=list)


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
        depth = 0
        while current is not None and depth < 40:
            key = current.mem_id
            known = cache.get(key)
            if known is not None:
                result = known
                break
            if key in self._article:
                # Within the headline's own <article>, or close above the headline, a
                # footer or an aside is the article's own.
                result = soft and current.tag != "article" and self._article[key] > NEAR_HEADLINE
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
                marked = marked or bool(hint and OUTSIDE_ARTICLE.search(hint))
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
        if tag not in _KICKER_TAGS:
            return None
        if tag in ("span", "strong", "b") and not child.attributes.get("class"):
            return None
        text = collapse(child.text(separator=" "))
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


def heading_text(node: LexborNode) -> str:
    """A heading's text without hidden parts (screen-reader labels, inline styles) and
    without its kicker ("Nach Corona-Lockerungen" above the headline)."""
    text = _visible_text(node)
    kicker = node.css_first(KICKER_SELECTOR)
    kicker_text = collapse(kicker.text(separator=" ")) if kicker is not None else None
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


def scan_visible(tree: LexborHTMLParser) -> Visible:
    """Find the page's printed headings, byline and date elements, in document order."""
    found = Visible()
    body = tree.body
    if body is None:
        return found
    h2_seen = 0
    for order, node in enumerate(body.css(SCAN_SELECTORS)):
        tag = node.tag
        if tag in _HEADING_TAGS:
            level = 1 if tag == "h1" else 2
            if level == 2:
                h2_seen += 1
                if h2_seen > MAX_H2:
                    continue
            text = heading_text(node)
            if text:
                marked = _marked(node)
                site = not marked and _looks_like_logo(node, text)
                found.headings.append(Heading(order, level, text, site, marked, node))
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

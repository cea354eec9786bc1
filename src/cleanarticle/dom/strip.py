"""Remove chrome elements from the parsed page by the selector rules of the active profiles.

All selectors are matched first and nested matches are dropped, so that no element is
removed twice (removing a parent frees its children). A match that holds most of the page's
text is kept: a rule must never take the article with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cleanarticle.dom.nodes import outermost
from cleanarticle.dom.scan import within
from cleanarticle.dom.tags import TAG_ID
from cleanarticle.draft import Source
from cleanarticle.model import RemovalKind

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

    from cleanarticle.dom.scan import PageNodes
    from cleanarticle.draft import Draft
    from cleanarticle.rules import Rule

__all__ = ["strip_chrome", "strip_dialogs", "strip_layout", "strip_non_content"]

_NOSCRIPT_ID = TAG_ID["noscript"]
#: A ``<noscript>`` with more text than this, and more than the rest of the page, is kept.
NOSCRIPT_MIN_CHARS: Final = 500
#: Page-layout elements that never hold the article, removed before the walk: their kind
#: and the rule name recorded.
LAYOUT_TAGS: dict[str, tuple[RemovalKind, str]] = {
    "nav": (RemovalKind.NAVIGATION, "engine.nav"),
    "footer": (RemovalKind.BOILERPLATE, "engine.footer"),
    "aside": (RemovalKind.BOILERPLATE, "engine.aside"),
    "header": (RemovalKind.NAVIGATION, "engine.site-header"),
}
#: A <header> inside one of these is the article's own (headline, byline, standfirst): kept.
ARTICLE_TAGS = frozenset({"article", "main"})
#: A layout element with more text than this is kept if it holds most of the page's text.
LAYOUT_CHECK_CHARS: Final = 200
#: A selector match holding more than this share of the page's text is left in place.
MAX_SHARE: Final = 0.5


def strip_non_content(tree: LexborHTMLParser, nodes: list[LexborNode]) -> None:
    """Drop scripts, styles and other elements that never hold article text (in Lexbor).

    ``<noscript>`` usually holds a tracking pixel, a "please enable JavaScript" notice or a
    copy of something shown elsewhere, and goes. A long one is kept when it holds most of the
    page's text (a script-built page that ships its content for crawlers there) or text shown
    nowhere else (a blog that ships its post as a script template, with this copy beside it).
    ``nodes``: the page's elements of those tags, found before any removal
    (:attr:`~cleanarticle.dom.scan.PageNodes.non_content`); the noscripts are judged last,
    in page order, against the page's text without scripts and styles.
    """
    noscripts: list[LexborNode] = []
    # Detached like strip_tags does, not freed, so that a match inside another one is
    # detached safely.
    for node in nodes:
        if node.tag_id == _NOSCRIPT_ID:
            noscripts.append(node)
        else:
            node.decompose(recursive=False)
    page = ""
    for node in noscripts:
        text = node.text(deep=True)
        body = tree.body
        if len(text) > NOSCRIPT_MIN_CHARS and body is not None:
            if not page:  # the page's text, scripts and styles gone
                page = " ".join(body.text(deep=True).split())
            words = " ".join(text.split())
            if len(page) - len(words) < len(words) or _only_copy(words, page):
                node.unwrap()
                continue
        node.decompose(recursive=False)


#: The length of the sample of a ``<noscript>``'s text looked for in the rest of the page.
NOSCRIPT_SAMPLE_CHARS: Final = 80


def _only_copy(words: str, page: str) -> bool:
    """Whether a ``<noscript>``'s text is shown nowhere else on the page (``words`` and
    ``page``: its text and the page's, white space collapsed, its own included): the fallback
    of a part the page's scripts build, not a copy of it."""
    middle = len(words) // 2
    sample = words[middle : middle + NOSCRIPT_SAMPLE_CHARS]
    return len(sample) == NOSCRIPT_SAMPLE_CHARS and page.count(sample) == 1


def strip_layout(tree: LexborHTMLParser, draft: Draft, found: PageNodes) -> None:
    """Remove navigation, footers and asides (:data:`LAYOUT_TAGS`), then site headers, and
    record them; ``found``: the page's :func:`~cleanarticle.dom.scan.scan_page`, made before
    any removal (the elements removed since are passed over).

    Like a chrome rule, it never takes the article with it: an element holding most of the
    page's text stays (and is judged by the engine like any other).
    """
    body = tree.body
    if body is None:
        return
    total = -1
    for candidates in (found.layout, found.headers):
        for node in outermost([n for n in candidates if within(n, body)]):
            if node.tag == "header" and (
                _in_article(node) or node.css_first("h1, h2, p") is not None
            ):
                continue  # the article's own header: headline, standfirst
            text = node.text(deep=True, separator=" ", strip=True)
            if len(text) > LAYOUT_CHECK_CHARS:
                if total < 0:
                    total = len(body.text(deep=True, separator=" ", strip=True))
                if len(text) > MAX_SHARE * total:
                    continue
            kind, rule = LAYOUT_TAGS[node.tag or "nav"]
            draft.remove(kind, rule, text)
            if draft.marks is not None:  # cleanarticle explain
                draft.mark(node.attributes.get("data-ca-id"), rule)
            node.decompose()


#: Modal dialogs: a privacy policy, a size guide, a sign-up form, shown over the page on
#: demand. Never a page's main content, but an article may be opened in one (a reader view):
#: only removed on other kinds of page (Strategy.drop_dialogs).
DIALOG_SELECTOR = 'dialog, [role="dialog" i], [role="alertdialog" i], [aria-modal="true" i]'


def strip_dialogs(tree: LexborHTMLParser, draft: Draft) -> None:
    """Remove the page's modal dialogs (:data:`DIALOG_SELECTOR`) and record them."""
    body = tree.body
    if body is None:
        return
    for node in outermost(body.css(DIALOG_SELECTOR)):
        draft.remove(RemovalKind.BOILERPLATE, "engine.dialog", node.text(separator=" "))
        if draft.marks is not None:  # cleanarticle explain
            draft.mark(node.attributes.get("data-ca-id"), "engine.dialog")
        node.decompose()


def _in_article(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in ARTICLE_TAGS or parent.attributes.get("role") == "main":
            return True
        parent = parent.parent
    return False


def strip_chrome(tree: LexborHTMLParser, rules: tuple[Rule, ...], draft: Draft) -> None:
    """Remove every element matched by a selector rule and record it in the draft."""
    body = tree.body
    if body is None:
        return
    matched: dict[int, tuple[LexborNode, Rule]] = {}
    for rule in rules:
        if not rule.selectors:
            continue
        for node in body.css(", ".join(rule.selectors)):
            matched.setdefault(node.mem_id, (node, rule))
    if not matched:
        return
    total = len(body.text(deep=True, separator=" ", strip=True)) or 1
    # Outer matches first; a match inside a removed element is gone with it.
    chains: list[tuple[list[int], LexborNode, Rule]] = []
    for node, rule in matched.values():
        chain: list[int] = []
        parent = node.parent
        while parent is not None:
            chain.append(parent.mem_id)
            parent = parent.parent
        chains.append((chain, node, rule))
    chains.sort(key=lambda c: len(c[0]))
    removed: set[int] = set()
    for chain, node, rule in chains:
        if any(a in removed for a in chain):
            continue
        text = node.text(deep=True, separator=" ", strip=True).strip()
        if len(text) > MAX_SHARE * total and total > 500:
            continue  # a rule must never take the article with it
        if rule.captures:  # read a credit line by line: "© Provided by X" + caption
            for line in node.text(deep=True, separator="\n", strip=True).splitlines():
                name = rule.captured_publisher(line)
                if name:
                    draft.credit(Source.CREDIT, name, rule.name)
                    break
        draft.fire(rule, text or f"<{node.tag}>", capture=False)
        if draft.marks is not None:
            draft.mark(node.attributes.get("data-ca-id"), rule.name)
        removed.add(node.mem_id)
        node.decompose()

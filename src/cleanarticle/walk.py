"""Flatten a parsed page into text blocks, in one linear pass over the DOM.

The walk visits every element once (iteratively: no recursion, so nesting depth cannot blow
the stack) and emits a :class:`TextBlock` each time a block-level boundary closes a run of
text. Each block knows the element that owns it, how much of its text is link text, whether
it opens with bold words, and whether it sits in a heading, list, quote, caption, table or
``pre``. Every element gets an entry in :class:`Elements` (tag, parent, class/id string), so
later passes can score containers without walking the DOM again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "Elements", "ImageRef", "TextBlock", "walk"]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "caption",
        "legend",
        "html",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "map",
        "area",
        "frame",
        "frameset",
        "-comment",
    ]
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD = frozenset({"b", "strong"})
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_HINT_ATTRS = ("class", "id", "role", "itemprop")


@dataclass(slots=True)
class TextBlock:
    """A run of text between two block boundaries."""

    text: str
    owner: int  # index in Elements of the innermost block-level element holding the text
    tag: str  # that element's tag
    link_chars: int  # characters of the text inside <a href>
    bold_chars: int  # characters of bold text at the very start of the block
    heading: int  # 1-6 inside h1-h6, else 0
    list_group: int  # index of the outermost enclosing list element, or -1
    list_level: int  # nesting depth of lists (0 = top level), -1 outside lists
    ordered: bool
    quote: bool
    caption: int  # index of the enclosing <figure>/<figcaption>, or -1
    pre: bool
    cell: bool  # inside a table cell
    index: int = 0  # position in the block list


@dataclass(slots=True)
class ImageRef:
    """An <img> met during the walk."""

    src: str
    alt: str
    owner: int
    figure: int  # enclosing <figure>, or -1


@dataclass(slots=True)
class Elements:
    """Parallel arrays, one entry per element visited: tag, parent index, class+id, node."""

    tags: list[str] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    attrs: list[str] = field(default_factory=list)  # "class id role itemprop", lower-cased
    nodes: list[Any] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)

    def within(self, idx: int, container: int) -> bool:
        """Whether element idx is container or one of its descendants."""
        parents = self.parents
        while idx >= 0:
            if idx == container:
                return True
            idx = parents[idx]
        return False

    def ancestors(self, idx: int) -> list[int]:
        """idx and its ancestors, innermost first."""
        out = []
        parents = self.parents
        while idx >= 0:
            out.append(idx)
            idx = parents[idx]
        return out


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs:
        return True
    if attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and "none" in style:
        s = style.replace(" ", "").lower()
        return "display:none" in s or "visibility:hidden" in s
    return False


def walk(
    root: LexborNode, *, max_depth: int = 256
) -> tuple[list[TextBlock], Elements, list[ImageRef], list[str]]:
    """Flatten the subtree under ``root``.

    Returns the blocks, the element table, the images, and the texts of hidden elements that
    were skipped (so that the caller can record them).
    """
    els = Elements()
    blocks: list[TextBlock] = []
    images: list[ImageRef] = []
    hidden: list[str] = []

    buf: list[str] = []
    link_chars = 0
    bold_chars = 0
    bold_open = True  # still at the start of the block, where bold may open a label
    # Counters and stacks describing where the walk is.
    block_stack: list[int] = []
    heading_stack: list[int] = []
    list_stack: list[tuple[int, bool]] = []
    figure_stack: list[int] = []
    in_link = 0
    in_bold = 0
    in_quote = 0
    in_pre = 0
    in_cell = 0

    def flush() -> None:
        nonlocal buf, link_chars, bold_chars, bold_open
        if buf:
            raw = "".join(buf)
            text = raw.strip("\n ") if in_pre else collapse(raw)
            if text:
                owner = block_stack[-1] if block_stack else 0
                blocks.append(
                    TextBlock(
                        text=text,
                        owner=owner,
                        tag=els.tags[owner],
                        link_chars=min(link_chars, len(text)),
                        bold_chars=min(bold_chars, len(text)),
                        heading=heading_stack[-1] if heading_stack else 0,
                        list_group=list_stack[0][0] if list_stack else -1,
                        list_level=len(list_stack) - 1,
                        ordered=list_stack[0][1] if list_stack else False,
                        quote=in_quote > 0,
                        caption=figure_stack[-1] if figure_stack else -1,
                        pre=in_pre > 0,
                        cell=in_cell > 0,
                        index=len(blocks),
                    )
                )
        buf = []
        link_chars = 0
        bold_chars = 0
        bold_open = True

    els.tags.append(root.tag or "body")
    els.parents.append(-1)
    els.attrs.append("")
    els.nodes.append(root)
    els.depths.append(0)
    block_stack.append(0)
    # Stack entries: (node index, child iterator, tag, flags pushed on enter)
    stack: list[tuple[int, Any, str]] = [(0, root.iter(include_text=True), root.tag or "")]
    while stack:
        idx, it, tag = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            # leave element `idx`
            if tag in BLOCK_TAGS:
                flush()
                if block_stack and block_stack[-1] == idx:
                    block_stack.pop()
                if tag in _HEADINGS:
                    heading_stack.pop()
                elif tag in _LISTS:
                    list_stack.pop()
                elif tag == "blockquote":
                    in_quote -= 1
                elif tag == "pre":
                    in_pre -= 1
                elif tag in ("td", "th"):
                    in_cell -= 1
                elif tag in ("figure", "figcaption"):
                    figure_stack.pop()
            elif tag == "a":
                in_link -= 1
            elif tag in _BOLD:
                in_bold -= 1
            continue
        ctag = child.tag
        if ctag == "-text":
            text = child.text_content
            if text:
                if not in_pre and not buf and not text.strip():
                    continue
                buf.append(text)
                n = len(text.strip())
                if in_link:
                    link_chars += n
                if bold_open:
                    if in_bold:
                        bold_chars += n
                    elif n:
                        bold_open = False
            continue
        if ctag in SKIP_TAGS or ctag is None:
            continue
        if ctag == "br":
            buf.append("\n")
            continue
        if ctag == "img":
            attrs = child.attributes
            src = attrs.get("src") or attrs.get("data-src") or ""
            images.append(
                ImageRef(
                    src,
                    attrs.get("alt") or "",
                    block_stack[-1] if block_stack else 0,
                    figure_stack[-1] if figure_stack else -1,
                )
            )
            continue
        attrs = child.attributes
        if attrs and _is_hidden(attrs):
            text = child.text(separator=" ", strip=True)
            if text:
                hidden.append(text)
            continue
        depth = len(stack)
        if depth >= max_depth:
            # Too deep to walk: take the subtree's text as part of the current run.
            text = child.text(separator=" ")
            if text:
                buf.append(f" {text} ")
            continue
        if ctag == "hr":
            flush()
            continue
        new = len(els.tags)
        els.tags.append(ctag)
        els.parents.append(idx)
        els.depths.append(depth)
        els.nodes.append(child)
        els.attrs.append(
            " ".join(v for k in _HINT_ATTRS if (v := attrs.get(k))).lower() if attrs else ""
        )
        if ctag in BLOCK_TAGS:
            flush()
            block_stack.append(new)
            if ctag in _HEADINGS:
                heading_stack.append(_HEADINGS[ctag])
            elif ctag in _LISTS:
                list_stack.append((new, ctag == "ol"))
            elif ctag == "blockquote":
                in_quote += 1
            elif ctag == "pre":
                in_pre += 1
            elif ctag in ("td", "th"):
                in_cell += 1
            elif ctag in ("figure", "figcaption"):
                figure_stack.append(new)
        elif ctag == "a":
            if attrs.get("href") is not None:
                in_link += 1
            else:
                ctag = "a:nohref"  # so that leaving it does not touch the link counter
        elif ctag in _BOLD:
            in_bold += 1
        stack.append((new, child.iter(include_text=True), ctag))
    flush()
    return blocks, els, images, hidden

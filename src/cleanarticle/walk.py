"""Flatten a parsed page into text blocks, in one linear pass over the DOM.

The walk visits every node once, in document order, with Lexbor's own depth-first traversal
(no recursion, so nesting depth cannot blow the stack, and no Python iterator per element).
It emits a :class:`TextBlock` each time a block-level boundary closes a run of text. Each
block knows the element that owns it, how much of its text is link text, whether it opens
with bold words, and whether it sits in a heading, list, quote, caption, table or ``pre``.
Block-level and container elements get an entry in :class:`Elements` (tag, parent, class/id
words, node, depth), so later passes can score containers without walking the DOM again;
inline formatting (``<b>``, ``<a>``, ``<em>``, ...) gets none.

Hidden subtrees (``hidden``, ``aria-hidden="true"``, ``display:none``, ``visibility:hidden``)
are found with one CSS query and removed before the walk; their texts are returned so that
the caller can record them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from selectolax.lexbor import LexborHTMLParser

from cleanarticle.dom import outermost
from cleanarticle.textutil import INVISIBLE as _INVISIBLE

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
    ]
)
#: Inline elements that get no entry in :class:`Elements` (they never own a block).
INLINE_TAGS = frozenset(
    [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "small",
        "big",
        "sup",
        "sub",
        "abbr",
        "acronym",
        "cite",
        "code",
        "q",
        "time",
        "mark",
        "ins",
        "del",
        "kbd",
        "samp",
        "var",
        "dfn",
        "bdi",
        "bdo",
        "data",
        "wbr",
        "nobr",
        "tt",
        "label",
        "strike",
    ]
)
#: Hidden subtrees, removed before the walk (``style`` values are checked in Python).
HIDDEN_SELECTOR = '[hidden], [aria-hidden="true"], [style*="none"], [style*="hidden"]'
_HINT_ATTRS = ("class", "id", "role", "itemprop")
#: An id with this many hyphens is a slug of a heading ("sharing-with-a-single-developer"):
#: it names the text, not the element's role, and is no signal.
SLUG_HYPHENS = 3

# What the walk does on entering an element, by kind.
_K_INLINE = 0
_K_BLOCK = 1
_K_HEADING = 2
_K_LIST = 3
_K_QUOTE = 4
_K_PRE = 5
_K_CELL = 6
_K_FIGURE = 7
_K_LINK = 8
_K_BOLD = 9
_K_BR = 10
_K_IMG = 11
_K_HR = 12
_K_SKIP = 13
_K_CONTAINER = 14  # an inline container worth an entry (span, font): no block boundary


def _kinds() -> tuple[dict[int, int], dict[int, str], int, int]:
    """Map Lexbor tag ids to kinds and names, read from Lexbor itself."""
    names = sorted(BLOCK_TAGS | SKIP_TAGS | INLINE_TAGS | {"span", "font", "img", "br", "hr"})
    maker = LexborHTMLParser("")
    ids: dict[str, int] = {name: maker.create_node(name).tag_id for name in names}
    kind_of_name: dict[str, int] = {}
    for name in BLOCK_TAGS:
        kind_of_name[name] = _K_BLOCK
    for name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        kind_of_name[name] = _K_HEADING
    for name in ("ul", "ol", "menu", "dir"):
        kind_of_name[name] = _K_LIST
    kind_of_name["blockquote"] = _K_QUOTE
    kind_of_name["pre"] = _K_PRE
    kind_of_name["td"] = kind_of_name["th"] = _K_CELL
    kind_of_name["figure"] = kind_of_name["figcaption"] = _K_FIGURE
    kind_of_name["a"] = _K_LINK
    kind_of_name["b"] = kind_of_name["strong"] = _K_BOLD
    kind_of_name["br"] = _K_BR
    kind_of_name["img"] = _K_IMG
    kind_of_name["hr"] = _K_HR
    kind_of_name["span"] = kind_of_name["font"] = _K_CONTAINER
    for name in SKIP_TAGS:
        kind_of_name[name] = _K_SKIP
    kinds = {ids[n]: k for n, k in kind_of_name.items() if n in ids}
    tag_names = {i: n for n, i in ids.items()}
    text = LexborHTMLParser("<p>x<!--c--></p>")
    p = text.css_first("p")
    assert p is not None
    text_id = comment_id = -1
    for node in p.traverse(include_text=True):
        if node.tag == "-text":
            text_id = node.tag_id
        elif node.tag == "-comment":
            comment_id = node.tag_id
    return kinds, tag_names, text_id, comment_id


_KIND, _TAG_NAME, _TEXT_ID, _COMMENT_ID = _kinds()
#: Inline kinds whose entry restores a skipped whitespace node just before them.
_SPACED = frozenset({_K_INLINE, _K_LINK, _K_BOLD, _K_CONTAINER, _K_IMG, _K_BR})
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


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
    """Parallel arrays, one entry per block or container element: tag, parent index,
    node, depth; the class/id words are read from the node when first asked for."""

    tags: list[str] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    nodes: list[Any] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    _words: dict[int, str] = field(default_factory=dict)

    def words(self, idx: int) -> str:
        """The element's ``class``, ``id`` (unless a slug), ``role`` and ``itemprop`` values,
        lower-cased."""
        found = self._words.get(idx)
        if found is None:
            attrs = self.nodes[idx].attributes if idx else None
            found = (
                " ".join(
                    [
                        v
                        for k in _HINT_ATTRS
                        if (v := attrs.get(k)) and not (k == "id" and v.count("-") >= SLUG_HYPHENS)
                    ]
                ).lower()
                if attrs
                else ""
            )
            self._words[idx] = found
        return found

    def within(self, idx: int, container: int) -> bool:
        """Whether element idx is container or one of its descendants."""
        parents = self.parents
        while idx >= 0:
            if idx == container:
                return True
            idx = parents[idx]
        return False

    def subtree_end(self, idx: int) -> int:
        """The index after the last descendant of idx (entries are in document order)."""
        depths = self.depths
        depth = depths[idx]
        end = idx + 1
        n = len(depths)
        while end < n and depths[end] > depth:
            end += 1
        return end

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
    if style and ("none" in style or "hidden" in style):
        s = style.replace(" ", "").lower()
        return "display:none" in s or "visibility:hidden" in s
    return False


def _drop_hidden(root: LexborNode) -> list[str]:
    """Remove hidden subtrees (the outermost ones); return their texts."""
    found = [node for node in root.css(HIDDEN_SELECTOR) if _is_hidden(node.attributes)]
    texts: list[str] = []
    for node in outermost(found):
        text = node.text(separator=" ", strip=True)
        if text:
            texts.append(text)
        node.decompose()
    return texts


def walk(
    root: LexborNode, *, max_depth: int = 256
) -> tuple[list[TextBlock], Elements, list[ImageRef], list[str]]:
    """Flatten the subtree under ``root``.

    Returns the blocks, the element table, the images, and the texts of hidden elements that
    were removed (so that the caller can record them). Elements nested deeper than
    ``max_depth`` are read as inline text of their ancestor.
    """
    hidden = _drop_hidden(root)
    els = Elements()
    blocks: list[TextBlock] = []
    images: list[ImageRef] = []
    tags = els.tags
    el_parents = els.parents
    el_depths = els.depths
    el_nodes = els.nodes
    block_stack: list[int] = [0]
    heading_stack: list[int] = []
    list_stack: list[tuple[int, bool]] = []
    figure_stack: list[int] = []
    # The text run being collected, and what the walk knows about where it is.
    buf: list[str] = []
    link_chars = 0  # characters of the run inside <a href>
    bold_chars = 0  # characters of bold text opening the run
    bold_open = True  # still at the start of the run, where bold may open a label
    in_link = in_bold = in_quote = in_pre = in_cell = 0

    def flush(link_chars: int, bold_chars: int) -> None:
        """Close the run in ``buf`` into a block (the caller resets the run's counters)."""
        raw = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        if in_pre:
            text = raw.strip("\n ")
        else:  # textutil.collapse, inlined: this runs for every block of every page
            if not raw.isascii():
                raw = _INVISIBLE.sub("", raw)
            text = " ".join(raw.split())
        if text:
            owner = block_stack[-1]
            n = len(text)
            blocks.append(
                TextBlock(
                    text,
                    owner,
                    tags[owner],
                    min(link_chars, n),
                    min(bold_chars, n),
                    heading_stack[-1] if heading_stack else 0,
                    list_stack[0][0] if list_stack else -1,
                    len(list_stack) - 1,
                    list_stack[0][1] if list_stack else False,
                    in_quote > 0,
                    figure_stack[-1] if figure_stack else -1,
                    in_pre > 0,
                    in_cell > 0,
                    len(blocks),
                )
            )

    tags.append(root.tag or "body")
    el_parents.append(-1)
    el_nodes.append(root)
    el_depths.append(0)
    # Open elements: their Lexbor ids and what each one did on entry; and the entries of
    # the open block and container elements.
    open_ids: list[int] = [root.mem_id]
    open_kinds: list[int] = [_K_BLOCK]
    open_nodes: list[LexborNode] = [root]
    entries: list[int] = [0]
    skipping = 0
    kind_of = _KIND
    text_id = _TEXT_ID
    comment_id = _COMMENT_ID
    spaced = _SPACED
    # Whitespace-only text nodes are skipped by Lexbor; where one separates two inline
    # elements, the second one's entry puts the space back (see _K_SPACED), and where one
    # ends an inline element, its exit does.
    nodes = iter(root.traverse(include_text=True, skip_empty=True))
    next(nodes)  # the root itself
    for node in nodes:
        parent_id = node.parent.mem_id  # type: ignore[union-attr]  # below root: has a parent
        while open_ids[-1] != parent_id:
            open_ids.pop()
            kind = open_kinds.pop()
            closed = open_nodes.pop()
            if kind in spaced:
                if buf and not skipping:
                    last = closed.last_child
                    if last is not None and last.is_empty_text_node:
                        buf.append(" ")
                if kind == _K_INLINE:
                    continue
            if kind == _K_LINK:
                in_link -= 1
            elif kind == _K_BOLD:
                in_bold -= 1
            elif kind == _K_SKIP:
                skipping -= 1
            elif kind == _K_CONTAINER:
                entries.pop()
            else:
                entries.pop()
                if buf:
                    flush(link_chars, bold_chars)
                    link_chars = bold_chars = 0
                    bold_open = True
                block_stack.pop()
                if kind == _K_HEADING:
                    heading_stack.pop()
                elif kind == _K_LIST:
                    list_stack.pop()
                elif kind == _K_QUOTE:
                    in_quote -= 1
                elif kind == _K_PRE:
                    in_pre -= 1
                elif kind == _K_CELL:
                    in_cell -= 1
                elif kind == _K_FIGURE:
                    figure_stack.pop()
        tag_id = node.tag_id
        if tag_id == text_id:
            if skipping:
                continue
            text = node.text_content
            if not text:
                continue
            buf.append(text)
            if in_link or bold_open:
                n = len(text.strip())
                if in_link:
                    link_chars += n
                if bold_open and n:
                    if in_bold:
                        bold_chars += n
                    else:
                        bold_open = False
            continue
        kind = kind_of.get(tag_id, _K_INLINE)
        open_ids.append(node.mem_id)
        open_nodes.append(node)
        if skipping or tag_id == comment_id:
            open_kinds.append(_K_INLINE)
            continue
        if kind in spaced and (buf or in_pre):
            prev = node.prev
            if prev is not None and prev.is_empty_text_node:
                buf.append((prev.text_content or "") if in_pre else " ")
        if kind == _K_INLINE:
            pass
        elif kind == _K_LINK:
            if "href" in node.attrs:
                in_link += 1
            else:
                kind = _K_INLINE
        elif kind == _K_BOLD:
            in_bold += 1
        elif kind == _K_SKIP:
            skipping += 1
        elif kind == _K_BR:
            buf.append("\n")
            kind = _K_INLINE
        elif kind == _K_IMG:
            attrs = node.attributes
            images.append(
                ImageRef(
                    attrs.get("src") or attrs.get("data-src") or "",
                    attrs.get("alt") or "",
                    block_stack[-1],
                    figure_stack[-1] if figure_stack else -1,
                )
            )
            kind = _K_INLINE
        elif kind == _K_HR:
            if buf:
                flush(link_chars, bold_chars)
                link_chars = bold_chars = 0
                bold_open = True
            kind = _K_INLINE
        elif len(open_ids) > max_depth:
            kind = _K_INLINE  # too deep: read as inline text of the ancestors
        else:
            # A block or container element: give it an entry.
            entry = len(tags)
            name = _TAG_NAME.get(tag_id) or node.tag or "?"
            tags.append(name)
            el_parents.append(entries[-1])
            el_depths.append(len(open_ids) - 1)
            el_nodes.append(node)
            entries.append(entry)
            if kind != _K_CONTAINER:
                if buf:
                    flush(link_chars, bold_chars)
                    link_chars = bold_chars = 0
                    bold_open = True
                block_stack.append(entry)
                if kind == _K_HEADING:
                    heading_stack.append(_HEADING_LEVEL.get(name, 2))
                elif kind == _K_LIST:
                    list_stack.append((entry, name == "ol"))
                elif kind == _K_QUOTE:
                    in_quote += 1
                elif kind == _K_PRE:
                    in_pre += 1
                elif kind == _K_CELL:
                    in_cell += 1
                elif kind == _K_FIGURE:
                    figure_stack.append(entry)
        open_kinds.append(kind)
    if buf:
        flush(link_chars, bold_chars)
    return blocks, els, images, hidden

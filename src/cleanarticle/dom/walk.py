"""Flatten a parsed page into text blocks, in one linear pass over the DOM.

The walk visits every node once, in document order, with Lexbor's own depth-first traversal
(no recursion, so nesting depth cannot blow the stack, and no Python iterator per element).
It emits a :class:`~cleanarticle.dom.blocks.TextBlock` each time a block-level boundary closes a run of text. Each
block knows the element that owns it, how much of its text is link text, whether it opens
with bold words, and whether it sits in a heading, list, quote, caption, table or ``pre``.
Block-level and container elements get an entry in :class:`~cleanarticle.dom.blocks.Elements` (tag, parent, class/id
words, node, depth), so later passes can score containers without walking the DOM again;
inline formatting (``<b>``, ``<a>``, ``<em>``, ...) gets none.

Hidden subtrees (``hidden``, ``aria-hidden="true"``, ``display:none``, ``visibility:hidden``)
are found with one CSS query and removed before the walk; their texts are returned so that
the caller can record them. A server-rendered page streamed in parts (React's streaming
renderer) sends each late part as ``<div hidden id="S:0">`` and a script that moves it into
place: such a part is what the reader sees, not a hidden copy, and is kept.

With ``marks=True`` the walk also notes, for each block, where its links (``<a href>``), bold,
italic and code elements start and end in the block's raw text (:data:`RawMark`, resolved
against the final text by :mod:`cleanarticle.dom.marks` for the blocks that are kept); without
it, it does no such work.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from cleanarticle.dom.blocks import Elements, ImageRef, RawMark, TextBlock
from cleanarticle.dom.nodes import outermost
from cleanarticle.dom.tags import (
    BLOCK_TAGS,
    CODE_IDS,
    COMMENT_ID,
    EMPHASIS_IDS,
    ENTRY_KINDS,
    HEADING_LEVEL,
    K_BLOCK,
    K_BOLD,
    K_BR,
    K_CELL,
    K_CONTAINER,
    K_FIGURE,
    K_HEADING,
    K_HR,
    K_IMG,
    K_INLINE,
    K_LINK,
    K_LIST,
    K_PRE,
    K_QUOTE,
    K_SKIP,
    KIND,
    SKIP_TAGS,
    SPACED,
    TAG_NAME,
    TEXT_ID,
)
from cleanarticle.textutil import drop_invisible

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "walk"]

#: Hidden subtrees, removed before the walk (``style`` values are checked in Python).
HIDDEN_SELECTOR = '[hidden], [aria-hidden="true"], [style*="none"], [style*="hidden"]'
#: An element hidden by its style with more text than this, and more than this share of the
#: page's, is shown to readers after all (see :func:`_drop_hidden`).
REVEALED_MIN_CHARS: Final = 2000
REVEALED_SHARE: Final = 0.8


#: The id of a part of a page streamed by React's server renderer ("S:0", "S:1f"): hidden
#: until a script moves it into place.
_STREAMED_PART = re.compile(r"S:[0-9a-f]+")


#: Roles of a part of the page that a control opens (an accordion's panel, a tab's): text
#: the reader unfolds, not a hidden copy.
_PANEL_ROLES = frozenset({"region", "tabpanel"})


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if attrs.get("role") in _PANEL_ROLES and "aria-labelledby" in attrs:
        return False  # a collapsed panel, labelled by the heading or tab that opens it
    if "hidden" in attrs:
        if attrs.get("hidden") == "until-found":
            return False  # folded text the browser's find unfolds
        part = attrs.get("id")
        return part is None or _STREAMED_PART.fullmatch(part) is None
    if attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and ("none" in style or "hidden" in style):
        s = style.replace(" ", "").lower()
        return "display:none" in s or "visibility:hidden" in s
    return False


#: A closed panel of tabs or an accordion: hidden until its tab or heading is clicked.
PANEL_ROLES = frozenset({"tabpanel", "region"})
PANEL_WORDS = re.compile(
    r"accordion|collaps|tabpanel|tab-pane|tab-panel|tab-content|tabcontent|faq", re.IGNORECASE
)


def is_panel(attrs: dict[str, str | None]) -> bool:
    """Whether a hidden element is a closed panel of tabs or an accordion (by its role, or
    its class and id words): its text is the page's, one click away."""
    role = attrs.get("role")
    if role and role.lower() in PANEL_ROLES:
        return True
    words = " ".join(v for k in ("class", "id") if (v := attrs.get(k)))
    return bool(words) and PANEL_WORDS.search(words) is not None


def _styled_hidden(attrs: dict[str, str | None]) -> bool:
    """Whether an element is hidden by its inline style only (not by ``hidden`` or
    ``aria-hidden``)."""
    return "hidden" not in attrs and attrs.get("aria-hidden") != "true"


def _drop_hidden(root: LexborNode, panels: bool = False) -> list[str]:
    """Remove hidden subtrees (the outermost ones); return their texts.

    An element hidden by its style that holds nearly all the page's text is kept: a page
    that scripts reveal once loaded (a wrapper with ``visibility:hidden`` until then) shows
    it to readers. The ``hidden`` attribute and ``aria-hidden`` hide on purpose (a copy of
    the text for machines): they are always obeyed.
    """
    found = [node for node in root.css(HIDDEN_SELECTOR) if _is_hidden(node.attributes)]
    if panels:
        found = [node for node in found if not is_panel(node.attributes)]
    texts: list[str] = []
    total = -1
    for node in outermost(found):
        text = node.text(separator=" ", strip=True)
        if len(text) > REVEALED_MIN_CHARS and _styled_hidden(node.attributes):
            if total < 0:
                total = len(root.text(separator=" ", strip=True))
            if len(text) > REVEALED_SHARE * total:
                continue
        if text:
            texts.append(text)
        node.decompose()
    return texts


def walk(
    root: LexborNode, *, max_depth: int = 256, marks: bool = False, panels: bool = False
) -> tuple[list[TextBlock], Elements, list[ImageRef], list[str]]:
    """Flatten the subtree under ``root``.

    Returns the blocks, the element table, the images, and the texts of hidden elements that
    were removed (so that the caller can record them). Elements nested deeper than
    ``max_depth`` are read as inline text of their ancestor. With ``marks``, blocks holding
    links or formatting get their :data:`RawMark` list and raw text. ``panels``: the closed
    panels of tabs and accordions are read, not removed as hidden (see :func:`is_panel`).
    """
    hidden = _drop_hidden(root, panels)
    els = Elements()
    blocks: list[TextBlock] = []
    images: list[ImageRef] = []
    tags = els.tags
    el_parents = els.parents
    el_depths = els.depths
    el_nodes = els.nodes
    # Each entry's subtree end (see Elements.subtree_end): the count of entries when it closes.
    el_ends = els._ends
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
    # walk(marks=True): the link / formatting elements open (Lexbor id, kind, start in the
    # run, href) and those the run holds.
    open_marks: list[tuple[int, str, int, str | None]] = []
    run_marks: list[RawMark] = []
    # How many of ``buf``'s pieces have been measured, and their characters: a mark's start and
    # end are read from it, so that a run of many links is measured once, not once a link.
    measured = [0, 0]

    def run_length() -> int:
        """The characters of the run collected so far."""
        counted = measured[0]
        if counted < len(buf):
            measured[1] += sum(map(len, buf[counted:]))
            measured[0] = len(buf)
        return measured[1]

    def flush(link_chars: int, bold_chars: int) -> None:
        """Close the run in ``buf`` into a block (the caller resets the run's counters)."""
        raw = "".join(buf)
        buf.clear()
        measured[0] = measured[1] = 0
        found: list[RawMark] | None = None
        kept_raw: str | None = None
        if marks and (run_marks or open_marks):
            # Elements still open go on in the next block, from its start. (In the order they
            # would close, as the closed ones are: the innermost first.)
            found = run_marks + [(k, at, len(raw), h) for _, k, at, h in reversed(open_marks)]
            run_marks.clear()
            open_marks[:] = [(i, k, 0, h) for i, k, _, h in open_marks]
            kept_raw = raw
        if in_pre:
            text = raw.strip("\n ")
        elif "  " not in raw and raw.isprintable():  # textutil.collapse, inlined (hot)
            text = raw.strip()  # no tab, newline, NBSP, invisible character or double space
        else:
            if not raw.isascii():
                raw = drop_invisible(raw)
            text = " ".join(raw.split())
        if text:
            owner = block_stack[-1]
            n = len(text)
            blocks.append(
                TextBlock(
                    text,
                    owner,
                    tags[owner],
                    link_chars if link_chars < n else n,
                    bold_chars if bold_chars < n else n,
                    heading_stack[-1] if heading_stack else 0,
                    list_stack[0][0] if list_stack else -1,
                    len(list_stack) - 1,
                    list_stack[0][1] if list_stack else False,
                    in_quote > 0,
                    figure_stack[-1] if figure_stack else -1,  # (-1 in a cell or pre)
                    in_pre > 0,
                    in_cell > 0,
                    len(blocks),
                    found,
                    kept_raw,
                )
            )

    tags.append(root.tag or "body")
    el_ends.append(0)
    el_parents.append(-1)
    el_nodes.append(root)
    el_depths.append(0)
    # Open elements: each one's Lexbor id, what it did on entry, and its node; and the
    # entries of the open block and container elements. ``top`` is the innermost open
    # element's id. (Hot loop: the lists' methods are bound once.)
    top = root.mem_id
    opened: list[tuple[int, int, LexborNode]] = [(top, K_BLOCK, root)]
    push, pop = opened.append, opened.pop
    add = buf.append
    entries: list[int] = [0]
    skipping = 0
    kind_of = KIND.get
    text_id = TEXT_ID
    comment_id = COMMENT_ID
    spaced = SPACED
    entry_kinds = ENTRY_KINDS
    emphasis_ids = EMPHASIS_IDS
    formatting_ids = EMPHASIS_IDS | CODE_IDS
    # Whitespace-only text nodes are skipped by Lexbor; where one separates two inline
    # elements, the second one's entry puts the space back (see KSPACED), and where one
    # ends an inline element, its exit does.
    nodes = iter(root.traverse(include_text=True, skip_empty=True))
    next(nodes)  # the root itself
    for node in nodes:
        parent_id = node.parent.mem_id  # type: ignore[union-attr]  # below root: has a parent
        while top != parent_id:
            closed_id, kind, closed = pop()
            top = opened[-1][0]
            if K_BLOCK <= kind <= K_FIGURE:  # a block element (see tags.BLOCK_KINDS)
                el_ends[entries.pop()] = len(tags)
                if buf:
                    flush(link_chars, bold_chars)
                    link_chars = bold_chars = 0
                    bold_open = True
                block_stack.pop()
                if kind == K_BLOCK:
                    pass
                elif kind == K_HEADING:
                    heading_stack.pop()
                elif kind == K_LIST:
                    list_stack.pop()
                elif kind == K_QUOTE:
                    in_quote -= 1
                elif kind == K_PRE:
                    in_pre -= 1
                    figure_stack.pop()
                elif kind == K_CELL:
                    in_cell -= 1
                    figure_stack.pop()
                else:  # K_FIGURE
                    figure_stack.pop()
            elif kind == K_SKIP:
                skipping -= 1
            else:  # spaced: K_INLINE, K_LINK, K_BOLD, K_CONTAINER
                if buf and not skipping:
                    last = closed.last_child
                    if last is not None and last.is_empty_text_node:
                        add(" ")
                if marks and open_marks and open_marks[-1][0] == closed_id:
                    _, mark, start, href = open_marks.pop()
                    end = run_length()
                    if end > start:
                        run_marks.append((mark, start, end, href))
                if kind == K_INLINE:
                    pass
                elif kind == K_LINK:
                    in_link -= 1
                elif kind == K_BOLD:
                    in_bold -= 1
                else:  # K_CONTAINER
                    el_ends[entries.pop()] = len(tags)
        tag_id = node.tag_id
        if tag_id == text_id:
            if skipping:
                continue
            text = node.text_content
            if not text:
                continue
            add(text)
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
        if tag_id == comment_id:
            continue  # never a parent, and its close does nothing: not pushed
        kind = kind_of(tag_id, K_INLINE)
        if skipping:
            top = node.mem_id
            push((top, K_INLINE, node))
            continue
        if kind in entry_kinds and len(opened) < max_depth:  # (this one not pushed yet)
            # A block or container element: give it an entry.
            entry = len(tags)
            name = TAG_NAME.get(tag_id) or node.tag or "?"
            tags.append(name)
            el_parents.append(entries[-1])
            el_depths.append(len(opened))
            el_nodes.append(node)
            el_ends.append(0)  # set when the element closes
            entries.append(entry)
            if kind == K_CONTAINER:
                if buf or in_pre:
                    prev = node.prev
                    if prev is not None and prev.is_empty_text_node:
                        add((prev.text_content or "") if in_pre else " ")
            else:
                if buf:
                    flush(link_chars, bold_chars)
                    link_chars = bold_chars = 0
                    bold_open = True
                block_stack.append(entry)
                if kind == K_BLOCK:
                    pass
                elif kind == K_HEADING:
                    heading_stack.append(HEADING_LEVEL.get(name, 2))
                elif kind == K_LIST:
                    list_stack.append((entry, name == "ol"))
                elif kind == K_QUOTE:
                    in_quote += 1
                elif kind == K_PRE:
                    in_pre += 1
                    figure_stack.append(-1)  # a figure's table or code is its content
                elif kind == K_CELL:
                    in_cell += 1
                    figure_stack.append(-1)
                elif kind == K_FIGURE:
                    figure_stack.append(entry)
            top = node.mem_id
            push((top, kind, node))
            continue
        if kind in spaced and (buf or in_pre):
            prev = node.prev
            if prev is not None and prev.is_empty_text_node:
                add((prev.text_content or "") if in_pre else " ")
        if kind == K_INLINE:
            if marks and tag_id in formatting_ids:
                mark = "emphasis" if tag_id in emphasis_ids else "code"
                open_marks.append((node.mem_id, mark, run_length(), None))
        elif kind == K_LINK:
            if "href" in node.attrs:
                in_link += 1
                if marks:
                    href = node.attributes.get("href")
                    open_marks.append((node.mem_id, "link", run_length(), href))
            else:
                kind = K_INLINE
        elif kind == K_BOLD:
            in_bold += 1
            if marks:
                open_marks.append((node.mem_id, "strong", run_length(), None))
        elif kind == K_SKIP:
            skipping += 1
        # <br>, <img> and <hr> are void, even in foreign content (they break out of it): never
        # a parent, and their close would do nothing, so they are not pushed.
        elif kind == K_BR:
            add("\n")
            continue
        elif kind == K_IMG:
            attrs = node.attributes
            images.append(
                ImageRef(
                    attrs.get("src") or attrs.get("data-src") or "",
                    attrs.get("alt") or "",
                    block_stack[-1],
                    figure_stack[-1] if figure_stack else -1,
                    # after the run being read, if it holds text
                    len(blocks) + (1 if buf and not "".join(buf).isspace() else 0),
                )
            )
            continue
        elif kind == K_HR:
            if buf:
                flush(link_chars, bold_chars)
                link_chars = bold_chars = 0
                bold_open = True
            continue
        else:
            kind = K_INLINE  # a block too deep: read as inline text of the ancestors
        top = node.mem_id
        push((top, kind, node))
    if buf:
        flush(link_chars, bold_chars)
    for entry in entries:  # still open at the end: the root and its open descendants
        el_ends[entry] = len(tags)
    return blocks, els, images, hidden

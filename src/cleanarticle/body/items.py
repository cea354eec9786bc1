"""Find the items of a listing or a collection: repeated sibling structures that hold text.

A listing (search results, an archive, a feed, a category page) and a collection (a shop's
grid of products, a gallery) are made of items: sibling elements of one signature (tag and
class words), each with a title, most often linked, and a little text (a summary, a price, a
date). On an article page such a structure is a rail of teasers (:mod:`cleanarticle.body.teasers`);
on these pages it is the main content. :func:`item_elements` finds the items, in one pass
over the element table, so that the chooser can count their text as content.

A menu repeats a structure too, but its entries are a word or two each: a group counts as
items only when its members hold :data:`MIN_ITEM_CHARS` characters each on average. Long
menus and tables of contents (a documentation site's sidebar) sit in a ``nav`` element (or
one with ``role="navigation"``): groups inside one are never items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from cleanarticle.dom.blocks import Elements, TextBlock

__all__ = ["element_chars", "item_elements", "signature"]

#: A group needs at least this many members with text...
MIN_ITEMS: Final = 3
#: ... holding this many characters each on average (more than a menu entry).
MIN_ITEM_CHARS: Final = 20


def element_chars(blocks: list[TextBlock], els: Elements) -> list[int]:
    """The characters of text in each element's subtree."""
    chars = [0] * len(els.tags)
    for block in blocks:
        chars[block.owner] += len(block.text)
    parents = els.parents
    for idx in range(len(chars) - 1, 0, -1):  # children come after their parents
        chars[parents[idx]] += chars[idx]
    return chars


def _in_navigation(els: Elements) -> list[bool]:
    """Whether each element is a ``nav`` element (or ``role="navigation"``) or inside one: its
    lists are the site's menus and tables of contents, however long."""
    tags = els.tags
    parents = els.parents
    out = [False] * len(tags)
    for idx in range(1, len(tags)):
        out[idx] = out[parents[idx]] or tags[idx] == "nav"
    marked = els.nodes[0].css('[role="navigation" i]')
    if marked:
        ids = {node.mem_id for node in marked}
        for idx, node in enumerate(els.nodes):
            if idx and not out[idx] and node.mem_id in ids:
                end = els.subtree_end(idx)
                out[idx:end] = [True] * (end - idx)
    return out


def signature(els: Elements, idx: int) -> str:
    """An element's class words without those that number it ("post-17", "item_3"): what
    the members of a group share."""
    words = els.words(idx)
    if not any(c.isdigit() for c in words):
        return words
    return " ".join(w for w in words.split() if not any(c.isdigit() for c in w))


def item_elements(els: Elements, chars: list[int]) -> set[int]:
    """The members of every group of items (see the module docstring); ``chars``: each
    element's characters of text (:func:`element_chars`)."""
    parents = els.parents
    tags = els.tags
    # Children with text, by parent: (parent) -> [child, ...]
    kids: dict[int, list[int]] = {}
    for idx in range(1, len(tags)):
        if chars[idx]:
            kids.setdefault(parents[idx], []).append(idx)
    navigation = _in_navigation(els)
    found: set[int] = set()
    for parent, members in kids.items():
        if len(members) < MIN_ITEMS or navigation[parent]:
            continue
        groups: dict[tuple[str, str], list[int]] = {}
        for idx in members:
            groups.setdefault((tags[idx], signature(els, idx)), []).append(idx)
        for group in groups.values():
            if len(group) < MIN_ITEMS:
                continue
            if sum(chars[i] for i in group) < MIN_ITEM_CHARS * len(group):
                continue
            found.update(group)
    return found

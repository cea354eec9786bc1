"""Small helpers on Lexbor nodes shared by the engine's passes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from selectolax.lexbor import LexborNode

__all__ = ["MARK_ID", "number_elements", "outermost"]

#: The attribute that numbers a page's elements for ``cleanarticle explain``.
MARK_ID = "data-ca-id"


def number_elements(root: LexborNode | None) -> None:
    """Give every element under ``root`` a :data:`MARK_ID` attribute: its position in the
    tree's order. Two parses of the same text number their elements alike, which is how
    ``cleanarticle explain`` finds the engine's labels in its own copy of the page."""
    for n, node in enumerate(root.traverse(include_text=False) if root is not None else ()):
        tag = node.tag or ""
        if tag and not tag.startswith(("-", "!")):  # not a comment or the doctype
            node.attrs[MARK_ID] = str(n)


def outermost(nodes: Iterable[LexborNode]) -> list[LexborNode]:
    """The nodes that have no ancestor among the nodes (in the given order).

    Call it before removing any of them: removing a node frees its descendants.
    """
    found = list(nodes)
    if len(found) < 2:
        return found
    ids = {node.mem_id for node in found}
    out = []
    for node in found:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(node)
    return out

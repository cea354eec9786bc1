"""Small helpers on Lexbor nodes shared by the engine's passes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from selectolax.lexbor import LexborNode

__all__ = ["outermost"]


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

"""What the walk makes of a page: text blocks, the element table, and image references.

A :class:`TextBlock` is a run of text between two block boundaries, with what the walk saw
around it (its owner element, link and bold text, heading, list, quote, caption, table or
``pre``). :class:`Elements` holds one entry per block or container element (tag, parent,
node, depth; class/id words on demand), so that later passes score containers without walking
the DOM again. See :mod:`cleanarticle.dom.walk`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["Elements", "ImageRef", "RawMark", "TextBlock"]

#: A link or formatting element over ``raw[start:end]`` of a block: (kind, start, end, href),
#: the kind a :class:`cleanarticle.model.MarkKind` value (``walk(marks=True)``).
RawMark = tuple[str, int, int, str | None]

_HINT_ATTRS = ("class", "id", "role", "itemprop")
#: An id with this many hyphens is a slug of a heading ("sharing-with-a-single-developer"):
#: it names the text, not the element's role, and is no signal.
SLUG_HYPHENS: Final = 3


class TextBlock:
    """A run of text between two block boundaries.

    A plain class rather than a dataclass: the walk makes one per block, and compiled
    (setup.py) a dataclass's ``__init__`` stays an interpreted function while this one is
    compiled.
    """

    __slots__ = (
        "bold_chars",
        "caption",
        "cell",
        "heading",
        "index",
        "link_chars",
        "list_group",
        "list_level",
        "marks",
        "ordered",
        "owner",
        "pre",
        "quote",
        "raw",
        "tag",
        "text",
    )

    def __init__(
        self,
        text: str,
        owner: int,
        tag: str,
        link_chars: int,
        bold_chars: int,
        heading: int,
        list_group: int,
        list_level: int,
        ordered: bool,
        quote: bool,
        caption: int,
        pre: bool,
        cell: bool,
        index: int = 0,
        marks: list[RawMark] | None = None,
        raw: str | None = None,
    ) -> None:
        self.text = text
        self.owner = owner  # index in Elements of the innermost block-level element holding it
        self.tag = tag  # that element's tag
        self.link_chars = link_chars  # characters of the text inside <a href>
        self.bold_chars = bold_chars  # characters of bold text at the very start of the block
        self.heading = heading  # 1-6 inside h1-h6, else 0
        self.list_group = list_group  # index of the outermost enclosing list element, or -1
        self.list_level = list_level  # nesting depth of lists (0 = top level), -1 outside lists
        self.ordered = ordered
        self.quote = quote
        self.caption = caption  # index of the enclosing <figure>/<figcaption>, or -1
        self.pre = pre
        self.cell = cell  # inside a table cell
        self.index = index  # position in the block list
        self.marks = marks  # walk(marks=True): links and formatting over ``raw``
        self.raw = raw  # the text as met, before white space was collapsed (with marks)

    def __repr__(self) -> str:
        return f"TextBlock({self.index}, {self.tag!r}, {self.text[:60]!r})"


@dataclass(slots=True)
class ImageRef:
    """An <img> met during the walk."""

    src: str
    alt: str
    owner: int
    figure: int  # enclosing <figure>, or -1
    before: int = -1  # the index of the first block after it


@dataclass(slots=True)
class Elements:
    """Parallel arrays, one entry per block or container element: tag, parent index,
    node, depth; the class/id words are read from the node when first asked for."""

    tags: list[str] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    nodes: list[Any] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    _words: dict[int, str] = field(default_factory=dict)
    _ends: list[int] = field(default_factory=list)

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
        ends = self._ends
        if not ends:
            ends = self._ends = self._subtree_ends()
        return ends[idx]

    def children(self, idx: int) -> list[int]:
        """The entries whose parent is idx, in document order."""
        out = []
        child = idx + 1
        end = self.subtree_end(idx)
        while child < end:
            out.append(child)
            child = self._ends[child]
        return out

    def _subtree_ends(self) -> list[int]:
        """Every entry's subtree end, in one pass: an entry's subtree ends where the next
        entry that is not below it starts."""
        n = len(self.parents)
        ends = [n] * n
        parents = self.parents
        open_: list[int] = []
        for idx in range(n):
            parent = parents[idx]
            while open_ and open_[-1] != parent:
                ends[open_.pop()] = idx
            open_.append(idx)
        return ends

    def ancestors(self, idx: int) -> list[int]:
        """idx and its ancestors, innermost first."""
        out = []
        parents = self.parents
        while idx >= 0:
            out.append(idx)
            idx = parents[idx]
        return out

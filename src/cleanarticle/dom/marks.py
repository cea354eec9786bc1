"""Links and formatting inside a block: from the walk's raw marks to the model's :class:`Mark`.

The walk (``walk(marks=True)``) notes where each ``<a href>``, ``<b>``/``<strong>``,
``<i>``/``<em>`` and ``<code>`` starts and ends in a block's *raw* text, as met in the page.
The block's text is that raw text with its white space collapsed (and invisible characters
dropped); :func:`resolve_marks` maps the raw offsets onto it the same way, for the blocks
that are kept only. Marks never change the text: they lie over it.

:func:`shift_marks` follows a block whose text later loses a prefix (a run-in label or a
wire dateline split off).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cleanarticle.dom.blocks import RawMark
from cleanarticle.model import Mark, MarkKind
from cleanarticle.textutil import drop_invisible
from cleanarticle.urls import safe_url

__all__ = ["resolve_marks", "shift_marks"]


def _position(raw: str, text: str, pre: bool) -> Callable[[int], int]:
    """The function from an offset in ``raw`` to the offset in ``text`` (the walk's ``flush``
    made ``text`` from ``raw``; this follows the same three cases)."""
    if pre:
        lead = len(raw) - len(raw.lstrip("\n "))
        return lambda p: p - lead
    if "  " not in raw and raw.isprintable():
        lead = len(raw) - len(raw.lstrip())
        return lambda p: p - lead
    clean: Callable[[str], str] = (lambda s: s) if raw.isascii() else drop_invisible

    def collapsed(p: int) -> int:
        # The length of the collapsed prefix, counting the space that separates it from
        # what follows (the "x" stands for that next character).
        return len(" ".join((clean(raw[:p]) + "x").split())) - 1

    return collapsed


def resolve_marks(
    raw: str,
    text: str,
    raw_marks: Sequence[RawMark],
    *,
    pre: bool = False,
    links: bool = True,
    formatting: bool = True,
    base: str | None = None,
) -> list[Mark]:
    """The marks of a block whose ``text`` the walk made from ``raw``.

    Each mark is trimmed of white space at its ends; empty ones go, as do marks of a kind not
    asked for, links whose ``href`` gives no absolute http(s) URL against ``base`` (or that
    point within the page: ``#...``), and a mark inside another of the same kind. The result
    is sorted by start, an outer mark first (of two over the same text, the outer element's).
    """
    if not raw_marks:
        return []
    position = _position(raw, text, pre)
    size = len(text)
    found: list[Mark] = []
    for name, raw_start, raw_end, target in raw_marks:
        kind = MarkKind(name)
        href = None
        if kind is MarkKind.LINK:
            if not links or not target or target.lstrip().startswith("#"):
                continue
            href = safe_url(target, base)
            if href is None:
                continue
        elif not formatting:
            continue
        start = min(max(position(raw_start), 0), size)
        end = min(max(position(raw_end), start), size)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Mark(kind, start, end, href))
    # Outer marks first; of two over the same text, the outer element, which closed later.
    order = {id(mark): i for i, mark in enumerate(found)}
    found.sort(key=lambda m: (m.start, -m.end, -order[id(m)]))
    kept: list[Mark] = []
    for mark in found:
        if not any(
            k.kind is mark.kind and k.start <= mark.start and mark.end <= k.end for k in kept
        ):
            kept.append(mark)
    return kept


def shift_marks(marks: list[Mark], text: str, rest: str) -> list[Mark]:
    """The marks of ``text`` over ``rest``, the end of ``text`` left once a prefix was cut off
    (marks over the prefix go, a mark across the cut keeps its part in ``rest``). No mark
    when ``rest`` is not the end of ``text``."""
    if not marks:
        return []
    if not text.endswith(rest):
        return []
    cut = len(text) - len(rest)
    shifted: list[Mark] = []
    for mark in marks:
        start, end = max(mark.start - cut, 0), mark.end - cut
        if end > start:
            shifted.append(Mark(mark.kind, start, end, mark.href))
    return shifted

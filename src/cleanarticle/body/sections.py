"""From a flat run of body units to the Article's sections.

Both input paths (HTML and text captures) reduce the body to
:class:`~cleanarticle.draft.Unit` objects in reading
order: headings, paragraphs, list items, quotes, tables, code. This module groups them into
:class:`~cleanarticle.model.Section` objects, turns run-in labels ("Why it matters: ...") into
section headings, and splits a wire dateline off the first paragraph
(:mod:`cleanarticle.fields.dateline`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cleanarticle.dom.marks import shift_marks
from cleanarticle.draft import Draft, Unit, UnitKind
from cleanarticle.fields.dateline import split_dateline
from cleanarticle.model import Block, BlockKind, ListItem, RemovalKind, Section

__all__ = [
    "RUN_IN_LABELS",
    "build_sections",
    "expand_labels",
    "final_units",
    "split_label",
]


# Run-in labels of the "Smart Brevity" house style and its imitators, matched without the
# colon, case-insensitively. A line "Label: text" with one of these opens a section "Label".
RUN_IN_LABELS: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "Why it matters",
        "Driving the news",
        "The big picture",
        "Big picture",
        "Between the lines",
        "Flashback",
        "Go deeper",
        "What's next",
        "What’s next",
        "The bottom line",
        "Bottom line",
        "Yes, but",
        "Details",
        "By the numbers",
        "What they're saying",
        "What they’re saying",
        "Zoom in",
        "Zoom out",
        "The other side",
        "Context",
        "Background",
        "Catch up quick",
        "State of play",
        "Reality check",
        "Our thought bubble",
        "Be smart",
        "What to watch",
        "Worth noting",
        "The latest",
        "Of note",
        "Threat level",
        "Where it stands",
        "The intrigue",
        "Behind the scenes",
        "Follow the money",
        "Case in point",
        "The backstory",
        "Go deeper",
        "Be smart",
        "The bottom line",
        "What we're watching",
        "What we’re watching",
        "The backdrop",
        "Key takeaways",
        "The details",
        "Why it's important",
        "Why it’s important",
        "Reality check",
        "Don't forget",
        "Don’t forget",
        "The big question",
        "What happened",
        "What's new",
        "What’s new",
    )
)
_LABEL = re.compile(r"^([A-Z\u00C0-\u024F][^:.!?\n]{0,40}?)\s*:\s+(\S.*)$", re.DOTALL)
_NOT_LABEL_END = re.compile(
    r"\b(said|says|wrote|writes|told|tweeted|added|noted|asked|explained|stated)$", re.IGNORECASE
)


def split_label(text: str, *, known_only: bool) -> tuple[str, str] | None:
    """Split a run-in label off a paragraph: ``"Why it matters: X"`` -> ``("Why it matters", "X")``.

    With ``known_only`` only :data:`RUN_IN_LABELS` count (text captures, where no bold marks
    the label); otherwise any short capitalised label of at most five words counts (the HTML
    path calls this only when the label is set in bold).
    """
    if ":" not in text[:48]:
        return None
    m = _LABEL.match(text)
    if m is None:
        return None
    label, rest = m.group(1).strip(), m.group(2).strip()
    if label.casefold() in RUN_IN_LABELS:
        return label, rest
    if known_only or len(label.split()) > 5 or _NOT_LABEL_END.search(label):
        return None
    return label, rest


def build_sections(units: Iterable[Unit]) -> list[Section]:
    """Group units into sections: a heading opens a section; list items of one group form
    one list block (nesting kept as levels), an image met inside a list following it;
    consecutive quote units of a group merge."""
    sections: list[Section] = []
    heading: str | None = None
    level = 2
    blocks: list[Block] = []
    items: list[ListItem] = []
    list_key: tuple[int, bool] | None = None
    after_list: list[Block] = []  # images met inside the list

    def flush_list() -> None:
        nonlocal items, list_key
        if items and list_key is not None:
            blocks.append(Block(BlockKind.LIST, items=items, ordered=list_key[1]))
        blocks.extend(after_list)
        after_list.clear()
        items, list_key = [], None

    def close_section() -> None:
        nonlocal blocks
        flush_list()
        if blocks or heading is not None:
            sections.append(Section(heading, blocks, level))
        blocks = []

    for unit in units:
        if unit.kind is UnitKind.IMAGE:
            (after_list if items else blocks).append(Block(BlockKind.IMAGE, image=unit.image))
            continue
        if not unit.text.strip() and not unit.rows:
            continue  # nothing to show (a block of invisible characters)
        if unit.kind is UnitKind.ITEM:
            key = (unit.group, unit.ordered)
            if list_key is not None and key != list_key:
                flush_list()
            list_key = key
            items.append(ListItem(unit.text, unit.level, unit.marks))
            continue
        flush_list()
        if unit.kind is UnitKind.HEADING:
            close_section()
            heading, level = unit.text, unit.level or 2
        elif unit.kind is UnitKind.TABLE:
            blocks.append(Block(BlockKind.TABLE, rows=unit.rows))
        elif unit.kind is UnitKind.QUOTE:
            blocks.append(Block(BlockKind.QUOTE, text=unit.text, marks=unit.marks))
        elif unit.kind is UnitKind.CODE:
            blocks.append(Block(BlockKind.CODE, text=unit.text))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text=unit.text, marks=unit.marks))
    close_section()
    return sections


def expand_labels(units: Sequence[Unit]) -> list[Unit]:
    """Turn paragraphs that open with a run-in label into a heading unit plus a paragraph.

    A paragraph whose opening words are set in bold (``unit.label``, set by the HTML path)
    may carry any short label; other paragraphs only the known :data:`RUN_IN_LABELS`. The new
    heading takes the rank of the page's other headings (2 when there are none).
    """
    levels = [u.level for u in units if u.kind is UnitKind.HEADING]
    level = min(levels) if levels else 2
    out: list[Unit] = []
    for unit in units:
        if unit.kind is UnitKind.PARAGRAPH:
            split = split_label(unit.text, known_only=not unit.label)
            if split is not None:
                out.append(Unit(UnitKind.HEADING, split[0], level=level, label=True))
                marks = shift_marks(unit.marks, unit.text, split[1])
                out.append(Unit(UnitKind.PARAGRAPH, split[1], marks=marks))
                continue
        out.append(unit)
    return out


def final_units(draft: Draft) -> list[Unit]:
    """The draft's units as the Article's sections take them: run-in labels made headings
    (:func:`expand_labels`), and a wire dateline split off the first paragraph into
    ``draft.dateline`` when the page gave none."""
    units = expand_labels(draft.units)
    first = next((u for u in units if u.kind is UnitKind.PARAGRAPH), None)
    if first is not None and draft.dateline is None:
        split = split_dateline(first.text)
        if split is not None:
            first.marks = shift_marks(first.marks, first.text, split[1])
            draft.dateline, first.text = split
            draft.remove(RemovalKind.METADATA, "structure.dateline", draft.dateline)
    return units

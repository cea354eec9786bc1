"""Pure renderers: Article -> Markdown, Article -> plain text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cleanarticle.model import Block, BlockKind

if TYPE_CHECKING:
    from cleanarticle.model import Article

__all__ = ["to_markdown", "to_text"]

_MD_LEAD = re.compile(r"^(\s*)([#>+\-*=]|\d+[.)]|`{3})")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_BACKTICKS = re.compile(r"`+")


def _md_escape(text: str) -> str:
    """Escape Markdown syntax so that text renders as itself (no links, no HTML)."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LEAD.sub(_escape_lead, text)


def _escape_lead(m: re.Match[str]) -> str:
    """Escape a line start that Markdown reads as a block marker. A numbered-list marker is
    escaped at its dot (``1\\.``): a backslash before a digit is no escape in CommonMark."""
    marker = m.group(2)
    if marker[:1].isdigit():
        return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}"
    return f"{m.group(1)}\\{marker}"


def _md_list(block: Block) -> str:
    """A list with its nesting: each level numbered from 1 and indented to the content column
    of its parent item (as CommonMark nests lists)."""
    lines: list[str] = []
    indents: list[str] = [""]  # the indentation of each open level
    for number, item in zip(_numbers(block), block.items, strict=True):
        level = min(max(item.level, 0), len(indents) - 1)
        del indents[level + 1 :]
        marker = f"{number}." if block.ordered else "-"
        indent = indents[level]
        lines.append(f"{indent}{marker} {_md_escape(item.text)}")
        indents.append(indent + " " * (len(marker) + 1))
    return "\n".join(lines)


def _md_block(block: Block) -> str:
    if block.kind is BlockKind.LIST:
        return _md_list(block)
    if block.kind is BlockKind.QUOTE:
        return "\n".join(
            f"> {_md_escape(line)}" if line else ">" for line in block.text.split("\n")
        )
    if block.kind is BlockKind.CODE:
        # Longer than any run of backticks in the code: no line of it can close the fence
        # (the rest would be read as Markdown, raw HTML included).
        longest = max(map(len, _BACKTICKS.findall(block.text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}\n{block.text}\n{fence}"
    if block.kind is BlockKind.TABLE:
        rows = [r for r in block.rows if r]
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        cells = [
            [_md_escape(c).replace("\n", " ") for c in r] + [""] * (width - len(r)) for r in rows
        ]
        out = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
        out.extend("| " + " | ".join(r) + " |" for r in cells[1:])
        return "\n".join(out)
    return _md_escape(block.text)


def to_markdown(article: Article) -> str:
    """The kicker in bold, the headline as ``#``, a byline/source line in italics, then the
    sections."""
    parts: list[str] = []
    if article.kicker:
        parts.append(f"**{_md_escape(article.kicker)}**")
    if article.headline:
        parts.append(f"# {_md_escape(article.headline)}")
    credit = " · ".join(p for p in (article.byline, article.publisher, article.date_published) if p)
    if credit:
        parts.append(f"*{_md_escape(credit)}*")
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6)
            parts.append(f"{'#' * level} {_md_escape(section.heading)}")
        parts.extend(md for b in section.blocks if (md := _md_block(b)))
    return "\n\n".join(parts) + "\n"


def _numbers(block: Block) -> list[int]:
    """Each item's number within its own level (a nested list counts from 1 again)."""
    counters: list[int] = []
    numbers: list[int] = []
    for item in block.items:
        level = min(max(item.level, 0), len(counters))
        del counters[level + 1 :]
        if level == len(counters):
            counters.append(0)
        counters[level] += 1
        numbers.append(counters[level])
    return numbers


def _text_block(block: Block) -> str:
    if block.kind is BlockKind.LIST:
        return "\n".join(
            f"{'    ' * item.level}{f'{n}.' if block.ordered else '•'} {item.text}"
            for n, item in zip(_numbers(block), block.items, strict=True)
        )
    return block.plain


def to_text(article: Article) -> str:
    """The headline, then the body: blocks separated by blank lines, list items marked with
    ``•`` (or their number) and indented by level, so that the structure survives."""
    parts: list[str] = []
    if article.headline:
        parts.append(article.headline)
    for section in article.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(t for b in section.blocks if (t := _text_block(b)))
    return "\n\n".join(parts) + "\n"

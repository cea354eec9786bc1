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


def _md_escape(text: str) -> str:
    """Escape Markdown syntax so that text renders as itself (no links, no HTML)."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LEAD.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _md_block(block: Block) -> str:
    if block.kind is BlockKind.LIST:
        lines = []
        for n, item in enumerate(block.items, 1):
            marker = f"{n}." if block.ordered else "-"
            lines.append(f"{'  ' * item.level}{marker} {_md_escape(item.text)}")
        return "\n".join(lines)
    if block.kind is BlockKind.QUOTE:
        return "\n".join(
            f"> {_md_escape(line)}" if line else ">" for line in block.text.split("\n")
        )
    if block.kind is BlockKind.CODE:
        fence = "````" if "```" in block.text else "```"
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
    """Headline as ``#``, a byline/source line in italics, then the sections."""
    parts: list[str] = []
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


def _text_block(block: Block) -> str:
    if block.kind is BlockKind.LIST:
        return "\n".join(
            f"{'    ' * item.level}{f'{n}.' if block.ordered else '•'} {item.text}"
            for n, item in enumerate(block.items, 1)
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

"""Pure renderers: Article -> Markdown, Article -> safe HTML, Article -> plain text.

Marks (links, strong, emphasis, code; :class:`~cleanarticle.model.Mark`) are rendered as
nested inline markup; the renderers accept any Article, so they check what they render:
marks are clipped to their text and a mark that crosses another is dropped, and every link
and image URL must be an absolute http(s) URL (:func:`~cleanarticle.urls.safe_url`) or is
not rendered.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from cleanarticle.model import Block, BlockKind, Mark, MarkKind
from cleanarticle.urls import safe_url

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cleanarticle.model import Article, Image

__all__ = ["to_html", "to_markdown", "to_text"]

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


# -- inline marks ----------------------------------------------------------------------------


class _Span:
    """A mark with the text it covers and what lies inside it (text and inner spans)."""

    __slots__ = ("children", "mark", "text")

    def __init__(self, mark: Mark, text: str, children: list[str | _Span]) -> None:
        self.mark = mark
        self.text = text
        self.children = children


def _nested(text: str, marks: Sequence[Mark]) -> list[str | _Span]:
    """``text`` as a run of plain pieces and spans (marks clipped to the text, empty ones and
    those that cross an earlier one dropped)."""
    valid: list[Mark] = []
    ends: list[int] = []  # the ends of the marks open at this point, innermost last
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start, end = max(mark.start, 0), min(mark.end, len(text))
        if end <= start:
            continue
        while ends and ends[-1] <= start:
            ends.pop()
        if ends and end > ends[-1]:
            continue  # crosses the mark it starts in
        valid.append(Mark(mark.kind, start, end, mark.href))
        ends.append(end)
    return _nest(text, valid, 0, len(text))


def _nest(text: str, marks: list[Mark], start: int, end: int) -> list[str | _Span]:
    nodes: list[str | _Span] = []
    pos, i = start, 0
    while i < len(marks):
        mark = marks[i]
        j = i + 1
        while j < len(marks) and marks[j].start < mark.end:
            j += 1
        if mark.start > pos:
            nodes.append(text[pos : mark.start])
        inner = _nest(text, marks[i + 1 : j], mark.start, mark.end)
        nodes.append(_Span(mark, text[mark.start : mark.end], inner))
        pos, i = mark.end, j
    if pos < end:
        nodes.append(text[pos:end])
    return nodes


def _inline(
    nodes: list[str | _Span],
    piece: Callable[[str, bool], str],
    span: Callable[[_Span, str], str],
    at_start: bool,
) -> str:
    """Render nested pieces: ``piece(text, at_block_start)``, ``span(span, inner)``."""
    out: list[str] = []
    for index, node in enumerate(nodes):
        if isinstance(node, str):
            out.append(piece(node, at_start and index == 0))
        else:
            out.append(span(node, _inline(node.children, piece, span, False)))
    return "".join(out)


# -- Markdown ----------------------------------------------------------------------------------

#: Characters percent-encoded in the URLs rendered: invalid in a URL, or able to end an
#: HTML attribute or a Markdown link destination; Markdown also needs the parentheses.
_URL_CHARS = {
    " ": "%20",
    '"': "%22",
    "<": "%3C",
    ">": "%3E",
    "\\": "%5C",
    "`": "%60",
    "\u00a0": "%C2%A0",
}
_URL = str.maketrans(_URL_CHARS)
_MD_URL = str.maketrans({**_URL_CHARS, "(": "%28", ")": "%29"})


def _url(value: str | None, table: dict[int, str] = _URL) -> str | None:
    """A URL fit to render: absolute http(s), the characters of ``table`` encoded."""
    url = safe_url(value)
    return url.translate(table) if url is not None else None


def _md_piece(text: str, at_start: bool) -> str:
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LEAD.sub(_escape_lead, text) if at_start else text


def _md_span(span: _Span, inner: str) -> str:
    kind = span.mark.kind
    if kind is MarkKind.CODE:
        return _md_code(span.text)
    if kind is MarkKind.LINK:
        url = _url(span.mark.href, _MD_URL)
        return f"[{inner}]({url})" if url else inner
    if kind is MarkKind.STRONG:
        return f"**{inner}**"
    return f"*{inner}*"


def _md_code(code: str) -> str:
    """An inline code span: fenced by more backticks than any run inside it."""
    longest = max(map(len, _BACKTICKS.findall(code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _md_inline(text: str, marks: Sequence[Mark]) -> str:
    """Text as Markdown, its marks as links, ``**strong**``, ``*emphasis*`` and code."""
    if not marks:
        return _md_escape(text)
    return _inline(_nested(text, marks), _md_piece, _md_span, True)


def _md_image(image: Image | None) -> str:
    url = _url(image.url, _MD_URL) if image is not None else None
    if image is None or url is None:
        return ""
    alt = _MD_INLINE.sub(r"\\\1", " ".join((image.alt or image.caption or "").split()))
    out = f"![{alt}]({url})"
    note = " ".join(" ".join(p for p in (image.caption, image.credit) if p).split())
    return f"{out}\n*{_md_escape(note)}*" if note else out


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
        lines.append(f"{indent}{marker} {_md_inline(item.text, item.marks)}")
        indents.append(indent + " " * (len(marker) + 1))
    return "\n".join(lines)


def _md_block(block: Block) -> str:
    if block.kind is BlockKind.LIST:
        return _md_list(block)
    if block.kind is BlockKind.QUOTE:
        text = _md_inline(block.text, block.marks) if block.marks else None
        if text is not None:
            return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
        return "\n".join(
            f"> {_md_escape(line)}" if line else ">" for line in block.text.split("\n")
        )
    if block.kind is BlockKind.IMAGE:
        return _md_image(block.image)
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
    return _md_inline(block.text, block.marks)


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


# -- HTML --------------------------------------------------------------------------------------


def _html_text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _html_piece(text: str, at_start: bool) -> str:
    return _html_text(text)


def _html_span(span: _Span, inner: str) -> str:
    kind = span.mark.kind
    if kind is MarkKind.CODE:
        return f"<code>{_html_text(span.text)}</code>"
    if kind is MarkKind.LINK:
        url = _url(span.mark.href)
        return f'<a href="{escape(url)}">{inner}</a>' if url else inner
    tag = "strong" if kind is MarkKind.STRONG else "em"
    return f"<{tag}>{inner}</{tag}>"


def _html_inline(text: str, marks: Sequence[Mark]) -> str:
    if not marks:
        return _html_text(text)
    return _inline(_nested(text, marks), _html_piece, _html_span, True)


def _html_list(block: Block) -> str:
    """Nested lists: an item one level deeper opens a list inside the item before it."""
    tag = "ol" if block.ordered else "ul"
    out: list[str] = []
    depth = 0  # lists open
    for item in block.items:
        target = min(max(item.level, 0), depth) + 1
        if target > depth:
            out.append(f"<{tag}>")
            depth += 1
        else:
            while depth > target:
                out.append(f"</li></{tag}>")
                depth -= 1
            out.append("</li>")
        out.append(f"<li>{_html_inline(item.text, item.marks)}")
    out.extend(f"</li></{tag}>" for _ in range(depth))
    return "".join(out)


def _html_image(image: Image | None) -> str:
    url = _url(image.url) if image is not None else None
    if image is None or url is None:
        return ""
    img = f'<img src="{escape(url)}" alt="{escape(image.alt or "")}">'
    note = ""
    if image.caption or image.credit:
        credit = f" <small>{escape(image.credit)}</small>" if image.credit else ""
        note = f"<figcaption>{escape(image.caption or '')}{credit}</figcaption>"
    return f"<figure>{img}{note}</figure>"


def _html_block(block: Block) -> str:
    if block.kind is BlockKind.LIST:
        return _html_list(block) if block.items else ""
    if block.kind is BlockKind.QUOTE:
        return f"<blockquote><p>{_html_inline(block.text, block.marks)}</p></blockquote>"
    if block.kind is BlockKind.CODE:
        return f"<pre><code>{escape(block.text)}</code></pre>"
    if block.kind is BlockKind.IMAGE:
        return _html_image(block.image)
    if block.kind is BlockKind.TABLE:
        rows = [r for r in block.rows if r]
        if not rows:
            return ""
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_text(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        return f"<table>{body}</table>"
    return f"<p>{_html_inline(block.text, block.marks)}</p>"


def to_html(article: Article) -> str:
    """An ``<article>`` of clean HTML: the headline as ``h1``, a byline/source line, then the
    sections. Only ``article h1-h6 p em strong a code pre blockquote ul ol li table tr td
    figure img figcaption small br`` appear, with no attribute but ``href``, ``src`` and
    ``alt``; every text is escaped, and every URL is an absolute http(s) one."""
    parts = ["<article>"]
    if article.headline:
        parts.append(f"<h1>{escape(article.headline)}</h1>")
    credit = " · ".join(p for p in (article.byline, article.publisher, article.date_published) if p)
    if credit:
        parts.append(f"<p><em>{escape(credit)}</em></p>")
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6)
            parts.append(f"<h{level}>{escape(section.heading)}</h{level}>")
        parts.extend(html for b in section.blocks if (html := _html_block(b)))
    parts.append("</article>")
    return "\n".join(parts) + "\n"

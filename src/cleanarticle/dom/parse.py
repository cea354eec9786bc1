"""Text to a Lexbor tree, with the input first made safe for the parser.

Lexbor, like every HTML5 tree builder, does work proportional to the depth of the stack of
open elements for some tags, and checks each new attribute against the element's others, so a
crafted page (200,000 nested ``<div>``, one tag with 200,000 attributes) takes minutes to
parse. Browsers cap the tree depth (Blink at 512); :func:`sanitize` does the same before
parsing, in linear time, and only pays for it on pages that could be pathological:

* tags whose attribute text is longer than :data:`MAX_TAG_CHARS` lose their attributes
  (found from the blocks of bytes without ``<`` or ``>``, then a linear search);
* when the page has more than :data:`DEPTH_CHECK_TAGS` tags, the nesting depth is estimated
  from the start and end tags of elements that can nest (void elements, those the parser
  closes by itself, and the ``<path .../>`` of SVG and MathML, which close themselves there,
  are not counted); tags beyond ``max_depth`` are dropped, their text kept.

The estimate counts tags inside scripts and comments too, so it over-counts on real pages (up
to about 600 on the benchmark pages); the limit is set far above that, where the parse is still
fast (about 50 ms at depth 5,000), so real pages are never changed.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import sub
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = [
    "DEPTH_CHECK_TAGS",
    "MAX_PARSE_DEPTH",
    "MAX_TAG_CHARS",
    "RAW_TEXT_TAGS",
    "close_swallowing",
    "parse_html",
    "sanitize",
    "swallowing_element",
]

#: Estimated nesting deeper than this is flattened before parsing.
MAX_PARSE_DEPTH: Final = 5000
#: Below this many ``<`` the depth check is skipped: such a page cannot be deeper than the limit.
DEPTH_CHECK_TAGS = MAX_PARSE_DEPTH
#: A tag with more attribute text than this keeps only its name.
MAX_TAG_CHARS: Final = 20_000

# Elements that never hold children, or that the tree builder closes implicitly when a sibling
# opens, do not build depth.
_FLAT = (
    "area|base|br|col|embed|hr|img|input|keygen|link|meta|param|source|track|wbr|"
    "p|li|dt|dd|option|optgroup|tr|td|th|tbody|thead|tfoot|rt|rp|!|\\?"
)
_NESTING_TAG = re.compile(rf"<(/?)(?!(?:{_FLAT})(?![a-zA-Z0-9-]))[a-zA-Z]", re.IGNORECASE)
#: The same, with the tag's name and its closing ``/>``, for pages with SVG or MathML.
_NESTING_TAG_FOREIGN = re.compile(
    rf"<(/?)(?!(?:{_FLAT})(?![a-zA-Z0-9-]))([a-zA-Z][a-zA-Z0-9-]*+)(?:[^<>]*(/)>)?", re.IGNORECASE
)
_FOREIGN_TAG = re.compile(r"<(?:svg|math)\b", re.IGNORECASE)
_FLAT_NAMES = frozenset(name for name in _FLAT.split("|") if name.isalnum())
# Any start or end tag, its name up to the first character that cannot continue one.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*+)[^<>]*+>?")
# Possessive quantifiers: each tag is scanned once, so the search stays linear.
_HUGE_TAG = re.compile(rf"<([a-zA-Z][^\s/<>]{{0,40}}+)[^<>]{{{MAX_TAG_CHARS},}}+>?")


_STEP = {"": 1, "/": -1}


#: Foreign content: inside these, a tag closed by ``/>`` (``<path d="..."/>``) is an empty
#: element, as the tree builder reads it; in HTML content the ``/`` means nothing.
_FOREIGN = frozenset({"svg", "math"})
#: Start tags that end foreign content (the HTML standard's list for the tree builder).
_BREAKOUT = frozenset(
    {
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
        "font",
    }
)


def _foreign_step(name: str, closing: bool, closed: bool, foreign: int) -> tuple[int, int]:
    """One tag's depth step and the count of open ``svg`` / ``math`` elements after it: a
    self-closed tag inside them, or a self-closed ``svg`` / ``math``, makes no step."""
    name = name.lower()
    if closing:
        return -1, foreign - 1 if name in _FOREIGN and foreign else foreign
    if name in _BREAKOUT:
        foreign = 0
    if closed and (foreign or name in _FOREIGN):
        return 0, foreign
    return 1, foreign + 1 if name in _FOREIGN else foreign


def _steps(tags: list[tuple[str, str, str]]) -> list[int]:
    """The +1 / -1 depth steps of the tags (``_NESTING_TAG_FOREIGN`` matches): see
    _foreign_step."""
    if not any(closed for _, _, closed in tags):
        return [_STEP[slash] for slash, _, _ in tags]
    steps: list[int] = []
    foreign = 0
    for slash, name, closed in tags:
        step, foreign = _foreign_step(name, bool(slash), bool(closed), foreign)
        if step:
            steps.append(step)
    return steps


def _max_depth(text: str) -> int:
    """Deepest nesting, clamped at 0 on stray end tags: max over i of S[i] - min(S[:i+1]),
    S being the running sum of +1 / -1 steps (computed by C-level iterators)."""
    if _FOREIGN_TAG.search(text) is None:
        steps = [_STEP[slash] for slash in _NESTING_TAG.findall(text)]
    else:
        steps = _steps(_NESTING_TAG_FOREIGN.findall(text))
    if not steps:
        return 0
    sums = list(accumulate(steps, initial=0))
    lows = accumulate(sums, min)
    return int(max(map(sub, sums, lows)))


def _flatten(text: str, limit: int) -> str:
    """Drop the tags beyond ``limit`` levels of nesting elements (their text is kept).

    The tags of elements that do not count for the depth (``li``, ``p``, ``td``, ...) are
    dropped there too: the tree builder scans its whole stack of open elements for some of
    them (an ``li`` looks for a ``p`` to close), so 250,000 ``<ul><li>`` left them at depth
    thousands and took seconds to parse. The engine reads such depths as inline text anyway
    (``Options.max_depth``)."""
    out: list[str] = []
    pos = 0
    depth = 0
    has_foreign = _FOREIGN_TAG.search(text) is not None
    foreign = 0  # open svg / math elements (see _steps)
    step = 1
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if name in _FLAT_NAMES:
            if depth > limit:
                out.append(text[pos : m.start()])
                pos = m.end()
            continue
        closing = bool(m.group(1))
        if has_foreign:
            step, foreign = _foreign_step(name, closing, m.group(0).endswith("/>"), foreign)
        if closing:
            keep = depth <= limit
            depth = depth - 1 if depth > 0 else 0
        elif not step:
            keep = depth < limit  # an empty element: no depth
        else:
            depth += 1
            keep = depth <= limit
        if not keep:
            out.append(text[pos : m.start()])
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _has_huge_tag(text: str, data: bytes) -> bool:
    """Whether :data:`_HUGE_TAG` matches ``text`` (``data`` being its UTF-8 encoding).

    A match holds more than MAX_TAG_CHARS characters, hence as many bytes, without ``<`` or
    ``>``, so it covers a whole aligned block of MAX_TAG_CHARS / 2 bytes free of both (two
    ``bytes.find`` a block rule that out on most pages), and it starts at the nearest ``<``
    before that block: only that ``<`` is tried, on the run it opens, decoded.
    """
    block = MAX_TAG_CHARS // 2
    run_end = -1  # the end of the last clean block: the next one in the same run is skipped
    for start in range(0, len(data) - block + 1, block):
        end = start + block
        if data.find(b">", start, end) >= 0 or data.find(b"<", start, end) >= 0:
            continue
        same_run, run_end = start == run_end, end
        if same_run:
            continue
        left = max(data.rfind(b"<", 0, start), data.rfind(b">", 0, start))
        if left < 0 or data[left] != _LT:
            continue
        stops = [i for i in (data.find(b"<", end), data.find(b">", end)) if i >= 0]
        right = min(stops) + 1 if stops else len(data)
        # Both ends are ASCII delimiters: the slice is whole characters.
        if _HUGE_TAG.match(data[left:right].decode("utf-8", "ignore")) is not None:
            return True
    return False


_LT = ord("<")


def sanitize(text: str, max_depth: int = MAX_PARSE_DEPTH) -> str:
    """Make ``text`` safe to hand to the parser (see the module docstring)."""
    data = text.encode("utf-8", "ignore")
    return _sanitize(text, data, data.count(b"<"), max_depth)


def _sanitize(text: str, data: bytes, tags: int, max_depth: int) -> str:
    """:func:`sanitize`, given the text's UTF-8 bytes and its count of ``<``."""
    if _has_huge_tag(text, data):
        text = _HUGE_TAG.sub(lambda m: f"<{m.group(1)}>", text)  # the count of < is kept
    # The depth is at most the count of start tags, at most the count of "<" not before "/".
    if (
        tags > DEPTH_CHECK_TAGS
        and tags - data.count(b"</") > max_depth
        and _max_depth(text) > max_depth
    ):
        text = _flatten(text, max_depth)
    return text


def parse_html(
    text: str,
    max_depth: int = MAX_PARSE_DEPTH,
    *,
    utf8: bytes | None = None,
    tags: int | None = None,
) -> LexborHTMLParser:
    """Parse a page with Lexbor after :func:`sanitize`.

    ``utf8`` (the text's UTF-8 encoding) and ``tags`` (its count of ``<``), when the caller
    already has them, are not made again. Lexbor reads UTF-8 bytes: a str would be encoded.
    """
    data = text.encode("utf-8", "ignore") if utf8 is None else utf8
    if tags is None:
        tags = data.count(b"<")
    safe = _sanitize(text, data, tags, max_depth)
    return LexborHTMLParser(data if safe is text else safe.encode("utf-8", "ignore"))


#: Elements whose content an HTML5 parser reads as text up to their end tag: one left open
#: (a damaged capture's ``<title>`` that never closes) swallows the rest of the page, where
#: a lenient parser (libxml2) still reads the page after it as HTML.
RAW_TEXT_TAGS = frozenset(
    {"title", "script", "style", "textarea", "xmp", "noembed", "noframes", "iframe", "noscript"}
)
#: A swallowing element holds at least this much text, with markup in it.
SWALLOW_MIN_CHARS: Final = 200
_MARKUP = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z])")
_PAGE_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def _is_element(node: LexborNode) -> bool:
    tag = node.tag or ""
    return bool(tag) and tag[0] not in "-_!"


def swallowing_element(tree: LexborHTMLParser) -> str | None:
    """The tag of a raw-text element left open that swallowed the rest of the page, or None.

    Such an element is the last one of the page: the last of the body (a ``<script>`` or
    ``<textarea>`` in the body), or the last of the head when the body is empty (a
    ``<title>``, a ``<style>``). A few pointer steps on every page; its text is read only
    when its tag says it may be one, and it must hold markup: the end of the page
    (``</body>``, ``</html>``), or, in the head, any tag.
    """
    body = tree.body
    node = body
    while node is not None and (last := node.last_child) is not None and _is_element(last):
        node = last
    in_head = False
    if node is None or node is body or node.tag not in RAW_TEXT_TAGS:
        if body is not None and any(_is_element(n) for n in body.iter(include_text=False)):
            return None
        head = tree.head
        node = head.last_child if head is not None else None
        while node is not None and not _is_element(node):
            node = node.prev
        if node is None or node.tag not in RAW_TEXT_TAGS:
            return None
        in_head = True
    raw = node.text(deep=True)
    if len(raw) < SWALLOW_MIN_CHARS:
        return None
    found = _MARKUP.search(raw) if in_head else _PAGE_END.search(raw)
    return node.tag if found is not None else None


def close_swallowing(text: str, tag: str) -> str | None:
    """``text`` with the open ``tag`` that swallowed the page closed where its own text ends
    (at the first ``<`` after its start tag), or None when its start tag is not found.

    The start tag is the first ``<tag ...>`` after the last ``</tag>``: one closed later
    would not have swallowed the rest.
    """
    ends = list(re.finditer(rf"</{tag}\s*>", text, re.IGNORECASE))
    after = ends[-1].end() if ends else 0
    start = re.compile(rf"<{tag}(?![\w-])[^>]*>", re.IGNORECASE).search(text, after)
    if start is None:
        return None
    cut = text.find("<", start.end())
    if cut < 0:
        return None
    return f"{text[:cut]}</{tag}>{text[cut:]}"

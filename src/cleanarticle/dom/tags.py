"""HTML tag tables for the walk, and Lexbor's ids for them.

The walk compares Lexbor's integer tag ids (cheap) rather than tag names (a new string per
node); :data:`KIND` maps each id to what the walk does on entering such an element. The ids
are read from Lexbor itself, from created nodes (parsing would drop table parts found outside
a table).
"""

from __future__ import annotations

from typing import Final

from selectolax.lexbor import LexborHTMLParser

__all__ = [
    "BLOCK_TAGS",
    "CODE_IDS",
    "COMMENT_ID",
    "EMPHASIS_IDS",
    "ENTRY_KINDS",
    "HEADING_LEVEL",
    "INLINE_TAGS",
    "KIND",
    "NON_CONTENT_TAGS",
    "SKIP_TAGS",
    "SPACED",
    "TAG_ID",
    "TAG_NAME",
    "TEXT_ID",
]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "caption",
        "legend",
        "html",
    ]
)
#: Elements whose content is never article text: removed in Lexbor before the walk
#: (``strip.strip_non_content``; a ``<noscript>`` holding the page's text is unwrapped).
NON_CONTENT_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "textarea",
    "button",
    "input",
    "link",
    "meta",
)
#: Elements whose text the walk skips: the non-content ones (should any be left) and others
#: that hold no article text but are not worth a removal pass.
SKIP_TAGS = frozenset(NON_CONTENT_TAGS) | {
    "video",
    "audio",
    "option",
    "head",
    "title",
    "base",
    "map",
    "area",
    "frame",
    "frameset",
}
#: Inline elements that get no entry in :class:`Elements` (they never own a block).
INLINE_TAGS = frozenset(
    [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "small",
        "big",
        "sup",
        "sub",
        "abbr",
        "acronym",
        "cite",
        "code",
        "q",
        "time",
        "mark",
        "ins",
        "del",
        "kbd",
        "samp",
        "var",
        "dfn",
        "bdi",
        "bdo",
        "data",
        "wbr",
        "nobr",
        "tt",
        "label",
        "strike",
    ]
)
# What the walk does on entering an element, by kind.
K_INLINE: Final = 0
K_BLOCK: Final = 1
K_HEADING: Final = 2
K_LIST: Final = 3
K_QUOTE: Final = 4
K_PRE: Final = 5
K_CELL: Final = 6
K_FIGURE: Final = 7
K_LINK: Final = 8
K_BOLD: Final = 9
K_BR: Final = 10
K_IMG: Final = 11
K_HR: Final = 12
K_SKIP: Final = 13
K_CONTAINER: Final = 14  # an inline container worth an entry (span, font): no block boundary


def _kinds() -> tuple[dict[int, int], dict[int, str], int, int]:
    """Map Lexbor tag ids to kinds and names, read from Lexbor itself."""
    names = sorted(BLOCK_TAGS | SKIP_TAGS | INLINE_TAGS | {"span", "font", "img", "br", "hr"})
    maker = LexborHTMLParser("")
    ids: dict[str, int] = {name: maker.create_node(name).tag_id for name in names}
    kind_of_name: dict[str, int] = {}
    for name in BLOCK_TAGS:
        kind_of_name[name] = K_BLOCK
    for name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        kind_of_name[name] = K_HEADING
    for name in ("ul", "ol", "menu", "dir"):
        kind_of_name[name] = K_LIST
    kind_of_name["blockquote"] = K_QUOTE
    kind_of_name["pre"] = K_PRE
    kind_of_name["td"] = kind_of_name["th"] = K_CELL
    kind_of_name["figure"] = kind_of_name["figcaption"] = K_FIGURE
    kind_of_name["a"] = K_LINK
    kind_of_name["b"] = kind_of_name["strong"] = K_BOLD
    kind_of_name["br"] = K_BR
    kind_of_name["img"] = K_IMG
    kind_of_name["hr"] = K_HR
    kind_of_name["span"] = kind_of_name["font"] = K_CONTAINER
    for name in SKIP_TAGS:
        kind_of_name[name] = K_SKIP
    kinds = {ids[n]: k for n, k in kind_of_name.items() if n in ids}
    tag_names = {i: n for n, i in ids.items()}
    text = LexborHTMLParser("<p>x<!--c--></p>")
    p = text.css_first("p")
    assert p is not None
    text_id = comment_id = -1
    for node in p.traverse(include_text=True):
        if node.tag == "-text":
            text_id = node.tag_id
        elif node.tag == "-comment":
            comment_id = node.tag_id
    return kinds, tag_names, text_id, comment_id


KIND, TAG_NAME, TEXT_ID, COMMENT_ID = _kinds()
#: Lexbor's tag id of each tag name in :data:`TAG_NAME`.
TAG_ID = {name: i for i, name in TAG_NAME.items()}
#: Kinds whose elements get an entry in the walk's element table.
ENTRY_KINDS = frozenset({K_BLOCK, K_HEADING, K_LIST, K_QUOTE, K_PRE, K_CELL, K_FIGURE, K_CONTAINER})
#: Inline kinds whose entry restores a skipped whitespace node just before them.
SPACED = frozenset({K_INLINE, K_LINK, K_BOLD, K_CONTAINER, K_IMG, K_BR})
HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Inline elements kept as emphasis and as code marks (``walk(marks=True)``); bold is K_BOLD.
EMPHASIS_IDS = frozenset(TAG_ID[name] for name in ("i", "em"))
CODE_IDS = frozenset(TAG_ID[name] for name in ("code", "kbd", "samp", "tt"))

"""The annotated copy of ``cleanarticle explain --html``: written so that nothing in it can run
or fetch anything, whatever a browser makes of it.

The copy is made from **one** parse of the page, serialised **once**, by this module's own
writer (not by re-serialising the tree, which a browser may parse into something else: the
"mutation XSS" of nested ``<svg><style>`` or ``<math><mtext><mglyph><style>``):

* nothing of the page is written with a ``<`` in it: every text is escaped (``&lt;``), the
  text of a style sheet too (a CSS escape, ``\\3c``), and every attribute value. The only
  tags in the copy are those the writer opens and closes, so however a browser nests them
  (foreign content, tables, raw text), it cannot find a tag that was not checked;
* comments are dropped, and the elements that parse their content as raw text are renamed
  (``noscript``, ``xmp``, ``plaintext``, ...);
* scripts, frames, plug-ins, ``<base>``, ``<template>``, ``<link>``, ``<meta>``, SVG
  animations, event handlers and ``javascript:`` / ``vbscript:`` values are left out, and
  tag and attribute names that are not plain names are dropped;
* the copy starts with a ``Content-Security-Policy`` that lets nothing be fetched or run:
  ``default-src 'none'`` (only inline style is allowed), so opening it sends no request.

A last check parses the written copy and refuses it (:class:`InternalError`) if any script,
frame, plug-in, ``<base>``, ``<meta http-equiv>``, event handler or script URL is found.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from selectolax.lexbor import LexborHTMLParser

from cleanarticle.dom.nodes import MARK_ID
from cleanarticle.errors import InternalError

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["CSP", "HEAD", "check_copy", "write_copy"]

#: The copy's policy: nothing is fetched (no image, style sheet, font, frame, media), nothing
#: runs; only inline style applies.
CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: The first thing of the copy, before anything of the page: the policy, then the charset.
HEAD: Final = f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><meta charset="utf-8">'
#: Elements left out with all they hold.
_DROPPED = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "param",
        "base",
        "basefont",
        "bgsound",
        "template",
        "link",
        "meta",
        "portal",
        "fencedframe",
        "animate",
        "animatecolor",
        "animatemotion",
        "animatetransform",
        "set",
        "discard",
        "handler",
        "listener",
    }
)
#: Elements whose content a browser reads as raw text (or that end the page's markup), and
#: what they are written as instead.
_RENAMED = {
    "noscript": "div",
    "noembed": "div",
    "noframes": "div",
    "xmp": "pre",
    "plaintext": "pre",
    "listing": "pre",
    "image": "img",
}
_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "keygen", "source", "track", "wbr"})
#: Where SVG and MathML hand their children back to HTML.
_SVG_HTML = frozenset({"foreignobject", "desc", "title"})
_MATH_HTML = frozenset({"mi", "mo", "mn", "ms", "mtext", "annotation-xml"})
_TAG_NAME = re.compile(r"[a-z][a-z0-9\-]{0,63}")
_ATTR_NAME = re.compile(r"[a-z_][a-z0-9_.\-]{0,63}(:[a-z_][a-z0-9_.\-]{0,63})?")
#: Attributes of the page left out: handlers (``on...``, by name), and these.
_DROPPED_ATTRS = frozenset({"srcdoc", "ping", "http-equiv", "manifest", "is", MARK_ID})
#: What a browser ignores in a URL before reading its scheme (C0 controls, space; tab and
#: newline anywhere), removed before looking for a script scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\xa0": "&nbsp;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;"})
_CSS_ESCAPES = str.maketrans({"<": "\\3c ", "&": "\\26 "})
#: What the check refuses to find in a written copy.
_UNSAFE_SELECTOR = (
    "script, iframe, frame, frameset, object, embed, applet, base, template, portal, "
    "fencedframe, meta[http-equiv]:not([http-equiv='Content-Security-Policy' i]), noscript, "
    "link, animate, set"
)


def runs_script(value: str) -> bool:
    """Whether an attribute value holds a ``javascript:`` or ``vbscript:`` URL, as a browser
    reads it (``java&#9;script:``, a leading control character) or inside a list
    (``<animate values="0;javascript:...">``)."""
    folded = _URL_IGNORED.sub("", value).lower()
    return any(scheme in folded for scheme in _SCRIPT_SCHEMES)


def write_copy(
    tree: LexborHTMLParser,
    marks: dict[str, str],
    kept: str,
    *,
    style: str,
    legend: str,
) -> str:
    """The page of ``tree`` (numbered by :func:`cleanarticle.dom.number_elements`) as the
    annotated copy: each element labelled in ``marks`` (by its number) is marked kept (label
    ``kept``) or removed (any other label, the rule's name). ``style`` and ``legend`` are the
    copy's own (trusted) style sheet and legend."""
    html = tree.root
    head = tree.head
    body = tree.body
    marking = _Marks(marks, kept)
    out = ["<!DOCTYPE html><html", _attributes(html, marking), "><head>", HEAD]
    if head is not None:
        _children(head, "html", marking, out)
    out.append(f"<style>{style}</style></head><body")
    out.append(_attributes(body, marking) if body is not None else "")
    out.append(">")
    out.append(legend)
    if body is not None:
        _children(body, "html", marking, out)
    out.append("</body></html>\n")
    return "".join(out)


def _children(parent: LexborNode, ns: str, marks: _Marks, out: list[str]) -> None:
    """Write the children of ``parent`` (whose own tags the caller writes); iterative, as
    the tree can be thousands of levels deep."""
    # The stack holds the nodes still to write, and the end tags to write after a subtree.
    stack: list[tuple[LexborNode | None, str, str, str]] = []
    _push_children(parent, ns, parent.tag or "", stack)
    while stack:
        node, node_ns, parent_tag, end = stack.pop()
        if node is None:
            out.append(end)
            continue
        tag = node.tag or ""
        if tag == "-text":
            text = node.text_content or ""
            if parent_tag == "style" and node_ns == "html":
                out.append(text.translate(_CSS_ESCAPES))
            else:
                out.append(text.translate(_TEXT_ESCAPES))
            continue
        if not tag or tag.startswith(("-", "!")) or tag in _DROPPED:
            continue  # a comment, the doctype, or something that must not be in the copy
        child_ns = _namespace(ns=node_ns, parent=parent_tag, tag=tag)
        name = _RENAMED.get(tag, tag) if child_ns == "html" else tag
        if _TAG_NAME.fullmatch(name) is None:
            name = "span"
        out.append(f"<{name}{_attributes(node, marks)}>")
        if name in _VOID and child_ns == "html":
            continue
        stack.append((None, child_ns, tag, f"</{name}>"))
        _push_children(node, child_ns, tag, stack)


def _push_children(
    node: LexborNode, ns: str, tag: str, stack: list[tuple[LexborNode | None, str, str, str]]
) -> None:
    children = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    stack.extend((c, ns, tag, "") for c in reversed(children))


def _namespace(*, ns: str, parent: str, tag: str) -> str:
    """The namespace a child element is in, as a parser puts it (near enough: a wrong guess
    only changes how a style sheet's text is escaped, never what the copy can do)."""
    if tag == "svg":
        return "svg"
    if tag == "math":
        return "math"
    if ns == "svg" and parent in _SVG_HTML:
        return "html"
    if ns == "math" and parent in _MATH_HTML and tag not in ("mglyph", "malignmark"):
        return "html"
    return ns


def _is_element(node: LexborNode) -> bool:
    tag = node.tag or ""
    return bool(tag) and not tag.startswith(("-", "!"))


class _Marks:
    """The engine's labels, and those given so far (a run of one rule is labelled once)."""

    def __init__(self, marks: dict[str, str], kept: str) -> None:
        self.marks, self.kept = marks, kept
        self.given: dict[int, str] = {}  # element (mem_id) -> its label, in document order

    def continues(self, node: LexborNode, mark: str) -> bool:
        """Whether a removed element continues a run of one rule: the element before it, or
        one around it, has the same label (a menu's entries are labelled once, not one bar
        each)."""
        prev = node.prev
        while prev is not None and not _is_element(prev):
            prev = prev.prev
        if prev is not None and self.given.get(prev.mem_id) == mark:
            return True
        parent = node.parent
        while parent is not None:
            found = self.given.get(parent.mem_id)
            if found is not None:
                return found == mark
            parent = parent.parent
        return False


def _attributes(node: LexborNode | None, marks: _Marks) -> str:
    """The element's attributes that may stay, escaped, then its explain marks."""
    if node is None:
        return ""
    parts = []
    attrs = node.attributes
    for key, value in attrs.items():
        name = key.lower()
        if (
            name.startswith(("on", "data-ca"))
            or name in _DROPPED_ATTRS
            or _ATTR_NAME.fullmatch(name) is None
        ):
            continue
        if value is None:
            parts.append(f" {name}")
        elif not runs_script(value):
            parts.append(f' {name}="{value.translate(_ATTR_ESCAPES)}"')
    mark = marks.marks.get(attrs.get(MARK_ID) or "")
    if mark is not None:
        label = mark.translate(_ATTR_ESCAPES)
        kept = mark == marks.kept
        parts.append(f' data-ca="{"kept" if kept else "removed"}" title="{label}"')
        if not kept:
            parts.append(f' data-ca-rule="{label}"')
            if marks.continues(node, mark):
                parts.append(" data-ca-more")  # the label is shown once per run
        marks.given[node.mem_id] = mark
    return "".join(parts)


def check_copy(copy: str) -> None:
    """Parse a written copy as a browser would and refuse it if anything in it could run or
    navigate: a script, frame, plug-in, ``<base>``, ``<meta http-equiv>`` (a refresh), an
    event handler, or a script URL; or if it does not start with the policy.

    Raises:
        InternalError: what was found (a bug of the writer: the copy is not written).
    """
    tree = LexborHTMLParser(copy)
    found = [f"<{node.tag}>" for node in tree.css(_UNSAFE_SELECTOR)]
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        for key, value in node.attributes.items():
            if key.lower().startswith("on") or (value and runs_script(value)):
                found.append(f"{node.tag}[{key}]")
    first = tree.head.child if tree.head is not None else None
    if first is None or (first.attributes.get("http-equiv") or "").lower() != (
        "content-security-policy"
    ):
        found.append("no Content-Security-Policy first in <head>")
    if found:
        raise InternalError(
            "the annotated copy failed its safety check and was not written (a bug in "
            f"cleanarticle: please report it with the page): {', '.join(found[:10])}"
        )

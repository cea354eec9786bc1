"""``cleanarticle explain PAGE``: what was removed from a page, by which rule, and where.

In the terminal it prints the profile recognised, the fields with the evidence for the
publisher, the flags, and every removal grouped by rule (kind, count, examples). With
``--html OUT`` it writes a copy of the page, scripts and event handlers removed, in which every
element a rule or an engine step removed is outlined in red and labelled with the rule's name,
and every block kept in the body is outlined in green: open it in a browser to see why a page
came out wrong. A text capture is shown line by line, each line labelled the same way.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from selectolax.lexbor import LexborHTMLParser

from cleanarticle.api import extract_draft
from cleanarticle.draft import MARK_ATTRIBUTE, Source
from cleanarticle.errors import CleanArticleError
from cleanarticle.input.read import read_page
from cleanarticle.options import DEFAULTS, Options, add_engine_options
from cleanarticle.rules import RuleSet
from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from cleanarticle.api import InputFormat
    from cleanarticle.draft import Draft
    from cleanarticle.model import Article

__all__ = ["Explanation", "add_parser", "explain", "render_html", "render_report"]

#: The mark of a block kept in the body.
KEPT = "kept"
#: Elements dropped from the copy written by ``--html`` (nothing in it may run). A
#: ``<template>``'s content is not part of the tree walked below (so its handlers would stay),
#: and a declarative shadow root (``<template shadowrootmode>``) would run its scripts.
_UNSAFE_TAGS = ["script", "iframe", "object", "embed", "frame", "frameset", "base", "template"]
#: The first thing of the copy: whatever a browser makes of the rest (a serialisation that
#: parses differently, "mutation XSS"), no script, handler, ``javascript:`` URL, plug-in or
#: frame of the page may run. Then the charset the copy is written in.
_HEAD = (
    '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'; object-src '
    "'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'\">"
    '<meta charset="utf-8">'
)
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>", re.IGNORECASE)
#: What a browser ignores in a URL before reading its scheme (C0 controls, space; tab and
#: newline anywhere), removed before looking for a script scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_EXAMPLES = 3


@dataclass
class Explanation:
    """The article, the draft it was built from, and where each piece of the page went."""

    article: Article
    draft: Draft
    source_format: str
    encoding: str | None = None  # the codec the page's bytes were decoded with
    # HTML: the page with a data-ca-id on every element, and element id -> label.
    annotated: str = ""
    marks: dict[str, str] = field(default_factory=dict)
    # Text captures: each line and its label.
    lines: list[tuple[str, str]] = field(default_factory=list)


def explain(
    data: bytes | str,
    *,
    url: str | None = None,
    encoding: str | None = None,
    input_format: str = "auto",
    rules: RuleSet | str | Path | None = None,
    options: Options = DEFAULTS,
) -> Explanation:
    """Clean one page as :func:`cleanarticle.extract` does, and record where everything went.

    Raises:
        CleanArticleError: as :func:`cleanarticle.extract`.
    """
    marks: dict[str, str] = {}
    article, draft = extract_draft(
        data,
        url=url,
        encoding=encoding,
        input_format=cast("InputFormat", input_format),
        rules=rules,
        options=options,
        marks=marks,
    )
    if article.source_format == "text":
        lines = _label_lines(draft.annotated, article)
        return Explanation(article, draft, "text", article.encoding, lines=lines)
    return Explanation(
        article, draft, "html", article.encoding, annotated=draft.annotated, marks=marks
    )


def _is_element(node: Any) -> bool:
    """Whether a node is an element (comments and the doctype carry no attributes)."""
    tag = node.tag or ""
    return bool(tag) and not tag.startswith(("-", "!"))


def _label_lines(text: str, article: Article) -> list[tuple[str, str]]:
    """Each non-blank line of a text capture with the rule that removed it, ``kept``, or
    ``field`` (a line read into a field: the headline)."""
    removed: dict[str, list[str]] = {}
    for record in article.removed:
        removed.setdefault(record.text, []).append(record.rule)
    body = {collapse(line) for line in article.text.splitlines()}
    out: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = collapse(raw)
        if not line:
            continue
        rules = removed.get(line)
        if rules:
            out.append((line, rules.pop(0)))
        elif line == article.headline:
            out.append((line, "field: headline"))
        elif line in body or _BULLET_TEXT.sub("", line) in body or _in_body(line, body):
            out.append((line, KEPT))
        else:
            out.append((line, "?"))
    return out


_BULLET_TEXT = re.compile(r"^[•·▪◦‣●○■□\-–*]\s+|^\d{1,3}[.)]\s+")


def _in_body(line: str, body: set[str]) -> bool:
    """A line whose run-in label became a heading: its text after the label is in the body."""
    head, sep, rest = line.partition(": ")
    return bool(sep) and len(head) <= 40 and rest in body


# -- the terminal report ---------------------------------------------------------------------


def render_report(expl: Explanation, name: str = "page") -> str:
    """The terminal report: profile, fields and their evidence, flags, removals by rule."""
    art, draft = expl.article, expl.draft
    profile = draft.profile
    layers = ", ".join(p.name for p in draft.layers)
    lines = [f"{name}  ({expl.source_format}, {expl.encoding or 'str'})"]
    if profile is None:
        lines.append("profile     none recognised: generic rules only")
    else:
        how = "its dateline (syndicated wire copy)" if draft.syndicated else profile.source
        lines.append(f"profile     {profile.name} ({profile.kind} {profile.display_name!r}; {how})")
    if layers:
        lines.append(f"layers      {layers}")
    lines += [
        f"headline    {art.headline!r}",
        f"publisher   {art.publisher!r}",
        f"aggregator  {art.aggregator!r}",
        f"byline      {art.byline!r}   authors {art.authors}",
        f"dateline    {art.dateline!r}",
        f"partial     {art.is_partial}   free to read: {_free(art.is_accessible_for_free)}",
        f"body        {len(art.sections)} sections, {art.word_count} words, "
        f"{len(art.bullets)} list items",
        "",
        "publisher evidence (strongest first):",
    ]
    credits = sorted(draft.credits, key=lambda c: c.source)
    if not credits:
        lines.append("  (none)")
    for credit in credits:
        mark = "*" if art.publisher and credit.name.strip() == art.publisher else " "
        lines.append(
            f" {mark}{Source(credit.source).name.lower():10} {credit.name!r:40} {credit.origin}"
        )
    lines += ["", f"removed: {len(art.removed)} pieces, by rule (first seen first):"]
    counts = Counter(r.rule for r in art.removed)
    examples: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for record in art.removed:
        kinds.setdefault(record.rule, record.kind.value)
        seen = examples.setdefault(record.rule, [])
        if len(seen) < _EXAMPLES:
            seen.append(record.text)
    for rule, count in counts.items():
        lines.append(f"  {rule:32} {kinds[rule]:12} x{count}")
        lines.extend(f"      {_clip(text)}" for text in examples[rule])
    if expl.lines:
        lines += ["", "lines:"]
        lines.extend(f"  {label:28} {_clip(text, 90)}" for text, label in expl.lines)
    return "\n".join(lines) + "\n"


def _free(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no (paywall prompt)")


def _clip(text: str, width: int = 100) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# -- the annotated copy ----------------------------------------------------------------------

_STYLE = """
[data-ca="removed"]{outline:2px solid #d0021b!important;background:rgba(208,2,27,.07)!important}
[data-ca="removed"]::before{content:attr(data-ca-rule);display:block;font:bold 11px/1.4 monospace;
color:#fff;background:#d0021b;padding:0 4px;margin:0 0 2px;white-space:nowrap}
[data-ca-more]::before{display:none}
li[data-ca-rule="engine.navigation"],li[data-ca-rule="engine.nav"]{display:inline-block;margin:0 .5em 0 0}
[data-ca="kept"]{outline:2px solid #1a7f37!important;background:rgba(26,127,55,.06)!important}
#ca-legend{position:sticky;top:0;z-index:2147483647;font:13px/1.5 sans-serif;background:#fffbe6;
color:#111;border-bottom:2px solid #999;padding:6px 10px}
#ca-legend b.r{color:#d0021b}#ca-legend b.k{color:#1a7f37}
.ca-line{font:14px/1.5 monospace;margin:2px 0;padding:1px 4px;white-space:pre-wrap}
"""


def render_html(expl: Explanation, name: str = "page") -> str:
    """The annotated copy of the page (or of the text capture's lines), as HTML."""
    legend = _legend(expl, name)
    if expl.source_format == "text":
        rows = []
        for text, label in expl.lines:
            kind = (
                "kept" if label == KEPT else ("field" if label.startswith("field") else "removed")
            )
            extra = f' data-ca="{kind}"' + (
                f' data-ca-rule="{html.escape(label)}"' if kind != "kept" else ""
            )
            rows.append(f'<p class="ca-line"{extra}>{html.escape(text)}</p>')
        return (
            f"<!DOCTYPE html><html><head>{_HEAD}<title>{html.escape(name)}</title>"
            f"<style>{_STYLE}</style></head><body>{legend}{''.join(rows)}</body></html>\n"
        )
    tree = LexborHTMLParser(expl.annotated)
    tree.strip_tags(_UNSAFE_TAGS)
    labelled: dict[int, str] = {}  # element -> its mark, for the elements met so far
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        if not _is_element(node):
            continue
        attrs = node.attributes
        for key, value in attrs.items():
            if key.lower().startswith("on"):
                del node.attrs[key]
            elif value and _runs_script(value):  # href, xlink:href, action, SVG values, ...
                node.attrs[key] = "#"
        if node.tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            node.attrs["http-equiv"] = "x-refresh-disabled"
        mark = expl.marks.get(attrs.get(MARK_ATTRIBUTE) or "")
        if mark is None:
            continue
        node.attrs["data-ca"] = "kept" if mark == KEPT else "removed"
        node.attrs["title"] = mark
        if mark != KEPT:
            node.attrs["data-ca-rule"] = mark
            if _continues_mark(node, mark, labelled):
                node.attrs["data-ca-more"] = ""  # the label is shown once per run
        labelled[node.mem_id] = mark
    page = tree.html or ""
    style = f"<style>{_STYLE}</style>"
    page = re.sub(r"(<head\b[^>]*>)", lambda m: m.group(1) + style, page, count=1, flags=re.I)
    page = re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + legend, page, count=1, flags=re.I)
    doctype = _DOCTYPE.match(page)
    at = doctype.end() if doctype else 0
    return page[:at] + _HEAD + page[at:]


def _continues_mark(node: Any, mark: str, labelled: dict[int, str]) -> bool:
    """Whether a removed element continues a run of one rule: the element before it, or one
    around it, has the same label (a menu's entries are labelled once, not one bar each)."""
    prev = node.prev
    while prev is not None and not _is_element(prev):
        prev = prev.prev
    if prev is not None and labelled.get(prev.mem_id) == mark:
        return True
    parent = node.parent
    while parent is not None:
        found = labelled.get(parent.mem_id)
        if found is not None:
            return found == mark
        parent = parent.parent
    return False


def _runs_script(value: str) -> bool:
    """Whether an attribute value holds a ``javascript:`` or ``vbscript:`` URL, as a browser
    reads it (``java&#9;script:``, a leading control character) or inside a list
    (``<animate values="0;javascript:...">``)."""
    folded = _URL_IGNORED.sub("", value).lower()
    return any(scheme in folded for scheme in _SCRIPT_SCHEMES)


def _legend(expl: Explanation, name: str) -> str:
    art = expl.article
    profile = expl.draft.profile.name if expl.draft.profile else "generic only"
    return (
        '<div id="ca-legend">cleanarticle explain: '
        f"<b>{html.escape(name)}</b> · profile <b>{html.escape(profile)}</b> · "
        f"publisher <b>{html.escape(art.publisher or '-')}</b> · "
        f"aggregator <b>{html.escape(art.aggregator or '-')}</b> · "
        f'{len(art.removed)} removals. <b class="k">Green</b>: kept in the body. '
        '<b class="r">Red</b>: removed, labelled with the rule (hover for it).</div>'
    )


# -- the command -----------------------------------------------------------------------------


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``explain`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "explain",
        help="show what was removed from a page and why",
        description="Clean one page and show, rule by rule, what was removed and why, and "
        "where the publisher came from. With --html OUT, also write a copy of the page "
        "(scripts removed) in which every removed block is outlined in red and labelled with "
        "its rule, and every kept block is outlined in green.",
    )
    parser.add_argument("page", metavar="PAGE", help="an HTML page or a text capture, or -")
    add_engine_options(parser)
    parser.add_argument("--html", metavar="OUT", help="write the annotated copy of the page here")
    parser.set_defaults(func=_command)
    return parser


def _command(args: argparse.Namespace) -> int:
    name = "stdin" if args.page == "-" else args.page
    try:
        data = read_page(args.page)
    except OSError as exc:
        print(f"cleanarticle: {name}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except CleanArticleError as exc:
        print(f"cleanarticle: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    try:
        expl = explain(data, url=args.url, input_format=args.input_format, rules=args.rules)
    except CleanArticleError as exc:
        print(f"cleanarticle: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(render_report(expl, name))
    if args.html:
        try:
            Path(args.html).write_text(render_html(expl, name), encoding="utf-8")
        except OSError as exc:
            print(
                f"cleanarticle: {args.html}: cannot write: {exc.strerror or exc}", file=sys.stderr
            )
            return 1
        print(f"annotated copy written to {args.html}")
    return 0

"""``cleanarticle explain PAGE``: what was removed from a page, by which rule, and where.

In the terminal it prints the profile recognised, the fields with the evidence for the
publisher, the flags, and every removal grouped by rule (kind, count, examples). With
``--html OUT`` it writes a copy of the page, scripts and event handlers removed, in which every
element a rule or an engine step removed is outlined in red and labelled with the rule's name,
and every block kept in the body is outlined in green: open it in a browser to see why a page
came out wrong. A text capture is shown line by line, each line labelled the same way. The
copy can run nothing and fetches nothing (:mod:`cleanarticle.explain_html`).

A page in which no body is found (:class:`NoContentError`) is explained too: the report says
what was removed, by which rule, and why nothing was left, and the copy shows it.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleanarticle.api import extract_draft
from cleanarticle.dom.nodes import number_elements
from cleanarticle.draft import Source
from cleanarticle.errors import CleanArticleError, NoContentError
from cleanarticle.explain_html import HEAD, check_copy, write_copy
from cleanarticle.html.route import parse_page
from cleanarticle.input.decode import decode
from cleanarticle.input.read import read_page
from cleanarticle.options import DEFAULTS, Options, add_engine_options
from cleanarticle.rules import RuleSet, load_rules
from cleanarticle.text.capture import looks_like_html
from cleanarticle.textutil import collapse

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.draft import Draft
    from cleanarticle.model import Article, Removed

__all__ = ["Explanation", "add_parser", "explain", "render_html", "render_report"]

#: The mark of a block kept in the body.
KEPT = "kept"
_EXAMPLES = 3


@dataclass
class Explanation:
    """The article (None when no body was found: then ``error`` says why), the draft it was
    built from, and where each piece of the page went."""

    article: Article | None
    draft: Draft
    source_format: str
    encoding: str | None = None  # the codec the page's bytes were decoded with
    # HTML: the page parsed once, its elements numbered, and element number -> label.
    tree: LexborHTMLParser | None = None
    marks: dict[str, str] = field(default_factory=dict)
    # Text captures: each line and its label.
    lines: list[tuple[str, str]] = field(default_factory=list)
    error: NoContentError | None = None
    flags: list[str] = field(default_factory=list)


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

    Every page ``extract`` takes is explained, one with no body too (``article`` is then
    None and ``error`` the :class:`NoContentError`).

    Raises:
        CleanArticleError: as :func:`cleanarticle.extract`, but for :class:`NoContentError`.
    """
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    text, codec = decode(data, encoding=encoding, max_bytes=options.max_input_bytes)
    is_html = looks_like_html(text) if input_format == "auto" else input_format == "html"
    marks: dict[str, str] = {}
    kept: list[Draft] = []
    error: NoContentError | None = None
    article: Article | None = None
    try:
        article, draft = extract_draft(
            data,
            url=url,
            encoding=encoding,
            input_format="html" if is_html else "text",
            rules=ruleset,
            options=options,
            marks=marks if is_html else None,
            keep=kept,
        )
    except NoContentError as exc:
        if not kept:
            raise
        draft, error = kept[0], exc
    flags = article.flags if article is not None else list(draft.flags)
    if not is_html:
        lines = _label_lines(text, article, draft)
        return Explanation(article, draft, "text", codec, lines=lines, error=error, flags=flags)
    # The copy's own parse: the engine parsed the same text into the same tree (and numbered
    # its elements alike), then cut it up; this one is written as it is.
    tree, _text, _swallowed = parse_page(text)
    number_elements(tree.root)
    return Explanation(
        article, draft, "html", codec, tree=tree, marks=marks, error=error, flags=flags
    )


def _label_lines(text: str, article: Article | None, draft: Draft) -> list[tuple[str, str]]:
    """Each non-blank line of a text capture with the rule that removed it, ``kept``, or
    ``field`` (a line read into a field: the headline)."""
    removed: dict[str, list[str]] = {}
    for record in article.removed if article is not None else draft.removed:
        removed.setdefault(record.text, []).append(record.rule)
    body = {collapse(line) for line in article.text.splitlines()} if article else set()
    headline = article.headline if article is not None else draft.headline
    out: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = collapse(raw)
        if not line:
            continue
        rules = removed.get(line)
        if rules:
            out.append((line, rules.pop(0)))
        elif line == headline:
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
    """The terminal report: profile, fields and their evidence, flags, removals by rule; for
    a page without a body, why nothing was left."""
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
    if expl.flags:
        lines.append(f"flags       {', '.join(expl.flags)}")
    removed = art.removed if art is not None else draft.removed
    if art is None:
        lines += [
            f"headline    {draft.headline!r}",
            f"body        none: {type(expl.error).__name__}: {expl.error}",
            f"why         {_why_empty(expl.error, removed)}",
        ]
    else:
        lines += [
            f"headline    {art.headline!r}",
            f"publisher   {art.publisher!r}",
            f"aggregator  {art.aggregator!r}",
            f"byline      {art.byline!r}   authors {art.authors}",
            f"dateline    {art.dateline!r}",
            f"partial     {art.is_partial}   free to read: {_free(art.is_accessible_for_free)}",
            f"body        {len(art.sections)} sections, {art.word_count} words, "
            f"{len(art.bullets)} list items",
        ]
    lines += ["", "publisher evidence (strongest first):"]
    credits = sorted(draft.credits, key=lambda c: c.source)
    if not credits:
        lines.append("  (none)")
    publisher = art.publisher if art is not None else None
    for credit in credits:
        mark = "*" if publisher and credit.name.strip() == publisher else " "
        lines.append(
            f" {mark}{Source(credit.source).name.lower():10} {credit.name!r:40} {credit.origin}"
        )
    lines += ["", f"removed: {len(removed)} pieces, by rule (first seen first):"]
    counts = Counter(r.rule for r in removed)
    examples: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for record in removed:
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


def _why_empty(error: NoContentError | None, removed: list[Removed]) -> str:
    """Why no body was left, in a line: what the engine found, and what the rules took."""
    if not removed:
        return f"{error}; no rule removed anything: the page holds no block of text to keep"
    counts = Counter(r.rule for r in removed).most_common(3)
    top = ", ".join(f"{rule} x{count}" for rule, count in counts)
    return (
        f"every block of text was removed or set aside: {len(removed)} pieces "
        f"(most by {top}); see below"
    )


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
    """The annotated copy of the page (or of the text capture's lines), as HTML that can run
    nothing and fetches nothing (:mod:`cleanarticle.explain_html`).

    Raises:
        InternalError: the copy failed its final safety check (a bug; nothing is returned).
    """
    legend = _legend(expl, name)
    if expl.source_format == "text" or expl.tree is None:
        rows = []
        for text, label in expl.lines:
            kind = (
                "kept" if label == KEPT else ("field" if label.startswith("field") else "removed")
            )
            extra = f' data-ca="{kind}"' + (
                f' data-ca-rule="{html.escape(label)}"' if kind != "kept" else ""
            )
            rows.append(f'<p class="ca-line"{extra}>{html.escape(text)}</p>')
        copy = (
            f"<!DOCTYPE html><html><head>{HEAD}<title>{html.escape(name)}</title>"
            f"<style>{_STYLE}</style></head><body>{legend}{''.join(rows)}</body></html>\n"
        )
    else:
        copy = write_copy(expl.tree, expl.marks, KEPT, style=_STYLE, legend=legend)
    check_copy(copy)
    return copy


def _legend(expl: Explanation, name: str) -> str:
    art = expl.article
    profile = expl.draft.profile.name if expl.draft.profile else "generic only"
    removed = art.removed if art is not None else expl.draft.removed
    body = (
        f"no body ({html.escape(str(expl.error))}) · "
        if art is None
        else f"publisher <b>{html.escape(art.publisher or '-')}</b> · "
        f"aggregator <b>{html.escape(art.aggregator or '-')}</b> · "
    )
    return (
        '<div id="ca-legend">cleanarticle explain: '
        f"<b>{html.escape(name)}</b> · profile <b>{html.escape(profile)}</b> · {body}"
        f'{len(removed)} removals. <b class="k">Green</b>: kept in the body. '
        '<b class="r">Red</b>: removed, labelled with the rule (hover for it).</div>'
    )


# -- the command -----------------------------------------------------------------------------


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``explain`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "explain",
        help="show what was removed from a page and why",
        description="Clean one page and show, rule by rule, what was removed and why, and "
        "where the publisher came from (for a page with no body, why nothing was left). With "
        "--html OUT, also write a copy of the page (nothing in it runs or loads) in which "
        "every removed block is outlined in red and labelled with its rule, and every kept "
        "block is outlined in green.",
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
        except CleanArticleError as exc:
            print(f"cleanarticle: {args.html}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        print(f"annotated copy written to {args.html}")
    if expl.error is not None:  # explained, but the page still has no body: as for extract
        print(f"cleanarticle: {name}: {type(expl.error).__name__}: {expl.error}", file=sys.stderr)
        return 1
    return 0

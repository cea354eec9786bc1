"""The HTML route: parse, read the fields, strip chrome, choose the body, build its units.

:func:`extract_html` runs the stages in order on one page and fills the draft; the rails
around the body are in :mod:`cleanarticle.html.rails`, the units and images in
:mod:`cleanarticle.html.units`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cleanarticle.body.choose import choose_content, value_of
from cleanarticle.dom.nodes import number_elements
from cleanarticle.dom.parse import close_swallowing, parse_html, swallowing_element
from cleanarticle.dom.scan import scan_page
from cleanarticle.dom.strip import strip_chrome, strip_layout, strip_non_content
from cleanarticle.dom.walk import walk
from cleanarticle.draft import Source
from cleanarticle.errors import NoContentError
from cleanarticle.fields.head import apply_head, authors_from_byline, day_first, read_head
from cleanarticle.fields.printed import date_in_lines
from cleanarticle.fields.profile import detect_html_profile, wire_from_dateline
from cleanarticle.fields.publisher import credit_from_head
from cleanarticle.html.pagetype import page_type_of
from cleanarticle.html.rails import drop_labelled_rails, record_dropped
from cleanarticle.html.units import body_images, body_units, find_images
from cleanarticle.model import RemovalKind
from cleanarticle.rules.phrases import BYLINE_START
from cleanarticle.textutil import normalize_phrase

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.dom.blocks import TextBlock
    from cleanarticle.draft import Draft
    from cleanarticle.options import Options
    from cleanarticle.rules import RuleSet

__all__ = ["extract_html", "parse_page"]


def parse_page(
    text: str, *, utf8: bytes | None = None, tags: int | None = None
) -> tuple[LexborHTMLParser, str, str | None]:
    """The page's tree, the text it was parsed from, and the tag of a raw-text element left
    open that swallowed the rest of the page (None): such a page is closed where the
    element's own text ends and parsed again. ``cleanarticle explain`` parses its copy with
    this too, so that its tree is the engine's."""
    tree = parse_html(text, utf8=utf8, tags=tags)
    swallowed = swallowing_element(tree)
    if swallowed is not None:  # a damaged page: read what follows the open element as HTML
        repaired = close_swallowing(text, swallowed)
        if repaired is not None:
            return parse_html(repaired), repaired, swallowed
    return tree, text, None


def extract_html(
    text: str,
    draft: Draft,
    rules: RuleSet,
    options: Options,
    *,
    utf8: bytes | None = None,
    tags: int | None = None,
) -> None:
    """Fill ``draft`` from an HTML page (``utf8``: its UTF-8 encoding, ``tags``: its count of
    ``<``, when the caller has them)."""
    tree, text, swallowed = parse_page(text, utf8=utf8, tags=tags)
    if swallowed is not None:
        draft.remove(
            RemovalKind.OTHER,
            f"engine.unclosed-{swallowed}",
            f"<{swallowed}> never closed: closed where its text ends, the page after it "
            "read as HTML",
        )
    if draft.marks is not None:  # cleanarticle explain: its copy numbers its parse alike
        number_elements(tree.root)
    draft.check("parse")
    found = scan_page(tree)
    head = read_head(tree, draft.url, found)
    apply_head(head, draft)
    credit_from_head(head, draft)
    profile, layers = detect_html_profile(tree, head, draft.url, rules, text)
    draft.profile, draft.layers = profile, layers
    if profile is not None and profile.fields:
        _profile_fields(tree, profile.fields, draft)
    strip_non_content(tree, found.non_content)
    # The page's type, before any cleaning: later stages read draft.page_type.
    draft.set_page_type(page_type_of(options, draft.url, head, found, tree))
    draft.check("page type")
    strip_chrome(tree, rules.rules_for(profile, layers), draft)
    strip_layout(tree, draft, found)
    root = tree.body or tree.root
    if root is None:
        raise NoContentError("the page has no body")
    draft.check("clean")
    marks = options.links or options.formatting
    blocks, els, images, hidden = walk(root, max_depth=options.max_depth, marks=marks)
    draft.check("walk")
    for text_hidden in hidden:
        draft.remove(RemovalKind.HIDDEN, "engine.hidden", text_hidden)
    if not blocks:
        raise NoContentError("the page has no text")
    choice = choose_content(blocks, els)
    draft.check("content")
    dropped = sorted(choice.dropped, key=lambda d: d[0].index)  # in page order
    _head_before_body(choice.outside, dropped, choice.kept, draft)
    _syndication(choice.kept, draft, rules)
    matcher = rules.matcher(draft.profile, draft.layers)  # (it remembers its answers)
    closers: set[int] = set()  # "Read more" labels that closed a teaser card
    kept = drop_labelled_rails(
        _from_headline(choice.kept, draft),
        [b for b, _ in dropped],
        els,
        draft,
        matcher,
        closers,
    )
    kept = _trim_tail(kept, draft)
    last = kept[-1].index if kept else -1
    first = choice.kept[0].index if choice.kept else 0
    window = (first - _OUTSIDE_WINDOW, last + _OUTSIDE_WINDOW)
    record_dropped(choice.outside, dropped, els, draft, matcher, last, closers, window)
    pictures = find_images(images, choice.kept, els, choice.container)
    draft.units = body_units(kept, els, draft, matcher, options, pictures)
    body_images(pictures, draft)
    if draft.headline is None:
        h1 = next((b.text for b in blocks if b.heading == 1), None)
        draft.headline = h1


def _profile_fields(
    tree: LexborHTMLParser, fields: dict[str, tuple[str, ...]], draft: Draft
) -> None:
    """Read the fields a profile says where its pages print them."""
    for name, selectors in fields.items():
        # The selectors in the profile's order (not the page's): the first that matches wins.
        node = next((n for sel in selectors if (n := tree.css_first(sel)) is not None), None)
        if node is None:
            continue
        value = " ".join(node.text(separator=" ", strip=True).split())
        if not value:
            continue
        if name == "publisher":
            draft.credit(Source.PROVIDER, value, "fields.publisher")
        elif name == "section":
            draft.section = value
        elif name == "byline":  # where the profile says the byline is: it names the authors
            draft.byline = value
            named = authors_from_byline(value)
            if named and {a.casefold() for a in named} != {a.casefold() for a in draft.authors}:
                draft.authors = named  # (the same names from the metadata keep their casing)
        elif name == "headline":
            draft.headline = value
        elif name == "date_published":
            draft.date_published = node.attributes.get("datetime") or value


def _head_before_body(
    outside: list[TextBlock],
    dropped: list[tuple[TextBlock, str]],
    kept: list[TextBlock],
    draft: Draft,
) -> None:
    """A printed byline or date just above the body ("By A and B", "Stand: 05.02.2020") that
    the metadata did not give, or at the start of the body's first lines: outside the body,
    or dropped from it by the engine."""
    if not kept:
        return
    # The first paragraph of the story (the headline may open the container, the byline under it)
    first = next((b.index for b in kept[:20] if value_of(b) > 0), kept[0].index)
    lo = first - 12
    before = [b for b in outside if lo <= b.index < first]
    near = [b for b, _ in dropped if lo <= b.index < first]
    if near:
        before = sorted(before + near, key=lambda b: b.index)
    if draft.date_published is None:
        lines = [b.text for b in before] + [b.text for b in kept[:3]]
        draft.date_published = date_in_lines(lines, day_first=day_first(draft.language))
    if draft.byline:
        return
    for block in reversed(before):
        if len(block.text) < 120 and BYLINE_START.match(block.text):
            draft.byline = block.text
            return


def _syndication(kept: list[TextBlock], draft: Draft, rules: RuleSet) -> None:
    """Wire copy republished elsewhere ("PARIS (AFP) -" opening the body) brings the wire's
    chrome along: its profile applies, as the page's profile or as a layer of it."""
    # A dateline is "(Agency)" within the first words of one of the first paragraphs.
    opening = [b for b in kept[:8] if "(" in b.text[:80] and value_of(b) > 0][:3]
    wire = next((w for b in opening if (w := wire_from_dateline(b.text, rules)) is not None), None)
    if wire is None or wire is draft.profile or wire in draft.layers:
        return
    draft.syndicated = True
    if draft.profile is None:
        draft.profile = wire
    else:
        draft.layers = (*draft.layers, wire)


#: Blocks above the headline are dropped when none is longer than this (no paragraph).
_ABOVE_HEADLINE_CHARS: Final = 80


def _from_headline(kept: list[TextBlock], draft: Draft) -> list[TextBlock]:
    """A container chosen wide enough to hold the page's header starts at the headline: the
    pitches, kickers and labels above the ``h1`` that prints the headline are not body (when
    they are all short: a paragraph above it means the page is laid out otherwise)."""
    if not draft.headline:
        return kept
    key = normalize_phrase(draft.headline)
    first = next(
        (i for i, b in enumerate(kept[:40]) if b.heading == 1 and normalize_phrase(b.text) == key),
        -1,
    )
    if first <= 0:
        return kept
    above = kept[:first]
    if any(len(b.text) > _ABOVE_HEADLINE_CHARS for b in above):
        return kept
    for block in above:
        draft.remove(RemovalKind.BOILERPLATE, "engine.above-headline", block.text)
    return kept[first:]


#: Blocks outside the body are matched against the rules this many blocks around it.
_OUTSIDE_WINDOW: Final = 12


def _trim_tail(kept: list[TextBlock], draft: Draft) -> list[TextBlock]:
    """Short non-prose blocks left at the end once rails are gone (counts, labels) go too,
    as the engine trims the body's edges (and, as it does, not on a page without prose)."""
    if not any(value_of(b) > 0 for b in kept):
        return kept
    end = len(kept)
    while end > 1:
        b = kept[end - 1]
        if b.heading or b.caption >= 0 or b.list_level >= 0 or value_of(b) > 0:
            break
        if len(b.text) > 60 or (b.bold_chars and ":" in b.text):
            break
        end -= 1
    for block in kept[end:]:
        draft.remove(RemovalKind.BOILERPLATE, "engine.edge", block.text)
    return kept[:end]

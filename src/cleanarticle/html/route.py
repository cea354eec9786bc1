"""The HTML path: parse, read metadata, strip chrome, choose the body, build units."""

from __future__ import annotations

import re
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Final

from cleanarticle.body.choose import choose_content, value_of
from cleanarticle.body.sections import Unit, UnitKind, split_credit
from cleanarticle.dom.parse import close_swallowing, parse_html, swallowing_element
from cleanarticle.dom.scan import scan_page
from cleanarticle.dom.strip import strip_chrome, strip_layout, strip_non_content
from cleanarticle.dom.walk import Elements, ImageRef, TextBlock, walk
from cleanarticle.errors import NoContentError
from cleanarticle.fields.head import apply_head, authors_from_byline, day_first, read_head
from cleanarticle.fields.printed import date_in_lines
from cleanarticle.fields.profile import detect_html_profile, wire_from_dateline
from cleanarticle.fields.publisher import Source, credit_from_head
from cleanarticle.model import Image, RemovalKind
from cleanarticle.textutil import normalize_phrase

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.draft import Draft
    from cleanarticle.options import Options
    from cleanarticle.rules import Rule, RuleSet, TextMatcher

__all__ = ["extract_html"]

_INDEX = attrgetter("index")
_FIRST = itemgetter(0)

#: The removal kind of the engine's own rules (others are boilerplate).
ENGINE_KINDS: dict[str, RemovalKind] = {
    "engine.teaser-list": RemovalKind.RELATED,
    "engine.caption": RemovalKind.MEDIA,
    "engine.navigation": RemovalKind.NAVIGATION,
}
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+\S", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|foto|bild|crédit|credit|illustration)s?\b|©|\(c\)|getty|"
    r"ap photo|reuters/|afp)",
    re.IGNORECASE,
)


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
    tree = parse_html(text, utf8=utf8, tags=tags)
    swallowed = swallowing_element(tree)
    if swallowed is not None:  # a damaged page: read what follows the open element as HTML
        repaired = close_swallowing(text, swallowed)
        if repaired is not None:
            text = repaired
            tree = parse_html(text)
            draft.remove(
                RemovalKind.OTHER,
                f"engine.unclosed-{swallowed}",
                f"<{swallowed}> never closed: closed where its text ends, the page after it "
                "read as HTML",
            )
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
    strip_chrome(tree, rules.rules_for(profile, layers), draft)
    strip_layout(tree, draft, found)
    root = tree.body or tree.root
    if root is None:
        raise NoContentError("the page has no body")
    draft.check("clean")
    blocks, els, images, hidden = walk(root, max_depth=options.max_depth)
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
    kept = _drop_labelled_rails(
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
    _record_dropped(choice.outside, dropped, els, draft, matcher, last, closers, window)
    draft.units = _units(kept, els, draft, matcher, options)
    _images(images, choice.kept, els, choice.container, draft)
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
        if len(block.text) < 120 and _BYLINE.match(block.text):
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


#: Kinds of rule whose short label heads a block of chrome ("More stories", "Newsletter").
_RAIL_KINDS = frozenset(
    {RemovalKind.RELATED, RemovalKind.AD, RemovalKind.NEWSLETTER, RemovalKind.COMMENTS}
)
#: Kinds of rule whose short label closes a teaser card ("Read more", "Read full article").
_CARD_END_KINDS = frozenset({RemovalKind.RELATED, RemovalKind.NAVIGATION})
#: A labelled block holding more than this share of the body's text is not a rail.
_RAIL_SHARE: Final = 0.35


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


def _drop_labelled_rails(
    kept: list[TextBlock],
    dropped: list[TextBlock],
    els: Elements,
    draft: Draft,
    matcher: TextMatcher,
    closers: set[int],
) -> list[TextBlock]:
    """The HTML counterpart of ``ends_body``: a rail label ("More stories", "Related") that
    opens the element holding it heads that element, and a "Read more" that closes it ends a
    teaser card, so every block of the element goes with the label, unless the element holds
    much of the body (an inline "Read also:" line inside the story).

    The blocks of an element are contiguous in reading order, so each label only looks at its
    neighbours, and an element is walked only while it stays within the rail budget: linear
    in the page, whatever its labels.
    """
    marking = draft.marks is not None  # cleanarticle explain
    total = sum(len(b.text) for b in kept) or 1
    budget = _RAIL_SHARE * total
    kept_ids = {id(b) for b in kept}
    # Labels are looked for among the blocks the engine dropped too (a "Read more" link).
    seen = sorted(kept + dropped, key=_INDEX) if dropped else kept  # two runs: linear
    gone: dict[int, Rule] = {}  # block index -> the rule of the label it went with
    labels = 0
    for pos, block in enumerate(seen):
        if block.index in gone or len(block.text) > 60 or block.list_level >= 0:
            continue
        rule = matcher.match(block.text)
        if rule is None:
            continue
        opens_kind, closes_kind = rule.kind in _RAIL_KINDS, rule.kind in _CARD_END_KINDS
        if not (opens_kind or closes_kind):
            continue
        labels += 1
        if labels > _MAX_RAIL_LABELS:
            break
        rail = _label_element(seen, pos, els)
        if rail < 0:
            continue
        before = pos > 0 and els.within(seen[pos - 1].owner, rail)
        after = pos + 1 < len(seen) and els.within(seen[pos + 1].owner, rail)
        # The label opens the element (a heading over its cards, not a line amid the story),
        # or closes it (a teaser card's "Read more").
        opens = opens_kind and not before and after
        closes = closes_kind and before and not after
        if not (opens or closes):
            continue
        span = _span(seen, pos, rail, els, kept_ids, budget)
        if span is None:
            continue
        # A teaser card closed by its "Read more" holds a title and a summary or two: a
        # section closed by "More: the full review" holds the story's own paragraphs.
        if closes and _paragraphs(seen, (span[0], pos - 1), kept_ids) > _CARD_MAX_PARAGRAPHS:
            continue
        for b in seen[span[0] : span[1] + 1]:
            gone[b.index] = rule
        if closes:
            closers.add(block.index)
    if not gone:
        return kept
    out: list[TextBlock] = []
    for block in kept:
        rule = gone.get(block.index)
        if rule is None or matcher.match(block.text) is rule:
            out.append(block)  # kept, or a label: recorded under its own rule by _units
        else:
            draft.remove(rule.kind, rule.name, block.text)
            if marking:
                _mark(draft, els, block, rule.name)
    return out


#: A teaser card closed by a "Read more" label holds at most this many prose paragraphs.
_CARD_MAX_PARAGRAPHS: Final = 2
#: At most this many rail labels are considered on one page (real pages have a handful).
_MAX_RAIL_LABELS: Final = 200


def _paragraphs(seen: list[TextBlock], span: tuple[int, int], kept_ids: set[int]) -> int:
    """How many of the body's prose paragraphs ``seen[span]`` holds."""
    return sum(1 for b in seen[span[0] : span[1] + 1] if id(b) in kept_ids and value_of(b) > 0)


def _label_element(seen: list[TextBlock], pos: int, els: Elements) -> int:
    """The element a label belongs to: its own block element when that holds a neighbouring
    block too (a card whose text runs straight into its "Read more"), else the parent."""
    owner = seen[pos].owner
    for j in (pos - 1, pos + 1):
        if 0 <= j < len(seen) and els.within(seen[j].owner, owner):
            return owner
    return els.parents[owner]


def _span(
    seen: list[TextBlock],
    pos: int,
    rail: int,
    els: Elements,
    kept_ids: set[int],
    budget: float,
) -> tuple[int, int] | None:
    """The first and last position in ``seen`` of the blocks inside ``rail`` around ``pos``,
    or None when they hold more of the body's text than ``budget``."""
    chars = len(seen[pos].text) if id(seen[pos]) in kept_ids else 0
    lo = hi = pos
    while lo > 0 and els.within(seen[lo - 1].owner, rail):
        lo -= 1
        chars += len(seen[lo].text) if id(seen[lo]) in kept_ids else 0
        if chars > budget:
            return None
    while hi + 1 < len(seen) and els.within(seen[hi + 1].owner, rail):
        hi += 1
        chars += len(seen[hi].text) if id(seen[hi]) in kept_ids else 0
        if chars > budget:
            return None
    return lo, hi


#: Blocks outside the body are matched against the rules this many blocks around it.
_OUTSIDE_WINDOW: Final = 12
#: A rule match at most this many blocks after the body's last block is "at the end" of it.
_END_WINDOW: Final = 8


def _mark(draft: Draft, els: Elements, block: TextBlock, label: str) -> None:
    """Explain mode: label the element that owns the block."""
    if draft.marks is not None:
        draft.mark(els.nodes[block.owner].attributes.get("data-ca-id"), label)


def _record_dropped(
    outside: list[TextBlock],
    dropped: list[tuple[TextBlock, str]],
    els: Elements,
    draft: Draft,
    matcher: TextMatcher,
    last: int,
    closers: set[int],
    window: tuple[int, int],
) -> None:
    """Record what the engine left out, in page order: a block a chrome rule matches under the
    rule's name (credits and teaser links outside the body are read so, within ``window`` of
    block indices around the body: far-off menus are not worth matching), the rest one record
    per run of blocks that one engine rule removed."""
    marking = draft.marks is not None  # cleanarticle explain
    lo, hi = window
    items = [(b.index, b, _outside_rule(b), lo <= b.index <= hi) for b in outside]
    items += [(b.index, b, name, True) for b, name in dropped]
    items.sort(key=_FIRST)  # two sorted runs: linear
    run: list[str] = []
    run_rule = ""
    prev = -2
    for index, block, name, near in items:
        rule = matcher.match(block.text) if near else None
        if run and (rule is not None or name != run_rule or index != prev + 1):
            kind = ENGINE_KINDS.get(run_rule, RemovalKind.BOILERPLATE)
            draft.remove(kind, run_rule, " ".join(run))
            run = []
        prev = index
        if rule is not None:
            at_end = index not in closers and last < index <= last + _END_WINDOW
            draft.fire(rule, block.text, at_end=at_end)
            if marking:
                _mark(draft, els, block, rule.name)
            continue
        run.append(block.text)
        run_rule = name
        if marking:
            _mark(draft, els, block, name)
    if run:
        draft.remove(ENGINE_KINDS.get(run_rule, RemovalKind.BOILERPLATE), run_rule, " ".join(run))


#: A block outside the body whose text is mostly links, each this short: a menu's entry.
_MENU_ENTRY_CHARS: Final = 80


def _outside_rule(block: TextBlock) -> str:
    """The engine rule that left a block outside the body: a menu's links are navigation,
    the rest is the page's other content."""
    n = len(block.text)
    if n <= _MENU_ENTRY_CHARS and block.link_chars * 2 > n and not block.heading:
        return "engine.navigation"
    return "engine.outside-content"


def _table_of(els: Elements, idx: int) -> int:
    parents = els.parents
    while idx >= 0:
        if els.tags[idx] == "table":
            return idx
        idx = parents[idx]
    return -1


def _table_rows(els: Elements, table: int) -> list[list[str]] | None:
    """The rows of a data table, or None for a layout table (which is read as paragraphs)."""
    node = els.nodes[table]
    if len(node.css("table")) > 1:  # css() matches the node itself too
        return None  # a layout table holding tables (checked first: css() below is deep)
    rows: list[list[str]] = []
    has_th = node.css_first("th") is not None
    for tr in node.css("tr"):
        cells = [c.text(separator=" ", strip=True) for c in tr.css("td, th")]
        if cells:
            rows.append([" ".join(c.split()) for c in cells])
    if not rows:
        return None
    widths = {len(r) for r in rows}
    long_cells = sum(1 for r in rows for c in r if len(c) > 300)
    if long_cells or max(widths) < 2 or (len(rows) < 2 and not has_th):
        return None
    return rows


def _units(
    blocks: list[TextBlock], els: Elements, draft: Draft, matcher: TextMatcher, options: Options
) -> list[Unit]:
    marking = draft.marks is not None  # cleanarticle explain
    last_prose = next((b.index for b in reversed(blocks) if value_of(b) > 0), -1)
    headline_key = normalize_phrase(draft.headline) if draft.headline else None
    # A byline the page's profile or metadata gave, printed again above the body.
    byline_key = normalize_phrase(draft.byline) if draft.byline and len(draft.byline) > 5 else None
    units: list[Unit] = []
    tables: dict[int, list[list[str]] | None] = {}
    seen_prose = False
    for block in blocks:
        text = block.text
        # A step of a numbered list ("1. Download the app.") is the story's, not a prompt.
        rule = None if block.ordered and block.list_level >= 0 else matcher.match(block.text)
        if rule is not None:
            draft.fire(rule, text, at_end=block.index > last_prose)
            if marking:
                _mark(draft, els, block, rule.name)
            continue
        if marking:
            _mark(draft, els, block, "kept")
        if block.caption >= 0:
            continue  # captions go to images (see _images)
        if block.heading:
            key = normalize_phrase(text)
            if block.heading == 1 or key == headline_key:
                if draft.headline is None:
                    draft.headline = text
                draft.remove(RemovalKind.METADATA, "engine.headline", text)
                continue
            units.append(Unit(UnitKind.HEADING, text, level=block.heading))
            continue
        if not seen_prose and (
            (len(text) < 120 and _BYLINE.match(text))
            or (byline_key and len(text) < 200 and byline_key in normalize_phrase(text))
        ):
            draft.byline = draft.byline or text
            draft.remove(RemovalKind.METADATA, "engine.byline", text)
            continue
        if block.cell and options.include_tables:
            table = _table_of(els, block.owner)
            if table >= 0:
                if table not in tables:
                    tables[table] = _table_rows(els, table)
                    rows = tables[table]
                    if rows is not None:
                        units.append(Unit(UnitKind.TABLE, "", rows=rows))
                        seen_prose = True
                        continue
                elif tables[table] is not None:
                    continue
        if block.pre:
            units.append(Unit(UnitKind.CODE, text))
        elif block.list_level >= 0 and block.tag in ("li", "dd", "dt"):
            units.append(
                Unit(
                    UnitKind.ITEM,
                    text,
                    level=block.list_level,
                    ordered=block.ordered,
                    group=block.list_group,
                )
            )
        elif block.quote:
            units.append(Unit(UnitKind.QUOTE, text))
        else:
            bold = block.bold_chars
            label = bold > 1 and ":" in text[: bold + 2]
            units.append(Unit(UnitKind.PARAGRAPH, text, label=label))
        seen_prose = True
    return units


def _images(
    images: list[ImageRef], kept: list[TextBlock], els: Elements, container: int, draft: Draft
) -> None:
    """Images inside the body, with the caption and credit of their figure."""
    captions: dict[int, list[str]] = {}
    for block in kept:
        if block.caption >= 0:
            fig = block.caption
            # a figcaption inside a figure belongs to the figure
            parent = els.parents[fig]
            while parent >= 0 and els.tags[parent] != "figure":
                parent = els.parents[parent]
            key = parent if parent >= 0 else fig
            captions.setdefault(key, []).append(block.text)
            draft.remove(RemovalKind.MEDIA, "engine.caption", block.text)
    used: set[int] = set()
    for ref in images:
        if not els.within(ref.owner, container) or not ref.src or ref.src.startswith("data:"):
            continue
        texts = captions.get(ref.figure, []) if ref.figure >= 0 and ref.figure not in used else []
        if ref.figure >= 0:
            used.add(ref.figure)
        caption, credit = _split_credit(texts)
        draft.images.append(Image(url=ref.src, caption=caption, credit=credit, alt=ref.alt or None))


def _split_credit(texts: list[str]) -> tuple[str | None, str | None]:
    caption: list[str] = []
    credit: str | None = None
    for text in texts:
        if _CREDIT.match(text) and credit is None:
            credit = text
            continue
        rest, inner = split_credit(text)  # "... in January. Photo: Anna Price"
        if inner is not None and credit is None:
            credit = inner
        if rest:
            caption.append(rest)
    return (" ".join(caption) or None), credit

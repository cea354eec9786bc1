"""The HTML path: parse, read metadata, strip chrome, choose the body, build units."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cleanarticle.content import choose_content
from cleanarticle.detect import detect_html_profile
from cleanarticle.errors import NoContentError
from cleanarticle.metadata import apply_head, day_first, read_head
from cleanarticle.model import Image, RemovalKind
from cleanarticle.parse import parse_html
from cleanarticle.printed import date_in_lines
from cleanarticle.strip import strip_chrome, strip_layout, strip_non_content
from cleanarticle.structure import Unit, UnitKind, split_credit
from cleanarticle.textutil import normalize_phrase
from cleanarticle.walk import Elements, ImageRef, TextBlock, walk

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.draft import Draft
    from cleanarticle.options import Options
    from cleanarticle.rules import RuleSet
    from cleanarticle.rules import _TextMatcher as TextMatcher

__all__ = ["extract_html"]

#: The removal kind of the engine's own rules (others are boilerplate).
ENGINE_KINDS: dict[str, RemovalKind] = {
    "engine.teaser-list": RemovalKind.RELATED,
    "engine.caption": RemovalKind.MEDIA,
}
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+\S", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|foto|bild|crédit|credit|illustration)s?\b|©|\(c\)|getty|"
    r"ap photo|reuters/|afp)",
    re.IGNORECASE,
)


def extract_html(text: str, draft: Draft, rules: RuleSet, options: Options) -> None:
    """Fill ``draft`` from an HTML page."""
    tree = parse_html(text)
    draft.check("parse")
    head = read_head(tree, draft.url)
    apply_head(head, draft)
    profile = detect_html_profile(tree, head, draft.url, rules)
    draft.profile = profile
    if profile is not None and profile.fields:
        _profile_fields(tree, profile.fields, draft)
    strip_non_content(tree)
    strip_chrome(tree, rules.rules_for(profile), draft)
    strip_layout(tree, draft)
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
    _head_before_body(choice.outside, choice.kept, draft)
    _record_dropped(choice.outside, choice.dropped, rules.matcher(profile), draft)
    draft.units = _units(choice.kept, els, draft, rules, options)
    _images(images, choice.kept, els, choice.container, draft)
    if draft.headline is None:
        h1 = next((b.text for b in blocks if b.heading == 1), None)
        draft.headline = h1


def _profile_fields(
    tree: LexborHTMLParser, fields: dict[str, tuple[str, ...]], draft: Draft
) -> None:
    """Read the fields a profile says where its pages print them."""
    for name, selectors in fields.items():
        node = tree.css_first(", ".join(selectors))
        if node is None:
            continue
        value = " ".join(node.text(separator=" ", strip=True).split())
        if not value:
            continue
        if name == "publisher":
            draft.publisher = value
        elif name == "section":
            draft.section = value
        elif name == "byline":
            draft.byline = value
        elif name == "headline":
            draft.headline = value
        elif name == "date_published":
            draft.date_published = node.attributes.get("datetime") or value


def _head_before_body(outside: list[TextBlock], kept: list[TextBlock], draft: Draft) -> None:
    """A printed byline or date just above the body ("By A and B", "Stand: 05.02.2020") that
    the metadata did not give, or at the start of the body's first lines."""
    if not kept:
        return
    first = kept[0].index
    before = [b for b in outside if first - 12 <= b.index < first]
    if draft.date_published is None:
        lines = [b.text for b in before] + [b.text for b in kept[:3]]
        draft.date_published = date_in_lines(lines, day_first=day_first(draft.language))
    if draft.byline:
        return
    for block in reversed(before):
        if len(block.text) < 120 and _BYLINE.match(block.text):
            draft.byline = block.text
            return


def _record_dropped(
    outside: list[TextBlock],
    dropped: list[tuple[TextBlock, str]],
    matcher: TextMatcher,
    draft: Draft,
) -> None:
    """Record what the engine left out, in page order, one record per run of blocks that one
    engine rule removed; a dropped block that a chrome rule matches is recorded under it."""
    items = sorted(
        [(b.index, b, "engine.outside-content", False) for b in outside]
        + [(b.index, b, name, True) for b, name in dropped]
    )
    run: list[str] = []
    run_rule = ""
    last = -2
    for index, block, name, match in items:
        rule = matcher.match(block.text) if match else None
        if run and (rule is not None or name != run_rule or index != last + 1):
            draft.remove(
                ENGINE_KINDS.get(run_rule, RemovalKind.BOILERPLATE), run_rule, " ".join(run)
            )
            run = []
        if rule is not None:
            draft.fire(rule, block.text)
            continue
        run.append(block.text)
        run_rule = name
        last = index
    if run:
        draft.remove(ENGINE_KINDS.get(run_rule, RemovalKind.BOILERPLATE), run_rule, " ".join(run))


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
    blocks: list[TextBlock], els: Elements, draft: Draft, rules: RuleSet, options: Options
) -> list[Unit]:
    matcher = rules.matcher(draft.profile)
    headline_key = normalize_phrase(draft.headline) if draft.headline else None
    units: list[Unit] = []
    tables: dict[int, list[list[str]] | None] = {}
    seen_prose = False
    for block in blocks:
        text = block.text
        rule = matcher.match(text)
        if rule is not None:
            draft.fire(rule, text)
            continue
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
        if not seen_prose and len(text) < 120 and _BYLINE.match(text):
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

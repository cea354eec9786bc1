"""The body's units in the HTML route: the kept blocks as paragraphs, headings, list items,
quotes, tables and code (with their links and formatting, Options.links / formatting), and
the body's images with their captions and credits, also placed among the units where the page
shows them (Options.images).

Blocks a chrome rule matches are recorded under the rule; the headline and a byline printed
above the body go to the fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleanarticle.body.choose import value_of
from cleanarticle.dom.blocks import ImageRef
from cleanarticle.dom.marks import resolve_marks
from cleanarticle.draft import Unit, UnitKind
from cleanarticle.html.rails import mark
from cleanarticle.model import Image, Mark, RemovalKind
from cleanarticle.rules.phrases import BYLINE_START, CREDIT_IN_CAPTION, CREDIT_LINE
from cleanarticle.textutil import normalize_phrase
from cleanarticle.urls import safe_url

if TYPE_CHECKING:
    from cleanarticle.dom.blocks import Elements, TextBlock
    from cleanarticle.draft import Draft
    from cleanarticle.options import Options
    from cleanarticle.rules import TextMatcher

__all__ = ["BodyImages", "body_images", "body_units", "find_images"]

#: The body's images (each with the walk's reference) and the captions read for them.
BodyImages = tuple[list[tuple[ImageRef, Image]], list[str]]


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


def body_units(
    blocks: list[TextBlock],
    els: Elements,
    draft: Draft,
    matcher: TextMatcher,
    options: Options,
    images: BodyImages = ([], []),
) -> list[Unit]:
    """The kept blocks as units, with their marks, and the body's ``images`` placed among
    them (see :func:`_with_images`)."""
    marking = draft.marks is not None  # cleanarticle explain
    base = draft.canonical_url or draft.url
    origins: list[int] = []  # the block each unit comes from
    previous = -1
    chrome: set[int] = set()  # blocks a rule removed
    last_prose = next((b.index for b in reversed(blocks) if value_of(b) > 0), -1)
    headline_key = normalize_phrase(draft.headline) if draft.headline else None
    # A byline the page's profile or metadata gave, printed again above the body.
    byline_key = normalize_phrase(draft.byline) if draft.byline and len(draft.byline) > 5 else None
    units: list[Unit] = []
    tables: dict[int, list[list[str]] | None] = {}
    seen_prose = False
    for block in blocks:
        origins.extend([previous] * (len(units) - len(origins)))  # (from the block before)
        previous = block.index
        text = block.text
        # A step of a numbered list ("1. Download the app.") is the story's, not a prompt.
        rule = None if block.ordered and block.list_level >= 0 else matcher.match(block.text)
        if rule is not None:
            chrome.add(block.index)
            draft.fire(rule, text, at_end=block.index > last_prose)
            if marking:
                mark(draft, els, block, rule.name)
            continue
        if marking:
            mark(draft, els, block, "kept")
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
            (len(text) < 120 and BYLINE_START.match(text))
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
                    marks=_marks_of(block, options, base),
                )
            )
        elif block.quote:
            units.append(Unit(UnitKind.QUOTE, text, marks=_marks_of(block, options, base)))
        else:
            bold = block.bold_chars
            label = bold > 1 and ":" in text[: bold + 2]
            marks = _marks_of(block, options, base)
            units.append(Unit(UnitKind.PARAGRAPH, text, label=label, marks=marks))
        seen_prose = True
    if options.images and images[0]:
        origins.extend([previous] * (len(units) - len(origins)))
        body = {b.index for b in blocks} - chrome
        return _with_images(units, origins, body, _placed_images(images, base))
    return units


def _marks_of(block: TextBlock, options: Options, base: str | None) -> list[Mark]:
    """The links and formatting of a kept block (none unless the walk noted some)."""
    if block.marks is None or block.raw is None:
        return []
    return resolve_marks(
        block.raw,
        block.text,
        block.marks,
        pre=block.pre,
        links=options.links,
        formatting=options.formatting,
        base=base,
    )


def _placed_images(images: BodyImages, base: str | None) -> list[tuple[ImageRef, Image]]:
    """The images to show in the body, in the order of the blocks they come before, their
    URLs made absolute (an image without a web URL is not shown)."""
    placed = []
    for ref, image in images[0]:
        url = safe_url(image.url, base)
        if url is not None:
            placed.append((ref, Image(url, image.caption, image.credit, image.alt)))
    placed.sort(key=lambda pair: pair[0].before)
    return placed


def _with_images(
    units: list[Unit], origins: list[int], body: set[int], images: list[tuple[ImageRef, Image]]
) -> list[Unit]:
    """The units with the body's images among them, each before the first unit from a block
    after it. Only an image the body goes on after is shown, or a figure the body comes
    before: an image that leads into a prompt or a rail is the page's, not the story's."""
    out: list[Unit] = []
    pending = [
        (ref.before, image)
        for ref, image in images
        if ref.before in body or (ref.figure >= 0 and ref.before - 1 in body)
    ]
    next_image = 0
    for unit, origin in zip(units, origins, strict=True):
        while next_image < len(pending) and pending[next_image][0] <= origin:
            out.append(Unit(UnitKind.IMAGE, "", image=pending[next_image][1]))
            next_image += 1
        out.append(unit)
    out.extend(Unit(UnitKind.IMAGE, "", image=image) for _, image in pending[next_image:])
    return out


def body_images(found: BodyImages, draft: Draft) -> None:
    """Record the body's images (:func:`find_images`) and take their captions out of the text."""
    images, captions = found
    for caption in captions:
        draft.remove(RemovalKind.MEDIA, "engine.caption", caption)
    draft.images.extend(image for _, image in images)


def find_images(
    images: list[ImageRef], kept: list[TextBlock], els: Elements, container: int
) -> BodyImages:
    """Images inside the body, with the caption and credit of their figure, and the captions."""
    captions: dict[int, list[str]] = {}
    caption_texts: list[str] = []
    for block in kept:
        if block.caption >= 0:
            fig = block.caption
            # a figcaption inside a figure belongs to the figure
            parent = els.parents[fig]
            while parent >= 0 and els.tags[parent] != "figure":
                parent = els.parents[parent]
            key = parent if parent >= 0 else fig
            captions.setdefault(key, []).append(block.text)
            caption_texts.append(block.text)
    used: set[int] = set()
    body: list[tuple[ImageRef, Image]] = []
    for ref in images:
        if not els.within(ref.owner, container) or not ref.src or ref.src.startswith("data:"):
            continue
        texts = captions.get(ref.figure, []) if ref.figure >= 0 and ref.figure not in used else []
        if ref.figure >= 0:
            used.add(ref.figure)
        caption, credit = _split_credit(texts)
        body.append((ref, Image(url=ref.src, caption=caption, credit=credit, alt=ref.alt or None)))
    return body, caption_texts


def _split_credit(texts: list[str]) -> tuple[str | None, str | None]:
    caption: list[str] = []
    credit: str | None = None
    for text in texts:
        if CREDIT_LINE.match(text) and credit is None:
            credit = text
            continue
        rest, inner = split_credit(text)  # "... in January. Photo: Anna Price"
        if inner is not None and credit is None:
            credit = inner
        if rest:
            caption.append(rest)
    return (" ".join(caption) or None), credit


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """Split an image credit off a caption: ``"Waves break over the wall. Photo: Anna Price"``
    -> ``("Waves break over the wall.", "Photo: Anna Price")``."""
    m = CREDIT_IN_CAPTION.search(caption)
    if m is None:
        return caption or None, None
    text = caption[: m.start()].strip()
    credit = caption[m.start() :].strip()
    if credit.startswith("(") and credit.endswith(")"):
        credit = credit[1:-1].strip()
    return text or None, credit or None

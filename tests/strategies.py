"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from cleanarticle import (
    Article,
    Block,
    BlockKind,
    Image,
    ListItem,
    Mark,
    MarkKind,
    RemovalKind,
    Removed,
    Section,
)

_text = st.text(max_size=40)
_opt = st.none() | _text

#: Link targets, hostile ones included: the renderers must keep only web URLs.
HREFS = (
    "https://news.example/a",
    "http://news.example/b?x=1&y=<2>",
    "https://news.example/c) [x](javascript:alert(1)",
    'https://news.example/" onmouseover="alert(1)',
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/relative",
    "",
)


@st.composite
def _mark(draw: st.DrawFn) -> Mark:
    kind = draw(st.sampled_from(list(MarkKind)))
    start = draw(st.integers(-2, 45))
    end = draw(st.integers(-2, 45))
    href = draw(st.sampled_from(HREFS)) if kind is MarkKind.LINK else None
    return Mark(kind, start, end, href)


_marks = st.lists(_mark(), max_size=4)
_image = st.builds(Image, st.none() | st.sampled_from(HREFS), _opt, _opt, _opt)

blocks = st.one_of(
    st.builds(Block, kind=st.just(BlockKind.PARAGRAPH), text=_text, marks=_marks),
    st.builds(Block, kind=st.just(BlockKind.QUOTE), text=_text, marks=_marks),
    st.builds(Block, kind=st.just(BlockKind.CODE), text=_text),
    st.builds(
        Block,
        kind=st.just(BlockKind.LIST),
        items=st.lists(st.builds(ListItem, _text, st.integers(0, 3), _marks), max_size=4),
        ordered=st.booleans(),
    ),
    st.builds(
        Block, kind=st.just(BlockKind.TABLE), rows=st.lists(st.lists(_text, max_size=3), max_size=3)
    ),
    st.builds(Block, kind=st.just(BlockKind.IMAGE), image=_image),
)
sections = st.builds(
    Section, heading=_opt, blocks=st.lists(blocks, max_size=4), level=st.integers(1, 6)
)
articles = st.builds(
    Article,
    headline=_opt,
    alternative_headline=_opt,
    authors=st.lists(_text, max_size=3),
    byline=_opt,
    publisher=_opt,
    aggregator=_opt,
    section=_opt,
    date_published=_opt,
    language=_opt,
    keywords=st.lists(_text, max_size=3),
    sections=st.lists(sections, max_size=4),
    images=st.lists(st.builds(Image, _opt, _opt, _opt, _opt), max_size=2),
    removed=st.lists(
        st.builds(Removed, st.sampled_from(list(RemovalKind)), _text, _text), max_size=3
    ),
    is_partial=st.booleans(),
    is_accessible_for_free=st.none() | st.booleans(),
)

# HTML-ish documents built from real tags, to reach the engine's paths quickly.
_tags = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "ul",
        "li",
        "h2",
        "table",
        "tr",
        "td",
        "blockquote",
        "strong",
        "article",
        "nav",
        "figure",
        "figcaption",
        "pre",
        "script",
        "br",
        "img",
        "section",
    ]
)
_attrs = st.sampled_from(
    [
        "",
        " class='content'",
        " class='related'",
        " hidden",
        " style='display:none'",
        " href='/x'",
        " id='article-body'",
    ]
)


@st.composite
def html_docs(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(f"<{draw(_tags)}{draw(_attrs)}>")
        elif kind == 1:
            parts.append(f"</{draw(_tags)}>")
        else:
            parts.append(draw(st.text(max_size=80)))
    return "<html><body>" + "".join(parts)


# Plausible articles: sentences of ordinary words, for properties of the rendered outputs.
_WORDS = st.sampled_from(
    [
        "the",
        "council",
        "harbour",
        "wall",
        "storm",
        "winter",
        "voted",
        "rebuild",
        "local",
        "firms",
        "mayor",
        "said",
        "work",
        "would",
        "begin",
        "spring",
        "cost",
        "million",
        "residents",
        "waited",
        "years",
        "plan",
        "approved",
        "engineers",
        "new",
        "old",
        "river",
        "bridge",
        "road",
        "school",
        "budget",
        "report",
        "found",
        "water",
        "city",
        "people",
    ]
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=6, max_size=18))
    return " ".join(words).capitalize() + "."


@st.composite
def prose_articles(draw: st.DrawFn) -> Article:
    pool = iter(draw(st.lists(sentences(), min_size=40, max_size=40, unique=True)))

    def para() -> Block:
        return Block(BlockKind.PARAGRAPH, text=" ".join(next(pool) for _ in range(3)))

    sections = [Section(None, [para()])]
    for n in range(draw(st.integers(0, 3))):
        blocks = [para()]
        if draw(st.booleans()):
            items = [ListItem(next(pool)) for _ in range(draw(st.integers(1, 3)))]
            blocks.append(Block(BlockKind.LIST, items=items))
        if draw(st.booleans()):
            blocks.append(para())
        heading = f"Part {n + 1} of the story"
        sections.append(Section(heading, blocks))
    return Article(headline="A headline about the harbour wall", sections=sections)

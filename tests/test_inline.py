"""Links, formatting and images kept as inline structure: the walk's marks resolved onto the
block text, the Options that switch them, their place in the body, and the three renderers
(Markdown, safe HTML, JSON)."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import cleanarticle
from cleanarticle import Article, Block, BlockKind, Image, Mark, MarkKind, Options, Section
from cleanarticle.dom.marks import resolve_marks, shift_marks
from cleanarticle.dom.parse import parse_html
from cleanarticle.dom.walk import walk

from . import cases
from .strategies import articles, html_docs

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OFF = Options(links=False, formatting=False, images=False)
URL = "https://courier.example/news/harbour"
LONG = (
    "which was damaged in the winter storms, and to open the work to local firms before the "
    "spring tides arrive."
)


def page(body: str) -> str:
    return cases.page(f"<article><h1>Harbour wall</h1>{body}</article>")


def marks_of(block: Block) -> list[tuple[str, str, str | None]]:
    return [(m.kind.value, block.text[m.start : m.end], m.href) for m in block.marks]


# -- resolving the walk's marks onto the text --------------------------------------------------

_SPACES = st.sampled_from([" ", "  ", "\n", "\t ", "\xa0", " \u200b", ""])
_WORD = st.sampled_from(["council", "harbour", "wall", "voted", "Tuesday", "éclair", "東京"])
_TAGS = {"strong": "b", "emphasis": "em", "code": "code", "link": "a"}


@st.composite
def inline_paragraphs(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A <p> of words and marked runs (one level deep, or a link around an emphasis), with
    white space of every kind around and inside the tags; and the (kind, text) expected."""
    html: list[str] = []
    expected: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 6))):
        html.append(draw(_SPACES))
        words = draw(st.lists(_WORD, min_size=1, max_size=3))
        kind = draw(st.sampled_from([None, *_TAGS]))
        if kind is None:
            html.append(" ".join(words) + " ")
            continue
        tag = _TAGS[kind]
        href = " href='https://x.example/p'" if tag == "a" else ""
        inner = draw(_SPACES) + " ".join(words) + draw(_SPACES)
        expected.append((kind, " ".join(words)))
        if tag == "a" and draw(st.booleans()):
            expected.append(("emphasis", words[0]))
            inner = f"<em>{words[0]}</em> " + " ".join(words[1:])
            expected[-2] = ("link", " ".join(words).strip())
        html.append(f"<{tag}{href}>{inner}</{tag}>")
    return "<p>" + "".join(html) + "</p>", expected


@FAST
@given(inline_paragraphs())
def test_marks_cover_exactly_the_text_of_their_elements(
    case: tuple[str, list[tuple[str, str]]],
) -> None:
    html, expected = case
    tree = parse_html(f"<html><body>{html}</body></html>")
    assert tree.body is not None
    blocks, *_ = walk(tree.body, marks=True)
    (block,) = blocks
    assert (block.marks is None) == (not expected)
    raw = block.raw or block.text
    marks = resolve_marks(raw, block.text, block.marks or [], base="https://x.example/")
    found = [(m.kind.value, " ".join(block.text[m.start : m.end].split())) for m in marks]
    clean = [(k, " ".join(t.replace("\u200b", "").split())) for k, t in expected]
    assert found == clean
    for mark in marks:  # trimmed: no mark starts or ends with white space
        assert block.text[mark.start : mark.end].strip() == block.text[mark.start : mark.end]


def test_without_marks_the_walk_notes_nothing() -> None:
    tree = parse_html("<html><body><p>a <b>b</b> <a href='/x'>c</a></p></body></html>")
    assert tree.body is not None
    (block,), *_ = walk(tree.body)
    assert block.marks is None and block.raw is None


def test_a_link_around_blocks_marks_each_of_them() -> None:
    tree = parse_html(
        "<html><body><a href='https://x.example/'><h3>Card title</h3><p>Its teaser</p></a></body></html>"
    )
    assert tree.body is not None
    blocks, *_ = walk(tree.body, marks=True)
    for block in blocks:
        assert block.marks is not None and block.raw is not None
        (mark,) = resolve_marks(block.raw, block.text, block.marks)
        assert (mark.kind, mark.start, mark.end) == (MarkKind.LINK, 0, len(block.text))


def test_shift_marks_follows_a_cut_prefix() -> None:
    text = "Why it matters: the wall protects homes"
    marks = [Mark(MarkKind.STRONG, 0, 15), Mark(MarkKind.LINK, 20, 24, "https://x.example/")]
    assert shift_marks(marks, text, "the wall protects homes") == [
        Mark(MarkKind.LINK, 4, 8, "https://x.example/")
    ]
    assert shift_marks(marks, text, "something else") == []


# -- in the article ----------------------------------------------------------------------------


def test_links_formatting_and_images_in_the_body() -> None:
    html = page(
        f"<p>The <b>council</b> voted on <a href='/votes/12'>Tuesday</a> to rebuild the "
        f"<em>old wall</em>, {LONG}</p>"
        "<figure><img src='/img/wall.jpg' alt='The wall'><figcaption>Waves break over the wall. "
        "Photo: Anna Price</figcaption></figure>"
        f"<p>See <a href='#notes'>the notes</a>, <a href='javascript:alert(1)'>this</a> and "
        f"<a href='https://other.example/report'>the <i>full</i> report</a> with <code>wall_id</code>. {LONG}</p>"
    )
    article = cleanarticle.extract(html, url=URL)
    first, image, second = article.sections[0].blocks
    assert marks_of(first) == [
        ("strong", "council", None),
        ("link", "Tuesday", "https://courier.example/votes/12"),
        ("emphasis", "old wall", None),
    ]
    assert image.kind is BlockKind.IMAGE and image.image == Image(
        "https://courier.example/img/wall.jpg",
        "Waves break over the wall.",
        "Photo: Anna Price",
        "The wall",
    )
    # Links within the page and script URLs are not kept; the text is.
    assert marks_of(second) == [
        ("link", "the full report", "https://other.example/report"),
        ("emphasis", "full", None),
        ("code", "wall_id", None),
    ]
    assert second.text.startswith("See the notes, this and the full report with wall_id.")
    assert article.images == [image.image]


def test_the_options_switch_each_kind_and_the_text_never_changes() -> None:
    html = page(
        f"<p>The <b>council</b> voted on <a href='/v'>Tuesday</a>, {LONG}</p>"
        f"<img src='/a.jpg'><p>More <em>text</em> follows here, {LONG}</p>"
    )
    full = cleanarticle.extract(html, url=URL)
    kinds = {m.kind for b in full.blocks() for m in b.marks}
    assert kinds == {MarkKind.STRONG, MarkKind.LINK, MarkKind.EMPHASIS}
    no_links = cleanarticle.extract(html, url=URL, options=Options(links=False))
    assert {m.kind for b in no_links.blocks() for m in b.marks} == {
        MarkKind.STRONG,
        MarkKind.EMPHASIS,
    }
    plain = cleanarticle.extract(html, url=URL, options=Options(formatting=False))
    assert {m.kind for b in plain.blocks() for m in b.marks} == {MarkKind.LINK}
    no_images = cleanarticle.extract(html, url=URL, options=Options(images=False))
    assert BlockKind.IMAGE not in {b.kind for b in no_images.blocks()}
    off = cleanarticle.extract(html, url=URL, options=OFF)
    assert all(not b.marks and b.kind is not BlockKind.IMAGE for b in off.blocks())
    assert full.text == no_links.text == plain.text == no_images.text == off.text
    assert full.images == off.images


def test_relative_links_need_a_base_url() -> None:
    html = page(f"<p>The council voted on <a href='/v'>Tuesday</a>, {LONG}</p>")
    (block,) = cleanarticle.extract(html).sections[0].blocks
    assert block.marks == []


def test_marks_follow_a_run_in_label_and_a_dateline() -> None:
    html = page(
        f"<p>LONDON (Reuters) - The <b>council</b> voted, {LONG}</p>"
        f"<p><strong>Why it matters:</strong> the <a href='/w'>wall</a> protects homes, {LONG}</p>"
    )
    article = cleanarticle.extract(html, url=URL)
    assert article.dateline == "LONDON (Reuters)"
    lead, matters = article.sections
    assert marks_of(lead.blocks[0]) == [("strong", "council", None)]
    assert matters.heading == "Why it matters"
    assert marks_of(matters.blocks[0]) == [("link", "wall", "https://courier.example/w")]


def test_an_image_among_dropped_chrome_is_listed_but_not_shown() -> None:
    html = page(
        f"<p>The council voted on Tuesday, {LONG}</p><p>Its second paragraph, {LONG}</p>"
        "<div class='newsletter-signup'><img src='/promo.png'><p>Sign up for our newsletter</p>"
        "<p>Get the app</p></div>"
    )
    article = cleanarticle.extract(html, url=URL)
    assert "https://courier.example/promo.png" in [i.url for i in article.images]
    assert BlockKind.IMAGE not in {b.kind for b in article.blocks()}


def test_a_page_of_images_only_has_no_content() -> None:
    with pytest.raises(cleanarticle.NoContentError):
        cleanarticle.extract("<html><body><img src='https://x.example/a.jpg'></body></html>")


@FAST
@given(html_docs())
def test_the_options_change_nothing_but_marks_and_image_blocks(doc: str) -> None:
    page = doc + "<p>" + LONG * 2 + "</p>"
    try:
        full = cleanarticle.extract(page, url=URL)
    except cleanarticle.CleanArticleError as exc:
        with pytest.raises(type(exc)):
            cleanarticle.extract(page, url=URL, options=OFF)
        return
    off = cleanarticle.extract(page, url=URL, options=OFF)
    stripped = [
        Section(s.heading, [_plain(b) for b in s.blocks if b.kind is not BlockKind.IMAGE], s.level)
        for s in full.sections
    ]
    assert [s for s in stripped if s.blocks or s.heading is not None] == off.sections
    assert full.replace(sections=off.sections) == off
    for block in full.blocks():
        for mark in block.marks:
            assert 0 <= mark.start < mark.end <= len(block.text)
            assert mark.href is None or mark.href.startswith(("http://", "https://"))


def _plain(block: Block) -> Block:
    items = [dataclasses.replace(i, marks=[]) for i in block.items]
    return dataclasses.replace(block, marks=[], items=items)


# -- rendering ---------------------------------------------------------------------------------

STORY = Article(
    headline="Harbour wall <rebuilt>",
    byline="By Ana Lopes",
    sections=[
        Section(
            None,
            [
                Block(
                    BlockKind.PARAGRAPH,
                    text="The council voted on Tuesday to rebuild the *old* wall.",
                    marks=[
                        Mark(MarkKind.STRONG, 4, 11),
                        Mark(MarkKind.LINK, 21, 28, "https://x.example/v?a=1&b=(2)"),
                        Mark(MarkKind.EMPHASIS, 21, 28),
                        Mark(MarkKind.CODE, 44, 49),
                    ],
                ),
                Block(
                    BlockKind.IMAGE,
                    image=Image("https://x.example/w.jpg", "The wall.", "Photo: A. Price", "Wall"),
                ),
                Block(
                    BlockKind.LIST,
                    items=[
                        cleanarticle.ListItem(
                            "one <i>", 0, [Mark(MarkKind.LINK, 0, 3, "https://x.example/1")]
                        ),
                        cleanarticle.ListItem("two", 1),
                        cleanarticle.ListItem("three", 0),
                    ],
                ),
            ],
        )
    ],
)


def test_markdown_of_marks_and_images() -> None:
    assert STORY.to_markdown() == (
        "# Harbour wall \\<rebuilt\\>\n\n"
        "*By Ana Lopes*\n\n"
        "The **council** voted on [*Tuesday*](https://x.example/v?a=1&b=%282%29) to rebuild "
        "the `*old*` wall.\n\n"
        "![Wall](https://x.example/w.jpg)\n*The wall. Photo: A. Price*\n\n"
        "- [one](https://x.example/1) \\<i\\>\n  - two\n- three\n"
    )


def test_html_of_marks_and_images() -> None:
    assert STORY.to_html() == (
        "<article>\n<h1>Harbour wall &lt;rebuilt&gt;</h1>\n<p><em>By Ana Lopes</em></p>\n"
        "<p>The <strong>council</strong> voted on "
        '<a href="https://x.example/v?a=1&amp;b=(2)"><em>Tuesday</em></a> to rebuild the '
        "<code>*old*</code> wall.</p>\n"
        '<figure><img src="https://x.example/w.jpg" alt="Wall"><figcaption>The wall. '
        "<small>Photo: A. Price</small></figcaption></figure>\n"
        '<ul><li><a href="https://x.example/1">one</a> &lt;i&gt;<ul><li>two</li></ul></li>'
        "<li>three</li></ul>\n</article>\n"
    )


def test_markdown_links_render_as_the_html_links() -> None:
    """A CommonMark renderer reads the Markdown's links and emphasis as to_html writes them."""
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    rendered = markdown_it.MarkdownIt("commonmark").render(STORY.to_markdown())
    tree, ours = LexborHTMLParser(rendered), LexborHTMLParser(STORY.to_html())
    hrefs = [unquote(a.attributes["href"] or "") for a in tree.css("a")]
    assert hrefs == [unquote(a.attributes["href"] or "") for a in ours.css("a")]
    assert len(hrefs) == 2
    assert [a.text() for a in tree.css("a")] == [a.text() for a in ours.css("a")]
    caption = "The wall. Photo: A. Price"  # (Markdown has no figure: an emphasised line)
    assert [e.text() for e in tree.css("strong, em, code") if e.text() != caption] == [
        e.text() for e in ours.css("strong, em, code")
    ]


ALLOWED = {
    "html", "head", "body", "article", "h1", "h2", "h3", "h4", "h5", "h6", "p", "em", "strong",
    "a", "code", "pre", "blockquote", "ul", "ol", "li", "table", "tbody", "tr", "td", "figure",
    "img", "figcaption", "small", "br",
}  # fmt: skip


def _unsafe_html(html: str) -> list[str]:
    """Everything in to_html's output beyond its promise: an unknown element, an attribute
    other than href/src/alt, a URL that is not absolute http(s)."""
    tree = LexborHTMLParser(html)
    found = []
    for node in tree.root.traverse() if tree.root else ():
        if node.tag not in ALLOWED:
            found.append(f"<{node.tag}>")
        for key, value in node.attributes.items():
            if key not in {"href", "src", "alt"}:
                found.append(f"{node.tag}[{key}]")
            elif key != "alt" and not re.match(r"https?://[^\s\x00-\x1f]+$", value or ""):
                found.append(f"{node.tag}[{key}={value!r}]")
    return found


@FAST
@given(articles)
def test_html_of_any_article_holds_only_known_elements_and_web_urls(article: Article) -> None:
    assert _unsafe_html(article.to_html()) == []


@FAST
@given(html_docs(), st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                     "<a href='javascript:alert(1)'>x</a>", "<b onclick=alert(1)>b</b>"]))  # fmt: skip
def test_html_of_hostile_pages_holds_only_known_elements_and_web_urls(
    doc: str, vector: str
) -> None:
    page = doc.replace("</p>", vector + "</p>", 1) + "<p>" + LONG * 2 + "</p>"
    try:
        article = cleanarticle.extract(page, url=URL)
    except cleanarticle.CleanArticleError:
        return
    assert _unsafe_html(article.to_html()) == []


def test_json_keeps_marks_and_image_blocks() -> None:
    data = STORY.to_dict()
    paragraph, image, _ = data["sections"][0]["blocks"]
    assert paragraph["marks"][1] == {
        "type": "link",
        "start": 21,
        "end": 28,
        "href": "https://x.example/v?a=1&b=(2)",
    }
    assert paragraph["marks"][0] == {"type": "strong", "start": 4, "end": 11}
    assert image == {"type": "image", "url": "https://x.example/w.jpg", "caption": "The wall.",
                     "credit": "Photo: A. Price", "alt": "Wall"}  # fmt: skip
    assert Article.from_json(STORY.to_json()) == STORY
    assert "marks" not in Block(BlockKind.PARAGRAPH, text="x").to_dict()


# -- the quick path of safe_url ----------------------------------------------------------------

_URL_PIECES = st.sampled_from(
    ["http", "HTTPS", "https", "ftp", "javascript", ":", "://", "//", "/", "a.com", "A.example",
     ":8080", ":99999", ":", "@", "[::1]", "p", "q", ".", "..", "/./", "/../", "?", "?x=1", "#",
     "#f", ";", ";p", "\\", " ", "\xa0", "\t", "%2e", "é", "~", "(", ")", "'", "\x7f", "\x85",
     "\u202e", "\u2067", chr(0xD800)]
)  # fmt: skip
_URLS = st.lists(_URL_PIECES, max_size=8).map("".join)


@FAST
@given(_URLS, st.none() | _URLS)
def test_the_quick_path_of_safe_url_agrees_with_the_full_check(
    value: str, base: str | None
) -> None:
    from cleanarticle.urls import _plain_web_url, _safe_url

    if value:
        quick = _plain_web_url(value, base)
        assert quick is None or quick == _safe_url(value, base)


def test_the_quick_path_of_safe_url_answers_the_common_cases() -> None:
    from cleanarticle.urls import _plain_web_url

    assert _plain_web_url("https://a.example/x?y=1#z", None) == "https://a.example/x?y=1#z"
    assert _plain_web_url("/news/1?p=2", "HTTPS://a.example/b/c") == "https://a.example/news/1?p=2"
    assert _plain_web_url("/./x", "https://a.example/") is None  # (urljoin removes the dot)

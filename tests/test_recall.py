"""Article bodies: recall on bodies split or named oddly, damaged pages, and the misses of
issue 14 (links to other stories, player settings, newsletter footers, navigation labels)."""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle.explain import explain, render_html
from cleanarticle.model import RemovalKind
from cleanarticle.render import to_markdown

from .cases import S1, S2, S3, S4, page

S5 = (
    "Fishermen said their boats would moor in the next bay while the wall was rebuilt, "
    "a longer trip each morning that would cost them fuel and time."
)
S6 = (
    "The town's engineers will publish the plans online next week, with a map of the "
    "streets that will be closed and the dates of each stage of the work."
)
STORY = [S1, S2, S3, S4, S5, S6]
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_streamed_part_of_a_page_is_read() -> None:
    # React's streaming renderer sends the late part of a page hidden, and a script moves
    # it into place: the reader sees it; a plainly hidden copy stays out.
    html = page(
        f"{NAV}<main><template id='B:0'></template></main>"
        f"<div hidden id='S:0'><article><h1>Harbour wall</h1>{paragraphs(STORY)}</article></div>"
        "<div hidden><p>Your session has expired, please sign in again to continue.</p></div>"
    )
    article = cleanarticle.extract(html)
    assert article.text == "\n".join(STORY)
    assert [r.kind for r in article.removed if r.kind is RemovalKind.HIDDEN]


def test_hidden_copy_is_still_dropped() -> None:
    html = page(
        f"<article>{paragraphs(STORY[:3])}</article>"
        f"<div hidden id='copy'><p>{S4}</p><p>{S5}</p></div>"
    )
    assert cleanarticle.extract(html).text == "\n".join(STORY[:3])


def test_body_sections_named_with_a_furniture_word_are_kept() -> None:
    # Each section of the story is in an element whose class holds a furniture stem
    # ("menu" in "contextmenu"); together they are most of the body, each says something else.
    sections = "".join(f"<p class='contextmenu body'>{t}</p>" for t in STORY[2:])
    html = page(f"<article><h1>Harbour wall</h1><p>{S1}</p><p>{S2}</p>{sections}</article>")
    assert cleanarticle.extract(html).text == "\n".join(STORY)


def test_repeated_promo_is_still_dropped() -> None:
    promo = (
        "Free shipping on orders over $40. For more information on shipping rates, see our terms."
    )
    promos = "".join(
        f"<div class='promo-bar__slide-{i}'><p>{promo.replace('$40', f'${40 + i}')}</p></div>"
        for i in range(6)
    )
    html = page(f"<div class='content'>{promos}<article>{paragraphs(STORY[:3])}</article></div>")
    text = cleanarticle.extract(html).text
    assert "Free shipping" not in text
    assert S1 in text


def test_sidebar_widgets_stay_out_when_one_holds_a_long_text() -> None:
    # A page whose comments hold more prose than the story: the sidebar's widgets hold more
    # than the story too, but one of them holds nearly all of it (a disclaimer): a sidebar,
    # not sections of the body.
    disclaimer = " ".join(
        ["This blog links to other sites, whose content the author does not control."] * 4
    )
    widgets = (
        f"<div class='widget text-1'><p>{disclaimer}</p></div>"
        "<div class='widget text-2'><p>Archives by month, from January to December.</p></div>"
        "<div class='widget text-3'><p>Tags: travel, food, harbours and boats.</p></div>"
    )
    comments = "".join(
        f"<div class='comment'><p>{t} I agree with this.</p></div>" for t in STORY[2:] * 2
    )
    html = page(
        f"<div class='wrap'><article>{paragraphs(STORY[:2])}</article>"
        f"<div class='comments'>{comments}</div>{widgets}</div>"
    )
    text = cleanarticle.extract(html).text
    assert "links to other sites" not in text
    assert S2 in text


def test_review_beside_its_link_lines_is_not_a_teaser_rail() -> None:
    # Each entry: a paragraph of review, then link lines ("Read the full review"): the
    # link lines look like cards with linked titles, the review beside them is the story.
    reviews = [f"{STORY[i]} {STORY[i + 1]} {STORY[i + 2]}" for i in range(4)]
    entries = "".join(
        f"<section><h2>Car {i}</h2><div class='markup'><p>{t}</p>"
        f"<p><a href='/review/{i}'>Read the full Car {i} review here</a></p>"
        f"<p><a href='/deals/{i}'>Compare new car deals with a leasing site</a></p>"
        f"<p><a href='/used/{i}'>Compare used car deals with another site</a></p></div></section>"
        for i, t in enumerate(reviews)
    )
    text = cleanarticle.extract(page(f"<article>{entries}</article>")).text
    for t in reviews:
        assert t in text


def test_link_to_another_story_between_paragraphs_is_no_heading() -> None:
    # ScrapingHub 51d066b0 (NBC): "<ul><li><h3><a>Other story</a></h3></li></ul>" between
    # the paragraphs came out as "### Other story" sections.
    teaser = (
        "<div class='embedded article'><ul><li class='flag'><h3>"
        "<a href='/news/man-shot-at-gas-station'>Man Shot at Dallas Gas Station Dies at Hospital"
        "</a></h3></li></ul></div>"
    )
    html = page(
        f"<article><h1>Harbour wall</h1><p>{S1}</p><p>{S2}</p>{teaser}<p>{S3}</p></article>"
    )
    article = cleanarticle.extract(html)
    assert article.text == "\n".join([S1, S2, S3])
    assert "###" not in to_markdown(article)


def test_list_of_linked_product_headings_is_kept() -> None:
    picks = (
        "<ul><li><h2><a href='https://shop.example/a'>Fluke 117 multimeter</a></h2></li>"
        "<li><h2><a href='https://shop.example/b'>Klein Tools MM400</a></h2></li></ul>"
    )
    html = page(f"<article><p>{S1}</p><p>{S2}</p>{picks}<p>{S3}</p></article>")
    text = cleanarticle.extract(html).text
    assert "Fluke 117 multimeter" in text
    assert "Klein Tools MM400" in text


def test_video_player_settings_are_not_body() -> None:
    # The Yahoo capture yahoo3-abcnews-flag-baby opened with the player's settings menus.
    player = (
        "<div id='ym-player'><div class='yvp-content' aria-label='Video Player'>"
        "<ul><li>No item available</li></ul><ul><li>Bottom</li><li>Top</li></ul>"
        "<ul>"
        + "".join(f"<li>{f}</li>" for f in ["Georgia", "Arial", "Tahoma", "Verdana"])
        + "</ul>"
        "<ul><li>100% (opaque)</li><li>75% (transparency)</li></ul>"
        "<p>Unfortunately, this video is not available in your region.</p></div></div>"
    )
    html = page(f"<article><h1>Harbour wall</h1>{player}{paragraphs(STORY[:4])}</article>")
    text = cleanarticle.extract(html).text
    assert text == "\n".join(STORY[:4])


@pytest.mark.parametrize(
    "footer",
    [
        "Consider inviting your friends and colleagues to join us. Was this email forwarded "
        "to you? Sign up here.",
        "Did someone forward you this newsletter? Subscribe here.",
        "Wurde Ihnen dieser Newsletter weitergeleitet? Hier anmelden.",
    ],
)
def test_newsletter_forward_footer_is_removed(footer: str) -> None:
    html = page(f"<article>{paragraphs(STORY[:4])}<p>{footer}</p></article>")
    article = cleanarticle.extract(html)
    assert article.text == "\n".join(STORY[:4])
    assert any(r.kind is RemovalKind.NEWSLETTER for r in article.removed)


def test_story_about_forwarded_email_is_kept() -> None:
    story = (
        "Police said the scam began when a clerk asked, was this email forwarded to you by "
        "the bank, and the caller said yes, then asked for the account number and the code."
    )
    html = page(f"<article>{paragraphs(STORY[:3])}<p>{story}</p></article>")
    assert story in cleanarticle.extract(html).text


MENU = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(30))


def test_menu_outside_the_body_is_navigation() -> None:
    html = page(
        f"<div class='menu-bar'><ul>{MENU}</ul></div><article>{paragraphs(STORY)}</article>"
    )
    article = cleanarticle.extract(html)
    navigation = [r for r in article.removed if r.rule == "engine.navigation"]
    assert navigation
    assert all(r.kind is RemovalKind.NAVIGATION for r in navigation)


def test_explain_copy_labels_a_menu_once() -> None:
    html = page(
        f"<div class='menu-bar'><ul>{MENU}</ul></div><article>{paragraphs(STORY)}</article>"
    )
    copy = render_html(explain(html))
    labelled = copy.count('data-ca-rule="engine.navigation"')
    continued = copy.count("data-ca-more")
    assert labelled >= 30
    assert labelled - continued <= 2  # one label bar for the menu (and its list)


# -- damaged pages: an element the parser reads as raw text, never closed ---------------


def _damaged(tag: str) -> str:
    story = f"<article><h1>Harbour wall</h1>{paragraphs(STORY)}</article>"
    if tag == "title":
        return f"<html><head><title>Harbour wall\n<meta charset='utf-8'></head><body>{story}</body></html>"
    if tag == "style":
        return f"<html><head><title>H</title><style>p {{ color: red }}\n</head><body>{story}</body></html>"
    if tag == "script":
        return (
            f"<html><head><title>H</title></head><body><article><p>{S1}</p>"
            f"<script>var x = 1;\n{paragraphs(STORY[1:])}</article></body></html>"
        )
    return (  # textarea
        f"<html><head><title>H</title></head><body><article><p>{S1}</p>"
        f"<form><textarea name='comment'>\n{paragraphs(STORY[1:])}</article></body></html>"
    )


@pytest.mark.parametrize("tag", ["title", "style", "script", "textarea"])
def test_page_swallowed_by_an_open_element_is_recovered(tag: str) -> None:
    article = cleanarticle.extract(_damaged(tag))
    assert article.text == "\n".join(STORY)
    repairs = [r for r in article.removed if r.rule == f"engine.unclosed-{tag}"]
    assert len(repairs) == 1
    assert repairs[0].kind is RemovalKind.OTHER


def test_unclosed_title_keeps_its_own_text() -> None:
    article = cleanarticle.extract(_damaged("title").replace("<h1>Harbour wall</h1>", ""))
    assert article.headline == "Harbour wall"


def test_script_holding_markup_is_not_taken_for_damage() -> None:
    script = (
        "<script>var t = '<div class=\"x\"><p>' + " + "'more' + " * 60 + "'</p></div>';</script>"
    )
    html = page(f"<article>{paragraphs(STORY)}</article>{script}")
    article = cleanarticle.extract(html)
    assert article.text == "\n".join(STORY)
    assert not [r for r in article.removed if r.rule.startswith("engine.unclosed-")]

"""Main content by page type, on small inline pages: forums, listings, collections,
documentation, service and product pages (``Options.page_type``), and what a wrong type does
to an article."""

from __future__ import annotations

import cleanarticle
from cleanarticle import Options

S1 = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to give the work to local firms."
)
S2 = (
    "Engineers said the repairs would take most of the year, and that the road along the "
    "quay would stay closed to lorries until the spring."
)
S3 = (
    "Residents, who had asked for the work for a decade, welcomed the decision but worried "
    "about the noise, the dust and the cost to the town."
)
S4 = (
    "The mayor promised a public meeting in March, where the contractors would answer "
    "questions from shop owners and fishermen about the timetable."
)
NAV = (
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/about'>About</a></li></ul></nav>"
)


def page(body: str, *, title: str = "Harbour wall") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head>"
        f"<body>{NAV}{body}<footer><p>© 2024 The Harbour Gazette</p></footer></body></html>"
    )


def text_of(html: str, page_type: str | None = None) -> str:
    return cleanarticle.extract(html, options=Options(page_type=page_type)).text


def test_page_revealed_by_a_script_is_read() -> None:
    # The whole page sits in a wrapper hidden until a script has loaded: readers see it.
    html = page(
        f"<div style='visibility:hidden'><article><h1>Harbour wall</h1><p>{S1}</p>"
        f"<p>{S2}</p><p>{S3}</p><p>{S4}</p>" + "<p>" + " ".join([S1, S2, S3, S4] * 3) + "</p></article></div>"
    )
    text = text_of(html)
    assert S2 in text and S4 in text


def test_small_hidden_box_is_still_dropped() -> None:
    html = page(
        f"<article><h1>Harbour wall</h1><p>{S1}</p><div hidden><p>{S3}</p></div>"
        f"<p>{S2}</p></article>"
    )
    assert text_of(html) == f"{S1}\n{S2}"


def test_svg_drawings_do_not_flatten_the_page() -> None:
    # Thousands of self-closed shapes in SVG drawings build no depth: the text after them
    # keeps its structure (a depth estimate that counted them dropped its tags).
    shapes = "<path d='M0,0L1,1'/><polygon points='0,0 1,1 1,0'/>" * 1500
    drawing = f"<div class='diagram'><svg viewBox='0 0 10 10'>{shapes}</svg></div>"
    html = page(
        f"<article><h1>Harbour wall</h1>{drawing * 3}<h2>The vote</h2><p>{S1}</p>"
        f"<h2>The works</h2><p>{S2}</p><ul><li>{S3}</li><li>{S4}</li></ul></article>"
    )
    article = cleanarticle.extract(html)
    assert [s.heading for s in article.sections] == ["The vote", "The works"]
    assert article.bullets == [S3, S4]


def _thread(texts: list[str]) -> str:
    # As forum software prints a thread: the opening post, then the replies, which it
    # names "comment" (schema.org's itemprop too).
    first, *replies = texts
    return (
        f"<div class='topic-post' itemprop='text'><div class='author'>user0</div><p>{first}</p>"
        f"<p>{first.replace('council', 'town council')}</p></div>"
        + "".join(
            f"<div class='topic-post reply' itemprop='comment' id='post-{i}'>"
            f"<div class='author'>user{i}</div><div class='comment-body'><p>{t}</p></div></div>"
            for i, t in enumerate(replies, start=1)
        )
    )


def test_forum_thread_keeps_every_post_in_order() -> None:
    html = page(
        f"<main><h1>Harbour wall?</h1><div class='thread'>{_thread([S1, S2, S3, S4])}"
        "</div></main><div class='sidebar'><p>Forum rules: be nice.</p></div>"
    )
    text = text_of(html, "forum")
    positions = [text.find(s) for s in (S1, S2, S3, S4)]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "Forum rules" not in text


def _listing(n: int = 6) -> str:
    entries = "".join(
        f"<li class='result'><h3><a href='/story/{i}'>Harbour story number {i} of the week</a>"
        f"</h3><p class='summary'>Summary {i}: the wall, the works and the vote.</p></li>"
        for i in range(n)
    )
    return f"<main><h1>Harbour news</h1><ul class='results'>{entries}</ul></main>"


def test_listing_gives_every_item() -> None:
    text = text_of(page(_listing()), "listing")
    for i in range(6):
        assert f"Harbour story number {i} of the week" in text
        assert f"Summary {i}: the wall" in text


def test_collection_gives_every_product_as_a_list_entry() -> None:
    cards = "".join(
        f"<div class='product-card'><a href='/p/{i}'>Harbour wall tile, model {i}</a>"
        f"<span class='price'>${10 + i}.00</span></div>"
        for i in range(8)
    )
    html = page(f"<main><h1>Tiles</h1><div class='grid'>{cards}</div></main>")
    text = text_of(html, "collection")
    for i in range(8):
        assert f"Harbour wall tile, model {i}" in text
        assert f"${10 + i}.00" in text


def test_documentation_keeps_code_and_drops_the_table_of_contents() -> None:
    toc = "".join(
        f"<li><a href='/docs/{i}'>Chapter {i}: configuring the harbour wall</a></li>"
        for i in range(40)
    )
    code = "wall = Wall(length=120)\nwall.rebuild(firms=['local'])"
    html = page(
        f"<div class='layout'><nav class='docs-toc'><ul>{toc}</ul></nav>"
        f"<div class='content'><h1>Rebuilding</h1><p>{S1}</p><pre><code>{code}</code></pre>"
        f"<p>{S2}</p></div></div>"
    )
    article = cleanarticle.extract(html, options=Options(page_type="documentation"))
    assert "Chapter 3" not in article.text
    assert [b.text for b in article.blocks() if b.kind == "code"] == [code]
    assert S1 in article.text and S2 in article.text


def test_documentation_index_keeps_its_cards_and_drops_the_sidebar() -> None:
    toc = "".join(
        f"<li><a href='/docs/{i}'>Chapter {i}: configuring the harbour wall</a></li>"
        for i in range(40)
    )
    cards = "".join(
        f"<div class='card'><h3><a href='/docs/guide-{i}'>Guide {i} to the harbour works</a>"
        f"</h3><p>How to plan stage {i} of the works.</p></div>"
        for i in range(5)
    )
    html = page(
        f"<div class='layout'><nav class='docs-toc'><ul>{toc}</ul></nav>"
        f"<div class='content'><h1>Guides</h1><p>{S1}</p><div class='cards'>{cards}</div>"
        "</div></div>"
    )
    text = text_of(html, "documentation")
    assert "Chapter 3" not in text
    for i in range(5):
        assert f"Guide {i} to the harbour works" in text


PRODUCT_LD = """<script type="application/ld+json">{"@context": "https://schema.org",
 "@type": "Product", "name": "Harbour lamp",
 "description": "<p>A brass lamp cast in the old harbour foundry.</p><p>It runs for twelve hours on one charge.</p>",
 "additionalProperty": [{"@type": "PropertyValue", "name": "Height", "value": "32 cm"},
                        {"@type": "PropertyValue", "name": "Weight", "value": 1.2}]}</script>"""


def test_product_with_little_markup_takes_the_declared_description_and_specifications() -> None:
    html = (
        f"<!doctype html><html><head><title>Harbour lamp</title>{PRODUCT_LD}</head><body>"
        "<main><h1>Harbour lamp</h1><p class='price'>€89.00</p><div id='app'></div></main>"
        "</body></html>"
    )
    article = cleanarticle.extract(html, options=Options(page_type="product"))
    assert "A brass lamp cast in the old harbour foundry." in article.text
    assert "It runs for twelve hours on one charge." in article.text
    tables = [b.rows for b in article.blocks() if b.kind == "table"]
    assert tables == [[["Height", "32 cm"], ["Weight", "1.2"]]]


def test_product_whose_markup_has_the_description_is_left_alone() -> None:
    body = (
        f"<main><h1>Harbour lamp</h1><div class='description'><p>{S1}</p><p>{S2}</p>"
        f"<p>{S3}</p><p>{S4}</p><p>{S2.replace('Engineers', 'Lamp makers')}</p><p>A brass lamp cast in the old harbour foundry, it runs for "
        "twelve hours on one charge.</p></div>"
        "<div class='reviews'><h2>Reviews</h2><p>Lovely lamp, it lights the whole quay at "
        "night and my neighbours all want one now.</p></div></main>"
    )
    html = (
        f"<!doctype html><html><head><title>Harbour lamp</title>{PRODUCT_LD}</head>"
        f"<body>{body}</body></html>"
    )
    article = cleanarticle.extract(html, options=Options(page_type="product"))
    assert article.text.count("brass lamp") == 1
    assert not [b for b in article.blocks() if b.kind == "table"]
    assert "Lovely lamp" not in article.text  # customers' reviews are not the product's text


def test_forum_reply_quoting_a_post_does_not_repeat_it() -> None:
    replies = (
        f"<div class='post reply'><blockquote class='quote'><p>{S1}</p></blockquote>"
        f"<p>{S3}</p></div>"
    )
    html = page(
        f"<main><h1>Harbour wall?</h1><div class='thread'>{_thread([S1, S2])}{replies}</div>"
        "</main>"
    )
    text = text_of(html, "forum")
    assert text.count(S1) == 1
    assert S2 in text and S3 in text


def test_an_article_may_repeat_a_line() -> None:
    # An interview series asks each guest the same question: every answer keeps it.
    question = "What made you start cooking for the whole harbour on Sundays?"
    body = "".join(
        f"<h2>Guest {i}</h2><p><b>{question}</b></p><p>{s}</p>"
        for i, s in enumerate((S1, S2, S3, S4))
    )
    html = page(f"<article><h1>Sunday cooks</h1>{body}</article>")
    assert text_of(html).count(question) == 4


def test_page_shipped_in_noscript_beside_a_large_script_is_read() -> None:
    # A script-built forum ships its thread for crawlers in a <noscript>, and its data as a
    # script far longer than the thread: the script's text is no page text to weigh against.
    payload = "<script>window.app = {" + ", ".join(f'"k{i}": "{"x" * 40}"' for i in range(400))
    html = page(
        f"{payload}}};</script><div id='app'></div><noscript id='content'><div><h1>Harbour wall?"
        f"</h1><article><p>{S1}</p><p>{S2}</p></article><article><p>{S3}</p><p>{S4}</p>"
        "</article></div></noscript>"
    )
    text = text_of(html, "forum")
    for s in (S1, S2, S3, S4):
        assert s in text


def test_service_page_keeps_every_section_and_its_testimonials() -> None:
    quotes = "".join(
        f"<figure class='testimonial'><blockquote><p>{s}</p></blockquote>"
        f"<figcaption>Customer {i}</figcaption></figure>"
        for i, s in enumerate((S3, S4))
    )
    html = page(
        "<main><section class='hero banner'><h1>Harbour repairs</h1>"
        f"<p>{S1}</p><a class='cta' href='/quote'>Get a quote</a></section>"
        f"<section class='promo services'><h2>What we do</h2><p>{S2}</p>"
        "<ul><li>Sea walls and breakwaters rebuilt</li><li>Quays resurfaced for lorries</li>"
        "</ul></section>"
        f"<section class='reviews'><h2>What our customers say</h2>{quotes}</section></main>"
    )
    article = cleanarticle.extract(html, options=Options(page_type="service"))
    for s in (S1, S2, S3, S4):
        assert s in article.text
    assert "Quays resurfaced for lorries" in article.bullets
    assert [s.heading for s in article.sections if s.heading] == [
        "What we do",
        "What our customers say",
    ]


def test_modal_dialogs_are_not_a_shops_content() -> None:
    policy = "".join(f"<p>{s} Your data is ours.</p>" for s in (S1, S2, S3, S4) * 4)
    cards = "".join(
        f"<div class='card'><a href='/p/{i}'>Harbour wall tile, model {i}</a>"
        f"<span>${10 + i}.00</span></div>"
        for i in range(5)
    )
    html = page(
        f"<main><h1>Tiles</h1><div class='grid'>{cards}</div></main>"
        f"<div id='privacy' role='dialog' aria-modal='true'><h2>Privacy policy</h2>{policy}</div>"
    )
    article = cleanarticle.extract(html, options=Options(page_type="collection"))
    assert "Your data is ours" not in article.text
    assert "Harbour wall tile, model 4" in article.text
    assert any(r.rule == "engine.dialog" for r in article.removed)


def test_hidden_copy_for_machines_stays_hidden_however_long() -> None:
    # A raw copy of the text for machines, hidden on purpose: never shown, even when it holds
    # most of the page's text.
    copy = " ".join([S1, S2, S3, S4] * 6)
    html = page(
        f"<article><h1>Harbour wall</h1><p>{S1}</p><p>{S2}</p></article>"
        f"<pre hidden aria-hidden='true' class='raw-markdown'># Harbour wall {copy}</pre>"
    )
    assert text_of(html) == f"{S1}\n{S2}"


def test_product_tabs_and_accordions_are_read() -> None:
    # The specifications and the care notes sit in closed panels, one click away.
    html = page(
        f"<main><h1>Harbour lamp</h1><div class='product-description'><p>{S1}</p></div>"
        "<div class='tabs'><button>Specifications</button><button>Care</button>"
        "<div class='tab-pane' id='specs' style='display:none'><table><tr><th>Height</th>"
        "<td>32 cm</td></tr><tr><th>Weight</th><td>1.2 kg</td></tr></table></div>"
        f"<div role='tabpanel' hidden><p>{S2}</p></div></div>"
        "<div class='mobile-menu' style='display:none'><p>Menu: lamps, chairs, tables and "
        "every other thing we sell in the harbour shop.</p></div></main>"
    )
    article = cleanarticle.extract(html, options=Options(page_type="product"))
    assert S1 in article.text and S2 in article.text
    assert [b.rows for b in article.blocks() if b.kind == "table"] == [
        [["Height", "32 cm"], ["Weight", "1.2 kg"]]
    ]
    assert "every other thing we sell" not in article.text

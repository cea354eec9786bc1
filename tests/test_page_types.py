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

"""Fields from JSON-LD, Open Graph, <meta> and the printed page, end to end on inline HTML."""

from __future__ import annotations

import json

import pytest

import cleanarticle

from .cases import page

PARA = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in "
    "the winter storms, and to open the work to local firms. Work starts in the spring, "
    "and the mayor said the town would pay for it from its reserves."
)
URL = "https://news.example.org/harbour/wall-vote"


def story(body: str, head: str = "", lang: str = "en") -> str:
    """An article page: its headline, ``body``, then two paragraphs of story."""
    return page(
        f"<article><h1>Council votes to rebuild the harbour wall</h1>{body}"
        f"<p>{PARA}</p><p>{PARA}</p></article>",
        head,
        lang=lang,
    )


def ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_jsonld_graph_with_id_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": "Council votes to rebuild the harbour wall",
                "author": [{"@id": "#jane"}, {"@id": "#john"}],
                "publisher": {"@id": "#org"},
                "datePublished": "2021-03-04T09:30:00+01:00",
                "dateModified": "2021-03-05T11:00:00+01:00",
                "articleSection": "Local",
                "image": {"@id": "#img"},
            },
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {"@type": "Person", "@id": "#john", "name": "John Smith"},
            {"@type": "NewsMediaOrganization", "@id": "#org", "name": "Harbour Times"},
            {"@type": "ImageObject", "@id": "#img", "url": "/img/wall.jpg"},
        ],
    }
    art = cleanarticle.extract(story("", ld(graph)), url=URL)
    assert art.authors == ["Jane Doe", "John Smith"]
    assert art.publisher == "Harbour Times"
    assert art.date_published == "2021-03-04T09:30:00+01:00"
    assert art.date_modified == "2021-03-05T11:00:00+01:00"
    assert art.section == "Local"
    assert art.main_image == "https://news.example.org/img/wall.jpg"


def test_agency_is_publisher_not_author() -> None:
    head = "<meta name='author' content='Associated Press'>"
    art = cleanarticle.extract(story("<p class='byline'>By AP</p>", head), url=URL)
    assert art.authors == []
    assert art.publisher == "Associated Press"


# value=: React Helmet pages and some DOM serialisers write it where content= belongs.
@pytest.mark.parametrize("attr", ["content", "value"])
def test_meta_fields(attr: str) -> None:
    head = (
        f"<meta property='og:title' {attr}='Council votes to rebuild the harbour wall'>"
        f"<meta property='og:site_name' {attr}='Harbour Times'>"
        f"<meta property='og:description' {attr}='The wall will be rebuilt by local firms.'>"
        f"<meta property='og:image' {attr}='/img/wall.jpg'>"
        f"<meta property='article:published_time' {attr}='2021-03-04T09:30:00Z'>"
        f"<meta name='author' {attr}='Jane Doe'>"
        "<link rel='canonical' href='/harbour/wall-vote'>"
    )
    art = cleanarticle.extract(story("", head), url=URL + "?utm_source=x")
    assert art.headline == "Council votes to rebuild the harbour wall"
    assert art.publisher == "Harbour Times"
    assert art.description == "The wall will be rebuilt by local firms."
    assert art.main_image == "https://news.example.org/img/wall.jpg"
    assert art.canonical_url == URL
    assert art.date_published == "2021-03-04T09:30:00+00:00"
    assert art.authors == ["Jane Doe"]


def test_printed_byline_and_date_near_the_headline() -> None:
    body = (
        "<div class='entry-meta'><span class='byline'>By <a rel='author' "
        "href='/author/jane-doe/'>Jane Doe</a> and <a rel='author' href='/author/j-smith/'>"
        "John Smith</a></span> <time class='entry-date' datetime='2021-03-04'>March 4, 2021"
        "</time></div>"
    )
    art = cleanarticle.extract(story(body), url=URL)
    assert art.authors == ["Jane Doe", "John Smith"]
    assert art.byline == "By Jane Doe and John Smith"
    assert art.date_published == "2021-03-04"


def test_never_a_comment_or_rail_date() -> None:
    body = (
        f"<p>{PARA}</p>"
        "<aside class='related'><div class='teaser'><span class='date'>01.02.2020</span>"
        "<a href='/x'>Another story</a></div></aside>"
        "<div class='comments'><div class='comment'><span class='comment-author'>Bob Jones</span>"
        "<time datetime='2020-02-03T10:00:00Z'>3 Feb 2020</time><p>Great piece.</p></div></div>"
    )
    art = cleanarticle.extract(story(body), url="https://news.example.org/wall")
    assert art.date_published is None
    assert art.authors == []


def test_never_a_date_in_the_future() -> None:
    head = "<meta property='article:published_time' content='2999-01-01T00:00:00Z'>"
    art = cleanarticle.extract(story("", head), url="https://news.example.org/2019/05/06/wall/")
    assert art.date_published == "2019-05-06"  # the URL's date; the future one is refused


def test_modified_before_published_is_dropped() -> None:
    head = ld(
        {
            "@type": "NewsArticle",
            "datePublished": "2021-03-04",
            "dateModified": "2020-01-01",
        }
    )
    art = cleanarticle.extract(story("", head), url=URL)
    assert art.date_published == "2021-03-04"
    assert art.date_modified is None


def test_generic_author_names_rejected() -> None:
    for name in ("admin", "Staff", "Redaktion", "Email the author", "2021-03-04"):
        art = cleanarticle.extract(story("", f"<meta name='author' content='{name}'>"), url=URL)
        assert art.authors == [], name


def test_language_declared_is_checked_against_the_body() -> None:
    assert cleanarticle.extract(story("", lang="en-GB"), url=URL).language == "en"
    # The page declares German, the body is English: the body wins.
    assert cleanarticle.extract(story("", lang="de"), url=URL).language == "en"


def test_dateline_goes_to_its_field() -> None:
    body = (
        "<p>LOS ANGELES (Reuters) - The city council voted on Tuesday to rebuild the old "
        "harbour wall, which was damaged in the winter storms.</p>"
    )
    art = cleanarticle.extract(story(body), url=URL)
    assert art.dateline == "LOS ANGELES (Reuters)"
    assert art.text.startswith("The city council voted on Tuesday")


def test_jsonld_in_cdata_and_with_trailing_commas() -> None:
    script = (
        "<script type='application/ld+json'>//<![CDATA[\n"
        '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Bruno Rodrigues",}],'
        ' "datePublished": "2018-12-21T12:55:00Z",}\n//]]></script>'
    )
    art = cleanarticle.extract(story("", script), url=URL)
    assert art.authors == ["Bruno Rodrigues"]
    assert art.date_published == "2018-12-21T12:55:00+00:00"


def test_date_line_printed_under_the_headline() -> None:
    html = (
        "<!doctype html><html lang='de'><head></head><body><header><div class='top'>"
        "<h1>Rat beschließt neue Hafenmauer</h1><div>Stand: 05. Februar 2020</div></div>"
        "</header><article>"
        "<p>Der Rat hat am Dienstag beschlossen, die alte Hafenmauer neu zu bauen, die bei den "
        "Winterstürmen zweimal gebrochen ist, und die Arbeiten an Firmen aus der Gegend zu "
        "vergeben.</p><p>Die Arbeiten beginnen im Frühjahr und dauern achtzehn Monate, sagte "
        "der Bürgermeister, der die Kosten aus den Rücklagen der Stadt bezahlen will.</p>"
        "</article></body></html>"
    )
    art = cleanarticle.extract(html, url="https://example.de/hafen")
    assert art.date_published == "2020-02-05"

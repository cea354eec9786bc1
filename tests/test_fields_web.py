"""Issue 15's classes of field mistakes, each on a small page of our own, in several languages:
dates in the publisher's own zone and day, dates only printed or in the URL, labels that tell a
publication from an update, credited organisations and agencies, interface words and user
names, kickers and live pages."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

import cleanarticle
from cleanarticle import Author, AuthorKind
from cleanarticle.fields.dates import DateLabel, date_label, dates_in_text
from cleanarticle.fields.printed import PrintedDate
from cleanarticle.fields.pubdates import Declared, pick_dates

BODY = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in "
    "the winter storms, and to open the work to local firms. Work starts in the spring.</p>"
    "<p>The mayor said the town would pay for it from its reserves, and that the wall would "
    "be finished before the next winter, whatever the weather brings until then.</p>"
)


def page(header: str, head: str = "", lang: str = "en", body: str = BODY) -> str:
    """A story page: ``header`` is printed between the headline and the body."""
    return (
        f"<!doctype html><html lang='{lang}'><head>{head}</head><body><article>"
        f"<h1>Harbour wall to be rebuilt</h1>{header}{body}</article></body></html>"
    )


def ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


# -- dates: the publisher's day, in the publisher's zone ------------------------------------


def test_declared_offset_is_kept_not_moved_to_utc() -> None:
    head = ld({"@type": "NewsArticle", "datePublished": "2022-11-07T00:00:00+01:00"})
    art = cleanarticle.extract(page("", head), url="https://zeitung.example.de/a")
    assert art.date_published == "2022-11-07T00:00:00+01:00"
    published = art.published_at
    assert isinstance(published, datetime)
    assert published.utcoffset() == timedelta(hours=1)  # aware, in the page's own zone
    assert published.date() == date(2022, 11, 7)


def test_printed_day_beats_a_utc_stamp_past_midnight() -> None:
    # The CMS writes UTC (5:30 the next day); the page prints its own evening.
    head = "<meta property='article:published_time' content='2023-11-09T05:30:59+00:00'>"
    header = "<p class='meta'>Published: November 8, 2023 at 11:30 p.m.</p>"
    art = cleanarticle.extract(page(header, head), url="https://news.example.com/story")
    assert art.date_published is not None
    assert art.date_published[:10] == "2023-11-08"
    assert "+00:00" not in art.date_published  # no offset invented for the printed day


def test_url_day_beats_a_utc_stamp_past_midnight() -> None:
    head = "<meta property='article:published_time' content='2020-02-25T02:25:54+00:00'>"
    url = "https://news.example.com/2020/02/24/wall-vote/"
    assert cleanarticle.extract(page("", head), url=url).date_published == "2020-02-24"


def test_declared_value_kept_when_the_page_prints_its_day() -> None:
    head = "<meta property='article:published_time' content='2021-03-04T09:30:00+01:00'>"
    header = "<p class='byline'>4. März 2021</p>"
    art = cleanarticle.extract(page(header, head, lang="de"), url="https://x.example.de/a")
    assert art.date_published == "2021-03-04T09:30:00+01:00"  # the time and offset kept


@pytest.mark.parametrize(
    ("header", "lang", "expected"),
    [
        (
            "<div class='info'><span>Veröffentlicht am</span> <span>16.08.2019</span></div>",
            "de",
            "2019-08-16",
        ),
        ("<p>Mis en ligne le 23 mai 2019</p>", "fr", "2019-05-23"),
        ("<p>Publicado el 3 de mayo de 2022</p>", "es", "2022-05-03"),
        ("<p><time>Jan. 28th, 2020</time></p>", "en", "2020-01-28"),  # <time> without datetime
        ("<p>Pubblicato il 12 giugno 2021</p>", "it", "2021-06-12"),
    ],
)
def test_date_only_printed(header: str, lang: str, expected: str) -> None:
    art = cleanarticle.extract(page(header, lang=lang), url="https://blog.example.org/post")
    assert art.date_published == expected


def test_date_only_in_the_url() -> None:
    url = "https://news.example.com/2021/10/29/harbour-wall/"
    assert cleanarticle.extract(page(""), url=url).date_published == "2021-10-29"


def test_published_and_updated_printed_apart() -> None:
    header = "<p>Veröffentlicht: 03.05.2021 · Aktualisiert: 04.05.2021, 10:15 Uhr</p>"
    art = cleanarticle.extract(page(header, lang="de"), url="https://x.example.de/a")
    assert art.date_published == "2021-05-03"
    assert art.date_modified is not None
    assert art.date_modified.startswith("2021-05-04")


def test_an_update_never_wins_over_the_declared_publication() -> None:
    head = ld(
        {
            "@type": "Article",
            "datePublished": "2015-04-06T10:00:00-04:00",
            "dateModified": "2025-09-28T08:00:00-04:00",
        }
    )
    header = "<p>Updated September 28, 2025</p>"
    art = cleanarticle.extract(page(header, head), url="https://guide.example.com/a")
    assert art.date_published == "2015-04-06T10:00:00-04:00"
    assert art.date_modified == "2025-09-28T08:00:00-04:00"


def test_copyright_and_comment_dates_never_win() -> None:
    body = BODY + (
        "<footer><p>© 2019 Harbour Times, 01.02.2019</p></footer>"
        "<div class='comments'><p>Reply posted 05.06.2020</p></div>"
    )
    header = "<p>© 01.01.2018</p>"
    art = cleanarticle.extract(page(header, body=body), url="https://x.example.org/a")
    assert art.date_published is None


def test_only_an_update_printed_stands_for_the_date() -> None:
    header = "<p>Aktualisiert: 30.12.2016</p>"
    art = cleanarticle.extract(page(header, lang="de"), url="https://verein.example.de/info")
    assert art.date_published == "2016-12-30"


def test_member_since_is_not_a_date_of_the_page() -> None:
    header = "<p>Mitglied seit 04.07.2012</p><p>11.09.2024</p>"
    art = cleanarticle.extract(page(header, lang="de"), url="https://forum.example.de/t/1")
    assert art.date_published == "2024-09-11"


@pytest.mark.parametrize(
    ("before", "label"),
    [
        ("Published ", DateLabel.PUBLISHED),
        ("Posted on ", DateLabel.PUBLISHED),
        ("Veröffentlicht am ", DateLabel.PUBLISHED),
        ("Publié le ", DateLabel.PUBLISHED),
        ("Last updated: ", DateLabel.MODIFIED),
        ("Zuletzt aktualisiert ", DateLabel.MODIFIED),
        ("Mis à jour le ", DateLabel.MODIFIED),
        ("Actualizado el ", DateLabel.MODIFIED),
        ("© ", DateLabel.OTHER),
        ("Joined ", DateLabel.OTHER),
        ("By Jane Doe | ", DateLabel.NONE),
    ],
)
def test_date_labels(before: str, label: DateLabel) -> None:
    assert date_label(before) is label


def test_each_date_of_a_line_with_its_label() -> None:
    line = "Published 3 May 2021 · Updated 4 May 2021"
    found = [(value, date_label(line[:start])) for start, _, value in dates_in_text(line)]
    assert found == [("2021-05-03", DateLabel.PUBLISHED), ("2021-05-04", DateLabel.MODIFIED)]


def test_pick_dates_order_of_trust() -> None:
    printed = [PrintedDate("2023-11-08T23:30:59", DateLabel.PUBLISHED, True)]
    declared = Declared("2023-11-09T05:30:59+00:00", "2023-11-09T06:21:49+00:00")
    assert pick_dates(declared, printed)[0] == "2023-11-08T23:30:59"
    # Nothing printed: the declared value; nothing declared: the URL's day.
    assert pick_dates(declared, [])[0] == "2023-11-09T05:30:59+00:00"
    assert pick_dates(Declared(), [], "2023-11-08") == ("2023-11-08", None)
    # A printed date after the page's last change is not its publication (a comment's).
    later = [PrintedDate("2024-02-01", DateLabel.NONE, True)]
    assert pick_dates(declared, later)[0] == "2023-11-09T05:30:59+00:00"
    # Day and month the other way round (09/10/2024 read as 9 October) still confirm.
    swapped = [PrintedDate("2024-10-09", DateLabel.NONE, True)]
    assert pick_dates(Declared("2024-09-10T16:07:00+00:00"), swapped)[0].startswith("2024-09-10")


# -- authors: every credited name, typed --------------------------------------------------


@pytest.mark.parametrize(
    ("header", "lang", "expected"),
    [
        (
            "<p class='byline'>Von Anna Berg, Max Huber und Eva Roth</p>",
            "de",
            [("Anna Berg", "Person"), ("Max Huber", "Person"), ("Eva Roth", "Person")],
        ),
        ("<p class='byline'>Par AFP</p>", "fr", [("AFP", "Organization")]),
        ("<p class='byline'>Von BR24 Redaktion</p>", "de", [("BR24 Redaktion", "Organization")]),
        (
            "<p class='byline'>Por Isabel Caro, EFE</p>",
            "es",
            [("Isabel Caro", "Person"), ("EFE", "Organization")],
        ),
        ("<p class='byline'>By Staff Writer</p>", "en", [("Staff Writer", "Organization")]),
    ],
)
def test_credited_people_and_organisations_in_byline_order(
    header: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    art = cleanarticle.extract(page(header, lang=lang), url="https://news.example.org/a")
    assert [(a.name, a.kind.value) for a in art.author_entities] == expected
    assert art.authors == [name for name, _ in expected]
    typed = art.to_dict()["author"]
    assert typed == [{"@type": kind, "name": name} for name, kind in expected]


def test_interface_words_are_never_authors() -> None:
    for header in (
        "<div class='author'><button>Schließen</button></div>",
        "<div class='author-tools'><a href='#'>Themen bearbeiten</a></div>",
        "<span class='byline'>Written by</span>",
    ):
        art = cleanarticle.extract(page(header, lang="de"), url="https://x.example.de/a")
        assert art.authors == [], header


def test_labels_before_names_are_not_part_of_them() -> None:
    header = "<div class='author'>Author Andreas Kalt</div>"
    assert cleanarticle.extract(page(header), url="https://x.example.de/a").authors == [
        "Andreas Kalt"
    ]
    header = "<p class='byline'>By by JOSH HASKELL</p>"
    assert cleanarticle.extract(page(header), url="https://x.example.com/a").authors == [
        "JOSH HASKELL"
    ]


def test_user_name_gives_way_to_the_display_name_printed() -> None:
    head = "<meta name='author' content='christian.stadtfeld'>"
    header = "<a rel='author' href='/autor/christian.stadtfeld'>Christian Stadtfeld</a>"
    art = cleanarticle.extract(page(header, head, lang="de"), url="https://x.example.de/a")
    assert art.authors == ["Christian Stadtfeld"]


def test_the_site_named_by_metadata_is_not_an_author() -> None:
    head = (
        "<meta property='og:site_name' content='Harbour Times'>"
        "<meta name='author' content='Harbour Times'>"
        + ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Harbour Times"}})
    )
    art = cleanarticle.extract(page("", head), url="https://harbourtimes.example/a")
    assert art.authors == []


def test_the_site_credited_by_the_byline_is_an_author() -> None:
    head = "<meta property='og:site_name' content='Harbour Times'>"
    header = "<p class='byline'>By Harbour Times</p>"
    art = cleanarticle.extract(page(header, head), url="https://harbourtimes.example/a")
    assert art.author_entities == [Author("Harbour Times", AuthorKind.ORGANIZATION)]


def test_people_printed_beat_a_newsroom_declared() -> None:
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Redaktion"}})
    header = "<p>Von Lisa Petrich</p>"
    art = cleanarticle.extract(page(header, head, lang="de"), url="https://x.example.de/a")
    assert art.authors == ["Lisa Petrich"]


# -- headline: kickers, declared titles, live pages ---------------------------------------


def test_kicker_element_goes_to_its_field() -> None:
    html = (
        "<html lang='de'><head><meta property='og:title' content='Gericht stoppt Verkauf'>"
        "</head><body><article><h1><span class='dachzeile'>LTE-Patent:</span> Gericht stoppt "
        f"Verkauf</h1>{BODY}</article></body></html>"
    )
    art = cleanarticle.extract(html, url="https://x.example.de/a")
    assert art.headline == "Gericht stoppt Verkauf"
    assert art.kicker == "LTE-Patent"
    assert art.to_dict()["kicker"] == "LTE-Patent"
    assert art.to_markdown().startswith("**LTE-Patent**\n\n# Gericht stoppt Verkauf")


def test_kicker_set_off_by_a_colon_that_the_declared_title_lacks() -> None:
    html = (
        "<html><head><meta property='og:title' content='Real Madrid wins in Athens | Sport'>"
        "</head><body><article><h1>Basketball-Euroleague: Real Madrid wins in Athens</h1>"
        f"{BODY}</article></body></html>"
    )
    art = cleanarticle.extract(html, url="https://sport.example.com/a")
    assert art.headline == "Real Madrid wins in Athens"
    assert art.kicker == "Basketball-Euroleague"


def test_topic_the_declared_title_prints_is_part_of_the_headline() -> None:
    html = (
        "<html><head><meta property='og:title' content='Brexit: what happens next'></head>"
        f"<body><article><h1>Brexit: what happens next</h1>{BODY}</article></body></html>"
    )
    art = cleanarticle.extract(html, url="https://news.example.co.uk/a")
    assert art.headline == "Brexit: what happens next"
    assert art.kicker is None


def test_section_after_a_bar_is_cut() -> None:
    html = (
        "<html><head><meta property='og:title' content='Why the wall matters | Opinion'></head>"
        "<body><article><h1>Why the wall matters | Opinion</h1>"
        f"{BODY}</article></body></html>"
    )
    assert cleanarticle.extract(html, url="https://x.example.com/a").headline == (
        "Why the wall matters"
    )


def test_live_page_gives_its_own_title_not_the_latest_entry() -> None:
    entries = [
        {
            "@type": "BlogPosting",
            "headline": "Mayor arrives at the harbour",
            "datePublished": "2024-03-02T11:05:00+01:00",
            "author": {"@type": "Person", "name": "Jan Roe"},
        }
    ]
    live = {
        "@type": "LiveBlogPosting",
        "headline": "Storm over the harbour: live updates",
        "datePublished": "2024-03-02T08:00:00+01:00",
        "author": {"@type": "Person", "name": "Ana Lima"},
        "liveBlogUpdate": entries,
    }
    html = (
        f"<html><head>{ld([entries[0], live])}</head><body><article>"
        "<h2>Mayor arrives at the harbour</h2><p class='byline'>Jan Roe, 11:05</p>"
        f"{BODY}</article></body></html>"
    )
    art = cleanarticle.extract(html, url="https://news.example.com/live")
    assert art.headline == "Storm over the harbour: live updates"
    assert art.date_published == "2024-03-02T08:00:00+01:00"
    assert art.authors == ["Ana Lima"]

"""The headline: the printed h1 the metadata agrees with; site names stripped; no rail."""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle.fields.headline import site_keys, strip_site

from .cases import page

PARA = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in "
    "the winter storms, and to open the work to local firms. Work starts in the spring."
)


def story(body: str, head: str = "") -> str:
    """A page whose body is ``body`` and two paragraphs of story."""
    return page(f"{body}<p>{PARA}</p><p>{PARA}</p>", head)


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        (
            "Harbour wall to be rebuilt | DW | 19.01.2020",
            "DW",
            "dw.com",
            "Harbour wall to be rebuilt",
        ),
        (
            "Harbour wall to be rebuilt - The Guardian",
            "The Guardian",
            None,
            "Harbour wall to be rebuilt",
        ),
        ("Harbour wall to be rebuilt – taz.de", None, None, "Harbour wall to be rebuilt"),
        (
            "Ben Wilson Surf - Point of Sail - Segelmacher in Kiel",
            None,
            "pointofsail-kiel.de",
            "Ben Wilson Surf",
        ),
        ("Lorem ipsum dolor sit amet – My Website", None, None, "Lorem ipsum dolor sit amet"),
        # A subtitle after a dash is part of the headline; so is a long part after a pipe.
        (
            "Grüner Wasserstoff – das Schlüsselelement der Energiewende",
            None,
            None,
            "Grüner Wasserstoff – das Schlüsselelement der Energiewende",
        ),
        (
            "How to Grow a Lemon Tree from Seed | A Complete Step by Step Guide",
            None,
            None,
            "How to Grow a Lemon Tree from Seed | A Complete Step by Step Guide",
        ),
    ],
)
def test_strip_site(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert strip_site(title, site_keys((site,), host)) == expected


def test_visible_h1_that_matches_the_metadata_wins() -> None:
    html = story(
        "<h1 class='logo'><a href='/'>Harbour Times</a></h1>"
        "<h1>Council votes to rebuild the harbour wall</h1>",
        "<title>Harbour wall: council votes to rebuild | Harbour Times</title>"
        "<meta property='og:title' content='Council votes to rebuild harbour wall'>",
    )
    assert cleanarticle.extract(html).headline == "Council votes to rebuild the harbour wall"


def test_rail_h2_is_never_the_headline() -> None:
    html = story(
        "<div class='site-title'>Harbour Times</div>"
        "<aside class='related'><h2>Fishermen protest new quotas in the bay</h2></aside>",
        "<title>Council votes to rebuild the harbour wall - Harbour Times</title>"
        "<meta property='og:site_name' content='Harbour Times'>",
    )
    assert cleanarticle.extract(html).headline == "Council votes to rebuild the harbour wall"


def test_kicker_and_hidden_label_are_not_the_headline() -> None:
    html = story(
        "<h1><span class='dachzeile'>Nach dem Sturm</span> "
        "<span class='visually-hidden'>Headline:</span> Rat beschließt neue Hafenmauer</h1>",
        "<meta property='og:title' content='Nach dem Sturm: Rat beschließt neue Hafenmauer'>",
    )
    assert cleanarticle.extract(html).headline == "Rat beschließt neue Hafenmauer"


def test_h1_with_site_suffix_is_trimmed() -> None:
    html = story(
        "<h1>Council votes to rebuild the harbour wall | Harbour Times</h1>",
        "<meta property='og:title' content='Council votes to rebuild the harbour wall'>"
        "<meta property='og:site_name' content='Harbour Times'>",
    )
    assert cleanarticle.extract(html).headline == "Council votes to rebuild the harbour wall"


def test_entities_escaped_twice_are_decoded() -> None:
    html = story(
        "",
        "<meta property='og:title' content='Fish &amp;amp; chips: the harbour&amp;#8217;s pride'>",
    )
    assert cleanarticle.extract(html).headline == "Fish & chips: the harbour’s pride"

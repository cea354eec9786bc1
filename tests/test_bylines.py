"""Authors: persons only, from author fields and printed bylines, in many languages."""

from __future__ import annotations

import pytest

from cleanarticle.fields.bylines import (
    NameSource,
    authors_from_byline,
    clean_names,
    is_agency,
    tidy_byline,
)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Jane Doe, John Smith and Ann Lee", ["Jane Doe", "John Smith", "Ann Lee"]),
        ("Von Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"]),
        ("Par Martin Untersinger (avec Damien Leloup)", ["Martin Untersinger"]),
        (
            "Por Isabel Caro, Rocío Latorre y José Miguel Wilson",
            ["Isabel Caro", "Rocío Latorre", "José Miguel Wilson"],
        ),
        ("By Joshua Sokol May 20, 2019", ["Joshua Sokol"]),
        ("by Laura June Topolsky July 10, 2015", ["Laura June Topolsky"]),
        ("Ben Silverman Games Editor", ["Ben Silverman"]),
        ("By Ben Silverman, Games Editor", ["Ben Silverman"]),  # a role is not a second author
        ("Chris Stein US politics live blogger", ["Chris Stein"]),
        ("Christoph Hein Chefredakteur", ["Christoph Hein"]),
        (
            "By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy",
            ["Daniel Kahn Gillmor"],
        ),
        ("Tech Industry by Steven Musil January 18, 2017", ["Steven Musil"]),
        ("Datum: 19.11.2021 Autor: Fritz Imhof Quelle: Livenet", ["Fritz Imhof"]),
        ("VON MORITZ GATHMANN am 21. April 2020", ["MORITZ GATHMANN"]),
        ("Par Chokri GHARBI Publié sur 18/02/2020", ["Chokri GHARBI"]),
        ("Posted by Jane Doe", ["Jane Doe"]),
        ("von Robert -", ["Robert"]),  # one word after an explicit "von"
    ],
)
def test_printed_bylines(byline: str, expected: list[str]) -> None:
    assert authors_from_byline(byline) == expected


@pytest.mark.parametrize(
    "byline",
    [
        "By Staff",
        "Redaktion",
        "Email the author",
        "By AP",
        "dpa/AFP",
        "Zuletzt geändert am: 15.10.2021",
        "Updated March 3, 2021",
        "Share this article",
        "Robert",  # one printed word is not a name without "By"
    ],
)
def test_not_persons(byline: str) -> None:
    assert authors_from_byline(byline) == []


def test_agencies() -> None:
    assert is_agency("The Associated Press")
    assert is_agency("dpa/AFP")
    assert not is_agency("Jane Doe")


def test_fields_allow_pen_names_but_not_the_site_or_an_address() -> None:
    assert clean_names("gnaddrig", source=NameSource.MARKED) == ["gnaddrig"]
    assert clean_names("Nils", source=NameSource.FIELD) == ["Nils"]
    giromatch = frozenset({"giromatch"})  # the host giromatch.com
    assert (
        clean_names("GIROMATCH, Frankfurt a. M., Germany", source=NameSource.FIELD, hosts=giromatch)
        == []
    )
    assert clean_names("Deutscher Caritasverband e. V.", source=NameSource.FIELD) == []
    site = frozenset({"tour magazin"})
    assert clean_names("Tour Magazin", source=NameSource.FIELD, not_names=site) == []
    hosts = frozenset({"kircheundleben"})
    assert (
        clean_names("Kirche und Leben, Münster, Germany", source=NameSource.FIELD, hosts=hosts)
        == []
    )
    assert clean_names(
        "Michael L. Anderson, PhD, Carlos Dobkin, PhD", source=NameSource.PRINTED
    ) == [
        "Michael L. Anderson",
        "Carlos Dobkin",
    ]


def test_prefixed_byline_may_name_the_site() -> None:
    # A personal site named after its author: "Von: Wolfgang Schmale" on wolfgangschmale.eu.
    blocked = frozenset({"wolfgang schmale", "wolfgangschmale"})
    assert clean_names("Von: Wolfgang Schmale", not_names=blocked) == ["Wolfgang Schmale"]
    assert clean_names("Wolfgang Schmale", not_names=blocked) == []


def test_names_printed_twice_once() -> None:
    assert clean_names("Kristen Falc'hon Kristen Falc'hon", source=NameSource.MARKED) == [
        "Kristen Falc'hon"
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("By Jane Doe March 4, 2021 | 6:00 PM", "By Jane Doe"),
        ("Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC", "Joe Wee"),
        ("Von Anna Maier, 12.03.2021", "Von Anna Maier"),
        ("By Sam Lee Updated 5 hours ago", "By Sam Lee"),
        ("By May Smith", "By May Smith"),  # a month name that is a first name stays
        ("", None),
    ],
)
def test_tidy_byline(printed: str, expected: str | None) -> None:
    assert tidy_byline(printed) == expected


def test_a_role_printed_alone_is_no_author_but_a_pen_name_in_a_field_is() -> None:
    # Yahoo prints the author's role in its own "author-title" element beside the name.
    assert clean_names("Games Editor", source=NameSource.PRINTED) == []
    assert clean_names("Rasender Reporter", source=NameSource.FIELD) == ["Rasender Reporter"]

"""The built-in profiles on real captures of aggregator pages (read from ../shared, never copied).

Each row pins what the page must yield: the profile recognised, the original publisher and the
aggregator, and chrome that must not reach the body. Skipped where ../shared is absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import cleanarticle

from .cases import SHARED

CAPTURES = SHARED / "aggregators"


@dataclass(frozen=True)
class Capture:
    file: str
    template: str | None
    publisher: str | None
    aggregator: str | None
    absent: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    partial: bool = False
    rules: tuple[str, ...] = field(default=())


ROWS = [
    Capture(
        "msn__readability-nintendo-mario.html",
        "msn",
        "Tech Insider",
        "MSN",
        absent=("Provided by", "MORE FOR YOU", "Sponsored Links", "AdChoices"),
        present=("Nintendo and Apple shocked the world",),
        rules=("msn.caption", "msn.taboola", "msn.share"),
    ),
    Capture(
        "msn__postlight-medicaldaily-sadmovies.html",
        "msn",
        "Medical Daily",
        "MSN",
        absent=("Archive Photos/Moveipix", "More in Health", "Up Next"),
        present=("Most of us have sat through a screening",),
        rules=("msn.caption",),
    ),
    Capture(
        "yahoo__postlight-clinton-sanders.html",
        "yahoo",
        "Fox Nation",
        "Yahoo News",
        absent=("Read More", "Reblog"),
        present=("live in their parents' basement",),
        partial=True,
        rules=("yahoo.read-more",),
    ),
    Capture(
        "yahoo__readability-yahoo1-psvr-games.html",
        "yahoo",
        "Yahoo Finance",
        None,  # Yahoo's own story: no aggregator
        present=("Virtual reality has officially reached the consoles.",),
    ),
    Capture(
        "yahoo__readability-yahoo3-abcnews-flag-baby.html",
        "yahoo",
        "Good Morning America",
        "Yahoo News",
        present=("A photographer and Navy veteran is fighting back",),
    ),
    Capture("yahoo__readability-yahoo4-japan-cnet.html", "yahoo", "CNET Japan", "Yahoo News"),
    Capture(
        "aol__postlight-teddy-bears.html",
        "aol",
        "KTVI",
        "AOL",
        absent=("Before you go", "See photos from this story"),
        present=("The BackStoppers organization is continuing to raise money",),
        rules=("aol.before-you-go",),
    ),
    Capture(
        "reuters__scrapinghub-asian-shares.html",
        "reuters",
        "Reuters",
        None,
        absent=("Reporting by Rodrigo Campos",),
        present=("Oil prices fell sharply on Tuesday",),
    ),
    Capture(
        "reuters__postlight.html",
        "reuters",
        "Reuters",
        None,
        absent=("Related Coverage", "Editing by David Chance"),
        present=("The U.S. Federal Reserve raised interest rates",),
    ),
    Capture(
        "abcnews__postlight.html",  # a publisher's own page; its <meta> are written value=
        None,
        "ABC News",
        None,
        present=("Hillary Clinton has an explanation for Vladimir Putin",),
    ),
    Capture(
        "republished__trafilatura-salon-emissions.html",
        None,
        "Grist",
        "Salon",
        absent=("This post originally appeared on Grist",),
        rules=("generic.republished",),
    ),
    Capture(
        "republished__readability-citylab.html",
        None,
        "The Atlantic",
        "CityLab",
        absent=("This article originally appeared on The Atlantic",),
    ),
    Capture(
        "amp__trafilatura-popsugar-halloween.html",
        "amp",
        "POPSUGAR",  # the JSON-LD publisher (og:site_name says "POPSUGAR Smart Living UK")
        None,
        present=("Cheap and easy DIY costumes are all that matter this Halloween",),
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.file.split(".")[0] for r in ROWS])
def test_capture(row: Capture) -> None:
    path = CAPTURES / row.file
    if not path.is_file():
        pytest.skip(f"{path} is absent (the ../shared folder is not beside the checkout)")
    article = cleanarticle.extract(path.read_bytes())
    assert article.template == row.template
    assert article.publisher == row.publisher
    assert article.aggregator == row.aggregator
    assert article.is_partial == row.partial
    for snippet in row.absent:
        assert snippet not in article.text, f"chrome kept: {snippet!r}"
    for snippet in row.present:
        assert snippet in article.text, f"content lost: {snippet!r}"
    fired = {r.rule for r in article.removed}
    for rule in row.rules:
        assert rule in fired, f"rule {rule} did not fire"

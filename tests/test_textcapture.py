"""Plain-text captures: the headline among the short lines, and related rails inside them."""

from __future__ import annotations

import pytest

import cleanarticle

STORY = [
    "Cities across the Midwest are racing to replace thousands of lead service lines before a "
    "federal deadline arrives next year, officials said on Monday.",
    "The work has been slowed by a shortage of plumbers and by records that do not say where "
    "the old pipes are buried, according to a survey of water utilities.",
]
MORE = [
    "Officials in several states say they expect to ask for more time, though federal "
    "regulators have signalled they are unlikely to grant extensions.",
]
CARDS = [
    "Ports brace for slowdown as shipping rates climb",
    "Container shipping rates between Asia and the U.S. West Coast have doubled since March, "
    "and port operators are warning of a slowdown over the summer...",
    "Spring storms flood farmland across the Plains",
    "Heavy rain over the weekend flooded thousands of acres of farmland in Kansas and "
    "Nebraska, delaying planting for the second year in a row, farmers said...",
]


def capture(*lines: str, blank: bool = False) -> str:
    return ("\n\n" if blank else "\n").join(lines) + "\n"


@pytest.mark.parametrize("blank", [False, True])
def test_the_byline_under_the_headline_is_not_taken_for_it(blank: bool) -> None:
    page = capture("Cities race to replace lead pipes", "By Jane Doe", *STORY, blank=blank)
    article = cleanarticle.extract(page, input_format="text")
    assert article.headline == "Cities race to replace lead pipes"
    assert article.authors == ["Jane Doe"]
    assert article.text.startswith("Cities across the Midwest")


@pytest.mark.parametrize("blank", [False, True])
def test_a_rail_of_cards_with_summaries_after_a_related_heading_is_removed(blank: bool) -> None:
    page = capture(
        "Cities race to replace lead pipes", *STORY, *MORE, "Related", *CARDS, blank=blank
    )
    article = cleanarticle.extract(page, input_format="text")
    assert article.text.endswith("unlikely to grant extensions.")
    assert "Ports brace" not in article.text and "Heavy rain" not in article.text
    rail = [r.text for r in article.removed if r.rule == "generic.related-heading"]
    assert rail == ["Related", *CARDS]


def test_the_story_resumes_after_a_rail_of_titles_inside_it() -> None:
    page = capture(
        "Cities race to replace lead pipes",
        STORY[0],
        "Related Articles",
        "Ports brace for slowdown as shipping rates climb",
        "Spring storms flood farmland across the Plains",
        STORY[1],
        *MORE,
        blank=True,
    )
    article = cleanarticle.extract(page, input_format="text")
    assert article.text.split("\n") == [STORY[0], STORY[1], *MORE]


def test_an_inline_related_link_does_not_take_the_next_lines_with_it() -> None:
    page = capture(
        "Cities race to replace lead pipes",
        STORY[0],
        "Read also: Ports brace for slowdown",
        "What comes next",
        STORY[1],
        *MORE,
        blank=True,
    )
    article = cleanarticle.extract(page, input_format="text")
    assert "What comes next" in [s.heading for s in article.sections]
    assert STORY[1] in article.text


def test_a_capture_holding_only_a_rail_has_no_article() -> None:
    page = capture("Read full article on original website", "Related", *CARDS)
    with pytest.raises(cleanarticle.NoContentError):
        cleanarticle.extract(page, input_format="text")

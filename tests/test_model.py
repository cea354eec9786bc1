"""The Article model: derived views, serialisation round trips, pickling."""

from __future__ import annotations

import json
import pickle
import re

import pytest

from cleanarticle import Article, Block, BlockKind, ListItem, RemovalKind, Removed, Section
from cleanarticle.model import Image


def _article() -> Article:
    return Article(
        headline="Title",
        authors=["Ada Lovelace"],
        publisher="Axios",
        aggregator="inkl",
        section="World",
        language="en",
        sections=[
            Section(None, [Block(BlockKind.PARAGRAPH, text="Lead paragraph.")]),
            Section(
                "Why it matters",
                [
                    Block(BlockKind.PARAGRAPH, text="Because."),
                    Block(BlockKind.LIST, items=[ListItem("one"), ListItem("nested", 1)]),
                    Block(BlockKind.TABLE, rows=[["a", "b"], ["1", "2"]]),
                    Block(BlockKind.QUOTE, text="Said."),
                ],
            ),
        ],
        images=[Image(url="x.jpg", caption="Cap", credit="Photo: Me")],
        removed=[Removed(RemovalKind.SIGNUP, "inkl.header", "Start reading")],
    )


def test_text_is_headings_and_blocks_in_order_without_headline() -> None:
    art = _article()
    assert art.text == "Lead paragraph.\nWhy it matters\nBecause.\none\nnested\na\tb\n1\t2\nSaid."
    assert "Title" not in art.text


def test_bullets_in_order() -> None:
    assert _article().bullets == ["one", "nested"]


def test_word_count_and_reading_time() -> None:
    art = _article()
    assert art.word_count == len(art.text.replace("\t", " ").split())
    assert art.reading_time == 1
    assert Article().reading_time == 0


def test_dict_round_trip_and_schema_names() -> None:
    art = _article()
    data = art.to_dict()
    for key in (
        "headline",
        "authors",
        "datePublished",
        "articleSection",
        "inLanguage",
        "articleBody",
        "publisher",
        "aggregator",
        "sections",
        "removed",
    ):
        assert key in data
    assert data["articleSection"] == "World"
    assert Article.from_dict(data) == art
    assert Article.from_json(art.to_json()) == art
    assert json.loads(art.to_json())["removed"][0] == {
        "kind": "signup",
        "rule": "inkl.header",
        "text": "Start reading",
    }


def test_pickles() -> None:
    art = _article()
    assert pickle.loads(pickle.dumps(art)) == art


def test_markdown_has_structure() -> None:
    md = _article().to_markdown()
    assert md.startswith("# Title\n")
    assert "## Why it matters" in md
    assert "- one\n  - nested" in md
    assert "| a | b |" in md
    assert "> Said." in md


def test_markdown_escapes_markup() -> None:
    art = Article(
        sections=[
            Section(None, [Block(BlockKind.PARAGRAPH, text="<script>x</script> [a](javascript:y)")])
        ]
    )
    md = art.to_markdown()
    assert "<script>" not in md
    assert re.search(r"(?<!\\)\]\(javascript", md) is None


def test_the_draft_hands_on_the_article_fields_it_carries_with_their_types() -> None:
    # The Article's field list is written once (model.py): the draft's values pass on by
    # name (fields/finish.py), so a field the draft carries must have the Article's type.
    from dataclasses import fields

    from cleanarticle.draft import Draft
    from cleanarticle.fields.finish import PASSED_ON

    draft = {f.name: f.type for f in fields(Draft)}
    article = {f.name: f.type for f in fields(Article)}
    assert {"headline", "date_published", "removed", "is_partial"} <= set(PASSED_ON)
    if not all(isinstance(t, str) for t in draft.values()):
        pytest.skip("compiled build: the draft's annotations are not kept as written")
    assert {name: draft[name] for name in PASSED_ON} == {name: article[name] for name in PASSED_ON}

"""Markdown and text renderings: snapshots of the fixtures that keep an ``expected.md``, and
the escaping that keeps article text from turning into markup."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import Article
from cleanarticle.model import Block, BlockKind, ListItem, Section

from .cases import CASES, case_spec

# Fixtures whose case.toml says ``markdown = true`` keep a reviewed ``expected.md``.
SNAPSHOTS = [p for p in CASES if (p / "input.html").is_file() and case_spec(p).get("markdown")]


def _article(case: Path) -> Article:
    url = case_spec(case).get("url")
    return cleanarticle.extract(
        (case / "input.html").read_bytes(), url=url if isinstance(url, str) else None
    )


def test_snapshots_exist() -> None:
    assert SNAPSHOTS, "no fixture keeps a Markdown snapshot (expected.md)"


@pytest.mark.parametrize("case", SNAPSHOTS, ids=[c.name for c in SNAPSHOTS])
def test_markdown_snapshot(case: Path, update_golden: bool) -> None:
    markdown = _article(case).to_markdown()
    snapshot = case / "expected.md"
    if update_golden or not snapshot.is_file():
        snapshot.write_text(markdown, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{snapshot} was missing and has been written: review it, then commit")
        return
    assert markdown == snapshot.read_text(encoding="utf-8")


def test_markdown_structures() -> None:
    art = Article(
        headline="A *headline* with # marks",
        byline="By Jane Doe",
        sections=[
            Section(None, [Block(BlockKind.PARAGRAPH, text="1. Not a list, [not a link](x)")]),
            Section(
                "Details",
                [
                    Block(
                        BlockKind.LIST,
                        items=[ListItem("one", 0), ListItem("one a", 1), ListItem("two", 0)],
                        ordered=True,
                    ),
                    Block(BlockKind.TABLE, rows=[["Name", "Value"], ["a|b", "1"]]),
                    Block(BlockKind.QUOTE, text="First line\nSecond line"),
                ],
                level=3,
            ),
        ],
    )
    assert art.to_markdown() == (
        "# A \\*headline\\* with # marks\n\n"
        "*By Jane Doe*\n\n"
        "1\\. Not a list, \\[not a link\\](x)\n\n"
        "### Details\n\n"
        "1. one\n   1. one a\n2. two\n\n"
        "| Name | Value |\n| --- | --- |\n| a\\|b | 1 |\n\n"
        "> First line\n> Second line\n"
    )
    assert art.to_text() == (
        "A *headline* with # marks\n\n1. Not a list, [not a link](x)\n\nDetails\n\n"
        "1. one\n    1. one a\n2. two\n\nName\tValue\na|b\t1\n\nFirst line\nSecond line\n"
    )

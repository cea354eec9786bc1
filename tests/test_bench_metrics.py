"""The benchmarks' metrics and loaders on tiny inputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleanarticle.bench import (
    detect_layout,
    load_dataset,
    shingle_score,
    snippet_score,
    tokens,
)


def test_tokens_are_word_runs_with_case() -> None:
    assert tokens("Hello, World! it's 2024") == ["Hello", "World", "it", "s", "2024"]


def test_shingle_score_per_page_and_averages() -> None:
    truth = "one two three four five six"  # 3 shingles
    score = shingle_score(
        [
            ("a", truth, truth),  # exact: p = r = 1
            ("b", "one two three four", truth),  # 1 of 3 shingles: p = 1, r = 1/3
            ("c", "", truth),  # empty prediction: no precision term, r = 0
            ("d", "x y z w v", "a"),  # no true shingles: p = 0, no recall term
        ]
    )
    assert score.precision == pytest.approx((1 + 1 + 0) / 3)
    assert score.recall == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert score.f1 == pytest.approx(
        2 * score.precision * score.recall / (score.precision + score.recall)
    )
    assert score.accuracy == pytest.approx(1 / 4)


def test_shingles_are_a_multiset() -> None:
    score = shingle_score([("a", "a b c d a b c d", "a b c d")])
    page = score.pages[0]
    assert (page.tp, page.fp, page.fn) == (1, 4, 0)


def test_snippet_score_normalises_white_space() -> None:
    score = snippet_score([("Hello   big\nworld. Footer", ["big world"], ["Footer", "Menu"])])
    assert (score.tp, score.fn, score.fp, score.tn) == (1, 0, 1, 1)
    assert score.precision == 0.5
    assert score.recall == 1.0


def _gz(path: Path, text: str) -> None:
    path.write_bytes(gzip.compress(text.encode()))


def test_loaders_detect_each_layout(tmp_path: Path) -> None:
    sh = tmp_path / "sh"
    (sh / "html").mkdir(parents=True)
    _gz(sh / "html" / "p1.html.gz", "<p>x</p>")
    (sh / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": "x", "url": "u"}}))
    layout, pages = load_dataset(sh)
    page = next(pages)
    assert layout == "scrapinghub" and page.data == b"<p>x</p>" and page.body == "x"

    tr = tmp_path / "tr"
    (tr / "html").mkdir(parents=True)
    _gz(tr / "html" / "f.html.gz", "<p>y</p>")
    (tr / "evaldata.json").write_text(
        json.dumps(
            {"http://u": {"file": "f.html.gz", "with": ["y"], "without": ["z"], "title": "T"}}
        )
    )
    layout, pages = load_dataset(tr)
    page = next(pages)
    assert layout == "trafilatura" and page.with_snippets == ["y"] and page.meta["title"] == "T"

    plain = tmp_path / "plain"
    (plain / "sub").mkdir(parents=True)
    (plain / "a.html").write_text("<p>a</p>")
    _gz(plain / "sub" / "b.htm.gz", "<p>b</p>")
    (plain / "notes.md").write_text("skip me")
    assert detect_layout(plain) == "plain"
    assert [p.id for p in load_dataset(plain)[1]] == ["a.html", "sub/b.htm.gz"]

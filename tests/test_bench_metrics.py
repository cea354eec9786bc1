"""The benchmarks' metrics and loaders on tiny inputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleanarticle.bench import (
    WordScore,
    detect_layout,
    load_dataset,
    shingle_score,
    snippet_score,
    tokens,
    word_f1,
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


def test_word_f1_is_over_lowercase_token_bags() -> None:
    # 4 predicted tokens, 3 true ones; "the" counts twice in the prediction, once in truth
    precision, recall, f1 = word_f1("The cat, the HAT", "the cat sat")
    assert (precision, recall) == (pytest.approx(2 / 4), pytest.approx(2 / 3))
    assert f1 == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))
    assert word_f1("", "some truth") == (0.0, 0.0, 0.0)  # empty prediction scores 0
    assert word_f1("", "")[2] == 1.0
    assert word_f1("noise", "")[2] == 0.0


def test_word_score_is_the_mean_of_page_f1_per_type() -> None:
    score = WordScore()
    score.add("a", "article", "x y", "x y")
    score.add("b", "forum", "x", "y")
    score.add("c", "forum", "x y", "x y")
    assert score.f1 == pytest.approx(2 / 3)
    assert score.by_type() == {"article": (1, 1.0), "forum": (2, 0.5)}


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

    wc = tmp_path / "wc"
    (wc / "html").mkdir(parents=True)
    _gz(wc / "html" / "0001.html.gz", "<p>z</p>")
    entry = {
        "url": "https://e.org/",
        "page_type": "forum",
        "title": "T",
        "author": None,
        "publish_date": "2024-05-01",
        "main_content": "z",
        "with": ["z"],
        "without": [],
    }
    (wc / "ground-truth.json").write_text(json.dumps({"0001": entry}))
    layout, pages = load_dataset(wc)
    page = next(pages)
    assert layout == "wcxb" and page.body == "z" and page.meta["page_type"] == "forum"
    assert page.meta["date"] == "2024-05-01" and page.with_snippets == ["z"]

    plain = tmp_path / "plain"
    (plain / "sub").mkdir(parents=True)
    (plain / "a.html").write_text("<p>a</p>")
    _gz(plain / "sub" / "b.htm.gz", "<p>b</p>")
    (plain / "notes.md").write_text("skip me")
    assert detect_layout(plain) == "plain"
    assert [p.id for p in load_dataset(plain)[1]] == ["a.html", "sub/b.htm.gz"]

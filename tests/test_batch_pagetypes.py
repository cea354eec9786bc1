"""Batch ``--page-types``: only some page types are cleaned, every other page still gets its
record (a skipped one, with its type), and resuming treats skipped records as done."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from cleanarticle import InputError, PageType
from cleanarticle.batch import Cleaner, Document
from cleanarticle.batch.records import to_line
from cleanarticle.cli import main

from .test_pagetype import ARTICLE, FORUM, PAGES, PRODUCT

ARTICLE_URL = PAGES[PageType.ARTICLE][1]
PRODUCT_URL = PAGES[PageType.PRODUCT][1]


def records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_a_page_of_another_type_is_a_skipped_result_with_its_type() -> None:
    cleaner = Cleaner(page_types=["article", "forum"])
    result = cleaner(Document("kettle.html", data=PRODUCT, url=PRODUCT_URL, id="k1"))
    assert (result.article, result.error, result.skipped) == (None, None, "product")
    assert result.to_record() == {
        "source": "kettle.html",
        "id": "k1",
        "url": PRODUCT_URL,
        "pageType": "product",
        "skipped": {
            "type": "PageTypeSkipped",
            "message": "the page is of type product, not article or forum",
        },
    }
    line = to_line(result)
    assert (line.error_type, line.skipped_type) == (None, "product")


def test_pages_of_the_wanted_types_are_cleaned() -> None:
    cleaner = Cleaner(page_types=["article", "forum"])
    story = cleaner(Document("story.html", data=ARTICLE, url=ARTICLE_URL))
    assert story.article is not None and story.skipped is None
    assert story.to_record()["pageType"] == "article"
    thread = cleaner(Document("thread.html", data=FORUM))
    assert thread.article is not None and thread.article.page_type == "forum"
    assert to_line(story).skipped_type is None


def test_without_page_types_every_page_is_cleaned() -> None:
    result = Cleaner()(Document("kettle.html", data=PRODUCT, url=PRODUCT_URL))
    assert result.article is not None and result.article.page_type == "product"


def test_unknown_page_types_are_refused() -> None:
    with pytest.raises(InputError, match="unknown page type 'blog'"):
        Cleaner(page_types=["article", "blog"])
    with pytest.raises(InputError, match="no page type"):
        Cleaner(page_types=[])


def test_the_filter_travels_to_workers() -> None:
    cleaner = pickle.loads(pickle.dumps(Cleaner(page_types=["Forum"])))
    assert cleaner(Document("k", data=PRODUCT)).skipped == "product"


def _dump(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "a-story.html").write_text(ARTICLE, encoding="utf-8")
    (folder / "b-kettle.html").write_text(PRODUCT, encoding="utf-8")
    (folder / "c-thread.html").write_text(FORUM, encoding="utf-8")
    (folder / "d-empty.html").write_text("   ", encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def test_cli_page_types_one_record_per_input_and_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _dump(tmp_path / "dump")
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(tmp_path / "dump"), "-o", str(out), "--workers", "1"]
    assert main([*argv, "--page-types", "article,forum"]) == 0
    rows = {r["source"]: r for r in records(out)}
    assert sorted(rows) == sources  # one record per input, whatever happened to it
    story, kettle, thread, empty = (rows[s] for s in sources)
    assert story["pageType"] == "article" and "articleBody" in story
    assert thread["pageType"] == "forum" and "articleBody" in thread
    assert kettle["pageType"] == "product" and kettle["skipped"]["type"] == "PageTypeSkipped"
    assert "articleBody" not in kettle and "error" not in kettle
    assert empty["error"]["type"] == "EmptyInputError"
    summary = capsys.readouterr().err
    assert "skipped by page type: 1 (product 1)" in summary
    assert "articles: 2" in summary
    # Cut the output after the skipped record, as a crash would: resume redoes only the rest.
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]))
    assert main([*argv, "--page-types", "article,forum", "--resume"]) == 0
    again = records(out)
    assert sorted(r["source"] for r in again) == sources  # none lost, none twice
    assert "already done (resume): 2" in capsys.readouterr().err


def test_cli_refuses_an_unknown_page_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _dump(tmp_path / "dump")
    out = tmp_path / "out.jsonl"
    assert main(["batch", *sources, "-o", str(out), "--page-types", "article,blogs"]) == 2
    assert "unknown page type 'blogs'" in capsys.readouterr().err
    assert not out.exists()


def test_parquet_keeps_page_type_and_skipped(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    sources = _dump(tmp_path / "dump")
    out = tmp_path / "out.parquet"
    argv = ["batch", *sources[:3], "-o", str(out), "--workers", "1", "--page-types", "article"]
    assert main(argv) == 0
    table = pq.read_table(out).to_pylist()
    by_source = {row["source"]: row for row in table}
    assert by_source[sources[0]]["pageType"] == "article"
    assert by_source[sources[0]]["skipped"] is None
    assert by_source[sources[1]]["pageType"] == "product"
    assert by_source[sources[1]]["skipped"]["type"] == "PageTypeSkipped"
    assert by_source[sources[2]]["skipped"]["message"].startswith("the page is of type forum")

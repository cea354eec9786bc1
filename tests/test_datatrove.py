"""cleanarticle.integrations.datatrove: the extractor step in a small local datatrove
pipeline, WARC in (datatrove's WarcReader), JSONL out (its JsonlWriter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="the datatrove extra is not installed")
pytest.importorskip("warcio", reason="the datatrove extra is not installed")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

from cleanarticle.integrations.datatrove import DEFAULT_FIELDS, CleanArticle

from .dumps import story_page, write_warc

NAV_ONLY = b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def test_a_warc_to_jsonl_pipeline_keeps_metadata_and_adds_article_fields(
    tmp_path: Path,
) -> None:
    warcs, out = tmp_path / "warcs", tmp_path / "out"
    warcs.mkdir()
    write_warc(
        warcs / "crawl.warc.gz",
        [
            (
                "00000000-0000-0000-0000-000000000001",
                "https://news.example/a",
                story_page(1).encode(),
                "text/html",
            ),
            (
                "00000000-0000-0000-0000-000000000002",
                "https://news.example/nav",
                NAV_ONLY,
                "text/html",
            ),
            (
                "00000000-0000-0000-0000-000000000003",
                "https://news.example/p.png",
                PNG,
                "image/png",
            ),
            (
                "00000000-0000-0000-0000-000000000004",
                "https://news.example/b",
                story_page(2).encode(),
                "text/html",
            ),
        ],
        gz=True,
    )
    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(warcs)),
            CleanArticle(),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    (written,) = out.glob("*.jsonl")
    docs = [json.loads(line) for line in written.read_text("utf-8").splitlines()]
    # The navigation-only page gives no article and is dropped; the image never was a page.
    assert [d["metadata"]["url"] for d in docs] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    first = docs[0]
    assert first["text"].startswith("The city council voted")
    assert "Sign up for our newsletter" not in first["text"]
    assert first["id"] == "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    meta = first["metadata"]
    assert meta["date"]  # the WARC's own metadata, kept
    assert meta["headline"] == "Tram network to grow 1"
    assert meta["byline"] == "By Ana Lopes" and meta["authors"] == ["Ana Lopes"]
    assert meta["inLanguage"] == "en"
    assert set(DEFAULT_FIELDS) <= set(meta)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
    step = next(s for s in stats if "cleanarticle" in s["name"])
    assert step["stats"]["error_NoContentError"] == 1
    assert step["stats"]["forwarded"] == 2


def test_the_step_keeps_existing_metadata_and_can_add_every_field() -> None:
    from datatrove.data import Document

    doc = Document(
        text=story_page(3),
        id="x",
        metadata={"url": "https://news.example/c", "headline": "kept as the document had it"},
    )
    (cleaned,) = CleanArticle(fields=None).run(iter([doc]))
    assert cleaned.metadata["headline"] == "kept as the document had it"
    assert cleaned.metadata["url"] == "https://news.example/c"
    assert "articleBody" not in cleaned.metadata
    assert cleaned.metadata["sections"][0]["blocks"][0]["type"] == "paragraph"
    assert CleanArticle().extract(story_page(3)).startswith("The city council voted")

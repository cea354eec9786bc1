"""Batch outputs: whole records only, locks, resume bookkeeping, Parquet schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanarticle import extract
from cleanarticle.batch.output import JsonlSink
from cleanarticle.batch.records import ErrorInfo, Line, Result, to_line
from cleanarticle.batch.resume import SourceSet, jsonl_sources, repair_jsonl
from cleanarticle.errors import OutputError

from .dumps import story_page


def _line(source: str, *, error: bool = False) -> Line:
    if error:
        return to_line(Result(source, error=ErrorInfo("NoContentError", "nothing")))
    return to_line(Result(source, article=extract(story_page(1))))


def test_records_have_the_source_first_and_an_article_or_an_error() -> None:
    ok = json.loads(_line("a.html").data)
    assert next(iter(ok)) == "source"
    assert ok["headline"] == "Tram network to grow 1"
    assert "error" not in ok
    failed = Result("x:3", error=ErrorInfo("InputReadError", "bad"), id="7", url="https://u/")
    assert failed.to_record() == {
        "source": "x:3",
        "id": "7",
        "url": "https://u/",
        "error": {"type": "InputReadError", "message": "bad"},
    }


def test_a_lone_surrogate_still_gives_a_valid_line() -> None:
    line = to_line(Result("bad\udcff.html", error=ErrorInfo("InputError", "x")))
    assert line.data.endswith(b"\n")
    assert json.loads(line.data)["source"] == "bad\udcff.html"


def test_a_torn_last_line_is_truncated_on_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    sink = JsonlSink(str(out))
    sink.write(_line("a"))
    sink.write(_line("b", error=True))
    sink.close()
    whole = out.read_bytes()
    with out.open("ab") as fh:
        fh.write(_line("c").data[:100])  # what kill -9 in the middle of a write leaves
    resumed = JsonlSink(str(out), resume=True)
    assert "a" in resumed.done and "b" in resumed.done and "c" not in resumed.done
    assert len(resumed.done) == 2
    assert out.read_bytes() == whole
    resumed.write(_line("c"))
    resumed.close()
    assert list(jsonl_sources(str(out))) == ["a", "b", "c"]


def test_an_existing_output_needs_resume_or_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    sink = JsonlSink(str(out))
    sink.write(_line("a"))
    sink.close()
    with pytest.raises(OutputError, match="--resume"):
        JsonlSink(str(out))
    JsonlSink(str(out), overwrite=True).close()
    assert out.read_bytes() == b""


def test_two_batches_cannot_write_one_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = JsonlSink(str(out))
    try:
        with pytest.raises(OutputError, match="another batch"):
            JsonlSink(str(out), resume=True)
    finally:
        first.close()


def test_an_output_that_is_not_batch_records_is_not_resumed(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "a"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(OutputError, match=r"out\.jsonl:2"):
        JsonlSink(str(out), resume=True)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_an_output_error() -> None:
    sink = JsonlSink("/dev/full", overwrite=True)
    with pytest.raises(OutputError, match="cannot write"):
        sink.write(_line("a"))
        sink.sync()
    with pytest.raises(OutputError):
        sink.close()


def test_repair_handles_a_file_without_any_newline(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_bytes(b'{"source": "a"')
    import os

    fd = os.open(out, os.O_RDWR)
    try:
        assert repair_jsonl(fd) == 0
    finally:
        os.close(fd)
    assert out.read_bytes() == b""


def test_source_set() -> None:
    done = SourceSet(["a", "b\udcff"])
    assert "a" in done and "b\udcff" in done and "c" not in done and 3 not in done
    assert len(done) == 2


def test_parquet_schema_covers_every_record_field() -> None:
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    from cleanarticle.batch.parquet import record_schema

    names = set(record_schema().names)
    article = json.loads(_line("a").data)
    failed = Result("x", error=ErrorInfo("E", "m"), id="1", url="u").to_record()
    missing = (set(article) | set(failed)) - names
    assert not missing, f"add these record fields to parquet.record_schema(): {missing}"


def test_parquet_parts_are_whole_and_resumable(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pyarrow.parquet as pq

    from cleanarticle.batch.parquet import ParquetSink

    out = tmp_path / "out.parquet"
    sink = ParquetSink(str(out), rows_per_part=2)
    for name in "abcde":
        sink.write(_line(name, error=name == "c"))
    sink.close()
    assert sorted(p.name for p in out.glob("part-*")) == [
        "part-000000.parquet",
        "part-000001.parquet",
        "part-000002.parquet",
    ]
    table = pq.read_table(out)
    assert table.column("source").to_pylist() == list("abcde")
    assert table.column("error").to_pylist()[2] == {"type": "NoContentError", "message": "nothing"}
    (out / "part-000003.parquet.tmp").write_bytes(b"half a part")  # a crash mid-write
    resumed = ParquetSink(str(out), resume=True)
    assert len(resumed.done) == 5
    resumed.write(_line("f"))
    resumed.close()
    assert not list(out.glob("*.tmp"))
    assert pq.read_table(out).column("source").to_pylist() == list("abcdef")
    with pytest.raises(OutputError, match="--resume"):
        ParquetSink(str(out))


def test_parquet_keeps_marks_and_image_blocks(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pyarrow.parquet as pq

    from cleanarticle import Article, Block, BlockKind, Image, ListItem, Mark, MarkKind, Section
    from cleanarticle.batch.parquet import ParquetSink
    from cleanarticle.batch.records import to_line

    link = Mark(MarkKind.LINK, 0, 3, "https://x.example/")
    blocks = [
        Block(BlockKind.PARAGRAPH, text="The wall.", marks=[link, Mark(MarkKind.STRONG, 4, 8)]),
        Block(BlockKind.IMAGE, image=Image("https://x.example/w.jpg", "A wall.", None, "Wall")),
        Block(BlockKind.LIST, items=[ListItem("one", 0, [Mark(MarkKind.EMPHASIS, 0, 3)])]),
    ]
    article = Article(headline="H", sections=[Section(None, blocks)])
    out = tmp_path / "out.parquet"
    sink = ParquetSink(str(out))
    sink.write(to_line(Result("a", article=article)))
    sink.close()
    (row,) = pq.read_table(out).to_pylist()
    paragraph, image, listing = row["sections"][0]["blocks"]
    assert paragraph["marks"] == [
        {"type": "link", "start": 0, "end": 3, "href": "https://x.example/"},
        {"type": "strong", "start": 4, "end": 8, "href": None},
    ]
    assert (image["type"], image["url"], image["caption"], image["alt"]) == (
        "image",
        "https://x.example/w.jpg",
        "A wall.",
        "Wall",
    )
    assert listing["items"][0]["marks"][0]["type"] == "emphasis"

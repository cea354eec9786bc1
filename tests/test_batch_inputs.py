"""Batch inputs: every document of files, folders, WARC and JSONL gets one unique source."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleanarticle.batch.document import Document
from cleanarticle.batch.inputs import DocumentReader, InputKind, input_kind, read_documents
from cleanarticle.batch.warc import charset_of, is_text_type

from .dumps import inputs_of, make_dump, story_page, write_warc

pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed")


def test_a_mixed_dump_yields_each_document_once(tmp_path: Path) -> None:
    expected = make_dump(tmp_path) | {str(tmp_path / "missing.html")}
    docs = list(read_documents(inputs_of(tmp_path)))
    sources = [d.source for d in docs]
    assert len(sources) == len(set(sources))
    assert set(sources) == expected
    assert not any(s.endswith("notes.md") for s in sources)  # folders keep page kinds only


def test_errors_travel_with_their_documents(tmp_path: Path) -> None:
    make_dump(tmp_path)
    docs = {d.source: d for d in read_documents(inputs_of(tmp_path))}
    assert docs[str(tmp_path / "missing.html")].error is not None
    png = docs[f"{tmp_path / 'crawl.warc.gz'}#urn:uuid:00000000-0000-0000-0000-999999999999"]
    assert png.error is not None
    assert "image/png" in png.error.message
    cut = docs[f"{tmp_path / 'cut.warc'}#urn:uuid:00000000-0000-0000-0000-000000000001"]
    assert cut.error is not None
    assert cut.error.type == "InputReadError"
    first = docs[f"{tmp_path / 'crawl.warc.gz'}#urn:uuid:00000000-0000-0000-0000-000000000000"]
    assert first.url == "https://example.com/0"
    assert first.encoding == "ISO-8859-1"
    assert isinstance(first.data, bytes)
    assert b"Story 200" in first.data


def test_a_file_inside_a_folder_given_or_a_path_given_twice_is_read_once(tmp_path: Path) -> None:
    make_dump(tmp_path)
    story = tmp_path / "site" / "news" / "story-0.html"
    reader = DocumentReader([str(tmp_path / "site"), str(story), str(tmp_path / "site/")])
    sources = [d.source for d in reader]
    assert len(sources) == len(set(sources)) == 10


def test_the_output_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(story_page(1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("{}\n", encoding="utf-8")
    everything = [d.source for d in read_documents([tmp_path])]
    assert everything == [str(tmp_path / "a.html"), f"{out}:1"]
    kept = [d.source for d in read_documents([tmp_path], exclude=[out])]
    assert kept == [str(tmp_path / "a.html")]


def test_jsonl_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"html": "<p>x</p>", "id": 3, "url": "https://a.example/"}\n\n[1]\n{"html": 5}\n',
        encoding="utf-8",
    )
    docs = [d.load(1000) for d in read_documents([path])]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert (docs[0].data, docs[0].id, docs[0].url) == ("<p>x</p>", "3", "https://a.example/")
    assert docs[1].error is not None
    assert "not an object" in docs[1].error.message
    assert docs[2].error is not None
    assert "'html' int" in docs[2].error.message


def test_an_overlong_jsonl_line_is_one_error_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    long_line = json.dumps({"html": "x" * 5000})
    path.write_text(long_line + "\n" + json.dumps({"html": "<p>ok</p>"}) + "\n", encoding="utf-8")
    docs = list(read_documents([path], max_bytes=1000))
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2"]
    assert docs[0].error is not None
    assert docs[0].error.type == "InputTooLargeError"
    assert docs[1].line is not None


def test_a_truncated_jsonl_gz_keeps_its_lines_and_records_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl.gz"
    data = gzip.compress(
        b"".join(json.dumps({"html": story_page(n)}).encode() + b"\n" for n in range(50))
    )
    path.write_bytes(data[: len(data) - 40])
    docs = list(read_documents([path]))
    assert docs[-1].error is not None
    assert docs[-1].error.type == "InputReadError"
    assert all(d.error is None for d in docs[:-1])
    assert len({d.source for d in docs}) == len(docs)


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello\n", encoding="utf-8")
    docs = list(read_documents([path]))
    assert len(docs) == 1
    assert docs[0].error is not None
    assert "broken" in docs[0].error.message


def test_a_truncated_warc_gz_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    rows = [(f"id-{n}", f"https://e.com/{n}", story_page(n).encode(), "text/html") for n in range(3)]
    write_warc(path, rows, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    docs = list(read_documents([path]))
    assert [d.error is None for d in docs] == [True, True, False]


def test_duplicate_warc_record_ids_stay_unique(tmp_path: Path) -> None:
    path = tmp_path / "d.warc"
    write_warc(path, [("same", "https://e.com/", story_page(1).encode(), "text/html")] * 2, gz=False)
    sources = [d.source for d in read_documents([path])]
    assert len(sources) == len(set(sources)) == 2


def test_input_kinds() -> None:
    assert input_kind("A.HTML.GZ") is InputKind.PAGE
    assert input_kind("x.warc.gz") is InputKind.WARC
    assert input_kind("x.jsonl") is InputKind.JSONL
    assert input_kind("x.json") is None
    assert is_text_type(None)
    assert is_text_type("application/xhtml+xml; charset=utf-8")
    assert not is_text_type("application/pdf")
    assert charset_of('text/html; charset="windows-1251"') == "windows-1251"
    assert charset_of("text/html") is None


def test_a_large_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 5000)
    doc = Document(str(path), path=str(path)).load(1000)
    assert doc.data is None
    assert doc.error is not None
    assert doc.error.type == "InputTooLargeError"


def test_position_reaches_the_total(tmp_path: Path) -> None:
    make_dump(tmp_path)
    reader = DocumentReader(inputs_of(tmp_path))
    total = reader.total_bytes()
    list(reader)
    assert reader.position == total > 0

"""Small synthetic dumps for the batch tests: every input kind, and broken ones.

Pages are built from a template here (never copied from ../shared); :func:`make_dump`
returns the source of every document it wrote, so a test can check that the output has
exactly one record for each.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

from .cases import page

PARAGRAPHS = (
    "The city council voted on Tuesday to expand the tram network by eleven kilometres, "
    "after a debate that lasted well into the evening.",
    "Supporters said the new line would cut commuting times for thousands of residents in "
    "the northern districts, where buses are often crowded.",
    "Opponents questioned the cost, estimated at 240 million euros, and asked whether the "
    "money would be better spent on repairing existing roads.",
    "Construction is expected to start next spring and to last about three years, the "
    "transport department said in a statement.",
)


def story_page(n: int, *, title: str = "Tram network to grow") -> str:
    """Article page ``n``: a headline, a byline, four paragraphs and some chrome."""
    body = "".join(f"<p>{p} (Story {n}.)</p>" for p in PARAGRAPHS)
    return page(
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title} {n}</h1><p class='byline'>By Ana Lopes</p>{body}</article>"
        "<aside class='newsletter'>Sign up for our newsletter</aside>"
        "<footer>© Example News</footer>",
        f"<meta charset='utf-8'><title>{title} {n}</title>",
    )


def text_capture(n: int) -> str:
    """A plain-text capture of an article."""
    return f"Tram network to grow {n}\n\nBy Ana Lopes\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gz: bool) -> None:
    """A WARC of (record id, url, payload, content type) responses, each after a request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for rid, url, payload, content_type in records:
            get = b"GET / HTTP/1.1\r\n\r\n"
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(get), length=len(get)
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                length=len(payload),  # else warcio buffers it in a temporary file it leaks
                warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{rid}>"},
            )
            writer.write_record(record)


def gzip_stream(path: Path, head: bytes, filler: bytes, size: int, tail: bytes = b"") -> None:
    """A gzip file of ``head``, then ``filler`` repeated to ``size`` bytes, then ``tail``,
    compressed as it goes (a gzip bomb: 64 MB of one byte is about 64 KB on disk)."""
    block = filler * ((1 << 20) // len(filler))
    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    with path.open("wb") as fh:
        fh.write(deflate.compress(head))
        for _ in range(size // len(block)):
            fh.write(deflate.compress(block))
        fh.write(deflate.compress(tail))
        fh.write(deflate.flush())


def make_dump(root: Path, *, pages: int = 6, warc_records: int = 4, lines: int = 5) -> set[str]:
    """Write a dump mixing every input kind, broken files included; return its sources."""
    sources: set[str] = set()
    folder = root / "site" / "news"
    folder.mkdir(parents=True)
    for n in range(pages):
        path = folder / f"story-{n}.html"
        path.write_text(story_page(n), encoding="utf-8")
        sources.add(str(path))
    gz = folder / "zipped.html.gz"
    gz.write_bytes(gzip.compress(story_page(100).encode("utf-8")))
    capture = root / "site" / "capture.txt"
    capture.write_text(text_capture(101), encoding="utf-8")
    broken_gz = root / "site" / "broken.htm.gz"
    broken_gz.write_bytes(b"\x1f\x8b\x08\x00 this is not really gzip")
    empty = root / "site" / "empty.html"
    empty.write_bytes(b"")
    (root / "site" / "notes.md").write_text("not a page: ignored in folders", encoding="utf-8")
    sources |= {str(gz), str(capture), str(broken_gz), str(empty)}

    warc = root / "crawl.warc.gz"
    records = [
        (
            f"00000000-0000-0000-0000-{n:012d}",
            f"https://example.com/{n}",
            story_page(200 + n).encode("latin-1"),
            "text/html; charset=ISO-8859-1",
        )
        for n in range(warc_records)
    ]
    records.append(
        (
            "00000000-0000-0000-0000-999999999999",
            "https://example.com/logo.png",
            b"\x89PNG\r\n",
            "image/png",
        )
    )
    write_warc(warc, records, gz=True)
    sources |= {f"{warc}#urn:uuid:{rid}" for rid, *_ in records}

    truncated = root / "cut.warc"
    write_warc(truncated, records[:2], gz=False)
    data = truncated.read_bytes()
    truncated.write_bytes(data[: data.rfind(b"Story") + 10])  # inside the second response
    sources |= {f"{truncated}#urn:uuid:{records[0][0]}", f"{truncated}#urn:uuid:{records[1][0]}"}

    jsonl = root / "pages.jsonl"
    rows = [
        json.dumps({"id": f"p{n}", "url": f"https://example.org/{n}", "html": story_page(300 + n)})
        for n in range(lines)
    ]
    rows.insert(2, "")  # a blank line is not a document
    rows.append("{not json")
    rows.append(json.dumps({"id": 7, "url": "https://example.org/x"}))  # no html
    jsonl.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sources |= {f"{jsonl}:{n}" for n, row in enumerate(rows, 1) if row}

    jsonl_gz = root / "more.jsonl.gz"
    jsonl_gz.write_bytes(gzip.compress((json.dumps({"html": story_page(400)}) + "\n").encode()))
    sources.add(f"{jsonl_gz}:1")
    return sources


def inputs_of(root: Path) -> list[str]:
    """The input paths of a dump made by :func:`make_dump`, plus one that does not exist."""
    return [
        str(root / "site"),
        str(root / "crawl.warc.gz"),
        str(root / "cut.warc"),
        str(root / "pages.jsonl"),
        str(root / "more.jsonl.gz"),
        str(root / "missing.html"),
    ]

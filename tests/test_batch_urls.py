"""``cleanarticle batch --urls FILE``: the list, the polite fetching, one record per URL, and
resume. Every request goes to a server on 127.0.0.1 run by the test."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from cleanarticle.batch.urls import read_url_list, url_documents
from cleanarticle.cli import main
from cleanarticle.input.fetch import HostPacer

from .cases import records_by_source
from .dumps import story_page
from .webserver import Route, serve


def test_the_list_skips_blanks_comments_and_repeats(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# pages to clean\nhttp://a.example/1\n\n  http://a.example/2  \nhttp://a.example/1\n",
        encoding="utf-8",
    )
    assert list(read_url_list(listing)) == ["http://a.example/1", "http://a.example/2"]


def test_documents_come_in_list_order_one_host_paced_the_other_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (host, when a request asked the pacer, when the pacer let it go)
    let_go: list[tuple[str, float, float]] = []
    wait = HostPacer.wait

    def spy(self: HostPacer, url: str) -> float:
        asked = time.monotonic()
        begun = wait(self, url)
        let_go.append(("localhost" if "localhost" in url else "127.0.0.1", asked, begun))
        return begun

    monkeypatch.setattr(HostPacer, "wait", spy)
    routes = {f"/{i}": Route(story_page(i).encode()) for i in range(3)}
    with serve(routes) as site:
        # Two host names for the same server: 127.0.0.1 and localhost.
        urls = [site.url("/0"), site.url("/1", "localhost"), site.url("/1"), "mailto:x@y"]
        urls += [site.url("/2", "localhost"), site.url("/404")]
        listing = tmp_path / "urls.txt"
        listing.write_text("\n".join(urls), encoding="utf-8")
        docs = list(url_documents(listing, delay=0.4, skip={site.url("/2", "localhost")}))
    assert [d.source for d in docs] == urls
    fetched = [d for d in docs if d.data is not None]
    assert [d.url for d in fetched] == [urls[0], urls[1], urls[2]]
    assert docs[3].error is not None and docs[3].error.type == "FetchError"
    assert docs[4].data is None and docs[4].error is None  # skipped: not fetched
    assert docs[5].error is not None and "HTTP 404" in docs[5].error.message
    # 127.0.0.1 was asked three times, let go 0.4 s apart; localhost once, not held back.
    hosts = [r.headers["Host"].split(":")[0] for r in site.requests]
    assert sorted(hosts) == ["127.0.0.1"] * 3 + ["localhost"]
    ours = sorted(begun for host, _, begun in let_go if host == "127.0.0.1")
    assert all(b - a >= 0.4 for a, b in itertools.pairwise(ours))
    ((_, asked, begun),) = (entry for entry in let_go if entry[0] == "localhost")
    assert begun - asked < 0.2  # not made to wait for the other host's turns


def test_a_missing_list_is_one_error_record(tmp_path: Path) -> None:
    (doc,) = url_documents(tmp_path / "absent.txt")
    assert doc.error is not None and doc.error.type == "InputReadError"


def test_batch_urls_writes_one_record_per_url_and_resumes(tmp_path: Path) -> None:
    routes = {f"/{i}": Route(story_page(i).encode()) for i in range(3)}
    out = tmp_path / "out.jsonl"
    listing = tmp_path / "urls.txt"
    with serve(routes) as site:
        first = [site.url("/0"), site.url("/gone")]
        listing.write_text("\n".join(first) + "\n", encoding="utf-8")
        argv = ["batch", "--urls", str(listing), "-o", str(out), "--workers", "1", "-q"]
        assert main([*argv, "--delay", "0"]) == 0
        listing.write_text("\n".join([*first, site.url("/1")]) + "\n", encoding="utf-8")
        assert main([*argv, "--delay", "0", "--resume"]) == 0
    records = records_by_source(out)
    assert set(records) == {site.url("/0"), site.url("/gone"), site.url("/1")}
    assert records[site.url("/0")]["headline"] == "Tram network to grow 0"
    assert records[site.url("/1")]["url"] == site.url("/1")
    assert records[site.url("/gone")]["error"]["type"] == "FetchError"
    # The resumed run fetched only the new URL.
    assert [r.path for r in site.requests] == ["/0", "/gone", "/1"]

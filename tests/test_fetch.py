"""Fetching pages over HTTP: extract_url, fetch's limits and errors, the per-host pacing, and
``cleanarticle extract URL``. Every request goes to a server on 127.0.0.1 run by the test."""

from __future__ import annotations

import gzip
import itertools
import json
import pickle
import socket
import threading
import time
from pathlib import Path

import pytest

from cleanarticle import FetchError, InputError, InputTooLargeError, extract_url
from cleanarticle.cli import main
from cleanarticle.input.fetch import HostPacer, fetch, is_url, user_agent

from .dumps import story_page
from .webserver import Route, serve

RUSSIAN = (
    "Городской совет во вторник проголосовал за расширение трамвайной сети на одиннадцать "
    "километров после долгих дебатов в зале заседаний. "
) * 3


def koi8_page() -> bytes:
    """A Russian page in KOI8-R whose <meta> wrongly says windows-1251: only the server's
    charset reads it right."""
    html = story_page(1).replace("<meta charset='utf-8'>", "<meta charset='windows-1251'>")
    return html.replace("<article>", f"<article><p>{RUSSIAN}</p>").encode("koi8-r")


def test_extract_url_passes_the_server_charset_and_the_final_url() -> None:
    routes = {
        "/old": Route(status=301, headers={"Location": "/story"}),
        "/story": Route(koi8_page(), content_type="text/html; charset=KOI8-R"),
    }
    with serve(routes) as site:
        article = extract_url(site.url("/old"))
    assert article.encoding == "koi8-r"
    assert article.text.startswith("Городской совет")
    assert article.url == site.url("/story")
    assert article.headline == "Tram network to grow 1"
    agents = {r.headers.get("User-Agent") for r in site.requests}
    assert agents == {user_agent()}
    assert user_agent().startswith("cleanarticle/")


def test_an_http_error_is_a_fetch_error_with_its_status() -> None:
    with serve({}) as site, pytest.raises(FetchError, match="HTTP 404") as caught:
        extract_url(site.url("/missing"))
    assert caught.value.status == 404
    assert caught.value.url == site.url("/missing")
    assert isinstance(caught.value, InputError)


def test_fetch_error_pickles_with_its_fields() -> None:
    error = pickle.loads(pickle.dumps(FetchError("HTTP 500", url="http://a.example/", status=500)))
    assert (str(error), error.url, error.status) == ("HTTP 500", "http://a.example/", 500)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:1", "/a"])
def test_only_web_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="not an http"):
        fetch(url)


def test_an_unreachable_host_is_a_fetch_error() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch(f"http://127.0.0.1:{port}/", timeout=5)


def test_a_page_above_max_bytes_is_not_read() -> None:
    body = story_page(1).encode() * 20
    routes = {"/announced": Route(body), "/unannounced": Route(body, length=False)}
    with serve(routes) as site:
        with pytest.raises(InputTooLargeError, match="bytes"):
            fetch(site.url("/announced"), max_bytes=1000)
        with pytest.raises(InputTooLargeError):
            fetch(site.url("/unannounced"), max_bytes=1000)
        assert len(fetch(site.url("/unannounced")).data) == len(body)


def test_compressed_pages_are_inflated_and_counted_inflated() -> None:
    body = story_page(1).encode()
    route = Route(gzip.compress(body), headers={"Content-Encoding": "gzip"})
    with serve({"/gz": route}) as site:
        assert fetch(site.url("/gz")).data == body
        with pytest.raises(InputTooLargeError):
            fetch(site.url("/gz"), max_bytes=len(body) - 1)


def test_no_answer_in_time_is_a_fetch_error() -> None:
    with serve({"/slow": Route(story_page(1).encode(), delay=3)}) as site:
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"no answer within 0\.3 s"):
            fetch(site.url("/slow"), timeout=0.3)
    assert time.monotonic() - start < 2


def test_the_timeout_bounds_the_whole_download() -> None:
    # Each piece comes quickly, but the whole page would take 3 s.
    body = story_page(1).encode()[:3000]
    with serve({"/drip": Route(body, drip=0.1)}) as site:
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"longer than 0\.5 s"):
            fetch(site.url("/drip"), timeout=0.5)
    assert time.monotonic() - start < 2


def test_what_is_not_a_page_is_refused() -> None:
    route = Route(b"\x89PNG....", content_type="image/png")
    with serve({"/img": route}) as site, pytest.raises(FetchError, match="image/png"):
        fetch(site.url("/img"))


def test_redirect_loops_and_redirects_off_the_web_are_fetch_errors() -> None:
    routes = {
        "/loop": Route(status=302, headers={"Location": "/loop"}),
        "/ftp": Route(status=302, headers={"Location": "ftp://127.0.0.1/file"}),
    }
    with serve(routes) as site:
        with pytest.raises(FetchError, match="redirects"):
            fetch(site.url("/loop"))
        with pytest.raises(FetchError, match="not http"):
            fetch(site.url("/ftp"))


def test_pacer_spaces_requests_to_one_host_and_not_to_others() -> None:
    pacer = HostPacer(0.2)
    slept: dict[str, float] = {}
    start = time.monotonic()

    def ask(name: str, url: str) -> None:
        slept[name] = pacer.wait(url) - start

    threads = [
        threading.Thread(target=ask, args=(f"a{i}", f"http://a.example/{i}")) for i in range(3)
    ]
    threads.append(threading.Thread(target=ask, args=("b", "http://b.example/")))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts = sorted(slept[f"a{i}"] for i in range(3))
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(starts))  # let go 0.2 s apart
    assert starts[0] < 0.15 and slept["b"] < 0.15  # the first of each host at once


def test_is_url() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("page.html") and not is_url("-") and not is_url("http.html")


# -- the command line ----------------------------------------------------------------------


def test_cli_extracts_a_url_and_a_dash_u_url(capsys: pytest.CaptureFixture[str]) -> None:
    with serve({"/a": Route(story_page(7).encode())}) as site:
        assert main(["extract", site.url("/a")]) == 0
        first = json.loads(capsys.readouterr().out)
        assert main(["extract", "-u", site.url("/a"), "--format", "text"]) == 0
        text = capsys.readouterr().out
    assert first["headline"] == "Tram network to grow 7"
    assert first["url"] == site.url("/a")
    assert text.startswith("Tram network to grow 7\n")


def test_cli_several_inputs_give_json_lines_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local = tmp_path / "local.html"
    local.write_text(story_page(2), encoding="utf-8")
    with serve({"/a": Route(story_page(1).encode()), "/b": Route(story_page(3).encode())}) as site:
        inputs = [site.url("/a"), site.url("/gone"), str(local), site.url("/b")]
        assert main(["extract", *inputs]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["source"] for r in records] == inputs
    assert [r.get("headline") for r in records] == [
        "Tram network to grow 1",
        None,
        "Tram network to grow 2",
        "Tram network to grow 3",
    ]
    assert records[1]["error"]["type"] == "FetchError"
    assert "HTTP 404" in records[1]["error"]["message"]
    assert "/gone: FetchError: HTTP 404" in captured.err
    # Three requests to one host, paced a second apart (the CLI's politeness; the server sees
    # them at least that far apart but for the jitter of a loaded machine).
    starts = [r.at for r in site.requests]
    assert starts[-1] - starts[0] >= 1.5


def test_cli_without_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 2
    assert "give a FILE" in capsys.readouterr().err

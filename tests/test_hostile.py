"""Hostile and broken input: every class gives an Article or a CleanArticleError, in bounded time.

The sizes are the ones named in issue 8. Time bounds are generous (the machine is shared) but
far below what the unguarded parser takes: 200,000 nested <div> or 200,000 attributes on one
tag took over 80 seconds each before the parser's input was sanitised.
"""

from __future__ import annotations

import gzip
import json
import random
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cleanarticle
from cleanarticle import (
    Article,
    CleanArticleError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    InternalError,
    NoContentError,
    Options,
    ResourceLimitError,
)

PARA = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to open the work to local firms.</p>"
)
SENTENCE = "The council voted on Tuesday to rebuild the old harbour wall"


def _run(data: bytes | str, bound: float = 20.0, **kwargs: object) -> Article | CleanArticleError:
    started = time.perf_counter()
    try:
        result: Article | CleanArticleError = cleanarticle.extract(data, **kwargs)  # type: ignore[arg-type]
    except InternalError:  # an unexpected exception, wrapped: still a bug
        raise
    except CleanArticleError as exc:
        result = exc
    elapsed = time.perf_counter() - started
    assert elapsed < bound, f"took {elapsed:.1f} s"
    return result


def _article(data: bytes | str, bound: float = 20.0) -> Article:
    result = _run(data, bound)
    assert isinstance(result, Article), result
    return result


GENERATED: dict[str, Callable[[], bytes | str]] = {
    "nul-bytes": lambda: b"<html><body>\x00\x00" + PARA.encode() * 3 + b"\x00",
    "random-binary": lambda: random.Random(7).randbytes(200_000),
    "tag-soup": lambda: "<p><b><i>" + PARA + "</b></p></i><table><p><tr>text</td></div>" * 500,
    "utf16-no-bom": lambda: ("<html><body>" + PARA * 3 + "</body></html>").encode("utf-16-le"),
    "invalid-utf8": lambda: b"<html><body><p>caf\xc3 \xff\xfe " + PARA.encode() * 3,
    "unknown-charset": lambda: b'<meta charset="x-no-such-charset">' + PARA.encode() * 3,
    "script-only": lambda: "<html><body><script>" + "var a = 1;" * 100_000 + "</script>",
    "whitespace-storm": lambda: "<html><body>" + " \n\t\u00a0" * 1_000_000 + PARA * 2,
    "absurd-spans": lambda: (
        "<table>"
        + "<tr><td colspan=999999999 rowspan=999999999>x</td></tr>" * 2000
        + "</table>"
        + PARA * 3
    ),
    "single-line-3mb": lambda: "<html><body><p>" + "word " * 600_000 + "</p>",
    "links-100k": lambda: (
        "".join(f"<a href='/{i}'>link {i}</a> " for i in range(100_000)) + PARA * 3
    ),
    "lone-surrogates": lambda: "<p>\ud800 \udfff</p>" + PARA * 3,
    "entity-storm": lambda: "<p>" + "&amp;&#x1F600;&#99999999;&bogus;" * 50_000 + "</p>" + PARA,
    "lt-storm": lambda: "<a" * 1_000_000,
    "unclosed-comment": lambda: PARA * 3 + "<!--" + "x" * 1_000_000,
    "nested-tables": lambda: "<table><tr><td>" * 20_000 + PARA,
    "nested-lists": lambda: "<ul><li>" * 50_000 + PARA,
    "truncated-gzip": lambda: gzip.compress(("<html><body>" + PARA * 50).encode())[:-40],
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_input(name: str) -> None:
    result = _run(GENERATED[name]())
    assert isinstance(result, (Article, CleanArticleError))
    if isinstance(result, Article):
        assert result.text.strip()


def test_nesting_200k_levels_deep() -> None:
    doc = "<html><body>" + "<div>" * 200_000 + PARA + "</div>" * 200_000
    assert SENTENCE in _article(doc, bound=15).text


def test_nesting_200k_levels_without_closing_tags() -> None:
    doc = "<html><body>" + "<div><span>" * 100_000 + PARA
    assert SENTENCE in _article(doc, bound=15).text


def test_lists_nested_250k_levels_deep() -> None:
    """The list items beyond the depth limit are flattened too: left at depth 10,000, each
    made the tree builder scan its whole stack (5 s for these 2 MB, 13 s at max_tags)."""
    doc = "<html><body>" + "<ul><li>" * 250_000 + PARA
    assert SENTENCE in _article(doc, bound=3).text


def test_tag_with_200k_attributes() -> None:
    attrs = " ".join(f"a{i}='x'" for i in range(200_000))
    assert SENTENCE in _article(f"<html><body><div {attrs}>{PARA * 3}</div>", bound=15).text
    bare = " ".join(f"b{i}" for i in range(200_000))
    assert SENTENCE in _article(f"<html><body><div {bare}>{PARA * 3}</div>", bound=15).text


def test_page_of_30_mb() -> None:
    doc = "<html><body>" + (PARA * 5 + "<div><a href='/x'>more</a></div>") * 40_000
    assert len(doc) > 30_000_000
    assert SENTENCE in _article(doc, bound=60).text
    with pytest.raises(InputTooLargeError, match="above the limit"):
        cleanarticle.extract(doc, options=Options(max_input_bytes=10_000_000))


def test_text_capture_of_5_mb() -> None:
    para = "A sentence that goes on for a while and then ends, as sentences do. " * 12
    doc = "A headline\n\n" + (para + "\n\n") * 6200
    assert len(doc) > 5_000_000
    art = _article(doc, bound=30)
    assert art.source_format == "text"
    assert art.headline == "A headline"


@pytest.mark.parametrize("data", [b"", "", b"   ", "\n\t ", b"\x00", "\x00\x00"])
def test_empty_inputs(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError):
        cleanarticle.extract(data)


def test_markup_without_text() -> None:
    with pytest.raises(NoContentError):
        cleanarticle.extract("<html><body><div><span></span></div><img src=x></body></html>")


def test_timeout_is_enforced() -> None:
    doc = "<html><body>" + (PARA * 5 + "<div><a href='/x'>more</a></div>") * 20_000
    with pytest.raises(ResourceLimitError, match=r"Options\.timeout"):
        cleanarticle.extract(doc, options=Options(timeout=0.001))


# An interrupt may land in a garbage-collector callback (hypothesis installs one), where
# Python reports it as unraisable and drops it; it is then repeated (interrupt.RETRY).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_timeout_stops_a_long_stage_in_the_middle_and_spoils_nothing() -> None:
    """450,000 tiny elements: about 6 s, of which the walk and the content stages take
    seconds each; checks between stages alone stopped this call after about 3 s."""
    doc = "<html><body>" + "<div>word</div>" * 450_000
    for _ in range(2):
        started = time.perf_counter()
        with pytest.raises(ResourceLimitError, match=r"Options\.timeout = 1\.0 s"):
            cleanarticle.extract(doc, options=Options(timeout=1.0))
        assert time.perf_counter() - started < 2.5
    # Nothing half-done stays behind: the next pages (langdetect included) come out whole.
    russian = "<html><body>" + (
        "<p>Городской совет во вторник проголосовал за восстановление старой стены гавани, "
        "которая была повреждена зимними штормами, и за привлечение местных фирм.</p>" * 4
    )
    assert cleanarticle.extract(russian, options=Options(timeout=30)).language == "ru"
    assert SENTENCE in cleanarticle.extract(PARA * 3, options=Options(timeout=30)).text


def test_wrong_types_are_input_errors() -> None:
    for value in (None, 3, 1.5, ["<p>x</p>"], {"html": "x"}):
        with pytest.raises(InputError):
            cleanarticle.extract(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("argument", "value"),
    [("url", 5), ("encoding", b"utf-8"), ("rules", 123), ("options", None), ("options", {})],
)
def test_wrong_argument_types_are_input_errors_that_name_the_argument(
    argument: str, value: object
) -> None:
    # Checked before anything runs: the compiled build (setup.py) would refuse them deep in
    # the engine with a bare TypeError, the pure one with an InternalError.
    with pytest.raises(InputError, match=argument):
        cleanarticle.extract(PARA * 3, **{argument: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ("<link rel=canonical href='http://[n]/x'>", "https://example.com/a"),
        ("<link rel=canonical href='http://[::1/x'>", "https://example.com/a"),
        (
            "<meta property=og:url content='http://[n]/'><meta property=og:image content='/i.jpg'>",
            None,
        ),
        (
            "<link rel=canonical href='https://[fe80::1%25x]:99999/'><meta property=og:image content=i>",
            None,
        ),
    ],
)
def test_malformed_urls_in_the_head(head: str, url: str | None) -> None:
    """Found by the fuzzer: urljoin raises ValueError on a bracketed host that is not an IP."""
    art = _article(f"<html><head>{head}</head><body>{PARA * 3}</body></html>")
    if url is not None:
        art = cleanarticle.extract(
            f"<html><head>{head}</head><body>{PARA * 3}</body></html>", url=url
        )
    assert art.canonical_url is None
    assert art.main_image is None or art.main_image.startswith("https://")


# -- security ------------------------------------------------------------------------------


def test_no_external_entities_or_expansion(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE", encoding="utf-8")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f"<html><body><p>&xxe; &c;</p>{PARA * 3}</body></html>"
    )
    art = _article(xxe)
    dumped = art.to_json()
    assert "TOPSECRETVALUE" not in dumped
    assert "aaaaaaaaaaaaaaaaaaaa" not in dumped


def test_no_script_handlers_or_javascript_urls_in_output() -> None:
    doc = (
        "<html><head><meta property='og:image' content='javascript:alert(1)'>"
        "<link rel='canonical' href='javascript:alert(2)'></head><body><article>"
        "<h1 onclick='alert(3)'>Title</h1>"
        "<figure><img src='javascript:alert(4)' onerror='alert(5)'><figcaption>c</figcaption></figure>"
        "<figure><img src='data:text/html;base64,PHNjcmlwdD4='><figcaption>d</figcaption></figure>"
        f"<script>alert(6)</script>{PARA * 3}<p><a href='javascript:alert(7)'>click</a> "
        "<img src=x onerror=alert(8)> &lt;script&gt;alert(9)&lt;/script&gt; is text</p>"
        "</article></body></html>"
    )
    art = _article(doc)
    urls = [art.main_image, art.canonical_url, *(i.url for i in art.images)]
    assert not any(u and not u.startswith(("http://", "https://")) for u in urls)
    for output in (art.to_json(), art.to_markdown()):
        assert "javascript:" not in output
        assert "onerror" not in output and "onclick" not in output
        assert "alert(6)" not in output
        assert "<script" not in output


# -- inputs found by benchmarks/fuzz.py, kept forever ------------------------------------------

# fuzz-<sha1>.bin: extract(bytes); fuzz-text-*: as a text capture; fuzz-str-*: as str (the
# batch readers' inputs, fuzz-warc-* and fuzz-jsonl-*, are run by test_batch_faults.py).
HOSTILE = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "fixtures" / "hostile").glob("fuzz-*.bin")
    if not p.name.startswith(("fuzz-warc-", "fuzz-jsonl-"))
)


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_saved_fuzz_inputs(path: Path) -> None:
    data = path.read_bytes()
    if path.name.startswith("fuzz-explain-"):
        from cleanarticle.explain import explain, render_html

        try:
            render_html(explain(data))  # (its own safety check raises InternalError)
        except InternalError:
            raise
        except CleanArticleError:
            pass
        return
    if path.name.startswith("fuzz-text-"):
        result = _run(data, input_format="text")
    elif path.name.startswith("fuzz-str-"):
        result = _run(data.decode("utf-8", "surrogateescape"))
    else:
        result = _run(data)
    if isinstance(result, Article):
        assert result.text.strip(), "an Article always has a body"
        assert Article.from_json(result.to_json()) == result


# -- the command line ------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["extract", "explain"])
def test_the_command_line_never_reads_an_endless_file_whole(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleanarticle.cli import main

    started = time.perf_counter()
    assert main([command, "/dev/zero"]) == 1
    assert "InputTooLargeError" in capsys.readouterr().err
    assert time.perf_counter() - started < 10


# -- the hostile corpus: inputs that once gave a wrong result (fixtures/hostile/cases.toml) --

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]


def _case_id(case: dict[str, Any]) -> str:
    extra = next((f"{k}={case[k]}" for k in ("url", "encoding") if k in case), "")
    return f"{case['file']}{'-' + extra[:24] if extra else ''}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_hostile_corpus(case: dict[str, Any]) -> None:
    data = (CORPUS / "cases" / case["file"]).read_bytes()
    kwargs = {k: case[k] for k in ("url", "encoding", "input_format") if k in case}
    result = _run(data, **kwargs)
    assert type(result).__name__ == case["expect"], (case["why"], result)
    if "found" in case:
        assert getattr(result, "found", None) == case["found"]
        assert case["found"] in str(result)
    if not isinstance(result, Article):
        return
    outputs = {
        "json": json.dumps(json.loads(result.to_json()), ensure_ascii=False),
        "markdown": result.to_markdown(),
        "text": result.to_text(),
    }
    for name, output in outputs.items():
        for absent in case.get("absent", []):
            assert absent not in output, (name, absent, case["why"])
    for present in case.get("present", []):
        assert present in outputs["text"], (present, case["why"])
    assert set(case.get("flags", [])) <= set(result.flags), result.flags
    assert result.url is None or result.url.startswith(("http://", "https://"))

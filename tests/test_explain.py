"""``cleanarticle explain``: the terminal report and the annotated copy of the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanarticle.cli import main
from cleanarticle.explain import KEPT, explain, render_html, render_report

from .cases import FIXTURES

MSN = FIXTURES / "msn-html-partner-story"
INKL_TEXT = FIXTURES / "inkl-text-live-byline" / "input.txt"
MSN_URL = "https://www.msn.com/en-us/news/us/lake-towns/ar-AA1xYz3"


def test_report_names_profile_evidence_and_rules() -> None:
    expl = explain((MSN / "input.html").read_bytes(), url=MSN_URL)
    report = render_report(expl, "msn")
    assert "profile     msn (aggregator 'MSN'" in report
    # the winning evidence for the publisher is starred, the aggregator's own name is listed
    assert " *provider   'North Shore Ledger'" in report
    assert "site       'MSN'" in report
    for rule in ("msn.caption", "msn.promo", "msn.separator", "engine.link-dense"):
        assert f"  {rule} " in report
    assert "'© Provided by North Shore Ledger The ferry Marguerite" in report


def test_html_copy_outlines_removed_and_kept_blocks() -> None:
    expl = explain((MSN / "input.html").read_bytes(), url=MSN_URL)
    page = render_html(expl, "msn")
    assert "<script" not in page.lower()
    assert 'id="ca-legend"' in page
    assert 'data-ca-rule="msn.caption"' in page
    assert 'data-ca-rule="msn.taboola"' in page
    # every kept block of the body is marked, and the body text is still there
    assert page.count('data-ca="kept"') >= 6
    assert "Three towns on the north shore of Lake Pellam" in page
    assert set(expl.marks.values()) >= {KEPT, "msn.share", "msn.promo", "engine.outside-content"}


def test_html_copy_cannot_run_anything() -> None:
    page = (
        "<html><head><meta http-equiv='refresh' content='0;url=https://x.example'>"
        "<script>alert(1)</script></head><body onload='steal()'>"
        "<p>The council voted on Tuesday to rebuild the harbour wall, which was damaged in the "
        "winter storms, and to open the work to local firms.</p>"
        "<a href='javascript:alert(2)'>Share</a><iframe src='https://ads.example'></iframe>"
        "<img src=x onerror='alert(3)'></body></html>"
    )
    out = render_html(explain(page), "hostile").lower()
    assert "<script" not in out and "<iframe" not in out
    assert "onload" not in out and "onerror" not in out and "javascript:" not in out
    assert 'http-equiv="refresh"' not in out


def test_text_capture_lines_are_labelled() -> None:
    expl = explain(INKL_TEXT.read_bytes())
    labels = dict(expl.lines)
    assert labels["Start reading"] == "inkl.header"
    assert labels["Sign up to read this article"] == "inkl.signup-wall"
    assert labels["Whisky exports hit a record high"] == "inkl.rails"
    assert labels["Talks are due to resume at the conciliation service on Monday morning."] == KEPT
    assert (
        labels["Distillery workers vote to strike over pay – as it happened"] == "field: headline"
    )
    assert "?" not in labels.values()
    page = render_html(expl, "inkl")
    assert 'data-ca-rule="inkl.header"' in page


def test_command_writes_report_and_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "explained.html"
    status = main(["explain", str(MSN / "input.html"), "--url", MSN_URL, "--html", str(out)])
    assert status == 0
    printed = capsys.readouterr().out
    assert "removed:" in printed and "msn.caption" in printed
    assert out.is_file() and 'data-ca-rule="msn.caption"' in out.read_text(encoding="utf-8")


def test_command_reports_unreadable_and_empty_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", str(tmp_path / "missing.html")]) == 1
    assert "cannot read" in capsys.readouterr().err
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["explain", str(empty)]) == 1
    assert "EmptyInputError" in capsys.readouterr().err

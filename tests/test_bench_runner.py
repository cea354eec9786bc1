"""The benchmark runner, adapters, figures and reports on tiny inputs (no optional extractor)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanarticle.bench import adapters
from cleanarticle.bench.adapters import (
    Extractor,
    ExtractorUnavailableError,
    PageInput,
    html_to_text,
    load_extractor,
    resolve_names,
)
from cleanarticle.bench.datasets import Page, default_datasets
from cleanarticle.bench.readme import README_BEGIN, README_END, readme_section, update_readme
from cleanarticle.bench.report import format_table, format_totals, to_json, to_markdown
from cleanarticle.bench.results import percentile, summarize
from cleanarticle.bench.runner import run_extractors
from cleanarticle.bench.suite import DatasetReport, bench_folder, expand_paths, load_extractors


def _fixed(name: str, text: str, calls: list[str] | None = None) -> Extractor:
    def run(page: PageInput, url: str | None) -> str:
        if calls is not None:
            calls.append(name)
        return text

    return Extractor(name, "1", run)


def _failing(name: str) -> Extractor:
    def run(page: PageInput, url: str | None) -> str:
        raise RuntimeError("boom")

    return Extractor(name, "1", run)


PAGES = [Page(f"p{i}", f"<p>page {i}</p>".encode()) for i in range(4)]


def test_names_resolve_aliases_and_all() -> None:
    assert resolve_names("readability, goose,html_text") == [
        "readability-lxml",
        "goose3",
        "html-text",
    ]
    everything = resolve_names("all")
    assert "trafilatura" in everything and "cleanarticle" in everything
    assert "parse" not in everything  # the baseline is added by the suite, not by "all"
    assert resolve_names("trafilatura,all")[0] == "trafilatura"
    assert len(set(resolve_names("all,all"))) == len(resolve_names("all"))
    with pytest.raises(ExtractorUnavailableError, match="unknown extractor 'nope'"):
        resolve_names("trafilatura,nope")


def test_a_missing_extractor_is_skipped_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> adapters.ExtractFn:
        raise ImportError("No module named 'trafilatura'")

    spec = adapters._Spec("cleanarticle", missing)
    monkeypatch.setitem(adapters.EXTRACTORS, "trafilatura", spec)
    with pytest.raises(ExtractorUnavailableError, match="trafilatura is not installed"):
        load_extractor("trafilatura")
    extractors, skipped = load_extractors(["cleanarticle", "trafilatura"])
    assert [e.name for e in extractors] == ["cleanarticle", "parse"]
    assert "pip install cleanarticle" in skipped["trafilatura"]


def test_cleanarticle_adapter_gives_body_text_and_empty_for_no_content() -> None:
    extractor = load_extractor("cleanarticle")
    page = b"<html><body><article><p>" + b"A sentence of the story here. " * 8 + b"</p></article>"
    assert "A sentence of the story" in extractor.extract(page.decode(), None)
    assert extractor.extract("<html><body></body></html>", None) == ""
    parse = load_extractor("parse")
    assert parse.extract(page, None) == "" and not parse.scored


def test_cleanarticle_set_up_is_done_before_the_first_timed_page() -> None:
    # The language profiles take a quarter of a second to load on the first page that needs
    # them; like an import, that is not charged to a timed page.
    script = (
        "from cleanarticle.fields import language as lang\n"
        "from cleanarticle.bench.adapters import load_extractor\n"
        "assert lang._factory is None\n"
        "load_extractor('cleanarticle')\n"
        "assert lang._factory is not None\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def test_html_to_text_puts_blocks_on_lines_and_keeps_inline_text_together() -> None:
    html = "<div><h2>Title</h2><p>One <a href='#'>link</a>, two.</p><ul><li>a</li><li>b</li></ul>x<br>y</div>"
    assert html_to_text(html) == "Title\nOne link, two.\na\nb\nx\ny"
    assert html_to_text("") == ""


def test_runs_are_interleaved_and_rotated_after_a_warm_up() -> None:
    calls: list[str] = []
    extractors = [_fixed("a", "x", calls), _fixed("b", "x", calls), _fixed("c", "x", calls)]
    results = run_extractors(PAGES, extractors, warmup=2)
    warm, timed = calls[:6], calls[6:]
    assert warm == ["a", "b", "c"] * 2
    # page by page, all three each time, the order rotating
    assert timed == ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]
    assert all(len(r.times_ns) == len(PAGES) for r in results)


def test_errors_count_and_give_empty_output() -> None:
    (result,) = run_extractors(PAGES[:2], [_failing("bad")], warmup=0)
    assert result.outputs == ["", ""]
    assert result.errors == ["RuntimeError: boom", "RuntimeError: boom"]


def test_more_runs_keep_each_pages_fastest_time_and_first_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # start and stop of each call: run 1 takes 50 and 20 ns, run 2 takes 30 and 40 ns
    clock = iter([0, 50, 100, 120, 200, 230, 300, 340]).__next__
    monkeypatch.setattr("cleanarticle.bench.runner.time.perf_counter_ns", clock)
    (result,) = run_extractors(PAGES[:2], [_fixed("a", "x")], runs=2, warmup=0)
    assert result.times_ns == [30, 20]


def test_input_is_the_same_str_for_all_or_the_raw_bytes() -> None:
    seen: list[PageInput] = []

    def record(page: PageInput, url: str | None) -> str:
        seen.append(page)
        return ""

    html = '<meta charset="windows-1252"><p>café</p>'
    page = Page("latin", html.encode("cp1252"))
    run_extractors([page], [Extractor("r", "1", record)], warmup=0)
    run_extractors([page], [Extractor("r", "1", record)], warmup=0, input_mode="bytes")
    assert seen == [html, page.data]
    with pytest.raises(ValueError, match="runs"):
        run_extractors([page], [], runs=0)


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([], 0.5) == 0.0


def _report(pages: list[Page], layout: str, extractors: list[Extractor]) -> DatasetReport:
    runs = run_extractors(pages, extractors, warmup=0)
    return DatasetReport(
        name="tiny",
        path="tiny",
        layout=layout,  # type: ignore[arg-type]
        metric={
            "scrapinghub": "shingles",
            "trafilatura": "snippets",
            "wcxb": "words",
            "plain": None,
        }[layout],
        date="2024-01-01T00:00:00+00:00",
        input_mode="str",
        runs=1,
        warmup=0,
        pages=pages,
        summaries=summarize(pages, layout, runs),  # type: ignore[arg-type]
        environment={"python": "3.11", "command": "cleanarticle bench tiny"},
    )


def test_summaries_score_with_the_layouts_metric_and_rank_worst_pages() -> None:
    truth = "one two three four five six"
    pages = [Page("good", b"<p/>", body=truth), Page("bad", b"<p/>", body="x y z w v u")]
    report = _report(pages, "scrapinghub", [_fixed("cleanarticle", truth), _failing("other")])
    ca, other = report.summaries
    assert ca.accuracy is not None and other.accuracy is not None
    assert ca.accuracy.page_scores == [1.0, 0.0]
    assert ca.accuracy.precision == pytest.approx(0.5)  # averaged over pages with predictions
    assert ca.worst_pages(5) == [1]  # perfect pages are not listed
    assert other.errors == 2 and other.empty == 2 and other.accuracy.f1 == 0.0
    assert ca.time_vs_reference == 1.0
    assert other.time_vs_reference == pytest.approx(other.total_s / ca.total_s)


def test_snippet_layout_scores_each_page_by_snippets_judged_right() -> None:
    pages = [Page("a", b"<p/>", with_snippets=["body text"], without_snippets=["Menu", "Footer"])]
    report = _report(pages, "trafilatura", [_fixed("cleanarticle", "the body text. Footer")])
    acc = report.summaries[0].accuracy
    assert acc is not None
    assert acc.page_scores == [pytest.approx(2 / 3)]
    assert (acc.precision, acc.recall) == (0.5, 1.0)
    markdown = to_markdown([report], charts=False)
    assert "kept: “Footer”" in markdown


def test_reports_table_markdown_json_and_readme_block(tmp_path: Path) -> None:
    pages = [Page("p", b"<p>x</p>", url="https://example.org/a", body="alpha beta gamma delta")]
    report = _report(
        pages,
        "scrapinghub",
        [_fixed("cleanarticle", "alpha beta gamma delta"), _fixed("parse", "")],
    )
    table = format_table(report)
    assert "cleanarticle" in table and "time x parse" in table and "F1" in table
    data = to_json([report])
    (entry,) = data["datasets"]
    assert entry["extractors"][0]["f1"] == 1.0
    assert entry["per_page"][0]["url"] == "https://example.org/a"
    json.dumps(data)  # plain data all through
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{README_BEGIN}\nold\n{README_END}\n\nafter\n", encoding="utf-8")
    update_readme(readme, readme_section([report]))
    text = readme.read_text(encoding="utf-8")
    assert "old" not in text and "| cleanarticle 1 | 1.000 |" in text and text.endswith("after\n")
    readme.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="marker"):
        update_readme(readme, readme_section([report]))


def test_wcxb_layout_scores_word_f1_per_page_type_and_totals_span_datasets() -> None:
    pages = [
        Page("1", b"<p/>", body="alpha beta", with_snippets=["alpha"], meta={"page_type": "forum"}),
        Page(
            "2", b"<p/>", body="gamma delta", with_snippets=["delta"], meta={"page_type": "listing"}
        ),
    ]
    report = _report(pages, "wcxb", [_fixed("cleanarticle", "alpha beta"), _fixed("parse", "")])
    acc = report.summaries[0].accuracy
    assert acc is not None
    assert acc.page_scores == [1.0, 0.0]
    assert acc.by_type == {"forum": 1.0, "listing": 0.0}
    assert acc.accuracy == 0.5  # one of the two 'with' snippets found
    table = format_table(report)
    assert "F1 per page type" in table and "listing" in table
    assert "| forum | 1 | 1.000 |" in readme_section([report])
    totals = format_totals([report, report])
    assert "all 2 datasets together" in totals and "cleanarticle" in totals
    assert format_totals([report]) == ""


def test_plain_folders_are_speed_only_and_collections_expand(tmp_path: Path) -> None:
    plain = tmp_path / "pages"
    plain.mkdir()
    (plain / "a.html").write_text("<p>" + "Some words of a story. " * 10 + "</p>")
    (plain / "b.html.gz").write_bytes(gzip.compress(b"<p>short</p>"))
    extractors, _ = load_extractors(["cleanarticle"])
    report = bench_folder(plain, extractors, warmup=1)
    assert report.layout == "plain" and report.metric is None
    assert [s.name for s in report.summaries] == ["cleanarticle", "parse"]
    assert report.summaries[0].accuracy is None
    assert "F1" not in format_table(report)

    sh = tmp_path / "sets" / "sh"
    (sh / "html").mkdir(parents=True)
    (sh / "ground-truth.json").write_text("{}")
    assert expand_paths([tmp_path / "sets", plain]) == [sh, plain]


SHARED = next(
    (
        p / "shared" / "datasets"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "datasets").is_dir()
    ),
    None,
)


@pytest.mark.skipif(SHARED is None, reason="../shared/datasets is absent: no real pages to run")
def test_real_scrapinghub_pages_score_in_the_benchmarks_metric() -> None:
    assert SHARED is not None
    extractors, _ = load_extractors(["cleanarticle"])
    report = bench_folder(SHARED / "scrapinghub", extractors, limit=3, warmup=0)
    summary = report.summaries[0]
    assert report.layout == "scrapinghub" and len(report.pages) == 3
    assert summary.accuracy is not None and summary.accuracy.f1 > 0.5
    assert summary.errors == 0 and summary.pages_per_s > 0


def test_readability_layout_scores_agreement_with_its_expected_output(tmp_path: Path) -> None:
    page_dir = tmp_path / "rd" / "pages" / "site-1"
    page_dir.mkdir(parents=True)
    (page_dir / "source.html").write_text("<p>ignored</p>")
    (page_dir / "expected.html").write_text("<div><p>one two three</p><p>four five</p></div>")
    (page_dir / "expected-metadata.json").write_text('{"title": "T"}')
    extractors = [_fixed("cleanarticle", "one two three\nfour five")]
    report = bench_folder(tmp_path / "rd", extractors, warmup=0)
    assert report.layout == "readability" and report.metric == "readability-agreement"
    assert report.pages[0].meta["title"] == "T"
    acc = report.summaries[0].accuracy
    assert acc is not None and acc.f1 == 1.0 and acc.accuracy == 1.0


def test_the_run_silences_extractor_logging_and_restores_it() -> None:
    import logging

    def noisy(page: PageInput, url: str | None) -> str:
        assert logging.root.manager.disable >= logging.CRITICAL
        logging.getLogger("some.extractor").warning("noise")
        return ""

    before = logging.root.manager.disable
    (result,) = run_extractors(PAGES[:1], [Extractor("noisy", "1", noisy)], warmup=0)
    assert result.errors == [None]
    assert logging.root.manager.disable == before


def test_the_default_datasets_folder_is_found_above_a_nested_checkout(tmp_path: Path) -> None:
    checkout = tmp_path / "work" / "wt" / "branch"
    checkout.mkdir(parents=True)
    assert default_datasets(checkout) == tmp_path / "work" / "wt" / "shared" / "datasets"
    (tmp_path / "work" / "shared" / "datasets").mkdir(parents=True)
    assert default_datasets(checkout) == tmp_path / "work" / "shared" / "datasets"

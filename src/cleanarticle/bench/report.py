"""Benchmark reports: the terminal table, JSON, Markdown, worst pages (the README section:
:mod:`cleanarticle.bench.readme`)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleanarticle.bench.metrics import page_shingles, word_f1
from cleanarticle.bench.results import Summary, summary_dict
from cleanarticle.bench.suite import DatasetReport

__all__ = [
    "count_of",
    "fmt",
    "format_table",
    "format_totals",
    "label_of",
    "md_table",
    "page_type_rows",
    "to_json",
    "to_markdown",
    "totals_rows",
    "write_worst_pages",
]

METRIC_NAMES = {
    "shingles": "F1 = ScrapingHub's shingle metric against the true body",
    "snippets": "F1 = trafilatura's with/without snippets",
    "readability-agreement": "F1 = shingle agreement with Readability.js's own output (not truth)",
    "words": "F1 = WCXB's mean per-page word F1 against the true main content",
}
_ACC_HEADER = {
    "shingles": "exact",
    "snippets": "right",
    "readability-agreement": "exact",
    "words": "with found",
}
_SNIPPET_CHARS = 70

METHOD = """\
Every extractor gets the same input for a page ({input} input{input_note}), and runs on
it before the next page is taken (interleaved, the order rotating page by page, so machine
drift hits all alike); the first {warmup} pages are run untimed first (warm-up). Times are
per page, around the whole call (for cleanarticle the whole `extract()`), the fastest of
{runs}. pages/s and MB/s are over the sum of the per-page times, one process, one core.
"time x" columns give an extractor's total time as a multiple of {reference}'s and of a bare
selectolax parse of the same pages. An exception counts an error and an empty output."""


def fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _rows(report: DatasetReport) -> tuple[list[str], list[list[str]]]:
    metric = report.metric
    reference = next((s.name for s in report.summaries if s.scored), "reference")
    headers = ["extractor", "version"]
    if metric:
        headers += ["F1", "precision", "recall", _ACC_HEADER[metric]]
    headers += ["pages/s", "MB/s", "median ms", "p95 ms", "errors", "empty"]
    headers += [f"time x {reference}", "time x parse"]
    rows = []
    for s in report.summaries:
        row = [s.name, s.version]
        if metric:
            acc = s.accuracy
            row += [
                fmt(acc.f1 if acc else None, 3),
                fmt(acc.precision if acc else None, 3),
                fmt(acc.recall if acc else None, 3),
                fmt(acc.accuracy if acc else None, 3),
            ]
        row += [
            fmt(s.pages_per_s, 1),
            fmt(s.mb_per_s, 2),
            fmt(s.median_ms, 2),
            fmt(s.p95_ms, 2),
            str(s.errors),
            str(s.empty) if s.scored else "-",
            fmt(s.time_vs_reference, 2),
            fmt(s.time_vs_parse, 1),
        ]
        rows.append(row)
    return headers, rows


def page_type_rows(report: DatasetReport) -> tuple[list[str], list[list[str]]]:
    """WCXB: mean F1 per page type, one column an extractor (empty without types)."""
    scored = [s for s in report.summaries if s.accuracy is not None and s.accuracy.by_type]
    if not scored:
        return [], []
    types = sorted({t for s in scored for t in (s.accuracy.by_type if s.accuracy else {})})
    counts = {t: sum(page.meta.get("page_type") == t for page in report.pages) for t in types}
    headers = ["page type", "pages", *(s.name for s in scored)]
    rows = [
        [
            t,
            str(counts[t]),
            *(fmt(s.accuracy.by_type.get(t) if s.accuracy else None, 3) for s in scored),
        ]
        for t in types
    ]
    return headers, rows


def totals_rows(reports: Sequence[DatasetReport]) -> tuple[list[str], list[list[str]]]:
    """Over all datasets: each extractor's pages, total time, pages/s and time as a multiple
    of the reference's (the extractors that ran on every dataset)."""
    names = [s.name for s in reports[0].summaries] if reports else []
    names = [n for n in names if all(r.summary(n) is not None for r in reports)]
    pages = sum(len(r.pages) for r in reports)
    totals: dict[str, float] = {}
    for name in names:
        totals[name] = sum(s.total_s for r in reports if (s := r.summary(name)) is not None)
    reference = names[0] if names else None
    headers = ["extractor", "pages", "total s", "pages/s", f"time x {reference}"]
    rows = [
        [
            n,
            str(pages),
            fmt(totals[n], 2),
            fmt(pages / totals[n] if totals[n] else None, 1),
            fmt(totals[n] / totals[reference] if reference and totals[reference] else None, 2),
        ]
        for n in names
    ]
    return headers, rows


def format_totals(reports: Sequence[DatasetReport]) -> str:
    """The terminal table of the speed over all datasets of a run (empty for one dataset)."""
    if len(reports) < 2:
        return ""
    headers, rows = totals_rows(reports)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [f"all {len(reports)} datasets together (speed):"]
    for cells in [headers, ["-" * w for w in widths], *rows]:
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
        )
    return "\n".join(lines) + "\n"


def count_of(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _title(report: DatasetReport) -> str:
    return (
        f"{report.name}: {count_of(len(report.pages), 'page')}, {report.total_bytes / 1e6:.1f} MB "
        f"(layout {report.layout}); {report.input_mode} input, fastest of "
        f"{count_of(report.runs, 'run')}, {count_of(report.warmup, 'warm-up page')}; {report.date}"
    )


def format_table(report: DatasetReport) -> str:
    """The terminal table of one dataset, with its title and notes."""
    headers, rows = _rows(report)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [_title(report)]
    if report.metric:
        out.append(METRIC_NAMES[report.metric])
    out += [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    type_headers, type_rows = page_type_rows(report)
    if type_rows:
        tw = [max(len(r[i]) for r in [type_headers, *type_rows]) for i in range(len(type_headers))]
        out.append("F1 per page type:")
        for cells in [type_headers, *type_rows]:
            out.append(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(cells, tw, strict=True))
                )
            )
    out += [f"skipped {name}: {why}" for name, why in report.skipped.items()]
    return "\n".join(out) + "\n"


def md_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None
) -> list[str]:
    """A Markdown table; ``align`` has one letter a column, l(eft) or r(ight): by default
    the first two columns left, the others right."""
    align = align or "ll" + "r" * (len(headers) - 2)

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _short(text: str, limit: int = _SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_id(page_id: str) -> str:
    """Hash-like ids (ScrapingHub's are 64 hex digits) cut to 12 characters for tables."""
    return page_id[:12] if re.fullmatch(r"[0-9a-f]{24,}", page_id) else page_id


def _page_detail(report: DatasetReport, summary: Summary, index: int) -> str:
    page = report.pages[index]
    if summary.error_messages[index]:
        return f"error: {_short(summary.error_messages[index] or '')}"
    output = summary.outputs[index]
    if report.metric == "snippets":
        text = " ".join(output.split())
        missed = [s for s in page.with_snippets if " ".join(s.split()) not in text]
        found = [s for s in page.without_snippets if " ".join(s.split()) in text]
        parts = [f"missed: “{_short(s, 50)}”" for s in missed[:2]]
        parts += [f"kept: “{_short(s, 50)}”" for s in found[:2]]
        return "; ".join(parts)
    if report.metric == "words":
        precision, recall, _f1 = word_f1(output, page.body or "")
        return (
            f"{page.meta.get('page_type')}: P {precision:.2f} R {recall:.2f}, "
            f"{len(output.split())} words out of a true {len((page.body or '').split())}"
        )
    if report.metric is not None:
        truth = page.body if report.layout == "scrapinghub" else None
        if truth is not None:
            shingles = page_shingles(page.id, output, truth)
            return (
                f"P {fmt(shingles.precision, 2)} R {fmt(shingles.recall, 2)}, "
                f"{len(output.split())} words out of a true {len(truth.split())}"
            )
    return f"{len(output.split())} words"  # no truth to compare with


def _worst(report: DatasetReport, summary: Summary, count: int) -> list[dict[str, Any]]:
    found = []
    for index in summary.worst_pages(count):
        page = report.pages[index]
        found.append(
            {
                "id": page.id,
                "url": page.url,
                "score": None
                if summary.accuracy is None
                else round(summary.accuracy.page_scores[index], 4),
                "ms": round(summary.times_ms[index], 3),
                "detail": _page_detail(report, summary, index),
            }
        )
    return found


def to_json(reports: Sequence[DatasetReport], *, worst: int = 10) -> dict[str, Any]:
    """Everything measured, as plain data: figures, worst pages, per-page times and scores."""
    datasets = []
    for report in reports:
        pages = []
        for i, page in enumerate(report.pages):
            entry: dict[str, Any] = {"id": page.id, "url": page.url, "bytes": len(page.data)}
            entry["ms"] = {s.name: round(s.times_ms[i], 3) for s in report.summaries}
            entry["score"] = {
                s.name: round(s.accuracy.page_scores[i], 4)
                for s in report.summaries
                if s.accuracy is not None
            }
            entry["errors"] = {
                s.name: s.error_messages[i] for s in report.summaries if s.error_messages[i]
            }
            pages.append(entry)
        datasets.append(
            {
                "name": report.name,
                "path": report.path,
                "layout": report.layout,
                "metric": report.metric,
                "date": report.date,
                "input": report.input_mode,
                "runs": report.runs,
                "warmup": report.warmup,
                "pages": len(report.pages),
                "bytes": report.total_bytes,
                "skipped": report.skipped,
                "environment": report.environment,
                "extractors": [
                    {
                        **summary_dict(s),
                        "worst": _worst(report, s, worst) if s.scored else [],
                        "slowest": [report.pages[i].id for i in s.slowest_pages(worst)],
                    }
                    for s in report.summaries
                ],
                "per_page": pages,
            }
        )
    return {"datasets": datasets}


def _method(report: DatasetReport) -> str:
    note = (
        ", decoded once beforehand by cleanarticle's decoder"
        if report.input_mode == "str"
        else ", each extractor decoding it"
    )
    reference = next((s.name for s in report.summaries if s.scored), "the first")
    return METHOD.format(
        input=report.input_mode,
        input_note=note,
        warmup=report.warmup,
        runs=count_of(report.runs, "run"),
        reference=reference,
    )


def to_markdown(reports: Sequence[DatasetReport], *, worst: int = 10, charts: bool = True) -> str:
    """The full report: per dataset its table, chart, method and worst pages per extractor."""
    out = ["# cleanarticle bench", ""]
    for report in reports:
        out += [f"## {report.name}", "", _title(report) + ".", ""]
        if report.metric:
            out += [METRIC_NAMES[report.metric] + ".", ""]
        out += [*md_table(*_rows(report)), ""]
        type_headers, type_rows = page_type_rows(report)
        if type_rows:
            out += [
                "F1 per page type:",
                "",
                *md_table(type_headers, type_rows, "l" + "r" * (len(type_headers) - 1)),
                "",
            ]
        if report.skipped:
            out += [f"- skipped {n}: {why}" for n, why in report.skipped.items()] + [""]
        if charts:
            out += [f"![{report.name}: speed against accuracy]({report.name}.png)", ""]
        env = report.environment
        out += [
            _method(report),
            "",
            f"Measured with Python {env.get('python')} on {env.get('platform')}, "
            f"{env.get('cpus')} CPUs, load average at start {env.get('load_average')}; "
            f"command: `{env.get('command')}`.",
            "",
        ]
        label = "Worst pages" if report.metric else "Slowest pages"
        out += [f"### {label} per extractor", ""]
        for summary in report.summaries:
            if not summary.scored:
                continue
            found = _worst(report, summary, worst)
            out += [f"**{summary.name}**" + ("" if found else ": none below a perfect score"), ""]
            if found and report.metric is None:
                rows = [[_short_id(w["id"]), fmt(w["ms"], 1), w["detail"]] for w in found]
                out += [*md_table(["page", "ms", "output"], rows, "lrl"), ""]
            elif found:
                rows = [
                    [
                        _short_id(w["id"]),
                        fmt(w["score"], 2),
                        fmt(w["ms"], 1),
                        w["detail"],
                        w["url"] or "",
                    ]
                    for w in found
                ]
                out += [*md_table(["page", "score", "ms", "what", "url"], rows, "lrrll"), ""]
    if len(reports) > 1:
        headers, rows = totals_rows(reports)
        out += ["## All datasets together (speed)", "", *md_table(headers, rows, "lrrrr"), ""]
    return "\n".join(out).rstrip() + "\n"


def label_of(summary: Summary) -> str:
    if not summary.scored:
        return f"bare parse (selectolax {summary.version})"
    return f"{summary.name} {summary.version}"


def write_worst_pages(report: DatasetReport, folder: str | Path, *, worst: int = 10) -> int:
    """Write each extractor's output on its worst pages (and the truth, when the dataset has
    one) under ``folder/<dataset>/``, to look at side by side; returns the files written."""
    root = Path(folder) / report.name
    written = 0
    for summary in report.summaries:
        if not summary.scored:
            continue
        for index in summary.worst_pages(worst):
            page = report.pages[index]
            safe = re.sub(r"[^\w.-]+", "_", page.id)
            target = root / summary.name / f"{safe}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            header = f"# {page.id} {page.url or ''}\n# {_page_detail(report, summary, index)}\n\n"
            target.write_text(header + summary.outputs[index] + "\n", encoding="utf-8")
            written += 1
            truth = page.body
            if truth is not None:
                truth_path = root / "truth" / f"{safe}.txt"
                if not truth_path.exists():
                    truth_path.parent.mkdir(parents=True, exist_ok=True)
                    truth_path.write_text(truth + "\n", encoding="utf-8")
                    written += 1
    return written


def dump_json(data: dict[str, Any], path: str | Path) -> None:
    """Write a JSON report."""
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

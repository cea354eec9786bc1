"""``cleanarticle bench``: compare extractors on your own pages, or on a public benchmark.

``cleanarticle bench PATH... [--against NAME,...] [--report DIR] [--runs N]``

Each PATH is a folder: a plain folder of pages (speed only) or a benchmark layout detected
automatically (ScrapingHub's, trafilatura's, WCXB's, Mozilla Readability's test pages), which
adds accuracy in the benchmark's own metric (WCXB's per page type too). With several datasets,
a last table gives each extractor's speed over all of them together. A folder whose sub-folders are all benchmark layouts
stands for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleanarticle.bench.suite import DatasetReport

__all__ = ["add_options", "add_parser", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_AGAINST = "trafilatura"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``bench`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "bench",
        help="compare extractors' speed and accuracy on your pages",
        description="Run cleanarticle and other extractors side by side on the same pages, "
        "interleaved page by page, and report pages/s, MB/s, median and p95 ms, errors, and "
        "F1 / precision / recall where the folder has ground truth (ScrapingHub's, "
        "trafilatura's or WCXB's benchmark layout, or Readability's test pages, detected "
        "automatically; WCXB also per page type).",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="a folder of pages, or a benchmark folder"
    )
    add_options(parser)
    parser.set_defaults(func=run)
    return parser


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``cleanarticle bench`` (shared with ``benchmarks/engine.py``)."""
    parser.add_argument(
        "--against",
        default=DEFAULT_AGAINST,
        metavar="NAME,...",
        help="extractors to compare with: trafilatura, readability-lxml, newspaper4k, goose3, "
        "justext, resiliparse, boilerpy3, html-text, or all (default: %(default)s); a "
        "missing one is reported and skipped",
    )
    parser.add_argument(
        "--report",
        metavar="DIR",
        help="write report.json, report.md, a PNG chart per dataset "
        "and the worst pages' outputs into DIR",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        metavar="N",
        help="timed passes; each page keeps its fastest time (default: %(default)s)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=3,
        metavar="N",
        help="pages run untimed first (default: %(default)s)",
    )
    parser.add_argument(
        "--input",
        choices=("str", "bytes"),
        default="str",
        help="give every extractor the page decoded once beforehand (str, the default) or "
        "the raw bytes, each decoding them itself",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages of each")
    parser.add_argument(
        "--worst",
        type=int,
        default=10,
        metavar="N",
        help="worst pages listed per extractor (default: %(default)s)",
    )
    parser.add_argument(
        "--readme",
        metavar="FILE",
        help="replace the generated benchmark block in FILE (between "
        "its marker lines) with these figures",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")


def _progress(name: str) -> Any:
    tty = sys.stderr.isatty()
    step = 0

    def show(done: int, total: int, run: int) -> None:
        nonlocal step
        if tty:
            print(f"\r{name}: run {run}, {done}/{total} pages", end="", file=sys.stderr)
            if done == total:
                print(file=sys.stderr)
        elif done * 10 // total > step or done == total:
            step = done * 10 // total
            print(f"{name}: run {run}, {done}/{total} pages", file=sys.stderr)

    return show


def run(args: argparse.Namespace) -> int:
    """Run ``cleanarticle bench``; returns the exit status."""
    from cleanarticle.bench.adapters import ExtractorUnavailableError, resolve_names
    from cleanarticle.bench.datasets import DatasetError
    from cleanarticle.bench.readme import readme_section, update_readme
    from cleanarticle.bench.report import format_table, format_totals
    from cleanarticle.bench.suite import bench_folder, expand_paths, load_extractors

    if args.runs < 1 or args.warmup < 0 or (args.limit is not None and args.limit < 1):
        print(
            "cleanarticle bench: --runs and --limit must be at least 1, --warmup at least 0",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        names = resolve_names(["cleanarticle", *resolve_names(args.against)])
    except ExtractorUnavailableError as exc:
        print(f"cleanarticle bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    extractors, skipped = load_extractors(names)
    for why in skipped.values():
        print(f"cleanarticle bench: skipping {why}", file=sys.stderr)
    if not any(e.scored for e in extractors):
        print("cleanarticle bench: no extractor to run", file=sys.stderr)
        return EXIT_FAILED

    reports: list[DatasetReport] = []
    status = EXIT_OK
    for folder in expand_paths(args.paths):
        try:
            report = bench_folder(
                folder,
                extractors,
                runs=args.runs,
                warmup=args.warmup,
                input_mode=args.input,
                limit=args.limit,
                skipped=skipped,
                progress=None if args.quiet else _progress(folder.name),
            )
        except DatasetError as exc:
            print(f"cleanarticle bench: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        reports.append(report)
        sys.stdout.write(format_table(report) + "\n")
        sys.stdout.flush()
    if not reports:
        return EXIT_FAILED
    if len(reports) > 1:
        sys.stdout.write(format_totals(reports) + "\n")
    if args.report:
        status = max(status, _write_report(args, reports))
    if args.readme:
        try:
            update_readme(args.readme, readme_section(reports))
        except (OSError, ValueError) as exc:
            print(f"cleanarticle bench: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"updated the benchmark block in {args.readme}", file=sys.stderr)
    return status


def _write_report(args: argparse.Namespace, reports: list[DatasetReport]) -> int:
    from cleanarticle.bench.chart import ChartUnavailableError, write_chart
    from cleanarticle.bench.readme import readme_section
    from cleanarticle.bench.report import dump_json, to_json, to_markdown, write_worst_pages

    folder = Path(args.report)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        charts = True
        for report in reports:
            try:
                if charts:
                    write_chart(report, folder / f"{report.name}.png")
            except ChartUnavailableError as exc:  # reported, the rest of the report written
                print(f"cleanarticle bench: no chart: {exc}", file=sys.stderr)
                charts = False
            write_worst_pages(report, folder / "worst", worst=args.worst)
        dump_json(to_json(reports, worst=args.worst), folder / "report.json")
        (folder / "report.md").write_text(
            to_markdown(reports, worst=args.worst, charts=charts), encoding="utf-8"
        )
        (folder / "readme-section.md").write_text(readme_section(reports), encoding="utf-8")
    except OSError as exc:
        print(f"cleanarticle bench: cannot write the report: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"report written to {folder}/ (report.md, report.json, charts, worst/)", file=sys.stderr)
    return EXIT_OK

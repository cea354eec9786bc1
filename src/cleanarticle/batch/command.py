"""The ``cleanarticle batch`` subcommand."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cleanarticle.batch.cleaner import Cleaner
from cleanarticle.batch.pool import default_workers
from cleanarticle.batch.run import DEFAULT_TIMEOUT, run_batch
from cleanarticle.batch.urls import DEFAULT_DELAY
from cleanarticle.errors import CleanArticleError
from cleanarticle.model import PageType
from cleanarticle.options import DEFAULTS, add_engine_options

__all__ = ["add_parser"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
_ADDRESS = re.compile(r"^([a-z]+://)?[\w.\-\[\]:]+:\d+$")

DESCRIPTION = """\
Clean a dump of pages: every document of the inputs gets exactly one record in OUTPUT, its
article or its error. Inputs mix freely: page files (.html, .htm, .txt, each optionally .gz),
folders (recursively; symbolic links out of the input folders are not followed unless
--follow-symlinks), WARC files (.warc, .warc.gz: response records) and JSONL files
(.jsonl, .jsonl.gz: one object a line with "html" and optional "url" and "id"). With
--urls FILE, the pages of the URLs listed in FILE (one a line) are fetched and cleaned too,
each host's requests --delay seconds apart; a URL that cannot be fetched is an error record.

The run survives anything: a document past --timeout is stopped and recorded as an error,
a crashed worker is replaced, and after any interruption (even kill -9) the same command with
--resume finishes the job, with no document lost and none written twice. With --page-types,
pages of other types are not cleaned, and get a record that says so ("skipped", with their
"pageType"). The exit status is 0 when every document has its record (error and skipped
records included), 1 when the batch could not finish (the output could not be written, ...),
2 for a usage error (a malformed rules file or an unknown page type included), 130 when
interrupted.
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``batch`` subcommand."""
    parser = subparsers.add_parser(
        "batch",
        help="clean a dump of pages (files, folders, WARC, JSONL) into JSONL or Parquet",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="files and folders to clean")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="JSONL file or Parquet folder"
    )
    parser.add_argument(
        "--urls",
        metavar="FILE",
        help="a file of http(s) URLs, one a line (# comments), whose pages are fetched and cleaned",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=DEFAULT_DELAY,
        metavar="S",
        help=f"seconds between two requests to one host, for --urls (default {DEFAULT_DELAY:g})",
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "parquet"),
        help="output format (default: parquet for an OUT ending in .parquet, else jsonl)",
    )
    parser.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help=f"worker processes (default: one per core, here {default_workers()})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds a document may take before it is stopped (default {DEFAULT_TIMEOUT:g}; "
        "0 for no limit)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted batch: keep OUT's records, clean only the rest",
    )
    parser.add_argument("--overwrite", action="store_true", help="discard OUT and start again")
    parser.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="run on Dask: a local cluster, or the scheduler at ADDRESS (host:port)",
    )
    parser.add_argument(
        "--memory-limit",
        type=_positive_int,
        metavar="MB",
        help="megabytes of heap a worker may allocate; a page needing more is an error record",
    )
    add_engine_options(parser, url=False)  # each document has its own URL
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symbolic links that lead out of the input folders (default: such a "
        "link is an error record)",
    )
    parser.add_argument(
        "--page-types",
        metavar="TYPES",
        help="clean only pages of these types, comma-separated (of "
        + ",".join(t.value for t in PageType)
        + "); a page of another type gets a skipped record with its pageType",
    )
    parser.add_argument(
        "--no-removed-text",
        action="store_true",
        help="keep only the kind and rule of each removal, not its text (smaller output)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw a progress line (default: when standard error is a terminal)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    parser.set_defaults(func=_cmd_batch)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _cmd_batch(args: argparse.Namespace) -> int:
    inputs = list(args.inputs)
    dask = args.dask
    if dask not in (None, "local") and not _ADDRESS.match(dask) and Path(dask).exists():
        inputs.insert(0, dask)  # `--dask INPUT ...`: the path was taken for an address
        dask = "local"
    if not inputs and not args.urls:
        print("cleanarticle batch: give an INPUT or --urls FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.delay < 0:
        print("cleanarticle batch: --delay must not be negative", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = DEFAULTS.with_(include_removed_text=not args.no_removed_text)
        page_types = args.page_types.split(",") if args.page_types is not None else None
        cleaner = Cleaner(
            rules=args.rules,
            options=options,
            input_format=args.input_format,
            page_types=page_types,
        )
    except CleanArticleError as exc:  # a malformed rules file, an unknown page type
        print(f"cleanarticle batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = run_batch(
            inputs,
            args.output,
            fmt=args.format,
            cleaner=cleaner,
            workers=args.workers,
            timeout=args.timeout or None,
            memory_limit=args.memory_limit * 2**20 if args.memory_limit else None,
            resume=args.resume,
            overwrite=args.overwrite,
            dask=dask,
            progress=args.progress,
            urls=args.urls,
            url_delay=args.delay,
            follow_symlinks=args.follow_symlinks,
        )
    except KeyboardInterrupt:
        print(
            f"cleanarticle batch: interrupted; run it again with --resume to finish {args.output}",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except CleanArticleError as exc:
        print(f"cleanarticle batch: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        sys.stderr.write(summary.render())
    return EXIT_OK

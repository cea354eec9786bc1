"""The ``cleanarticle stories`` subcommand."""

from __future__ import annotations

import argparse
import sys

from cleanarticle.errors import CleanArticleError

__all__ = ["add_parser"]

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130

DESCRIPTION = """\
Find the copies of each story in batch output (cleanarticle batch's JSONL or Parquet; files
or folders) and write every record once, in input order, an article with storyId (the same
for all copies of one story), copyOf (the source of the story's original, null on the
original) and copyKind (full, partial or edited; null on the original); error records are
written untouched. The original is the publisher's own page where the story has one, else
the fullest copy, else the earliest. Records are streamed twice (memory holds a few hundred
bytes a record, never the bodies); copies are found by locality-sensitive hashing over the
records' fingerprints (computed from articleBody where absent).
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``stories`` subcommand."""
    parser = subparsers.add_parser(
        "stories",
        help="group batch output into stories: copies, their original, how they differ",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL / Parquet files, folders")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="JSONL file or Parquet folder"
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "parquet"),
        help="output format (default: parquet for an OUT ending in .parquet, else jsonl)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    parser.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="read the inputs on Dask: a local cluster, or the scheduler at ADDRESS",
    )
    parser.add_argument("--workers", type=int, metavar="N", help="local Dask cluster size")
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    parser.set_defaults(func=_cmd_stories)


def _cmd_stories(args: argparse.Namespace) -> int:
    from cleanarticle.stories.run import run_stories  # noqa: PLC0415 - numpy on use

    try:
        summary = run_stories(
            args.inputs,
            args.output,
            fmt=args.format,
            overwrite=args.overwrite,
            dask=args.dask,
            workers=args.workers,
        )
    except KeyboardInterrupt:
        print("cleanarticle stories: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except CleanArticleError as exc:
        print(f"cleanarticle stories: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        sys.stderr.write(summary.render())
    return EXIT_OK

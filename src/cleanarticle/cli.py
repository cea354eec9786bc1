"""The ``cleanarticle`` command line.

Subcommands:
  extract   clean one or more pages (files, - for stdin, or URLs) and print them
  example   clean the example page bundled with the package and print it

Other subcommands live in their own modules, each exposing ``add_parser(subparsers)`` that
registers the subcommand and sets ``func``; :data:`SUBCOMMAND_MODULES` lists them, in the
order ``--help`` shows them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from importlib import import_module, resources
from typing import TYPE_CHECKING

from cleanarticle import COMPILED, __version__
from cleanarticle.api import extract
from cleanarticle.batch.records import ErrorInfo, Result
from cleanarticle.errors import CleanArticleError
from cleanarticle.input.fetch import DEFAULT_TIMEOUT, HostPacer, fetch, is_url, new_client
from cleanarticle.input.read import read_page
from cleanarticle.model import Article
from cleanarticle.options import add_engine_options
from cleanarticle.rules import RuleSet, load_rules

if TYPE_CHECKING:
    import httpx

__all__ = ["main"]

FORMATS = ("json", "markdown", "html", "text")
EXAMPLE = "inkl-axios-example.txt"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Seconds between two requests ``extract`` makes to one host.
URL_DELAY = 1.0
#: Modules that add a subcommand with ``add_parser(subparsers)``.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "cleanarticle.explain",
    "cleanarticle.batch.command",
    "cleanarticle.stories.command",
    "cleanarticle.bench.command",
)


def render(article: Article, fmt: str) -> str:
    """Render an article in one of :data:`FORMATS`."""
    if fmt == "json":
        return article.to_json() + "\n"
    if fmt == "markdown":
        return article.to_markdown()
    if fmt == "html":
        return article.to_html()
    return article.to_text()


def _cmd_extract(args: argparse.Namespace) -> int:
    try:
        rules: RuleSet | None = load_rules(args.rules) if args.rules else None
    except CleanArticleError as exc:
        print(f"cleanarticle: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sources: list[str] = list(args.files) or ([args.url] if args.url else [])
    if not sources:
        print("cleanarticle extract: give a FILE, - or a URL (or -u URL)", file=sys.stderr)
        return EXIT_USAGE
    fmt = args.format or ("jsonl" if len(sources) > 1 else "json")
    pages = _Pages(label=args.url if args.files else None, timeout=args.timeout)
    status = EXIT_OK
    try:
        for source in sources:
            url: str | None = None
            try:
                data, url, encoding = pages.read(source)
                article = extract(
                    data,
                    url=url,
                    encoding=encoding,
                    rules=rules,
                    input_format=args.input_format,
                )
            except OSError as exc:
                reason = f"cannot read: {exc.strerror or exc}"
                status = _failed(source, ErrorInfo("InputReadError", reason), fmt, url)
                continue
            except CleanArticleError as exc:
                status = _failed(source, ErrorInfo.of(exc), fmt, url)
                continue
            if fmt == "jsonl":
                sys.stdout.write(_jsonl(Result(source, article=article)))
            else:
                sys.stdout.write(render(article, fmt))
    finally:
        pages.close()
    return status


def _failed(source: str, error: ErrorInfo, fmt: str, url: str | None) -> int:
    """Report a page that failed (on standard error, and as an error record in JSON Lines)."""
    if error.type == "InputReadError":
        print(f"cleanarticle: {source}: {error.message}", file=sys.stderr)
    else:
        print(f"cleanarticle: {source}: {error.type}: {error.message}", file=sys.stderr)
    if fmt == "jsonl":
        sys.stdout.write(_jsonl(Result(source, error=error, url=url)))
    return EXIT_FAILED


def _jsonl(result: Result) -> str:
    return result.to_json_line().decode("utf-8")


class _Pages:
    """Reads the inputs of ``extract``: files, standard input, and URLs (fetched with one
    client, each host's requests :data:`URL_DELAY` seconds apart)."""

    def __init__(self, *, label: str | None, timeout: float) -> None:
        self.label = label
        self.timeout = timeout
        self.pacer = HostPacer(URL_DELAY)
        self.client: httpx.Client | None = None

    def read(self, source: str) -> tuple[bytes, str | None, str | None]:
        """The page's bytes, its URL and the charset its server declared.

        Raises:
            OSError: a file cannot be read.
            CleanArticleError: the page is too large, or cannot be fetched.
        """
        if not is_url(source):
            return read_page(source), self.label, None
        if self.client is None:
            self.client = new_client(timeout=self.timeout)
        self.pacer.wait(source)
        page = fetch(source, timeout=self.timeout, client=self.client)
        return page.data, page.url, page.encoding

    def close(self) -> None:
        if self.client is not None:
            self.client.close()


def _cmd_example(args: argparse.Namespace) -> int:
    data = (resources.files("cleanarticle") / "examples" / EXAMPLE).read_bytes()
    article = extract(data)
    if args.format == "summary":
        sys.stdout.write(_summary(article))
    else:
        sys.stdout.write(render(article, args.format))
    return EXIT_OK


def build_line() -> str:
    """One line on how the running cleanarticle was built: compiled, pure Python (and how to
    compile it), pure Python because compiling failed (and why), or the source."""
    try:
        record = import_module("cleanarticle._build")  # written by setup.py
    except ImportError:
        record = None
    head = f"cleanarticle {__version__}"
    if COMPILED:
        return f"{head}, compiled build (mypyc)"
    if record is None:
        return f"{head}, pure-Python source (not installed)"
    reason = getattr(record, "FALLBACK_REASON", None)
    if getattr(record, "COMPILE_REQUESTED", False):
        return (
            f"{head}, pure-Python build: compiling was asked for and fell back ({reason}); "
            "pip install -v shows the compiler's output"
        )
    return (
        f"{head}, pure-Python build (CLEANARTICLE_COMPILE=1 pip install . compiles the engine, "
        "1.13-1.22x as fast: see docs/install.md)"
    )


def _summary(article: Article) -> str:
    lines = [
        build_line(),
        "cleanarticle example: a story republished on the aggregator inkl, as a text capture",
        f"(bundled as cleanarticle/examples/{EXAMPLE}; chrome above, inside and below it)",
        "",
        f"headline:   {article.headline}",
        f"publisher:  {article.publisher}",
        f"aggregator: {article.aggregator}",
        f"section:    {article.section}",
        f"language:   {article.language}",
        f"sections:   {', '.join(s.heading or '(lead)' for s in article.sections)}",
        f"bullets:    {len(article.bullets)}",
        f"removed:    {len(article.removed)} pieces of chrome",
        "",
        "--- the article, as Markdown ---",
        "",
        article.to_markdown(),
        "--- removed, by rule ---",
    ]
    lines.extend(f"  {r.rule:24} {r.kind.value:12} {r.text[:60]}" for r in article.removed)
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cleanarticle`` command."""
    parser = argparse.ArgumentParser(
        prog="cleanarticle",
        description="Turn scraped article pages (HTML or plain-text captures, from publishers "
        "or aggregators such as inkl, MSN or Yahoo News) into clean, structured articles.",
    )
    parser.add_argument("--version", action="version", version=build_line())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_extract = sub.add_parser(
        "extract",
        help="clean pages (files or URLs) and print them",
        description="Clean each page and print it. An input is a file, - for standard "
        "input, or an http(s) URL, which is fetched. With several inputs the output is JSON "
        "Lines: one object a line, in input order, each with its 'source', and an 'error' "
        "object for a page that failed. Pages that fail are also reported on standard error, "
        "and the exit status is 1.",
    )
    p_extract.add_argument(
        "files", nargs="*", metavar="INPUT", help="HTML or text capture, -, or an http(s) URL"
    )
    p_extract.add_argument(
        "-u",
        "--url",
        help="the page's URL: fetched when no INPUT is given (as trafilatura's -u), else the "
        "URL the file came from (helps recognise the site)",
    )
    p_extract.add_argument(
        "--format",
        choices=(*FORMATS, "jsonl"),
        help="output format (default: json for one input, jsonl for several)",
    )
    p_extract.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds the download of a URL may take (default {DEFAULT_TIMEOUT:g})",
    )
    add_engine_options(p_extract, url=False)  # (-u/--url above)
    p_extract.set_defaults(func=_cmd_extract)

    p_example = sub.add_parser(
        "example",
        help="clean the example page bundled with the package",
        description="Clean an inkl page bundled inside the package and print the result: the "
        "fields found, the article, and the chrome removed, rule by rule.",
    )
    p_example.add_argument(
        "--format",
        choices=("summary", *FORMATS),
        default="summary",
        help="output format (default: summary)",
    )
    p_example.set_defaults(func=_cmd_example)
    for module in SUBCOMMAND_MODULES:
        import_module(module).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    if sys.stdout is None:  # started with standard output closed
        print("cleanarticle: cannot write the output: standard output is closed", file=sys.stderr)
        return EXIT_FAILED
    try:
        status = int(args.func(args))
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # standard output closed early (a pipe) or full (a disk)
        print(f"cleanarticle: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        with contextlib.suppress(OSError, ValueError):  # no second error when Python exits
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    return status


if __name__ == "__main__":
    sys.exit(main())

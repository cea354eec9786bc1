"""The ``cleanarticle`` command line.

Subcommands:
  extract   clean one or more pages (files, or - for stdin) and print them
  example   clean the example page bundled with the package and print it

Other subcommands live in their own modules, each exposing ``add_parser(subparsers)`` that
registers the subcommand and sets ``func``; :data:`SUBCOMMAND_MODULES` lists them, in the
order ``--help`` shows them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module, resources

from cleanarticle import __version__
from cleanarticle.api import extract
from cleanarticle.errors import CleanArticleError
from cleanarticle.input.read import read_page
from cleanarticle.model import Article
from cleanarticle.options import add_engine_options
from cleanarticle.rules import RuleSet, load_rules

__all__ = ["main"]

FORMATS = ("json", "markdown", "text")
EXAMPLE = "inkl-axios-example.txt"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Modules that add a subcommand with ``add_parser(subparsers)``.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "cleanarticle.explain",
    "cleanarticle.batch.command",
    "cleanarticle.bench.command",
)


def render(article: Article, fmt: str) -> str:
    """Render an article in one of :data:`FORMATS`."""
    if fmt == "json":
        return article.to_json() + "\n"
    if fmt == "markdown":
        return article.to_markdown()
    return article.to_text()


def _cmd_extract(args: argparse.Namespace) -> int:
    try:
        rules: RuleSet | None = load_rules(args.rules) if args.rules else None
    except CleanArticleError as exc:
        print(f"cleanarticle: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.files:
        try:
            data = read_page(path)
            article = extract(data, url=args.url, rules=rules, input_format=args.input_format)
        except OSError as exc:
            print(f"cleanarticle: {path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        except CleanArticleError as exc:
            print(f"cleanarticle: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        sys.stdout.write(render(article, args.format))
    return status


def _cmd_example(args: argparse.Namespace) -> int:
    data = (resources.files("cleanarticle") / "examples" / EXAMPLE).read_bytes()
    article = extract(data)
    if args.format == "summary":
        sys.stdout.write(_summary(article))
    else:
        sys.stdout.write(render(article, args.format))
    return EXIT_OK


def _summary(article: Article) -> str:
    lines = [
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
    parser.add_argument("--version", action="version", version=f"cleanarticle {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_extract = sub.add_parser(
        "extract",
        help="clean pages and print them",
        description="Clean each page and print it. A path of - reads standard input. Pages "
        "that fail are reported on standard error and the exit status is 1.",
    )
    p_extract.add_argument("files", nargs="+", metavar="FILE", help="HTML or text capture, or -")
    p_extract.add_argument(
        "--format", choices=FORMATS, default="json", help="output format (default: json)"
    )
    add_engine_options(p_extract)
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
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

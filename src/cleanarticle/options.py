"""Tunable settings of an extraction, with their defaults in one place, and the command-line
options every command that cleans pages shares (:func:`add_engine_options`)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["DEFAULTS", "INPUT_FORMATS", "Options", "add_engine_options"]


@dataclass(frozen=True, slots=True)
class Options:
    """Every threshold and bound of :func:`cleanarticle.extract`.

    Attributes:
        max_input_bytes: larger inputs raise :class:`InputTooLargeError` (default 50 MB;
            for str input, characters; gzip input counted inflated). Time and memory grow
            linearly with the input: about 12 times its size in memory for prose, up to
            about 30 times for pages of links or images (docs/robustness.md has the
            figures of ``benchmarks/bounds.py``).
        timeout: seconds one ``extract`` call may take; past it, extraction stops with
            :class:`ResourceLimitError`. ``None`` (the default) sets no bound. The call is
            interrupted at its next Python instruction after the deadline (CPython; a C
            call in progress, such as the parse of a large page, finishes first: well
            under a second at the default limits), and the deadline is also checked between
            stages. The engine's one-time set-up (language profiles, about a second) is done
            before the clock starts, on the first call with a timeout.
        max_tags: an HTML page with more ``<`` than this raises :class:`ResourceLimitError`
            before it is parsed (default 1,000,000; the largest real pages have tens of
            thousands). Memory and time grow with the number of elements, up to about a
            kilobyte and 10 microseconds each, so this bounds a page of tiny elements.
        max_lines: a text capture with more line breaks than this raises
            :class:`ResourceLimitError` before it is read (default 1,000,000).
        max_depth: element nesting deeper than this is flattened before analysis, so that
            pathological pages cannot make any pass quadratic or recurse too deep.
        detect_language: run language detection on the body when the page does not declare
            a language, or to check the one it declares.
        min_paragraph_chars: a text block shorter than this, with no sentence punctuation,
            is treated as a label, not a paragraph, when scoring content.
        include_tables: keep data tables inside the article body as table blocks.
        include_removed_text: keep the removed text in ``Article.removed`` (set ``False`` to
            keep only kinds and rule names, for smaller batch output).
        language_sample_chars: how much of the body language detection reads.
        page_type: the kind of page (a :class:`cleanarticle.PageType` value such as
            ``"forum"``) when the caller knows it; ``None`` (the default) lets the page be
            classified.
        links: keep the body's hyperlinks as link marks (``Mark``, with the absolute http(s)
            URL; a link the page gives no resolvable web URL for is not kept), rendered by
            ``to_markdown()``, ``to_html()`` and ``to_json()``.
        formatting: keep bold, italic and inline code as marks, likewise.
        images: keep the body's images as image blocks where the page shows them
            (``Article.images`` lists them either way).

        None of the three changes ``Article.text``: marks lie over the text, and image
        blocks have none.
    """

    max_input_bytes: int = 50_000_000
    timeout: float | None = None
    max_tags: int = 1_000_000
    max_lines: int = 1_000_000
    max_depth: int = 256
    detect_language: bool = True
    min_paragraph_chars: int = 25
    include_tables: bool = True
    include_removed_text: bool = True
    language_sample_chars: int = 2000
    page_type: str | None = None
    links: bool = True
    formatting: bool = True
    images: bool = True

    def with_(self, **changes: Any) -> Options:
        """Return a copy with some settings changed."""
        return replace(self, **changes)


DEFAULTS = Options()


#: The values of ``extract(input_format=...)`` and of ``--input-format``.
INPUT_FORMATS = ("auto", "html", "text")


def add_engine_options(parser: argparse.ArgumentParser, *, url: bool = True) -> None:
    """Add the options of every command that cleans pages: ``--url`` (where a command cleans
    pages of one origin; ``url=False`` leaves it out), ``--input-format`` and ``--rules``."""
    if url:
        parser.add_argument("--url", help="the URL the page came from (helps recognise it)")
    parser.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="what each page is: html, a text capture, or auto to recognise it (default: auto)",
    )
    parser.add_argument(
        "--rules", metavar="PATH", help="a profile file or folder that adds to the built-in rules"
    )

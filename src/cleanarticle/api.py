"""The public entry point: :func:`extract`. It calls the stages in order, nothing else."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Literal

from cleanarticle.body.sections import build_sections, final_units
from cleanarticle.draft import Draft
from cleanarticle.errors import (
    CleanArticleError,
    EmptyInputError,
    InputError,
    InternalError,
    NoContentError,
    ResourceLimitError,
)
from cleanarticle.fields.finish import finish
from cleanarticle.fields.language import load_profiles
from cleanarticle.fields.profile import profile_for_host
from cleanarticle.html.route import extract_html
from cleanarticle.input.decode import decode_utf8
from cleanarticle.input.limits import check_lines, check_tags
from cleanarticle.interrupt import Expired, call_until
from cleanarticle.model import Article, BlockKind, PageType
from cleanarticle.options import DEFAULTS, INPUT_FORMATS, Options
from cleanarticle.rules import RuleSet, load_rules
from cleanarticle.text.capture import extract_text_capture, looks_like_html
from cleanarticle.urls import safe_url

__all__ = ["URL_IGNORED", "InputFormat", "extract", "extract_draft", "prepare"]

InputFormat = Literal["auto", "html", "text"]
#: A flag of the article: the ``url`` given is not an absolute http(s) URL, and was ignored.
URL_IGNORED = "url-ignored"


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    encoding: str | None = None,
    input_format: InputFormat = "auto",
    rules: RuleSet | str | Path | None = None,
    options: Options = DEFAULTS,
) -> Article:
    """Clean one page into an :class:`Article`.

    Args:
        data: the page, as bytes in any encoding (gzip-compressed bytes are inflated) or str;
            HTML or a plain-text capture of the page.
        url: where the page came from; helps recognise the aggregator and is kept in
            ``Article.url`` when it is an absolute http(s) URL (else it is ignored, and
            ``Article.flags`` says ``url-ignored``).
        encoding: the charset the HTTP response declared, if known (bytes input only): a
            label of the WHATWG Encoding Standard; any other is ignored (``Article.flags``
            says ``charset-ignored:LABEL``).
        input_format: ``"html"``, ``"text"``, or ``"auto"`` to recognise which it is.
        rules: a :class:`RuleSet` (build one with :func:`load_rules` and reuse it), or the
            path of a profile file or folder that adds to / overrides the built-in profiles.
        options: thresholds and bounds (:class:`Options`).

    Returns:
        The article: fields, body sections, and the record of what was removed.

    Raises:
        InputError: the input is not str/bytes, is empty, is too large, or is a binary file
            (:class:`EmptyInputError`, :class:`InputTooLargeError`,
            :class:`BinaryInputError`).
        NoContentError: no article body was found in the page.
        ResourceLimitError: a bound of ``options`` was passed (``timeout``, ``max_tags``,
            ``max_lines``), or memory ran out.
        RulesError: the rules file given is malformed.
        InternalError: an unexpected error (a bug); its message keeps the original one.
    """
    return extract_draft(
        data, url=url, encoding=encoding, input_format=input_format, rules=rules, options=options
    )[0]


def extract_draft(
    data: bytes | str,
    *,
    url: str | None = None,
    encoding: str | None = None,
    input_format: InputFormat = "auto",
    rules: RuleSet | str | Path | None = None,
    options: Options = DEFAULTS,
    marks: dict[str, str] | None = None,
    keep: list[Draft] | None = None,
    page_types: frozenset[PageType] | None = None,
) -> tuple[Article, Draft]:
    """:func:`extract`, also returning the draft it filled (for ``cleanarticle explain``).

    ``marks``, when given, is filled with the label of every element (by its ``data-ca-id``
    attribute, see :func:`cleanarticle.dom.number_elements`) or text-capture line
    (``"L<n>"``) that was kept or removed. ``keep``, when given, gets the draft as soon as it
    is made: what was removed from a page that ends in :class:`NoContentError`.
    ``page_types``, when given, are the types worth cleaning: a page of another type raises
    :class:`PageTypeSkipped` as soon as its type is known (batch ``--page-types``).
    """
    _check_arguments(data, url, encoding, input_format, rules, options)
    args = (data, url, encoding, input_format, rules, options, marks, keep, page_types)
    try:
        if options.timeout is None:
            return _extract_draft(*args)
        prepare()
        return call_until(lambda: _extract_draft(*args), options.timeout)
    except Expired:
        raise ResourceLimitError(
            f"extraction took longer than Options.timeout = {options.timeout} s; it was stopped"
        ) from None
    except CleanArticleError:
        raise
    except MemoryError as exc:  # nothing else may escape: see errors.py
        raise ResourceLimitError("ran out of memory while cleaning the page") from exc
    except Exception as exc:
        raise InternalError(
            f"unexpected {type(exc).__name__}: {exc} (a bug in cleanarticle: please report "
            "it with the page)"
        ) from exc


def _check_arguments(
    data: object,
    url: object,
    encoding: object,
    input_format: object,
    rules: object,
    options: object,
) -> None:
    """Refuse arguments of the wrong type with an :class:`InputError` that names them (the
    compiled engine would refuse them with a bare ``TypeError``, the pure one further in)."""
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise InputError(f"expected bytes or str, got {type(data).__name__}")
    for name, value in (("url", url), ("encoding", encoding)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a str or None, not {type(value).__name__}")
    if input_format not in INPUT_FORMATS:
        raise InputError(f"input_format must be 'auto', 'html' or 'text', not {input_format!r}")
    if rules is not None and not isinstance(rules, (RuleSet, str, os.PathLike)):
        raise InputError(f"rules must be a RuleSet, a path or None, not {type(rules).__name__}")
    if not isinstance(options, Options):
        raise InputError(f"options must be an Options, not {type(options).__name__}")
    if options.page_type is not None and options.page_type not in _PAGE_TYPES:
        raise InputError(
            f"Options.page_type must be one of {', '.join(_PAGE_TYPES)} or None, "
            f"not {options.page_type!r}"
        )


_PAGE_TYPES = tuple(t.value for t in PageType)


_prepared = threading.Event()


def prepare() -> None:
    """The engine's lazy set-up (language profiles, built-in rules, the charset detector),
    once per process and outside any time limit: interrupted half-way, it would stay broken
    for the rest of the process. :func:`extract` calls it before a call with a timeout
    starts its clock; batch workers call it when they start (``Cleaner.warm_up``)."""
    if _prepared.is_set():
        return
    load_rules(None)
    load_profiles()
    import charset_normalizer  # noqa: F401, PLC0415 - imported by decode on first use

    _prepared.set()


def _extract_draft(
    data: bytes | str,
    url: str | None,
    encoding: str | None,
    input_format: InputFormat,
    rules: RuleSet | str | Path | None,
    options: Options,
    marks: dict[str, str] | None,
    keep: list[Draft] | None,
    page_types: frozenset[PageType] | None,
) -> tuple[Article, Draft]:
    started = time.monotonic()
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    flags: list[str] = []
    text, codec, utf8 = decode_utf8(
        data, encoding=encoding, max_bytes=options.max_input_bytes, notes=flags
    )
    if not text or text.isspace():  # (text.strip() would copy the page)
        raise EmptyInputError("the input is empty")
    is_html = looks_like_html(text) if input_format == "auto" else input_format == "html"
    web_url = safe_url(url)
    if url is not None and web_url is None:
        flags.append(URL_IGNORED)
    draft = Draft(
        url=web_url, keep_removed_text=options.include_removed_text, marks=marks, flags=flags
    )
    if keep is not None:
        keep.append(draft)
    draft.wanted_types = page_types
    if options.timeout is not None:
        draft.timeout = options.timeout
        draft.deadline = started + options.timeout
    draft.check("decode")
    if is_html:
        tags = check_tags(utf8, options.max_tags)
        extract_html(text, draft, ruleset, options, utf8=utf8, tags=tags)
    else:
        check_lines(text, options.max_lines)
        # A text capture is an aggregator's copy of a story: read as an article, unclassified.
        draft.set_page_type(PageType(options.page_type or PageType.ARTICLE))
        extract_text_capture(text, draft, ruleset, profile_for_host(web_url, ruleset))
    draft.check("extraction")
    return _assemble(draft, ruleset, codec, "html" if is_html else "text", options), draft


def _assemble(
    draft: Draft, rules: RuleSet, codec: str | None, source_format: str, options: Options
) -> Article:
    """The body's sections, then the fields finished: the Article."""
    units = final_units(draft)
    sections = build_sections(units)
    if not any(b.kind is not BlockKind.IMAGE for section in sections for b in section.blocks):
        raise NoContentError("no article body was found in the page")
    return finish(
        draft, units, sections, rules, options, source_format=source_format, encoding=codec
    )

"""Extractor adapters: each extractor called by name, as its users call it, on the same input.

Every adapter is a function ``(page, url) -> text`` where ``page`` is the page as the run
prepared it (the same ``str`` for everyone, or the same raw ``bytes`` for everyone; see
:mod:`cleanarticle.bench.runner`) and ``url`` is the page's URL when the dataset gives one
(passed only to extractors whose API takes a URL without fetching it: cleanarticle,
trafilatura, newspaper4k). An adapter returns the extracted body as plain text, ``""`` when the
extractor found nothing, and lets any exception through (the runner counts it as an error).

How each is called (defaults everywhere, one extractor object reused where users would):

``cleanarticle``      ``extract(page, url=url).text``; ``NoContentError`` means no body: ``""``
``trafilatura``       ``trafilatura.extract(page, url=url)``
``readability-lxml``  ``Document(page).summary()``, then the HTML as text (block-aware)
``newspaper4k``       ``Article(url, fetch_images=False)``, ``download(input_html=page)``,
                      ``parse()``, ``.text`` (``fetch_images=False``: no network in a benchmark)
``goose3``            ``Goose().extract(raw_html=page).cleaned_text``
``justext``           ``justext.justext(page, <all stoplists together>)``, the good paragraphs
``resiliparse``       ``extract_plain_text(HTMLTree.parse(page), main_content=True)``
``boilerpy3``         ``ArticleExtractor().get_content(page)``
``html-text``         ``html_text.extract_text(page)`` (all visible text: not a main-content
                      extractor, a floor for precision and a ceiling for recall)
``parse``             the baseline: a bare ``selectolax`` Lexbor parse, no text (speed only)

With bytes input, extractors whose API takes only ``str`` (newspaper4k, goose3, boilerpy3,
html-text) get the bytes decoded by :func:`cleanarticle.input.decode.decode` inside their timed
call, as a user of theirs would have to decode them.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass

from cleanarticle import COMPILED, __version__
from cleanarticle.input.decode import decode

__all__ = [
    "BASELINE",
    "EXTRACTORS",
    "Extractor",
    "ExtractorUnavailableError",
    "html_to_text",
    "load_extractor",
    "resolve_names",
]

PageInput = str | bytes
ExtractFn = Callable[[PageInput, str | None], str]

#: The speed baseline: a bare parse of the page by selectolax (Lexbor).
BASELINE = "parse"


class ExtractorUnavailableError(LookupError):
    """An extractor is unknown, or known but not installed (the message says which)."""


@dataclass(frozen=True, slots=True)
class Extractor:
    """A named extractor ready to run: ``extract(page, url) -> text``."""

    name: str
    version: str
    extract: ExtractFn
    scored: bool = True  # False for the baseline: it produces no text to score


def _as_str(page: PageInput) -> str:
    return page if isinstance(page, str) else decode(page)[0]


# Block-level elements: their text is set on lines of its own when HTML output becomes text.
_BLOCK_TAGS = (
    "address, article, aside, blockquote, br, dd, div, dl, dt, figcaption, figure, footer, "
    "h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, p, pre, section, table, td, th, "
    "tr, ul"
)


def html_to_text(markup: str) -> str:
    """An HTML fragment as text: one line per block element, white space collapsed."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_BLOCK_TAGS):
        node.insert_before("\n")
        node.insert_after("\n")
    lines = (" ".join(line.split()) for line in root.text(separator="").splitlines())
    return "\n".join(line for line in lines if line)


def _cleanarticle() -> ExtractFn:
    from cleanarticle.api import extract, prepare
    from cleanarticle.errors import NoContentError

    # The once-a-process set-up (language profiles, built-in rules, charset detector) is done
    # here, like the other extractors' imports: the warm-up pages may not need all of it.
    prepare()

    def run(page: PageInput, url: str | None) -> str:
        try:
            return extract(page, url=url).text
        except NoContentError:
            return ""

    return run


def _trafilatura() -> ExtractFn:
    import trafilatura

    def run(page: PageInput, url: str | None) -> str:
        return trafilatura.extract(page, url=url) or ""

    return run


def _readability() -> ExtractFn:
    from readability import Document

    def run(page: PageInput, url: str | None) -> str:
        return html_to_text(Document(page).summary())

    return run


def _newspaper() -> ExtractFn:
    from newspaper import Article

    def run(page: PageInput, url: str | None) -> str:
        article = Article(url or "https://example.invalid/", fetch_images=False)
        article.download(input_html=_as_str(page))
        article.parse()
        return str(article.text or "")

    return run


def _goose() -> ExtractFn:
    from goose3 import Goose

    goose = Goose()

    def run(page: PageInput, url: str | None) -> str:
        return str(goose.extract(raw_html=_as_str(page)).cleaned_text or "")

    return run


def _justext() -> ExtractFn:
    import justext

    stoplist: frozenset[str] = frozenset().union(
        *(justext.get_stoplist(language) for language in justext.get_stoplists())
    )

    def run(page: PageInput, url: str | None) -> str:
        paragraphs = justext.justext(page, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _resiliparse() -> ExtractFn:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(page: PageInput, url: str | None) -> str:
        if isinstance(page, bytes):
            tree = HTMLTree.parse_from_bytes(page, detect_encoding(page) or "utf-8")
        else:
            tree = HTMLTree.parse(page)
        return str(extract_plain_text(tree, main_content=True))

    return run


def _boilerpy3() -> ExtractFn:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(page: PageInput, url: str | None) -> str:
        return str(extractor.get_content(_as_str(page)))

    return run


def _html_text() -> ExtractFn:
    import html_text

    def run(page: PageInput, url: str | None) -> str:
        return str(html_text.extract_text(_as_str(page)))

    return run


def _parse() -> ExtractFn:
    from selectolax.lexbor import LexborHTMLParser

    def run(page: PageInput, url: str | None) -> str:
        LexborHTMLParser(page)
        return ""

    return run


@dataclass(frozen=True, slots=True)
class _Spec:
    distribution: str  # the name pip knows, for the version and the install hint
    factory: Callable[[], ExtractFn]
    aliases: tuple[str, ...] = ()


#: Every extractor the benchmark knows, by name, in the order reports list them.
EXTRACTORS: dict[str, _Spec] = {
    "cleanarticle": _Spec("cleanarticle", _cleanarticle),
    "trafilatura": _Spec("trafilatura", _trafilatura),
    "readability-lxml": _Spec("readability-lxml", _readability, ("readability",)),
    "newspaper4k": _Spec("newspaper4k", _newspaper, ("newspaper",)),
    "goose3": _Spec("goose3", _goose, ("goose",)),
    "justext": _Spec("justext", _justext),
    "resiliparse": _Spec("resiliparse", _resiliparse),
    "boilerpy3": _Spec("boilerpy3", _boilerpy3),
    "html-text": _Spec("html-text", _html_text, ("html_text",)),
    BASELINE: _Spec("selectolax", _parse, ("selectolax",)),
}
_ALIASES = {alias: name for name, spec in EXTRACTORS.items() for alias in spec.aliases}


def resolve_names(names: str | list[str]) -> list[str]:
    """Canonical extractor names from a comma-separated list (``all`` = every known one).

    Raises:
        ExtractorUnavailableError: a name is not known.
    """
    items = names.split(",") if isinstance(names, str) else names
    resolved: list[str] = []
    for raw in items:
        name = raw.strip().lower()
        if not name:
            continue
        if name == "all":
            candidates = [n for n in EXTRACTORS if n != BASELINE]
        elif name in EXTRACTORS or name in _ALIASES:
            candidates = [_ALIASES.get(name, name)]
        else:
            known = ", ".join(n for n in EXTRACTORS if n != BASELINE)
            raise ExtractorUnavailableError(f"unknown extractor {raw.strip()!r} (known: {known})")
        resolved.extend(c for c in candidates if c not in resolved)
    return resolved


def _version(distribution: str) -> str:
    if distribution == "cleanarticle":  # the one imported (a checkout's, or the installed one)
        return f"{__version__} {'compiled' if COMPILED else 'pure'}"
    return importlib.metadata.version(distribution)


def load_extractor(name: str) -> Extractor:
    """The extractor called ``name``, imported and set up once.

    Raises:
        ExtractorUnavailableError: the name is unknown or the extractor is not installed.
    """
    (canonical,) = resolve_names([name])
    spec = EXTRACTORS[canonical]
    try:
        version = _version(spec.distribution)
        fn = spec.factory()
    except (ImportError, importlib.metadata.PackageNotFoundError) as exc:
        raise ExtractorUnavailableError(
            f"{canonical} is not installed (pip install {spec.distribution}): {exc}"
        ) from exc
    return Extractor(canonical, version, fn, scored=canonical != BASELINE)

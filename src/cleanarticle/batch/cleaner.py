"""The cleaner a batch runs in every worker: built once per process, picklable.

:class:`Cleaner` holds what every document of a batch shares (the rules, the options, the
input format) and turns a :class:`Document` into a :class:`Result`, never raising for a bad
document: whatever goes wrong becomes the result's ``error``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

from cleanarticle.api import InputFormat, extract_draft, prepare
from cleanarticle.batch.document import Document
from cleanarticle.batch.records import ErrorInfo, Result
from cleanarticle.batch.timeout import call_with_timeout
from cleanarticle.errors import InputError, PageTypeSkipped
from cleanarticle.model import Article, PageType
from cleanarticle.options import DEFAULTS, Options
from cleanarticle.rules import RuleSet, load_rules

__all__ = ["Cleaner", "Task"]

T = TypeVar("T")
#: The page :meth:`Cleaner.warm_up` cleans (bundled in ``cleanarticle/examples``).
EXAMPLE = "inkl-axios-example.txt"
#: A page it cleans too: HTML, not in English (language detection runs in full).
_WARM_UP_PAGE = (
    "<html><head><meta charset='utf-8'></head><body><article><h1>Le conseil municipal</h1>"
    + "<p>Le conseil municipal a voté mardi la reconstruction du vieux mur du port, endommagé "
    "par les tempêtes de l'hiver, et l'ouverture du chantier aux entreprises locales.</p>"
    * 4
    + "</article></body></html>"
).encode()


class Cleaner:
    """Cleans documents with one set of rules and options; pickles small, for workers.

    Build it once and reuse it (the rules are loaded and compiled when it is built, and
    again once in each process it is sent to). Calling it cleans one document::

        cleaner = Cleaner(rules="my-profiles/")
        result = cleaner(Document("page-1", data=html_bytes, url="https://..."))
        result.article or result.error

    Args:
        rules: extra profiles (a file or folder path, or a :class:`RuleSet`), as for
            :func:`cleanarticle.extract`.
        options: thresholds and bounds (:class:`Options`); ``max_input_bytes`` also bounds
            the files, records and lines read.
        input_format: ``"auto"``, ``"html"`` or ``"text"``.
        timeout: seconds one page may take in the calling thread before it is stopped and
            its result is a ``DocumentTimeoutError`` (see :mod:`cleanarticle.batch.timeout`:
            for Ray, Spark or your own threads; the process pool kills workers instead).
        page_types: clean only pages of these types (:class:`PageType` values); a page of
            another type is a *skipped* result (``Result.skipped`` holds its type), its
            extraction stopped as soon as the type is known. None (the default): every page.

    Raises:
        RulesError: the rules file is malformed (at once, not on the first document).
        InputError: a name in ``page_types`` is not a page type, or none is given.
    """

    def __init__(
        self,
        *,
        rules: RuleSet | str | os.PathLike[str] | None = None,
        options: Options = DEFAULTS,
        input_format: InputFormat = "auto",
        timeout: float | None = None,
        page_types: Iterable[str] | None = None,
    ) -> None:
        self.page_types = _page_types(page_types)
        self._rules_arg: RuleSet | str | None = (
            rules if rules is None or isinstance(rules, RuleSet) else os.fspath(rules)
        )
        self.options = options
        self.input_format: InputFormat = input_format
        self.timeout = timeout
        self.rules = self._load()
        self._warm = False

    def _load(self) -> RuleSet:
        if isinstance(self._rules_arg, RuleSet):
            return self._rules_arg
        return load_rules(Path(self._rules_arg) if self._rules_arg else None)

    def __getstate__(self) -> dict[str, Any]:
        # User rules travel compiled, so a worker on another machine needs no rules file;
        # the built-in ones are loaded (once) where the cleaner lands.
        rules = None if self._rules_arg is None else self.rules
        return {
            "rules": rules,
            "options": self.options,
            "format": self.input_format,
            "timeout": self.timeout,
            "page_types": self.page_types,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._rules_arg = state["rules"]
        self.options = state["options"]
        self.input_format = state["format"]
        self.timeout = state.get("timeout")
        self.page_types = state.get("page_types")
        self.rules = self._load()
        self._warm = False

    def __repr__(self) -> str:
        return f"Cleaner(rules={self._rules_arg!r}, input_format={self.input_format!r})"

    def warm_up(self) -> None:
        """Do the engine's lazy set-up once, here rather than inside the first document's
        time limit (where stopping it half-way would also spoil it for the rest): the
        built-in rules, the language profiles (about a second, which the example page, in
        English, does not need), the charset detector; then clean the example page bundled
        with the package, and a short non-English one, and serialise the first (numpy and the
        fingerprint's tables), so that the first pages pay nothing but their own cleaning."""
        if self._warm:
            return
        self._warm = True
        example = resources.files("cleanarticle") / "examples" / EXAMPLE
        with contextlib.suppress(Exception):
            prepare()
            # the warm-up pages are cleaned whole, whatever types the cleaner keeps
            wanted, self.page_types = self.page_types, None
            try:
                self._extract(Document("<warm-up>", data=example.read_bytes())).to_dict()
                self._extract(Document("<warm-up-2>", data=_WARM_UP_PAGE))
            finally:
                self.page_types = wanted

    def clean(self, document: Document) -> Result:
        """Clean one document; a failure is returned as the result's ``error``, never raised
        (only ``KeyboardInterrupt`` / ``SystemExit`` pass through)."""
        doc = document.load(self.options.max_input_bytes)
        if doc.error is not None or doc.data is None:
            error = doc.error or ErrorInfo("InputReadError", "the document has no content")
            return Result(doc.source, error=error, id=doc.id, url=doc.url)
        try:
            if self.timeout is None:
                article = self._extract(doc)
            else:
                self.warm_up()
                article = call_with_timeout(lambda: self._extract(doc), self.timeout)
        except PageTypeSkipped as skip:
            return Result(
                doc.source, id=doc.id, url=doc.url, skipped=skip.page_type, skip_reason=str(skip)
            )
        except Exception as exc:  # one bad page (MemoryError too) never stops a batch
            return Result(doc.source, error=ErrorInfo.of(exc), id=doc.id, url=doc.url)
        return Result(doc.source, article=article, id=doc.id, url=doc.url)

    def _extract(self, doc: Document) -> Article:
        assert doc.data is not None
        article, _draft = extract_draft(
            doc.data,
            url=doc.url,
            encoding=doc.encoding,
            input_format=self.input_format,
            rules=self.rules,
            options=self.options,
            page_types=self.page_types,
        )
        return article

    def __call__(self, document: Document) -> Result:
        """Same as :meth:`clean`, so the cleaner can be mapped (``bag.map(cleaner)``)."""
        return self.clean(document)


def _page_types(names: Iterable[str] | None) -> frozenset[PageType] | None:
    if names is None:
        return None
    if isinstance(names, str):
        names = [names]
    known = {t.value: t for t in PageType}
    types: set[PageType] = set()
    for name in names:
        key = name.strip().lower()
        if key not in known:
            raise InputError(f"unknown page type {name!r}: the types are {', '.join(known)}")
        types.add(known[key])
    if not types:
        raise InputError("page_types names no page type")
    return frozenset(types)


class Task(Generic[T]):
    """What a worker does with a document: clean it, then ``convert`` the result (to a
    serialised record, say, so that the parent process only writes bytes). ``fail`` makes
    the same kind of output for a document the worker could not finish."""

    def __init__(self, cleaner: Cleaner, convert: Callable[[Result], T]) -> None:
        self.cleaner = cleaner
        self.convert = convert

    def run(self, document: Document) -> T:
        """Clean one document in the worker."""
        return self.convert(self.cleaner.clean(document))

    def fail(self, document: Document, error: ErrorInfo) -> T:
        """The output for a document stopped by a timeout or a worker crash."""
        return self.convert(Result(document.source, error=error, id=document.id, url=document.url))

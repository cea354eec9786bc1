"""Enumerate the documents of a batch from files, folders, WARC and JSONL inputs.

Inputs mix freely:

- page files: ``.html``, ``.htm``, ``.xhtml``, ``.txt``, each optionally ``.gz`` (a file named
  explicitly is read as a page whatever its name); the source is the path;
- folders, walked recursively in sorted order, keeping the files of the kinds above; a
  symbolic link that leads out of the input folders is not followed (it gets an
  ``InputReadError`` record saying so) unless ``follow_symlinks`` is set;
- WARC files (``.warc``, ``.warc.gz``): one document per ``response`` record, the charset
  taken from its HTTP ``Content-Type``; the source is ``path#record-id``;
- JSONL files (``.jsonl``, ``.jsonl.gz``): one document per non-blank line, an object with
  an ``html`` string and optional ``url`` and ``id``; the source is ``path:line-number``.

Everything is streamed: nothing holds more than one document of a dump at a time. An input
that cannot be read still yields a document (with its ``error`` set), so that every
document the user named gets exactly one output record, a file named explicitly inside a
folder also given included.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cleanarticle.batch.document import Document
from cleanarticle.batch.files import open_regular
from cleanarticle.batch.records import ErrorInfo
from cleanarticle.errors import InputReadError, InputTooLargeError
from cleanarticle.options import DEFAULTS

__all__ = ["DocumentReader", "InputKind", "Unit", "input_kind", "read_documents"]

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
#: A JSONL line may be this many times ``max_input_bytes`` (JSON escapes the page).
LINE_FACTOR = 2
_CHUNK = 1 << 20
#: Told the offset reached in the input file, for the progress bar.
Tell = Callable[[int], None]


class InputKind(StrEnum):
    """How a file holds its documents."""

    PAGE = "page"  # the file is one page
    WARC = "warc"  # one page per response record
    JSONL = "jsonl"  # one page per line


def input_kind(name: str) -> InputKind | None:
    """The kind a file name says (``.gz`` looked through), or None for other files."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(".warc"):
        return InputKind.WARC
    if lower.endswith(".jsonl"):
        return InputKind.JSONL
    if lower.endswith(PAGE_SUFFIXES):
        return InputKind.PAGE
    return None


@dataclass(frozen=True, slots=True)
class Unit:
    """One file to read (or a path that failed), before its documents are enumerated."""

    path: str
    kind: InputKind
    error: ErrorInfo | None = None

    def documents(
        self, max_bytes: int = DEFAULTS.max_input_bytes, *, tell: Tell | None = None
    ) -> Iterator[Document]:
        """The documents the file holds, in file order; ``tell(offset)`` is told how far
        into the (compressed) file each document ends."""
        if self.error is not None:
            yield Document(self.path, error=self.error)
        elif self.kind is InputKind.PAGE:
            yield Document(self.path, path=self.path)
        elif self.kind is InputKind.JSONL:
            yield from _jsonl_documents(self.path, max_bytes * LINE_FACTOR, tell)
        else:
            from cleanarticle.batch.warc import warc_documents  # noqa: PLC0415 - optional

            yield from warc_documents(self.path, max_bytes, tell)


class DocumentReader:
    """The documents of some inputs, streamed; ``position`` counts the input bytes read.

    Args:
        paths: files and folders, in the order given; a path inside a folder also given, or
            given twice, is read once (a file named explicitly, at its place in the list).
        max_bytes: larger pages become :class:`InputTooLargeError` records.
        exclude: paths never read as inputs (the batch's own output).
        follow_symlinks: follow symbolic links that lead out of the input folders (to files
            and folders); without it such a link is an error record, not read.
    """

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        max_bytes: int = DEFAULTS.max_input_bytes,
        exclude: Collection[str | os.PathLike[str]] = (),
        follow_symlinks: bool = False,
    ) -> None:
        self.paths, explicit = _top_level([os.fspath(p) for p in paths])
        self.max_bytes = max_bytes
        self.position = 0
        self.follow_symlinks = follow_symlinks
        self._exclude = {os.path.realpath(p) for p in exclude}
        self._exclude_names = {Path(p).name for p in self._exclude}
        # Files named explicitly that also lie in a folder given: read where they were named.
        self._explicit = explicit
        self._explicit_names = {Path(p).name for p in explicit}
        self._folders = [
            Path(os.path.realpath(p)) for p in self.paths if Path(p).is_dir()
        ]

    def units(self) -> Iterator[Unit]:
        """The files to read, in order (folders walked, sorted)."""
        for path in self.paths:
            if Path(path).is_dir():
                yield from self._walk(path)
            elif Path(path).exists():
                if not self._excluded(path):
                    yield Unit(path, input_kind(path) or InputKind.PAGE)
            else:
                error = ErrorInfo("InputReadError", _missing(path))
                yield Unit(path, InputKind.PAGE, error)

    def __iter__(self) -> Iterator[Document]:
        for unit in self.units():
            start = self.position
            size = _size(unit.path) if unit.error is None else 0

            def tell(offset: int, start: int = start, size: int = size) -> None:
                self.position = start + min(offset, size)

            for doc in unit.documents(self.max_bytes, tell=tell):
                if unit.kind is InputKind.PAGE:
                    self.position = start + size
                yield doc
            self.position = start + size

    def total_bytes(self) -> int:
        """The size of every input file (walks the inputs again: run it aside)."""
        return sum(_size(unit.path) for unit in self.units() if unit.error is None)

    def _walk(self, root: str) -> Iterator[Unit]:
        failures: list[OSError] = []
        follow = self.follow_symlinks
        seen: set[str] = set()  # folders walked (real paths): a loop of links is walked once
        for dirpath, dirnames, filenames in os.walk(
            root, onerror=failures.append, followlinks=follow
        ):
            while failures:
                exc = failures.pop()
                where = os.path.normpath(exc.filename) if exc.filename else dirpath
                message = f"cannot read the folder: {exc.strerror or exc}"
                yield Unit(where, InputKind.PAGE, ErrorInfo("InputReadError", message))
            if follow:
                real = os.path.realpath(dirpath)
                if real in seen:
                    dirnames[:] = []
                    continue
                seen.add(real)
            kept = []
            for d in sorted(dirnames):
                path = f"{dirpath}{os.sep}{d}"
                if self._excluded(path, d):
                    continue
                if not follow and Path(path).is_symlink() and self._leads_out(path):
                    yield Unit(path, InputKind.PAGE, ErrorInfo("InputReadError", _LINK_OUT))
                    continue
                kept.append(d)
            dirnames[:] = kept
            for name in sorted(filenames):
                kind = input_kind(name)
                path = f"{dirpath}{os.sep}{name}"
                if kind is None or self._excluded(path, name) or self._named(path, name):
                    continue
                if not follow and Path(path).is_symlink() and self._leads_out(path):
                    yield Unit(path, kind, ErrorInfo("InputReadError", _LINK_OUT))
                    continue
                yield Unit(path, kind)
        for exc in failures:  # the root itself could not be listed
            message = f"cannot read the folder: {exc.strerror or exc}"
            yield Unit(root, InputKind.PAGE, ErrorInfo("InputReadError", message))

    def _leads_out(self, path: str) -> bool:
        """Whether a symbolic link leads out of every input folder (or nowhere)."""
        real = Path(os.path.realpath(path))
        return not any(real.is_relative_to(folder) for folder in self._folders)

    def _named(self, path: str, name: str) -> bool:
        """Whether a file met in a folder was also named explicitly (it is read there)."""
        return name in self._explicit_names and os.path.realpath(path) in self._explicit

    def _excluded(self, path: str, name: str | None = None) -> bool:
        if name is not None and name not in self._exclude_names:
            return False
        return bool(self._exclude) and os.path.realpath(path) in self._exclude


def read_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULTS.max_input_bytes,
    exclude: Collection[str | os.PathLike[str]] = (),
    follow_symlinks: bool = False,
) -> Iterator[Document]:
    """Stream the documents of files, folders, WARC and JSONL inputs (see the module doc)."""
    return iter(
        DocumentReader(
            paths, max_bytes=max_bytes, exclude=exclude, follow_symlinks=follow_symlinks
        )
    )


#: Why a symbolic link out of the input folders has no document.
_LINK_OUT = (
    "not read: a symbolic link that leads out of the input folders "
    "(add --follow-symlinks to read such links)"
)


def _top_level(paths: list[str]) -> tuple[list[str], set[str]]:
    """Normalised paths, without repeats or folders that lie inside a folder also given; and
    the real paths of the files among them that lie inside a folder given (a folder's walk
    leaves them to be read where they were named)."""
    resolved = [Path(os.path.realpath(p)) for p in paths]  # never raises, even on a link loop
    folders = [r for r in resolved if r.is_dir()]
    kept: list[str] = []
    explicit: set[str] = set()
    seen: set[Path] = set()
    for path, real in zip(paths, resolved, strict=True):
        inside = any(real != f and real.is_relative_to(f) for f in folders)
        if real in seen or (inside and real.is_dir()):
            continue
        if inside:
            explicit.add(str(real))
        seen.add(real)
        kept.append(os.path.normpath(path))
    return kept, explicit


def _missing(path: str) -> str:
    """Why a path given as an input cannot be found."""
    if not os.path.lexists(path):
        return "no such file or folder"
    try:
        Path(path).stat()
    except OSError as exc:  # a link to nothing, a loop of links, a folder we may not enter
        return f"cannot read: {exc.strerror or exc}"
    return "no such file or folder"


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _jsonl_documents(path: str, max_line: int, tell: Tell | None) -> Iterator[Document]:
    """One document per non-blank line; an unreadable rest of file is one error record."""
    lineno = 0
    try:
        raw = open_regular(path)
    except OSError as exc:
        yield Document(
            path, error=ErrorInfo.of(InputReadError(f"cannot read: {exc.strerror or exc}"))
        )
        return
    fh: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw
    with raw, fh:
        while True:
            try:
                line = fh.readline(max_line + 1)
                if len(line) > max_line and not line.endswith(b"\n"):
                    _skip_line(fh)
                    lineno += 1
                    error = InputTooLargeError(f"the line is longer than {max_line:,} bytes")
                    yield Document(f"{path}:{lineno}", error=ErrorInfo.of(error))
                    continue
            except (OSError, EOFError, zlib.error) as exc:
                message = f"the file cannot be read past line {lineno}: {exc}"
                yield Document(f"{path}:{lineno + 1}", error=ErrorInfo("InputReadError", message))
                return
            if not line:
                return
            lineno += 1
            if line.strip():
                if tell is not None:
                    tell(raw.tell())
                yield Document(f"{path}:{lineno}", line=line)


def _skip_line(fh: io.BufferedIOBase) -> None:
    while True:
        chunk = fh.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return

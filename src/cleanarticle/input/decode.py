"""Bytes to text: a decoding cascade that never fails on a bad or unknown charset.

Order (the WHATWG order, plus two practical checks):

1. gzip-compressed input is inflated (bounded by ``max_bytes``);
2. binary input (a PDF, an image, random bytes) is refused (:mod:`cleanarticle.input.sniff`);
3. a byte-order mark decides;
4. an explicit ``encoding`` (the HTTP ``Content-Type`` charset);
5. a charset declared in the first 4 KB (``<meta charset>``, ``http-equiv``, ``<?xml?>``),
   unless the bytes are valid UTF-8 with non-ASCII in them, which wins (a very common lie);
6. UTF-16 without a BOM, recognised by its NUL bytes;
7. strict UTF-8;
8. statistical detection (charset-normalizer) on a sample;
9. windows-1252 with replacement characters, which cannot fail.

Only the labels of the WHATWG Encoding Standard are honoured (:mod:`cleanarticle.input.charsets`),
decoded as browsers decode them (latin-1 as windows-1252, gb2312 as gb18030); any other label,
from the page or from ``encoding``, is ignored and noted (``charset-ignored:LABEL``), never an
error.
"""

from __future__ import annotations

import codecs
import re
import zlib
from typing import Final

from cleanarticle.errors import InputError, InputTooLargeError
from cleanarticle.input.charsets import USER_DEFINED, WHATWG_CODECS, codec_for_label
from cleanarticle.input.sniff import sniff_bytes, sniff_str

__all__ = ["decode", "decode_utf8", "normalize_str", "normalize_utf8"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:\-]{1,40})""",
    re.IGNORECASE,
)
_SAMPLE: Final = 65_536
_GZIP_MAGIC = b"\x1f\x8b"


#: A flag of the article: a charset label that was ignored (``charset-ignored:LABEL``).
CHARSET_IGNORED: Final = "charset-ignored"
_LABEL_CHARS = re.compile(r"[^a-zA-Z0-9_.:\-]")
#: Code points of x-user-defined's bytes 0x80-0xFF (the standard: U+F780-U+F7FF).
_USER_DEFINED = {b: 0xF700 + b for b in range(0x80, 0x100)}


def _codec(label: str | bytes | None, notes: list[str] | None = None) -> str | None:
    """The Python codec of a WHATWG charset label, or None (an unknown label is noted)."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().strip("\"'")
    codec = codec_for_label(label)
    if codec is None and notes is not None and label:
        shown = _LABEL_CHARS.sub("?", label.lower()[:40])
        note = f"{CHARSET_IGNORED}:{shown}"
        if note not in notes:
            notes.append(note)
    return codec


def _in_document(codec: str | None) -> str | None:
    """A codec declared inside the document: UTF-16 in an ASCII-compatible page is a lie
    (the WHATWG prescan reads UTF-8 instead)."""
    return "utf-8" if codec in ("utf-16-le", "utf-16-be") else codec


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Inflate gzip data, refusing to produce more than ``max_bytes`` (gzip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"input looks gzip-compressed but cannot be inflated: {exc}") from exc
    if len(out) > max_bytes:
        raise InputTooLargeError(
            f"gzip input inflates to more than {max_bytes:,} bytes (Options.max_input_bytes)"
        )
    if not inflater.eof and not out:
        raise InputError("input looks gzip-compressed but is truncated before any content")
    # A truncated stream with content is kept: a cut-off page still holds its article.
    return out


def _utf16_without_bom(head: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by where its NUL bytes fall in mostly-ASCII text."""
    sample = head[:512]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str | None:
    """Statistical guess on a sample, kept only when it is an encoding of the WHATWG
    standard; None when charset-normalizer has no opinion or guesses another."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for undeclared non-UTF-8

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name if name in WHATWG_CODECS and not name.startswith("utf-16") else None


def normalize_str(text: str) -> str:
    """Make a str safe to parse: lone surrogates become U+FFFD, NUL characters are dropped."""
    return normalize_utf8(text)[0]


def normalize_utf8(text: str) -> tuple[str, bytes]:
    """:func:`normalize_str`, also returning the text's UTF-8 encoding (made to check the
    text, and what the parser reads: encoding a page costs about as much as the check)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        # Paired surrogates become their character; each lone one becomes one U+FFFD.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        data = text.encode("utf-8")
    if b"\x00" in data:  # a byte search (memchr); NUL is the same one byte in UTF-8
        text = text.replace("\x00", "")
        data = data.replace(b"\x00", b"")
    return text, data


def decode(
    data: bytes | bytearray | memoryview | str,
    *,
    encoding: str | None = None,
    max_bytes: int = 50_000_000,
    notes: list[str] | None = None,
) -> tuple[str, str | None]:
    """Decode page bytes to text.

    Args:
        data: the raw page; a str is only normalised.
        encoding: a charset from outside the document (the HTTP header), tried after the BOM.
        max_bytes: inputs (or inflated gzip) above this raise :class:`InputTooLargeError`.
        notes: where to add ``charset-ignored:LABEL`` for each label ignored (one that is
            not a WHATWG Encoding Standard label), if given.

    Returns:
        ``(text, codec)`` where codec is the Python codec name used (None for str input).

    Raises:
        InputError: the input is not str or bytes, or is corrupt gzip.
        BinaryInputError: the input is a binary file (:mod:`cleanarticle.input.sniff`).
        InputTooLargeError: the input is above ``max_bytes``.
    """
    text, codec, _utf8 = decode_utf8(data, encoding=encoding, max_bytes=max_bytes, notes=notes)
    return text, codec


def decode_utf8(
    data: bytes | bytearray | memoryview | str,
    *,
    encoding: str | None = None,
    max_bytes: int = 50_000_000,
    notes: list[str] | None = None,
) -> tuple[str, str | None, bytes]:
    """:func:`decode`, also returning the text's UTF-8 encoding (for the parser).

    Raises:
        InputError: as :func:`decode`.
    """
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise InputTooLargeError(
                f"input is {len(data):,} characters, above the limit of {max_bytes:,}"
            )
        sniff_str(data)
        text, utf8 = normalize_utf8(data)
        return text, None, utf8
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise InputError(f"expected bytes or str, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise InputTooLargeError(f"input is {len(data):,} bytes, above the limit of {max_bytes:,}")
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, max_bytes)
    sniff_bytes(data)

    codec = _choose(data, encoding, notes)
    if codec == USER_DEFINED:
        text = data.decode("latin-1").translate(_USER_DEFINED)
    else:
        text = data.decode(codec, "replace")
    if text.startswith("\ufeff"):  # a BOM decoded by a codec that keeps it
        text = text[1:]
    elif codec == "utf-8" and b"\x00" not in data and "\ufffd" not in text:
        # Valid UTF-8 (nothing replaced), no BOM, no NUL: the bytes are the text's UTF-8
        # encoding already, and encoding it again would cost about as much as decoding.
        return text, codec, data
    text, utf8 = normalize_utf8(text)
    return text, codec, utf8


def _choose(data: bytes, encoding: str | None, notes: list[str] | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return "utf-8-sig" if name == "utf-8" else name
    head = data[:4096]
    external = _codec(encoding, notes)
    if external in ("utf-16-le", "utf-16-be") and b"\x00" not in head and _valid_utf8(head):
        external = None  # a UTF-16 header on ASCII-compatible bytes is a lie: read on
    if external:
        return external
    bomless = _utf16_without_bom(head)
    if bomless:
        return bomless
    match = _DECLARED.search(head)
    declared = _in_document(_codec(match.group(1) or match.group(2), notes)) if match else None
    if declared and declared != "utf-8" and not data.isascii() and _valid_utf8(data):
        return "utf-8"
    if declared:
        return declared
    if data.isascii() or _valid_utf8(data):
        return "utf-8"
    return _detect(data) or "cp1252"


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A page cut mid-character at its very end is still UTF-8.
        return exc.reason == "unexpected end of data" and exc.start >= len(data) - 3
    return True

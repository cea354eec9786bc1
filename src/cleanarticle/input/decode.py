"""Bytes to text: a decoding cascade that never fails on a bad or unknown charset.

Order (the WHATWG order, plus two practical checks):

1. gzip-compressed input is inflated (bounded by ``max_bytes``);
2. a byte-order mark decides;
3. an explicit ``encoding`` (the HTTP ``Content-Type`` charset) if Python knows it;
4. a charset declared in the first 4 KB (``<meta charset>``, ``http-equiv``, ``<?xml?>``),
   unless the bytes are valid UTF-8 with non-ASCII in them, which wins (a very common lie);
5. UTF-16 without a BOM, recognised by its NUL bytes;
6. strict UTF-8;
7. statistical detection (charset-normalizer) on a sample;
8. cp1252 with replacement characters, which cannot fail.

Labels are mapped to the superset codecs browsers use (latin-1 -> cp1252, gb2312 -> gb18030).
"""

from __future__ import annotations

import codecs
import re
import zlib
from typing import Final

from cleanarticle.errors import InputError, InputTooLargeError

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
# WHATWG label -> the codec browsers actually use for it.
_SUPERSETS = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "windows-874": "cp874",
    "x-mac-roman": "mac-roman",
}
_SAMPLE: Final = 65_536
_GZIP_MAGIC = b"\x1f\x8b"


def _codec(label: str | bytes | None) -> str | None:
    """Python codec name for a charset label, or None when the label is unknown or unusable."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    # A declared UTF-16/32 inside an ASCII-compatible document is a lie (WHATWG: use UTF-8);
    # codecs that are not text encodings (rot13, base64, ...) are not charsets.
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    if name == "utf-7":  # not ASCII-compatible, and a known XSS vector: browsers ignore it
        return None
    if not _is_text_codec(name):
        return None
    return name


def _is_text_codec(name: str) -> bool:
    try:
        return bool(codecs.lookup(name)._is_text_encoding)
    except (LookupError, AttributeError):
        return False


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
    """Statistical guess on a sample; None when charset-normalizer has no opinion."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for undeclared non-UTF-8

    best = from_bytes(data[:_SAMPLE]).best()
    return _codec(best.encoding) if best is not None else None


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
) -> tuple[str, str | None]:
    """Decode page bytes to text.

    Args:
        data: the raw page; a str is only normalised.
        encoding: a charset from outside the document (the HTTP header), tried after the BOM.
        max_bytes: inputs (or inflated gzip) above this raise :class:`InputTooLargeError`.

    Returns:
        ``(text, codec)`` where codec is the Python codec name used (None for str input).

    Raises:
        InputError: the input is not str or bytes, or is corrupt gzip.
        InputTooLargeError: the input is above ``max_bytes``.
    """
    text, codec, _utf8 = decode_utf8(data, encoding=encoding, max_bytes=max_bytes)
    return text, codec


def decode_utf8(
    data: bytes | bytearray | memoryview | str,
    *,
    encoding: str | None = None,
    max_bytes: int = 50_000_000,
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

    codec = _choose(data, encoding)
    text = data.decode(codec, "replace")
    if text.startswith("\ufeff"):  # a BOM decoded by a codec that keeps it
        text = text[1:]
    elif codec == "utf-8" and b"\x00" not in data and "\ufffd" not in text:
        # Valid UTF-8 (nothing replaced), no BOM, no NUL: the bytes are the text's UTF-8
        # encoding already, and encoding it again would cost about as much as decoding.
        return text, codec, data
    text, utf8 = normalize_utf8(text)
    return text, codec, utf8


def _choose(data: bytes, encoding: str | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return "utf-8-sig" if name == "utf-8" else name
    external = _codec(encoding)
    if external:
        return external
    head = data[:4096]
    bomless = _utf16_without_bom(head)
    if bomless:
        return bomless
    match = _DECLARED.search(head)
    declared = _codec(match.group(1) or match.group(2)) if match else None
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

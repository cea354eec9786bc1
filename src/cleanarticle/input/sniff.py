"""Refuse binary input before it is decoded: a cheap look at the first bytes.

A page is text: HTML or a plain-text capture, in any encoding. Decoding never fails (see
:mod:`cleanarticle.input.decode`), so a PDF, an image or random bytes would otherwise come out as
an article of mojibake. Two checks, before any decoding:

1. the *magic number* of a known binary format at the start (a PDF, a PNG, a zip archive, an
   ELF executable, ...): :class:`BinaryInputError` names the format;
2. the share of *control bytes* in the first :data:`SAMPLE` bytes: bytes 0x00-0x07,
   0x10-0x1A, 0x1C-0x1F and 0x7F, which no text encoding that pages use puts in text (tab,
   newlines, form feed, backspace, the escape of ISO-2022 and of terminal colours, and the
   shifts of ISO-2022-KR are not counted). Random or compressed data holds about 9 % of
   them; text holds none, or a stray few. Above :data:`MAX_CONTROL_SHARE` the input is text
   only if it is UTF-16 or UTF-32 (whose code units are full of such bytes): a sample that
   decodes as one of them, strictly, into text with few control characters.

The same share is checked on ``str`` input (characters instead of bytes). Everything here
reads at most a few kilobytes: a page costs microseconds.
"""

from __future__ import annotations

import re
import struct
from typing import Final

from cleanarticle.errors import BinaryInputError

__all__ = ["MAX_CONTROL_SHARE", "MIN_CONTROLS", "SAMPLE", "sniff_bytes", "sniff_str"]

#: Bytes (or characters) read for the control share.
SAMPLE: Final = 8192
#: Above this share of control bytes in the sample, the input is binary (unless UTF-16/32)...
MAX_CONTROL_SHARE: Final = 0.03
#: ... when there are at least this many (a short text with a stray NUL is still a text).
MIN_CONTROLS: Final = 4
#: The control bytes counted (see the module docstring).
_CONTROL_BYTES: Final = bytes([*range(0x08), *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
#: In a str, NUL is not counted: the decoder drops it, as a stray artefact of a conversion.
_CONTROL_CHARS = re.compile("[\x01-\x07\x10-\x1a\x1c-\x1f\x7f]")
#: Control characters in decoded UTF-16/32 text (a NUL code unit included).
_WIDE_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NOT_TEXT = b"\x00 \t\r\n"

#: Magic numbers at the start of the input -> what the input is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"8BPS\x00\x01", "a Photoshop image"),
    (b"\x00\x00\x01\x00", "an icon image (ICO)"),
    (b"wOFF", "a web font (WOFF)"),
    (b"wOF2", "a web font (WOFF2)"),
    (b"OTTO\x00", "an OpenType font"),
    (b"\x00\x01\x00\x00\x00", "a TrueType font"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
    (b"OggS\x00", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3\x02\x00", "an MP3 audio file"),
    (b"ID3\x03\x00", "an MP3 audio file"),
    (b"ID3\x04\x00", "an MP3 audio file"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"PK\x07\x08", "a zip archive"),
    (b"\x1f\x8b", "gzip-compressed data (compressed more than once)"),
    (b"\x1f\x9d", "compressed data (compress)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"\x04\x22\x4d\x18", "LZ4-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xfe\xed\xfa\xce", "a Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Java class file or Mach-O binary"),
    (b"\x00asm\x01\x00\x00\x00", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document (OLE)"),
)
#: What a zip archive is, by a file name near its start.
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"mimetypeapplication/epub+zip", "an EPUB book"),
    (b"word/", "a Word document"),
    (b"xl/", "an Excel workbook"),
    (b"ppt/", "a PowerPoint presentation"),
    (b"mimetypeapplication/vnd.oasis.opendocument", "an OpenDocument file"),
    (b"META-INF/MANIFEST.MF", "a Java archive (JAR)"),
)
#: Media in an ISO base media file (``ftyp`` box), by brand.
_FTYP: dict[bytes, str] = {
    b"avif": "an AVIF image",
    b"avis": "an AVIF image",
    b"heic": "a HEIF image",
    b"heix": "a HEIF image",
    b"mif1": "a HEIF image",
    b"qt  ": "a QuickTime video",
}
_RIFF: dict[bytes, str] = {
    b"WEBP": "a WebP image",
    b"WAVE": "a WAV audio file",
    b"AVI ": "an AVI video",
}


def sniff_bytes(data: bytes) -> None:
    """Raise :class:`BinaryInputError` when the bytes are a binary file, not a page.

    Raises:
        BinaryInputError: a known binary format, or too many control bytes for text.
    """
    found = _magic(data)
    if found is not None:
        raise BinaryInputError(f"the input is {found}, not a page (HTML or text)", found=found)
    sample = data[:SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if _few(controls, len(sample)) or not sample.strip(_NOT_TEXT):
        return  # text (or NUL bytes and white space only: an empty page)
    if _wide_text(sample):
        return
    raise BinaryInputError(
        f"the input is binary data, not a page (HTML or text): {controls:,} of its first "
        f"{len(sample):,} bytes are control bytes",
        found="binary data",
    )


def sniff_str(text: str) -> None:
    """Raise :class:`BinaryInputError` when a str holds too many control characters to be a
    page (binary data decoded as if it were text).

    Raises:
        BinaryInputError: as for bytes, counted in characters.
    """
    sample = text[:SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    if _few(controls, len(sample)):
        return
    raise BinaryInputError(
        f"the input is binary data, not a page (HTML or text): {controls:,} of its first "
        f"{len(sample):,} characters are control characters",
        found="binary data",
    )


def _few(controls: int, sample: int) -> bool:
    """Whether so many control bytes (or characters) in a sample of that size fit a text."""
    return controls < MIN_CONTROLS or controls <= MAX_CONTROL_SHARE * sample


def _magic(data: bytes) -> str | None:
    """What a known binary format's signature at the start says the input is."""
    for magic, found in _MAGIC:
        if data.startswith(magic):
            if magic.startswith(b"PK"):
                return _zip_kind(data)
            if magic == b"BZh" and data[4:10] != b"1AY&SY":
                continue  # "BZh" alone may start a text
            return found
    if data[4:8] == b"ftyp":
        return _FTYP.get(data[8:12], "an MP4 (ISO media) file")
    if data.startswith(b"RIFF") and data[8:12] in _RIFF:
        return _RIFF[data[8:12]]
    if data.startswith(b"BM") and data[6:10] == b"\x00\x00\x00\x00" and len(data) > 26:
        return "a BMP image"
    if data.startswith(b"MZ") and len(data) >= 0x40:
        (offset,) = struct.unpack_from("<I", data, 0x3C)
        if data[offset : offset + 4] == b"PE\x00\x00":
            return "a Windows executable"
    if data[257:263] in (b"ustar\x00", b"ustar "):
        return "a tar archive"
    return None


def _zip_kind(data: bytes) -> str:
    head = data[:4096]
    return next((found for name, found in _ZIP_KINDS if name in head), "a zip archive")


def _wide_text(sample: bytes) -> bool:
    """Whether a sample full of control bytes is UTF-16 or UTF-32 text (with or without a
    byte-order mark): it decodes strictly, and the text holds few control characters.
    Random data fails the strict decoding (lone surrogates, code points above U+10FFFF)."""
    for codec, unit in (("utf-16-le", 2), ("utf-16-be", 2), ("utf-32-le", 4), ("utf-32-be", 4)):
        chunk = sample[: len(sample) - len(sample) % unit]
        try:
            text = chunk.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(chunk) - 4:  # (a character cut at the sample's end is fine)
                continue
            text = chunk[: exc.start].decode(codec)
        text = text.removeprefix("\ufeff")
        if text and len(_WIDE_CONTROLS.findall(text)) <= MAX_CONTROL_SHARE * len(text):
            return True
    return False

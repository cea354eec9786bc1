"""Reading the fields the grouping needs from a batch record, and writing the story fields.

A batch record (``cleanarticle batch``'s output, see docs/batch.md) is an
article (``source``, the article fields) or an error (``source``, ``error``). The grouping
reads ``source``, ``publisher``, ``aggregator``, ``datePublished``, ``url``,
``canonicalUrl``, ``isPartial`` and
``fingerprint`` (computed from ``articleBody`` when absent or of another scheme); it adds
``storyId``, ``copyOf`` and ``copyKind`` to articles and leaves error records untouched.

:func:`read_line` reads a JSONL line without decoding its body: the batch writes
``fingerprint`` before ``articleBody``, so the object cut at the top-level
``"articleBody":`` key holds every field needed (a cut anywhere but the top level leaves
brackets open, and the whole line is read instead).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

from cleanarticle.stories.fingerprint import Fingerprint, decode_bytes

__all__ = [
    "STORY_KEYS",
    "fingerprint_of",
    "is_error",
    "json_string",
    "read_line",
    "read_span",
    "story_cut",
    "story_suffix",
    "strip_story_suffix",
]

#: The keys the grouping adds to each article record, in this order, at its end.
STORY_KEYS: Final = ("storyId", "copyOf", "copyKind")
_BODY_KEY: Final = b'"articleBody":'
# The story keys as this module writes them, at the end of a line (to rewrite them when a
# stories output is grouped again).
_SUFFIX = re.compile(
    rb',"storyId":(?:null|"[0-9a-f]{16}"),"copyOf":(?:null|"(?:[^"\\]|\\.)*"),'
    rb'"copyKind":(?:null|"[a-z]+")\}$'
)


Buffer = bytes | bytearray


def read_line(line: Buffer) -> tuple[dict[str, Any], bytes | None]:
    """:func:`read_span` over a whole line."""
    return read_span(line, 0, len(line))


def read_span(buf: Buffer, start: int, end: int) -> tuple[dict[str, Any], bytes | None]:
    """The record of the JSONL line ``buf[start:end]`` (at least the fields the grouping
    reads) and its fingerprint as raw bytes (:meth:`Fingerprint.to_bytes`; None for an
    error record or a body without words). The fields before the body are read alone when
    they hold a fingerprint of this scheme; otherwise (no fingerprint, or not laid out as
    the batch writes records) the whole line is, and the fingerprint is computed from
    ``articleBody``.

    Raises:
        ValueError: the line is not a JSON object.
    """
    cut = buf.find(_BODY_KEY, start, end)
    if cut > start:
        fields = _head_fields(buf, start, cut)
        if fields is not None:
            raw = decode_bytes(fields.get("fingerprint"))
            if raw is not None:
                return fields, raw
    record = json.loads(bytes(buf[start:end]))
    if not isinstance(record, dict):
        raise ValueError("a record is a JSON object")
    if is_error(record):
        return record, None
    found = fingerprint_of(record)
    return record, found.to_bytes() if found is not None else None


#: The fields :func:`read_span` reads before the body, in the order the batch writes them.
_HEAD_KEYS: Final = tuple(
    (name, f'"{name}":'.encode())
    for name in (
        "source",
        "publisher",
        "aggregator",
        "datePublished",
        "url",
        "canonicalUrl",
        "isPartial",
        "fingerprint",
    )
)
_CONSTANTS: Final = {ord("n"): None, ord("t"): True, ord("f"): False}
_STRING = re.compile(rb'\s*"((?:[^"\\]|\\.)*)"')
_BLANK = re.compile(rb"\s*")
_OPEN, _QUOTE = ord("{"), ord('"')


def _head_fields(buf: Buffer, start: int, cut: int) -> dict[str, Any] | None:
    """The fields of :data:`_HEAD_KEYS` from ``buf[start:cut]``, the part of a line before
    ``articleBody``, or None when that part cannot be read this way. Only a head without
    nested objects is read (a ``"key":`` found there is a top-level key: inside a string its
    quotes would be escaped); each value is decoded alone, the rest of the head never is."""
    if (
        buf[start] != _OPEN
        or buf.find(b"{", start + 1, cut) >= 0
        or buf.find(b'"error":', start, cut) >= 0
    ):
        return None
    fields: dict[str, Any] = {}
    after = start
    for name, key in _HEAD_KEYS:
        at = buf.find(key, after, cut)
        if at < 0:
            at = buf.find(key, start, after)  # not in the batch's order
            if at < 0:
                fields[name] = None
                continue
        at += len(key)
        if at < cut and buf[at] != _QUOTE:  # after white space (not the batch's layout)?
            at = _BLANK.match(buf, at, cut).end()  # type: ignore[union-attr]
        after = at
        if at >= cut:
            return None
        if buf[at] == _QUOTE:
            close = buf.find(b'"', at + 1, cut)
            try:
                if close < 0 or buf.find(b"\\", at + 1, close) >= 0:  # an escaped quote?
                    found = _STRING.match(buf, at, cut)
                    if found is None:
                        return None
                    fields[name] = json.loads(found.group(0))
                else:
                    fields[name] = buf[at + 1 : close].decode()
            except ValueError:
                return None
            continue
        fields[name] = _CONSTANTS.get(buf[at])
    return fields if isinstance(fields.get("source"), str) else None


def is_error(record: Mapping[str, Any]) -> bool:
    """Whether a record is an error record (passed through untouched)."""
    return "error" in record and record.get("error") is not None


def fingerprint_of(record: Mapping[str, Any]) -> Fingerprint | None:
    """The record's fingerprint: its own when of this scheme, else computed from its
    ``articleBody`` (None when the body has no words)."""
    found = Fingerprint.decode(record.get("fingerprint"))
    if found is not None:
        return found
    body = record.get("articleBody")
    return Fingerprint.of_text(body) if isinstance(body, str) else None


def story_suffix(story_id: str, copy_of: bytes | None, copy_kind: str | None) -> bytes:
    """The story keys as JSON members to append to a record (``,"storyId":...}`` and a
    newline); ``copy_of`` is the original's source already as a JSON string."""
    return b"".join(
        (
            b',"storyId":"',
            story_id.encode("ascii"),
            b'","copyOf":',
            b"null" if copy_of is None else copy_of,
            b',"copyKind":',
            b"null" if copy_kind is None else b'"' + copy_kind.encode("ascii") + b'"',
            b"}\n",
        )
    )


def json_string(value: str | None) -> bytes:
    """A value as a JSON string (``null`` for None), UTF-8."""
    if value is None:
        return b"null"
    try:
        if _ESCAPED.search(value) is None:  # nothing to escape: the text itself
            return b'"' + value.encode("utf-8") + b'"'
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return json.dumps(value).encode("ascii")


# What JSON escapes in a string (json.dumps with ensure_ascii=False).
_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def story_cut(buf: Buffer, start: int, end: int) -> int:
    """Where the story keys go in the line ``buf[start:end]``: at its closing brace, or
    where the story keys a previous grouping appended begin (they are replaced)."""
    while end > start and buf[end - 1] in _SPACE:
        end -= 1
    if buf.endswith((b'"copyKind":null}', b'"}'), start, end):
        at = buf.rfind(b',"storyId":', max(start, end - 8192), end)
        if at >= 0 and _SUFFIX.match(buf, at, end) is not None:
            return at
    return end - 1


_SPACE: Final = frozenset(b" \t\r\n")


def strip_story_suffix(line: bytes) -> bytes:
    """The line without its newline and closing brace, and without the story keys a
    previous grouping appended: what :func:`story_suffix` is appended to."""
    return line[: story_cut(line, 0, len(line))]

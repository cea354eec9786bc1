"""Reading the fields the grouping needs from a batch record, and writing the story fields.

A batch record (``cleanarticle batch``'s output, see the README's "Batch cleaning") is an
article (``source``, the article fields) or an error (``source``, ``error``). The grouping
reads ``source``, ``publisher``, ``aggregator``, ``datePublished``, ``isPartial`` and
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

from cleanarticle.stories.fingerprint import Fingerprint

__all__ = [
    "STORY_KEYS",
    "fingerprint_of",
    "read_line",
    "is_error",
    "json_string",
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
    rb'"copyKind":(?:null|"[a-z]+")\}\s*$'
)


def read_line(line: bytes) -> tuple[dict[str, Any], Fingerprint | None]:
    """The record of a JSONL line (at least its fields before ``articleBody``) and its
    fingerprint. The fields before the body are read alone when they hold a fingerprint of
    this scheme; otherwise (no fingerprint, or not laid out as the batch writes records)
    the whole line is, and the fingerprint is computed from ``articleBody``.

    Raises:
        ValueError: the line is not a JSON object.
    """
    cut = line.find(_BODY_KEY)
    if cut > 0:
        head = line[:cut].rstrip()
        if head.endswith(b","):
            try:
                fields = json.loads(head[:-1] + b"}")
            except ValueError:
                fields = None
            if isinstance(fields, dict):
                found = Fingerprint.decode(fields.get("fingerprint"))
                if found is not None:
                    return fields, found
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("a record is a JSON object")
    return record, None if is_error(record) else fingerprint_of(record)


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
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return json.dumps(value).encode("ascii")


def strip_story_suffix(line: bytes) -> bytes:
    """The line without its newline and closing brace, and without the story keys a
    previous grouping appended: what :func:`story_suffix` is appended to."""
    at = line.rfind(b',"storyId":', max(0, len(line) - 8192))
    if at >= 0 and _SUFFIX.match(line, at) is not None:
        return line[:at]
    return line.rstrip()[:-1]

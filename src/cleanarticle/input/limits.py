"""The size checks of one extraction, done before any per-element work.

Every stage is linear in the input, but the constant depends on what the input is made of:
a megabyte of prose is a few hundred elements, a megabyte of ``<p>x</p>`` is 125,000 of
them, and each element costs the tree builder and the engine about a kilobyte and a few
microseconds. Bounding the bytes alone (``Options.max_input_bytes``) therefore leaves the
memory and time of a crafted page 10 to 100 times those of a real page of the same size.
These checks bound the *count* of what the engine handles one by one, in one C-level pass
over the text (``str.count``), before the page is parsed:

* HTML: the number of ``<`` (an upper bound on the tags, hence on elements and text nodes)
  against ``Options.max_tags``;
* text captures: the number of line breaks against ``Options.max_lines``.

Real pages are far below both (the largest of the benchmark pages has 19,437 ``<``).
"""

from __future__ import annotations

from cleanarticle.errors import ResourceLimitError

__all__ = ["LINE_BREAKS", "check_lines", "check_tags"]

#: Every character ``str.splitlines`` breaks a line at.
LINE_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def check_tags(text: str | bytes, max_tags: int) -> int:
    """Raise ResourceLimitError when an HTML page (or its UTF-8 bytes) has more than
    ``max_tags`` ``<``; return the count."""
    tags = text.count("<") if isinstance(text, str) else text.count(b"<")
    if tags > max_tags:
        raise ResourceLimitError(
            f"the page has {tags:,} tags ('<'), above the limit of {max_tags:,} "
            "(Options.max_tags: memory and time grow with the number of elements)"
        )
    return tags


def check_lines(text: str, max_lines: int) -> None:
    """Raise ResourceLimitError when a text capture has more than ``max_lines`` lines."""
    breaks = sum(text.count(c) for c in LINE_BREAKS) - text.count("\r\n")
    if breaks > max_lines:
        raise ResourceLimitError(
            f"the text has {breaks:,} lines, above the limit of {max_lines:,} "
            "(Options.max_lines: memory and time grow with the number of lines)"
        )

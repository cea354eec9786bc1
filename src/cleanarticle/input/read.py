"""Reading one page from a file or standard input, for the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from cleanarticle.errors import InputTooLargeError
from cleanarticle.options import DEFAULTS

__all__ = ["read_page"]


def read_page(path: str, max_bytes: int = DEFAULTS.max_input_bytes) -> bytes:
    """The bytes of a page file (``-``: standard input), reading no more than
    ``max_bytes + 1`` of them (a huge file or ``/dev/zero`` is never read whole).

    Raises:
        OSError: the file cannot be read.
        InputTooLargeError: it holds more than ``max_bytes``.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        with Path(path).open("rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"the input is larger than {max_bytes:,} bytes (Options.max_input_bytes)"
        )
    return data

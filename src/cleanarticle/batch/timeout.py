"""A per-document time limit inside a thread, where no process can be killed (Dask, Ray,
Spark tasks, or :func:`clean_many` with ``workers=0``).

The call is interrupted by :func:`cleanarticle.interrupt.call_until`: at the thread's next
Python instruction after the deadline, so a page stuck inside C code (a huge parse) is
stopped only once that call returns. The process pool does not need this: it kills the
worker process, which stops anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from cleanarticle.errors import DocumentTimeoutError
from cleanarticle.interrupt import SUPPORTED, Expired, call_until

__all__ = ["SUPPORTED", "call_with_timeout"]

T = TypeVar("T")


def call_with_timeout(function: Callable[[], T], seconds: float | None) -> T:
    """Call ``function()``; stop it and raise DocumentTimeoutError after ``seconds``.

    Without a limit, or where threads cannot be stopped, it simply calls ``function()``.

    Raises:
        DocumentTimeoutError: the call was stopped at the deadline.
    """
    try:
        return call_until(function, seconds)
    except Expired:
        raise DocumentTimeoutError(
            f"cleaning took longer than the timeout of {seconds:g} s; it was stopped"
        ) from None

"""A per-document time limit inside a thread, where no process can be killed (Dask, Ray,
Spark tasks, or :func:`clean_many` with ``workers=0``).

A timer raises an exception in the cleaning thread when the deadline passes (CPython's
``PyThreadState_SetAsyncExc``). It takes effect at the next Python instruction: a page stuck
inside C code (a huge parse) is stopped only once that call returns. The process pool does
not need this: it kills the worker process, which stops anything.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

from cleanarticle.errors import DocumentTimeoutError

__all__ = ["SUPPORTED", "call_with_timeout"]

T = TypeVar("T")
_set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
#: Whether this interpreter can stop a thread (CPython can).
SUPPORTED = _set_async_exc is not None


class _Expired(BaseException):
    """Raised inside the cleaning thread; a BaseException, so no ``except Exception`` on the
    way up (the cleaner's, the engine's) swallows it."""


def call_with_timeout(function: Callable[[], T], seconds: float | None) -> T:
    """Call ``function()``; stop it and raise DocumentTimeoutError after ``seconds``.

    Without a limit, or where threads cannot be stopped, it simply calls ``function()``.

    Raises:
        DocumentTimeoutError: the call was stopped at the deadline.
    """
    if seconds is None or _set_async_exc is None:
        return function()
    thread = threading.get_ident()
    guard = threading.Lock()
    state = {"finished": False, "fired": False}

    def expire() -> None:
        with guard:
            if not state["finished"]:
                state["fired"] = True
                _raise_in(thread, _Expired)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    try:
        try:
            timer.start()
            return function()
        finally:
            with guard:
                state["finished"] = True
            timer.cancel()
            if state["fired"]:
                _raise_in(thread, None)  # withdraw the exception if not delivered yet
    except _Expired:
        raise DocumentTimeoutError(
            f"cleaning took longer than the timeout of {seconds:g} s; it was stopped"
        ) from None


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    assert _set_async_exc is not None
    _set_async_exc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None)

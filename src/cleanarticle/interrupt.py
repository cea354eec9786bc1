"""Stop a call in the calling thread when a deadline passes, where no process can be killed.

A timer raises an exception in the thread running the call (CPython's
``PyThreadState_SetAsyncExc``). It takes effect at the thread's next Python instruction: a
call stuck inside C code (one huge parse) is stopped only once that C call returns. Used by
:func:`cleanarticle.extract` for ``Options.timeout`` and by the batch cleaner for a page's
time limit in a thread (:mod:`cleanarticle.batch.timeout`); the batch's process pool kills
its workers instead, which stops anything.

The exception raised in the thread is a :class:`BaseException` of a class made for the call,
so that no ``except Exception`` on the way up swallows it and a deadline of an outer call is
never mistaken for an inner one; the call's :func:`call_until` turns it into :class:`Expired`.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["RETRY", "SUPPORTED", "Expired", "call_until"]

T = TypeVar("T")
_set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
#: Whether this interpreter can interrupt a thread (CPython can).
SUPPORTED = _set_async_exc is not None
#: Seconds between repeats of an interrupt that has not stopped the call yet.
RETRY = 0.05


class Expired(BaseException):
    """Raised by :func:`call_until` when the call was stopped at its deadline."""


class _Interrupt(BaseException):
    """What the timer raises in the thread: a subclass made for each call, which only that
    call's :func:`call_until` turns into :class:`Expired` (an ``except Expired`` around an
    inner call never catches an outer call's interrupt)."""


def call_until(function: Callable[[], T], seconds: float | None) -> T:
    """Call ``function()``; stop it after ``seconds`` and raise :class:`Expired`.

    Without a limit, or where threads cannot be interrupted, it simply calls ``function()``.
    An interrupt that lands in code run on the side (a garbage-collector callback, a
    finaliser) is lost there (Python prints it as "Exception ignored"), so it is repeated
    every :data:`RETRY` seconds until the call stops.

    Raises:
        Expired: the call was stopped at the deadline.
    """
    if seconds is None or _set_async_exc is None:
        return function()
    thread = threading.get_ident()
    expired: type[_Interrupt] = type("_InterruptHere", (_Interrupt,), {})  # this call's own
    guard = threading.Lock()
    done = threading.Event()
    state = {"finished": False, "fired": False}

    def expire() -> None:
        if done.wait(seconds):
            return
        while True:
            with guard:
                if state["finished"]:
                    return
                state["fired"] = True
                _raise_in(thread, expired)
            if done.wait(RETRY):
                return

    timer = threading.Thread(target=expire, name="cleanarticle-deadline", daemon=True)
    try:
        try:
            timer.start()
            return function()
        finally:
            with guard:
                state["finished"] = True
                if state["fired"]:
                    _raise_in(thread, None)  # withdraw the exception if not delivered yet
            done.set()
    except expired:
        raise Expired(f"stopped after {seconds:g} s") from None


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    assert _set_async_exc is not None
    _set_async_exc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None)

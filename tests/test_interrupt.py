"""cleanarticle.interrupt: a call stopped at its deadline, in the calling thread."""

from __future__ import annotations

import threading
import time

import pytest

from cleanarticle.interrupt import SUPPORTED, Expired, call_until

pytestmark = pytest.mark.skipif(not SUPPORTED, reason="needs CPython's PyThreadState_SetAsyncExc")


def _spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "done"


def test_a_call_past_its_deadline_is_stopped_and_a_quick_one_is_not() -> None:
    started = time.monotonic()
    with pytest.raises(Expired, match=r"stopped after 0\.2 s"):
        call_until(lambda: _spin(30), 0.2)
    assert time.monotonic() - started < 5
    assert call_until(lambda: _spin(0.01), 5) == "done"
    assert call_until(lambda: "no limit", None) == "no limit"
    _spin(0.3)  # nothing is left pending to strike later


def test_nested_deadlines_are_not_mistaken_for_each_other() -> None:
    def inner() -> str:
        try:
            return call_until(lambda: _spin(30), 20)
        except Expired:  # pragma: no cover - would be the inner deadline: a bug
            return "inner stopped"

    started = time.monotonic()
    with pytest.raises(Expired, match=r"stopped after 0\.3 s"):
        call_until(inner, 0.3)
    assert time.monotonic() - started < 5


def test_each_thread_has_its_own_deadline() -> None:
    outcomes: dict[str, str] = {}

    def run(name: str, work: float, limit: float) -> None:
        try:
            outcomes[name] = call_until(lambda: _spin(work), limit)
        except Expired:
            outcomes[name] = "stopped"

    threads = [
        threading.Thread(target=run, args=("slow", 30, 0.3)),
        threading.Thread(target=run, args=("quick", 0.5, 20)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == {"slow": "stopped", "quick": "done"}

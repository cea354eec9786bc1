"""The worker pool: one output per document, timeouts, crashes, order, clean shutdown."""

from __future__ import annotations

import multiprocessing
import sys
import time

import pytest

from cleanarticle.batch.api import clean_many
from cleanarticle.batch.cleaner import Cleaner, Task
from cleanarticle.batch.document import Document
from cleanarticle.batch.pool import WorkerPool
from cleanarticle.batch.records import Result

from .batch_tasks import UnrulyCleaner
from .dumps import story_page


def _docs(*names: str) -> list[Document]:
    return [Document(name, data=story_page(n)) for n, name in enumerate(names)]


def _identity(result: Result) -> Result:
    return result


def test_a_hung_document_times_out_and_a_crash_is_recorded_while_the_rest_go_on() -> None:
    docs = _docs("a", "hang", "b", "crash", "c", "d")
    task = Task(UnrulyCleaner(), _identity)
    start = time.monotonic()
    with WorkerPool(task, workers=2, timeout=1.5) as pool:
        outputs = list(pool.imap(docs))
        stats = pool.stats
    results = {r.source: r for r in outputs}
    assert len(results) == len(outputs) == len(docs)
    assert time.monotonic() - start < 20
    assert set(results) == {"a", "hang", "b", "crash", "c", "d"}
    assert results["hang"].error is not None
    assert results["hang"].error.type == "DocumentTimeoutError"
    assert results["crash"].error is not None
    assert results["crash"].error.type == "WorkerCrashedError"
    assert "SIGKILL" in results["crash"].error.message
    assert all(results[s].ok for s in "abcd"), results
    assert (stats.timeouts, stats.crashes, stats.started) == (1, 1, 4)
    assert stats.peak_rss > 0
    assert stats.cpu_seconds > 0
    if sys.platform.startswith("linux"):
        assert max(stats.rss_by_worker) > 0  # (a slot whose workers were all killed has 0)


def test_ordered_results_follow_the_input_whatever_finishes_first() -> None:
    names = ["slow-0", "a", "b", "slow-1", "c", "d", "e"]
    results = list(clean_many(_docs(*names), cleaner=UnrulyCleaner(), workers=2, timeout=30))
    assert [r.source for r in results] == names
    assert all(r.ok for r in results)


def test_pages_as_bytes_and_str_are_named_by_position() -> None:
    results = list(clean_many([story_page(1), story_page(2).encode(), b""], workers=1))
    assert [r.source for r in results] == ["0", "1", "2"]
    assert results[0].ok and results[1].ok
    assert results[2].error is not None
    assert results[2].error.type == "EmptyInputError"


def test_stopping_early_stops_the_workers() -> None:
    docs = (Document(str(n), data=story_page(n)) for n in range(10_000))
    for _result in clean_many(docs, workers=2):
        break
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()


def test_workers_are_replaced_after_max_tasks() -> None:
    with WorkerPool(Task(Cleaner(), _identity), workers=1, max_tasks_per_worker=2) as pool:
        results = list(pool.imap(_docs("a", "b", "c", "d", "e")))
    assert len(results) == 5
    assert pool.stats.started == 3


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="POSIX memory limits")
def test_a_page_over_the_memory_limit_is_an_error_record() -> None:
    task = Task(UnrulyCleaner(), _identity)
    with WorkerPool(task, workers=1, memory_limit=512 * 2**20) as pool:
        results = {r.source: r for r in pool.imap(_docs("hog", "fine"))}
    assert results["hog"].error is not None
    assert results["hog"].error.type == "ResourceLimitError"
    assert results["fine"].ok


def test_in_process_cleaning_stops_a_spinning_page() -> None:
    results = list(clean_many(_docs("spin", "ok"), cleaner=UnrulyCleaner(), workers=0, timeout=0.5))
    assert results[0].error is not None
    assert results[0].error.type == "DocumentTimeoutError"
    assert results[1].ok


def test_bad_pool_arguments() -> None:
    with pytest.raises(ValueError, match="workers"):
        WorkerPool(Task(Cleaner(), _identity), workers=0)
    with pytest.raises(ValueError, match="timeout"):
        WorkerPool(Task(Cleaner(), _identity), timeout=0)


def test_a_cleaner_with_a_timeout_stops_a_spinning_page_in_any_thread() -> None:
    import pickle
    import threading

    cleaner = pickle.loads(pickle.dumps(UnrulyCleaner(timeout=0.5)))
    assert cleaner.timeout == 0.5
    results: list[Result] = []
    thread = threading.Thread(target=lambda: results.extend(map(cleaner, _docs("spin", "ok"))))
    thread.start()
    thread.join(30)
    assert [r.error.type if r.error else "ok" for r in results] == ["DocumentTimeoutError", "ok"]


def test_documents_queued_behind_a_failing_one_are_cleaned_once() -> None:
    names = [f"d{n}" for n in range(24)]
    for n, bad in ((3, "hang-a"), (4, "crash-a"), (11, "crash-b"), (12, "hang-b"), (20, "crash-c")):
        names[n] = bad
    task = Task(UnrulyCleaner(), _identity)
    with WorkerPool(task, workers=2, timeout=1.0) as pool:
        outputs = list(pool.imap(_docs(*names)))
    assert sorted(r.source for r in outputs) == sorted(names)
    failed = {r.source: r.error.type for r in outputs if r.error is not None}
    assert failed == {
        "hang-a": "DocumentTimeoutError",
        "hang-b": "DocumentTimeoutError",
        "crash-a": "WorkerCrashedError",
        "crash-b": "WorkerCrashedError",
        "crash-c": "WorkerCrashedError",
    }

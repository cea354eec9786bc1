"""Dask: a 2-worker local cluster gives the same records as the process pool."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanarticle.batch.run import run_batch

from .cases import records_by_source
from .dumps import inputs_of, make_dump

pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster_address() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_same_records_as_the_process_pool(
    tmp_path: Path, cluster_address: str
) -> None:
    sources = make_dump(tmp_path / "dump") | {str(tmp_path / "dump" / "missing.html")}
    inputs = inputs_of(tmp_path / "dump")
    pool_out, dask_out = tmp_path / "pool.jsonl", tmp_path / "dask.jsonl"
    run_batch(inputs, pool_out, workers=2)
    summary = run_batch(inputs, dask_out, dask=cluster_address)  # pages sent by the client
    assert summary.workers == 2
    pooled, dasked = records_by_source(pool_out), records_by_source(dask_out)
    assert set(pooled) == sources
    assert dasked == pooled
    local_out = tmp_path / "local.jsonl"  # and with paths read by the workers
    from cleanarticle.batch.cleaner import Cleaner, Task
    from cleanarticle.batch.dask import DaskExecutor
    from cleanarticle.batch.inputs import read_documents
    from cleanarticle.batch.records import to_line

    task = Task(Cleaner(), to_line)
    with DaskExecutor(task, address=cluster_address, ship_pages=False) as executor:
        lines = list(executor.imap(read_documents(inputs)))
    local_out.write_bytes(b"".join(line.data for line in lines))
    assert records_by_source(local_out) == pooled


def test_the_bag_helper_maps_the_cleaner(tmp_path: Path, cluster_address: str) -> None:
    from cleanarticle.batch.dask import clean_bag, read_bag

    sources = make_dump(tmp_path / "dump")
    inputs = inputs_of(tmp_path / "dump")[:-1]
    pool_out = tmp_path / "pool.jsonl"
    run_batch(inputs, pool_out, workers=1)
    with distributed.Client(cluster_address):
        rows = clean_bag(read_bag(inputs, files_per_partition=3)).compute()
    assert {row["source"] for row in rows} == sources
    assert {row["source"]: row for row in rows} == records_by_source(pool_out)


def test_a_local_cluster_is_started_without_an_address(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><body><article><h1>Hi</h1><p>" + "Words here. " * 40 + "</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch([page], out, dask="local", workers=2)
    assert (summary.documents, summary.workers, summary.failed) == (1, 2, 0)


def test_a_page_stuck_where_no_interrupt_reaches_is_cancelled_and_recorded(
    tmp_path: Path, cluster_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``batch --dask --timeout``: a page stuck inside one C call (here a long sleep) cannot
    be interrupted in its thread; the task is cancelled and its worker restarted, and the
    page gets a DocumentTimeoutError record, as with the process pool (issue 16: the batch
    hung past 150 s with 8 records missing)."""
    from cleanarticle.batch import dask as dask_batch
    from cleanarticle.batch.cleaner import Task
    from cleanarticle.batch.document import Document
    from cleanarticle.batch.records import to_line

    from .batch_tasks import UnrulyCleaner

    monkeypatch.setattr(dask_batch, "GRACE", 5.0)
    monkeypatch.setattr(dask_batch, "GRACE_SHARE", 0.0)
    page = "<html><body><article><p>" + "Words of a page. " * 30 + "</p></article></body></html>"
    documents = [Document(f"page-{i}", data=page) for i in range(5)]
    documents.insert(2, Document("hang-1", data=page))
    task = Task(UnrulyCleaner(), to_line)
    started = time.monotonic()
    executor = dask_batch.DaskExecutor(task, address=cluster_address, timeout=1.0, batch_size=2)
    with executor:
        lines = list(executor.imap(documents))
        assert executor.stats.timeouts >= 1
    assert time.monotonic() - started < 90
    errors = {line.source: line.error_type for line in lines}
    assert sorted(errors) == sorted(d.source for d in documents)
    assert errors.pop("hang-1") == "DocumentTimeoutError"
    assert set(errors.values()) == {None}

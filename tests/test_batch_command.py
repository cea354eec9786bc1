"""The `batch` command's arguments, exit statuses and summary; the progress line."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cleanarticle.batch import command
from cleanarticle.batch.progress import Progress, Summary
from cleanarticle.cli import main
from cleanarticle.errors import OutputError


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def fake_run_batch(inputs: list[str], output: str, **options: Any) -> Summary:
        seen.append({"inputs": inputs, "output": output, **options})
        return Summary(output=output, documents=3, seconds=1.0, workers=2)

    monkeypatch.setattr(command, "run_batch", fake_run_batch)
    return seen


def test_options_reach_the_batch(calls: list[dict[str, Any]], tmp_path: Path) -> None:
    out = str(tmp_path / "o.parquet")
    args = ["batch", "a", "b", "-o", out, "--workers", "3", "--timeout", "0", "--resume"]
    assert main([*args, "--memory-limit", "100", "--no-removed-text", "-q"]) == 0
    (call,) = calls
    assert (call["inputs"], call["output"], call["workers"]) == (["a", "b"], out, 3)
    assert call["timeout"] is None  # 0 means no limit
    assert call["memory_limit"] == 100 * 2**20
    assert call["resume"] and not call["overwrite"] and call["dask"] is None
    assert call["cleaner"].options.include_removed_text is False


def test_dask_takes_an_address_or_starts_a_local_cluster(
    calls: list[dict[str, Any]], tmp_path: Path
) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    assert main(["batch", "a", "-o", "o", "--dask", "tcp://10.0.0.5:8786", "-q"]) == 0
    assert main(["batch", "a", "-o", "o", "-q", "--dask"]) == 0
    assert main(["batch", "--dask", str(page), "a", "-o", "o", "-q"]) == 0  # a path, not an address
    assert [c["dask"] for c in calls] == ["tcp://10.0.0.5:8786", "local", "local"]
    assert calls[2]["inputs"] == [str(page), "a"]


def test_interrupted_and_failed_batches(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Summary:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "run_batch", interrupted)
    assert main(["batch", "a", "-o", "out.jsonl"]) == 130
    assert "--resume" in capsys.readouterr().err
    assert main(["batch", "a", "-o", "out.jsonl", "--rules", "/no/such/rules"]) == 2
    assert "/no/such/rules" in capsys.readouterr().err

    def fails(*args: Any, **kwargs: Any) -> Summary:
        raise OutputError("out.jsonl: cannot write: No space left on device")

    monkeypatch.setattr(command, "run_batch", fails)
    assert main(["batch", "a", "-o", "out.jsonl"]) == 1
    assert "No space left" in capsys.readouterr().err


def test_the_summary_says_counts_errors_and_speed() -> None:
    summary = Summary(
        output="out.jsonl",
        documents=1200,
        skipped=30,
        errors=Counter({"NoContentError": 12, "DocumentTimeoutError": 1}),
        seconds=10.0,
        workers=2,
        peak_worker_rss=150 * 2**20,
    )
    text = summary.render()
    assert "1,200 documents in 10.0 s (120.0/s, 2 worker processes) -> out.jsonl" in text
    assert "articles: 1,187   errors: 13" in text
    assert "already done (resume): 30" in text
    assert text.index("NoContentError") < text.index("DocumentTimeoutError")
    assert "peak worker memory: 150 MB" in text


def test_the_progress_line_is_drawn_only_when_asked() -> None:
    stream = io.StringIO()
    progress = Progress(stream, enabled=True, fraction=lambda: 0.5)
    progress.update(None)
    progress.update("NoContentError")
    progress.draw()
    progress.close()
    drawn = stream.getvalue()
    assert "2 docs" in drawn and "1 errors" in drawn and "50%" in drawn and "/s" in drawn
    quiet = io.StringIO()  # not a terminal: nothing
    silent = Progress(quiet)
    silent.update(None)
    silent.close()
    assert quiet.getvalue() == ""

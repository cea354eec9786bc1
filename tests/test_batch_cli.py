"""`cleanarticle batch`: one record per document of a mixed dump, resume after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from cleanarticle.cli import main

from .cases import ROOT, read_records, records_by_source
from .dumps import inputs_of, make_dump, story_page

pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed")


@pytest.fixture
def dump(tmp_path: Path) -> tuple[list[str], set[str]]:
    sources = make_dump(tmp_path / "dump") | {str(tmp_path / "dump" / "missing.html")}
    return inputs_of(tmp_path / "dump"), sources


def test_every_document_gets_exactly_one_record(
    dump: tuple[list[str], set[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, sources = dump
    out = tmp_path / "out.jsonl"
    assert main(["batch", *inputs, "--output", str(out), "--workers", "2"]) == 0
    rows = records_by_source(out)
    assert set(rows) == sources
    errors = Counter(r["error"]["type"] for r in rows.values() if "error" in r)
    assert errors == {"InputReadError": 4, "InputError": 2, "EmptyInputError": 1}
    story = rows[inputs[0] + "/news/story-3.html"]
    assert story["headline"] == "Tram network to grow 3"
    assert "Sign up for our newsletter" not in story["articleBody"]
    line = rows[inputs[3] + ":4"]
    assert (line["id"], line["url"]) == ("p2", "https://example.org/2")
    summary = capsys.readouterr().err
    assert f"{len(sources)} documents" in summary
    assert "InputReadError           4" in summary
    # Resuming a finished batch finds nothing left to do.
    assert main(["batch", *inputs, "--output", str(out), "--resume"]) == 0
    assert len(read_records(out)) == len(sources)
    assert f"already done (resume): {len(sources)}" in capsys.readouterr().err


def test_an_existing_output_is_kept_without_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page_file = tmp_path / "a.html"
    page_file.write_text(story_page(1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "x"}\n', encoding="utf-8")
    assert main(["batch", str(page_file), "-o", str(out), "--workers", "1"]) == 1
    assert "--resume" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"source": "x"}\n'


def test_parquet_output_has_the_same_records(
    dump: tuple[list[str], set[str]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    inputs, sources = dump
    out = tmp_path / "out.parquet"
    assert main(["batch", *inputs, "-o", str(out), "--workers", "2", "-q"]) == 0
    table = pq.read_table(out)
    assert sorted(table.column("source").to_pylist()) == sorted(sources)
    jsonl = tmp_path / "out.jsonl"
    assert main(["batch", *inputs, "-o", str(jsonl), "--workers", "2", "-q"]) == 0
    expected = records_by_source(jsonl)
    for row in table.to_pylist():
        want = expected[row["source"]]
        assert row["headline"] == want.get("headline")
        assert row["articleBody"] == want.get("articleBody")
        assert row["error"] == want.get("error")
        if "sections" in want:
            assert len(row["sections"]) == len(want["sections"])


KILLABLE = """
import sys
from cleanarticle.batch.run import run_batch
from tests.batch_tasks import UnrulyCleaner
run_batch(sys.argv[1:-1], sys.argv[-1], cleaner=UnrulyCleaner(), workers=2, resume=True)
"""


def _killable(*args: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    return [sys.executable, "-c", KILLABLE, *map(str, args)], env


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux parent-death signal")
def test_workers_do_not_outlive_a_killed_batch(tmp_path: Path) -> None:
    hang = tmp_path / "hang.html"
    hang.write_text(story_page(1), encoding="utf-8")
    command, env = _killable(hang, tmp_path / "out.jsonl")
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    pid_file = tmp_path / "hang.html.pid"
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(pid_file.read_text(encoding="utf-8"))
        assert _alive(worker)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker), "the worker stuck on a document outlived its batch"


def test_kill_9_then_resume_loses_nothing_and_writes_nothing_twice(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    for n in range(40):  # slow pages (0.3 s each): the kill lands in the middle of the run
        (folder / f"slow-{n:02d}.html").write_text(story_page(n), encoding="utf-8")
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"id": n, "html": story_page(n)}) + "\n" for n in range(30)), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    command, env = _killable(folder, jsonl, out)
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 8:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    written = len(read_records(out))
    assert 8 <= written < 70, "the kill should land in the middle of the batch"
    with out.open("ab") as fh:  # and suppose it tore the record it was writing
        fh.write(b'{"source": "' + str(folder).encode() + b'/slow-39.html", "headl')
    subprocess.run(command, env=env, cwd=ROOT, check=True, timeout=120)
    rows = records_by_source(out)
    expected = {str(folder / f"slow-{n:02d}.html") for n in range(40)}
    expected |= {f"{jsonl}:{n}" for n in range(1, 31)}
    assert set(rows) == expected
    assert all("error" not in row for row in rows.values())

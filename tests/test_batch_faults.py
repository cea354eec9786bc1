"""Batch faults: whatever breaks, every document gets exactly one record and the batch goes on
(or, when the output itself fails, stops cleanly and ``--resume`` finishes it exactly).

Each test breaks one thing for real where it can: a worker killed with SIGKILL from outside,
files that cannot be read (links to nothing, link loops, named pipes, a file that fails with
EIO, permissions), a file deleted after it was listed, gzip bombs in every input kind, and a
disk that fills up in the middle of the output (injected as ENOSPC from ``os.write``).
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cleanarticle import Options, extract
from cleanarticle.batch import output as output_module
from cleanarticle.batch.api import clean_many
from cleanarticle.batch.cleaner import Cleaner
from cleanarticle.batch.document import Document
from cleanarticle.batch.inputs import DocumentReader, read_documents
from cleanarticle.batch.run import run_batch
from cleanarticle.cli import main

from .batch_tasks import UnrulyCleaner
from .cases import records_by_source
from .dumps import gzip_stream, story_page, write_warc

pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed")

LINUX = sys.platform.startswith("linux")
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def error_of(row: dict[str, Any]) -> str | None:
    return row["error"]["type"] if "error" in row else None


def pages(folder: Path, names: list[str]) -> set[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names):
        (folder / name).write_text(story_page(n), encoding="utf-8")
    return {str(folder / name) for name in names}


# -- workers that die or never finish --------------------------------------------------------


def _kill_when_started(pid_file: Path, killed: list[int]) -> threading.Thread:
    """Kill (SIGKILL) the worker that writes ``pid_file``, from outside, once it does."""

    def watch() -> None:
        deadline = time.monotonic() + 60
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)  # let the pid be written whole
        pid = int(pid_file.read_text(encoding="utf-8"))
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_a_worker_killed_mid_document_gets_an_error_record_and_is_replaced(
    tmp_path: Path,
) -> None:
    names = [f"story-{n}.html" for n in range(6)]
    names.insert(3, "hang-victim.html")  # the worker cleaning it is killed from outside
    sources = pages(tmp_path / "dump", names)
    killed: list[int] = []
    watcher = _kill_when_started(tmp_path / "dump" / "hang-victim.html.pid", killed)
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        [tmp_path / "dump"], out, cleaner=UnrulyCleaner(), workers=2, timeout=120, progress=False
    )
    watcher.join(5)
    assert killed, "the test never saw the worker start the document"
    rows = records_by_source(out)
    assert set(rows) == sources
    victim = rows[str(tmp_path / "dump" / "hang-victim.html")]
    assert victim["error"]["type"] == "WorkerCrashedError"
    assert "killed by SIGKILL" in victim["error"]["message"]
    assert all(error_of(r) is None for s, r in rows.items() if "victim" not in s)
    assert summary.restarted_workers == 1
    assert summary.seconds < 60  # not the timeout: the death was noticed at once


def test_a_document_that_never_finishes_is_a_timeout_record_and_the_rest_go_on(
    tmp_path: Path,
) -> None:
    sources = pages(tmp_path / "dump", ["a.html", "hang.html", "b.html", "c.html"])
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    summary = run_batch(
        [tmp_path / "dump"], out, cleaner=UnrulyCleaner(), workers=2, timeout=1.5, progress=False
    )
    assert time.monotonic() - started < 30
    rows = records_by_source(out)
    assert set(rows) == sources
    hang = rows[str(tmp_path / "dump" / "hang.html")]
    assert hang["error"]["type"] == "DocumentTimeoutError"
    assert "timeout of 1.5 s" in hang["error"]["message"]
    assert Counter(map(error_of, rows.values())) == {None: 3, "DocumentTimeoutError": 1}
    assert summary.errors == {"DocumentTimeoutError": 1}


# -- files that cannot be read ---------------------------------------------------------------


def test_unreadable_files_are_error_records_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump"
    good = pages(dump, ["a.html", "b.html"])
    expected: dict[str, str] = {}  # source -> what its error message must say
    (dump / "broken.html").symlink_to(dump / "gone.html")
    expected[str(dump / "broken.html")] = "No such file or directory"
    (dump / "loop.html").symlink_to(dump / "loop.html")
    expected[str(dump / "loop.html")] = "Too many levels of symbolic links"
    if hasattr(os, "mkfifo"):  # opening a pipe with no writer used to block the batch forever
        os.mkfifo(dump / "pipe.html")
        os.mkfifo(dump / "pipe.jsonl")
        expected[str(dump / "pipe.html")] = "a named pipe, not a regular file"
        expected[str(dump / "pipe.jsonl")] = "a named pipe, not a regular file"
    if LINUX:  # a regular file whose reading fails (EIO), even for root
        (dump / "eio.html").symlink_to("/proc/self/mem")
        expected[str(dump / "eio.html")] = "Input/output error"
    if not ROOT_USER:  # permissions do not stop root
        locked = dump / "locked.html"
        locked.write_text(story_page(9), encoding="utf-8")
        locked.chmod(0)
        expected[str(locked)] = "Permission denied"
        (dump / "closed").mkdir()
        (dump / "closed" / "x.html").write_text(story_page(8), encoding="utf-8")
        (dump / "closed").chmod(0)
        expected[str(dump / "closed")] = "Permission denied"
    link_loop = tmp_path / "loop.warc"  # given by name: the path itself cannot be resolved
    link_loop.symlink_to(link_loop)
    expected[str(link_loop)] = "Too many levels of symbolic links"
    out = tmp_path / "out.jsonl"
    try:
        # (eio.html leads out of the folder: followed on request)
        arguments = ["batch", str(dump), str(link_loop), "-o", str(out), "--workers", "2"]
        status = main([*arguments, "--follow-symlinks"])
    finally:
        if not ROOT_USER:
            (dump / "closed").chmod(0o755)
    assert status == 0
    rows = records_by_source(out)
    assert set(rows) == good | set(expected)
    for source, message in expected.items():
        assert rows[source]["error"]["type"] == "InputReadError", rows[source]
        assert message in rows[source]["error"]["message"], rows[source]
    assert all(error_of(rows[s]) is None for s in good)
    assert f"InputReadError           {len(expected)}" in capsys.readouterr().err
    again = ["batch", str(dump), str(link_loop), "-o", str(out), "--resume", "-q"]
    assert main([*again, "--follow-symlinks"]) == 0
    assert len(records_by_source(out)) == len(rows)


def test_a_file_deleted_after_it_was_listed_is_an_error_record(tmp_path: Path) -> None:
    pages(tmp_path / "dump", ["a.html", "b.html", "c.html"])
    (tmp_path / "dump" / "d.jsonl").write_text(json.dumps({"html": story_page(4)}) + "\n", "utf-8")
    reader = DocumentReader([tmp_path / "dump"])
    units = list(reader.units())  # listed ...
    (tmp_path / "dump" / "b.html").unlink()  # ... then gone before it is read
    (tmp_path / "dump" / "d.jsonl").unlink()
    docs = [doc for unit in units for doc in unit.documents()]
    results = {r.source: r for r in clean_many(docs, workers=1)}
    assert len(results) == 4
    for name in ("b.html", "d.jsonl"):
        error = results[str(tmp_path / "dump" / name)].error
        assert error is not None
        assert error.type == "InputReadError"
        assert "No such file or directory" in error.message
    assert results[str(tmp_path / "dump" / "a.html")].ok
    assert results[str(tmp_path / "dump" / "c.html")].ok


# -- gzip bombs, truncated and malformed inputs ------------------------------------------------

BOMB = 64 << 20  # bytes each bomb inflates to (they are about 64 KB on disk)
LIMIT = 1 << 20  # max_input_bytes in these tests: pages above 1 MB are refused


def _peak_bytes(function: Callable[[], Any]) -> tuple[Any, int]:
    """Call ``function``; return its result and the peak Python memory it allocated."""
    tracemalloc.start()
    try:
        result = function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_a_gzip_bomb_page_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    gzip_stream(bomb, b"<html><body><p>", b"A", BOMB)
    cleaner = Cleaner(options=Options(max_input_bytes=LIMIT))
    cleaner.warm_up()
    result, peak = _peak_bytes(lambda: cleaner(Document(str(bomb), path=str(bomb))))
    assert result.error is not None
    assert result.error.type == "InputTooLargeError"
    assert "inflates to more than 1,048,576 bytes" in result.error.message
    assert peak < 4 * LIMIT, f"{peak:,} bytes"


def test_a_jsonl_gz_bomb_line_is_one_error_record_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    after = b'"}\n' + json.dumps({"id": "next", "html": story_page(1)}).encode() + b"\n"
    gzip_stream(path, b'{"html": "', b"A", BOMB, after)
    docs, peak = _peak_bytes(lambda: list(read_documents([path], max_bytes=LIMIT)))
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2"]
    assert docs[0].error is not None
    assert docs[0].error.type == "InputTooLargeError"
    assert docs[1].line is not None  # the line after the bomb is still read
    assert peak < 8 * LIMIT, f"{peak:,} bytes"


def test_warc_bombs_are_error_records_in_bounded_memory(tmp_path: Path) -> None:
    """warcio inflates 16 KB of the file at a time, up to 16 MB: the memory a WARC record
    takes is bounded by a few of those, whatever the bomb's size (before: 3 times it)."""
    bomb = 4 * BOMB
    # Header lines that never end (warcio used to read them whole: 3 GB for a 1 MB file) ...
    endless = tmp_path / "endless-header.warc.gz"
    gzip_stream(endless, b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: ", b"A", bomb)
    # ... and a chunked payload of one 2 GB chunk (warcio reads a chunk whole).
    payload = bomb
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"7fffffff\r\n"
    )
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\n"
        b"WARC-Target-URI: https://example.com/bomb\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % (len(http) + payload + 7)
    )
    chunked = tmp_path / "chunk.warc.gz"
    gzip_stream(chunked, head + http, b"<", payload, b"\r\n0\r\n\r\n\r\n\r\n")
    docs, peak = _peak_bytes(lambda: list(read_documents([endless, chunked], max_bytes=LIMIT)))
    assert [(d.source, d.error.type if d.error else None) for d in docs] == [
        (f"{endless}#offset=0", "InputReadError"),
        (f"{chunked}#urn:uuid:bomb", "InputTooLargeError"),
    ]
    assert docs[0].error is not None
    assert "header lines run past" in docs[0].error.message
    assert peak < bomb // 3, f"{peak:,} bytes"


def test_truncated_and_empty_inputs_of_every_kind(tmp_path: Path) -> None:
    whole = gzip.compress(story_page(1).encode() * 3)
    (tmp_path / "cut.html.gz").write_bytes(whole[: len(whole) * 2 // 3])  # keeps what inflates
    (tmp_path / "cut-early.html.gz").write_bytes(whole[:12])  # nothing inflates
    (tmp_path / "empty.warc").write_bytes(b"")  # used to raise TypeError in the batch process
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "empty.jsonl.gz").write_bytes(b"")
    warc = tmp_path / "cut.warc.gz"
    rows = [(f"id-{n}", f"https://e.com/{n}", story_page(n).encode(), "text/html") for n in range(3)]
    write_warc(warc, rows, gz=True)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 200])
    out = tmp_path / "out.jsonl"
    inputs = sorted(str(p) for p in tmp_path.iterdir() if p.name != "out.jsonl")
    assert main(["batch", *inputs, "-o", str(out), "--workers", "2", "-q"]) == 0
    got = {source: error_of(row) for source, row in records_by_source(out).items()}
    assert got == {
        str(tmp_path / "cut.html.gz"): None,
        str(tmp_path / "cut-early.html.gz"): "InputError",
        f"{warc}#urn:uuid:id-0": None,
        f"{warc}#urn:uuid:id-1": None,
        f"{warc}#urn:uuid:id-2": "InputReadError",
    }


MALFORMED_LINES = {
    b"{not json": "not valid JSON",
    b'{"html": "<p>caf\xc3\x28</p>"}': "not valid JSON",  # invalid UTF-8
    b"[" * 100_000 + b"]" * 100_000: "not valid JSON",  # nesting past the recursion limit
    b'{"html": "x", "id": ' + b"9" * 5000 + b"}": "not valid JSON",  # past int digit limit
    b'"<p>a string, not an object</p>"': "a JSON str, not an object",
    b'{"html": null}': "no 'html' field",
    b'{"html": ["<p>a list</p>"]}': "an 'html' list",
    b'{"url": "https://e.com/"}': "no 'html' field",
}


def test_malformed_jsonl_lines_are_error_records_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    good = json.dumps({"id": "ok", "html": story_page(1)}).encode()
    lines = [good, *MALFORMED_LINES, good.replace(b'"ok"', b'"last"')]
    path.write_bytes(b"\r\n".join(lines))  # CRLF line ends, no final newline
    docs = list(read_documents([path]))
    assert [d.source for d in docs] == [f"{path}:{n}" for n in range(1, len(lines) + 1)]
    results = [Cleaner()(d) for d in docs]
    assert results[0].ok and results[-1].ok
    assert results[-1].id == "last"
    for result, (line, message) in zip(results[1:-1], MALFORMED_LINES.items(), strict=True):
        assert result.error is not None, line[:40]
        assert result.error.type == "InputReadError"
        assert message in result.error.message, (line[:40], result.error.message)


# -- a full disk ------------------------------------------------------------------------------


class _DiskOfSize:
    """Stands for the ``os`` module in the JSONL sink: writes to the output file fail with
    ENOSPC once it holds ``capacity`` bytes (the last write that fits is cut short, as on a
    real disk); every other call goes to the real ``os``."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.refused = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def write(self, fd: int, data: Any) -> int:
        room = self.capacity - os.fstat(fd).st_size
        if room <= 0:
            self.refused += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return os.write(fd, bytes(data[:room]))


@pytest.fixture
def dump_of_40(tmp_path: Path) -> tuple[list[str], set[str]]:
    sources = pages(tmp_path / "dump", [f"story-{n:02d}.html" for n in range(25)])
    lines = tmp_path / "pages.jsonl"
    lines.write_text(
        "".join(json.dumps({"id": n, "html": story_page(n)}) + "\n" for n in range(15)), "utf-8"
    )
    sources |= {f"{lines}:{n}" for n in range(1, 16)}
    return [str(tmp_path / "dump"), str(lines)], sources


def test_a_full_disk_stops_the_batch_cleanly_and_resume_finishes_it_exactly(
    dump_of_40: tuple[list[str], set[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    inputs, sources = dump_of_40
    out = tmp_path / "out.jsonl"
    record_size = len(json.dumps(extract(story_page(1)).to_dict()))
    disk = _DiskOfSize(capacity=int(record_size * 10.5))  # room for about ten records
    monkeypatch.setattr(output_module, "os", disk)
    command = ["batch", *inputs, "-o", str(out), "--workers", "2"]
    assert main(command) == 1
    assert disk.refused
    message = capsys.readouterr().err
    assert "No space left on device" in message
    assert "--resume" in message
    assert "Traceback" not in message
    kept = out.read_bytes()
    assert kept.endswith(b"\n"), "the record cut short by the full disk was rolled back"
    written = records_by_source(out)
    assert 5 <= len(written) < len(sources)
    assert main(command) == 1  # without --resume, the records are not clobbered
    assert out.read_bytes() == kept
    monkeypatch.undo()  # space is freed
    capsys.readouterr()
    assert main([*command, "--resume"]) == 0
    rows = records_by_source(out)
    assert set(rows) == sources
    assert all(error_of(row) is None for row in rows.values())
    assert out.read_bytes().startswith(kept)  # the first records were kept as they were
    assert f"already done (resume): {len(written)}" in capsys.readouterr().err


FILE_SIZE_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from cleanarticle.cli import main
sys.exit(main(["batch", *sys.argv[2:]]))
"""


@pytest.mark.skipif(not LINUX, reason="RLIMIT_FSIZE")
def test_parquet_parts_that_cannot_be_written_stop_the_batch_and_resume_finishes_it(
    dump_of_40: tuple[list[str], set[str]], tmp_path: Path
) -> None:
    """The kernel refuses the writes (a file size limit stands for the full disk): pyarrow's
    own writer fails, the batch stops with a clear message, and --resume finishes."""
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    inputs, sources = dump_of_40
    out = tmp_path / "out.parquet"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    args = [*inputs, "-o", str(out), "--workers", "2", "-q"]
    command = [sys.executable, "-c", FILE_SIZE_LIMITED, "2000", *args]
    failed = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    assert failed.returncode == 1
    assert b"cannot write" in failed.stderr
    assert b"File too large" in failed.stderr
    assert b"--resume" in failed.stderr
    assert b"Traceback" not in failed.stderr
    assert not list(out.glob("part-*.parquet"))  # no part half written
    assert main(["batch", *args, "--resume"]) == 0
    assert sorted(pq.read_table(out).column("source").to_pylist()) == sorted(sources)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_output_on_a_full_device_is_a_clear_error(tmp_path: Path) -> None:
    pages(tmp_path / "dump", ["a.html"])
    with pytest.raises(Exception, match="No space left on device") as caught:
        run_batch([tmp_path / "dump"], "/dev/full", workers=1, overwrite=True, progress=False)
    assert type(caught.value).__name__ == "OutputError"
    assert "--resume" in str(caught.value)


# -- kill -9 of the whole batch, then --resume -------------------------------------------------


def _cli(*args: str | Path, **kwargs: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    command = [sys.executable, "-m", "cleanarticle.cli", "batch", *map(str, args)]
    return subprocess.Popen(command, env=env, **kwargs)


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _kill_after(process: subprocess.Popen[bytes], out: Path, lines: int, *, group: bool) -> int:
    """SIGKILL the batch (its whole process group with ``group``) once ``out`` has
    ``lines`` records; return how many it had written."""
    deadline = time.monotonic() + 120
    while _lines(out) < lines and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait(30)
    return _lines(out)


@pytest.fixture
def big_dump(tmp_path: Path) -> tuple[list[str], set[str]]:
    """About 3,000 documents in every input kind: long enough to be killed in the middle."""
    folder = tmp_path / "site"
    sources = pages(folder, [f"p{n:04d}.html" for n in range(400)])
    warc = tmp_path / "crawl.warc.gz"
    rows = [
        (f"r-{n}", f"https://e.com/{n}", story_page(n).encode(), "text/html; charset=utf-8")
        for n in range(1000)
    ]
    write_warc(warc, rows, gz=True)
    sources |= {f"{warc}#urn:uuid:r-{n}" for n in range(1000)}
    lines = tmp_path / "pages.jsonl.gz"
    with gzip.open(lines, "wt", encoding="utf-8") as fh:
        for n in range(1600):
            fh.write(json.dumps({"id": n, "html": story_page(n)}) + "\n")
    sources |= {f"{lines}:{n}" for n in range(1, 1601)}
    return [str(folder), str(warc), str(lines)], sources


@pytest.mark.skipif(not LINUX, reason="process groups and SIGKILL")
def test_kill_9_of_the_cli_then_resume_gives_exactly_one_record_per_document(
    big_dump: tuple[list[str], set[str]], tmp_path: Path
) -> None:
    inputs, sources = big_dump
    out = tmp_path / "out.jsonl"
    args = [*inputs, "-o", out, "--workers", "2", "--resume"]
    # First run: kill -9 the batch process alone (its workers notice and exit).
    first = _kill_after(_cli(*args), out, 150, group=False)
    assert 150 <= first < len(sources), "the kill should land in the middle of the batch"
    before = out.read_bytes()
    # Second run: kill -9 the batch and its workers together, as the OOM killer or a
    # lost machine would.
    second = _kill_after(_cli(*args, start_new_session=True), out, first + 600, group=True)
    assert first < second < len(sources)
    assert out.read_bytes()[: len(before)] == before
    # Third run finishes the job.
    process = _cli(*args, stderr=subprocess.PIPE)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    rows = records_by_source(out)  # fails if any document was written twice
    assert set(rows) == sources
    assert all(error_of(row) is None for row in rows.values())
    assert b"already done (resume)" in err


# -- batch-reader inputs found by benchmarks/fuzz.py, kept forever -----------------------------

READER_INPUTS = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "fixtures" / "hostile").glob("fuzz-*.bin")
    if p.name.startswith(("fuzz-warc-", "fuzz-jsonl-"))
)


@pytest.mark.parametrize("path", READER_INPUTS, ids=[p.stem for p in READER_INPUTS])
def test_saved_fuzz_inputs_of_the_readers(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    suffix = ".warc" if path.name.startswith("fuzz-warc-") else ".jsonl"
    copy = tmp_path / ("input" + suffix + (".gz" if data[:2] == b"\x1f\x8b" else ""))
    copy.write_bytes(data)
    docs = [d.load(LIMIT) for d in read_documents([copy], max_bytes=LIMIT)]
    assert len({d.source for d in docs}) == len(docs)
    assert all((d.data is None) != (d.error is None) for d in docs)

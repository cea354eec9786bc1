"""The command line: extract (files and stdin, formats, errors) and example."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanarticle.cli import main

from .cases import FIXTURES

HTML = FIXTURES / "inkl-html-axios" / "input.html"


def test_extract_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(HTML)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["aggregator"] == "inkl"
    assert data["publisher"] == "Axios"


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_extract_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(HTML), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Why it matters" in out
    assert "Sign up to read" not in out


def test_extract_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML.read_bytes())))
    assert main(["extract", "-", "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("Dutch court orders halt")


def test_extract_reports_bad_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    inputs = [str(tmp_path / "missing.html"), str(empty), str(HTML)]
    status = main(["extract", *inputs])
    captured = capsys.readouterr()
    assert status == 1
    assert "missing.html: cannot read" in captured.err
    assert "EmptyInputError" in captured.err
    # Several inputs: one JSON line each, in input order, failures as error records.
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["source"] for r in records] == inputs
    assert records[0]["error"]["type"] == "InputReadError"
    assert records[1]["error"]["type"] == "EmptyInputError"
    assert records[2]["headline"].startswith("Dutch court")


def test_bad_rules_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "r.toml"
    bad.write_text("name = [", encoding="utf-8")
    assert main(["extract", str(HTML), "--rules", str(bad)]) == 2
    assert "r.toml" in capsys.readouterr().err


def test_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example"]) == 0
    out = capsys.readouterr().out
    assert "aggregator: inkl" in out
    assert "publisher:  Axios" in out
    assert "## Why it matters" in out
    assert "inkl.signup-wall" in out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "extract" in capsys.readouterr().out


def test_console_script_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleanarticle.cli", "example", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(proc.stdout)["aggregator"] == "inkl"

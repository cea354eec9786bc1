"""``cleanarticle bench`` and ``benchmarks/engine.py`` end to end on tiny folders."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from cleanarticle.cli import main

from .cases import ROOT

STORY = "<html><body><article>" + "<p>A sentence of the story, told at length.</p>" * 6


def _pages(folder: Path) -> Path:
    folder.mkdir()
    (folder / "one.html").write_text(STORY)
    (folder / "two.html").write_text(STORY.replace("story", "tale"))
    return folder


def _scrapinghub(folder: Path) -> Path:
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "p1.html").write_text(STORY)
    truth = {"p1": {"articleBody": "A sentence of the story, told at length.", "url": "u"}}
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return folder


def test_bench_prints_the_table_for_a_plain_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pages(tmp_path / "mine")
    assert main(["bench", str(folder), "--against", "", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("mine: 2 pages")
    assert "cleanarticle" in out and "parse" in out and "pages/s" in out


def test_bench_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    folder = _scrapinghub(tmp_path / "sh")
    out = tmp_path / "report"
    assert main(["bench", str(folder), "--against", "", "--report", str(out), "--quiet"]) == 0
    data = json.loads((out / "report.json").read_text())
    (dataset,) = data["datasets"]
    assert dataset["layout"] == "scrapinghub" and dataset["metric"] == "shingles"
    assert [e["name"] for e in dataset["extractors"]] == ["cleanarticle", "parse"]
    assert (out / "sh.png").read_bytes().startswith(b"\x89PNG")
    assert "![sh: speed against accuracy](sh.png)" in (out / "report.md").read_text()
    assert "| extractor | F1 |" in (out / "readme-section.md").read_text()


def test_bench_reports_missing_extractors_and_bad_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bench", str(tmp_path), "--against", "nonesuch"]) == 2
    assert "unknown extractor 'nonesuch'" in capsys.readouterr().err
    assert main(["bench", str(tmp_path / "absent"), "--against", "", "--quiet"]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert main(["bench", str(tmp_path), "--against", "", "--quiet"]) == 1  # empty folder
    assert "no pages found" in capsys.readouterr().err
    assert main(["bench", str(tmp_path), "--runs", "0"]) == 2


def test_engine_script_runs_the_named_datasets_under_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scrapinghub(tmp_path / "scrapinghub")
    engine = runpy.run_path(str(ROOT / "benchmarks" / "engine.py"))
    status = engine["main"]([str(tmp_path), "--against", "", "--quiet"])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.startswith("scrapinghub: 1 page,")
    assert "skipping trafilatura" in captured.err
    assert engine["main"]([str(tmp_path / "nothing"), "--quiet"]) == 2

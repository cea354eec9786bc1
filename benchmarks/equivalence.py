"""Same output before and after a change that must not change behaviour (a refactoring).

``write`` runs :func:`cleanarticle.extract` on every development page (ScrapingHub, the
trafilatura set, WCXB, Mozilla Readability's pages, each with its URL where the set gives one,
and the project's own ``fixtures/``) and writes one JSON line a page: the page's key and its
``Article.to_dict()``, or the type of the error it ended in. ``compare`` reads two such files and
lists the pages whose output differs (and the pages only one file has); it exits 1 when any does.

    PYTHONPATH=src python benchmarks/equivalence.py write before.jsonl [--datasets DIR]
    ... change the code ...
    PYTHONPATH=src python benchmarks/equivalence.py write after.jsonl
    python benchmarks/equivalence.py compare before.jsonl after.jsonl

The script uses only the public API and the benchmark loaders, so that the same script runs on
the commit before a change and on the commit after it; ``compare`` needs no import of the
package at all.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: (key prefix, dataset folder) of every development set, loaded by its own layout.
SETS = (("sh", "scrapinghub"), ("tr", "trafilatura"), ("wc", "wcxb"), ("rd", "readability"))

#: One page to run: its key, bytes, URL and the extract() keywords beyond them.
Job = tuple[str, bytes, str | None, dict[str, Any]]


def _fixture_jobs() -> Iterator[Job]:
    """The project's own golden cases whose input lives in the project."""
    for case in sorted((ROOT / "fixtures").iterdir()):
        spec_path = case / "case.toml"
        if not spec_path.is_file():
            continue
        inputs = [case / n for n in ("input.html", "input.htm", "input.txt", "input.html.gz")]
        found = next((p for p in inputs if p.is_file()), None)
        if found is None:
            continue
        spec = tomllib.loads(spec_path.read_text(encoding="utf-8"))
        rules = case / "rules.toml"
        keywords: dict[str, Any] = {"input_format": spec.get("input_format", "auto")}
        if rules.is_file():
            keywords["rules"] = rules
        yield f"fx/{case.name}", found.read_bytes(), spec.get("url"), keywords


def _jobs(datasets: Path) -> Iterator[Job]:
    from cleanarticle.bench.datasets import load_dataset

    for prefix, name in SETS:
        folder = datasets / name
        if not folder.is_dir():
            print(f"{folder}: absent, skipped", file=sys.stderr)
            continue
        for page in load_dataset(folder)[1]:
            yield f"{prefix}/{page.id}", page.data, page.url, {}
    yield from _fixture_jobs()


def _result(data: bytes, url: str | None, keywords: dict[str, Any]) -> dict[str, Any]:
    import cleanarticle

    try:
        return cleanarticle.extract(data, url=url, **keywords).to_dict()
    except Exception as exc:  # recorded, not raised: an error is an output too
        return {"error": type(exc).__name__}


def write(path: Path, datasets: Path) -> int:
    """Write every page's output to ``path`` (JSON lines); prints the count and time."""
    count, seconds = 0, 0.0
    with path.open("w", encoding="utf-8") as out:
        for key, data, url, keywords in _jobs(datasets):
            t0 = time.perf_counter()
            result = _result(data, url, keywords)
            seconds += time.perf_counter() - t0
            out.write(json.dumps({"key": key, "result": result}, ensure_ascii=False) + "\n")
            count += 1
    print(f"{path}: {count} pages, extract() {seconds:.1f} s in all", file=sys.stderr)
    return 0


def _read(path: Path) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[row["key"]] = row["result"]
    return rows


def _first_difference(a: Any, b: Any, where: str = "") -> str:
    """Where two JSON values first differ, as a path (``sections[2].blocks[0].text``)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where} (length {len(a)} vs {len(b)})"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return where.lstrip(".") or "(whole output)"


def compare(before: Path, after: Path) -> int:
    """List the pages whose output differs between two files; 0 when none does."""
    old, new = _read(before), _read(after)
    differ = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    only_old, only_new = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
    for key in differ:
        print(f"differs  {key}  at {_first_difference(old[key], new[key])}")
    for key in only_old:
        print(f"only in {before}  {key}")
    for key in only_new:
        print(f"only in {after}  {key}")
    print(
        f"{len(old.keys() & new.keys())} pages in both, {len(differ)} differ, "
        f"{len(only_old)} only before, {len(only_new)} only after"
    )
    return 1 if differ or only_old or only_new else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("write", help="write every development page's to_dict()")
    run.add_argument("output", type=Path)
    run.add_argument("--datasets", type=Path, default=None, help="default: ../shared/datasets")
    check = commands.add_parser("compare", help="list the pages whose output differs")
    check.add_argument("before", type=Path)
    check.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        from cleanarticle.bench.datasets import default_datasets

        datasets = args.datasets or default_datasets(ROOT)
        if not datasets.is_dir():
            print(f"{datasets}: no such dataset folder", file=sys.stderr)
            return 2
        return write(args.output, datasets)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())

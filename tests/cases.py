"""What the tests share: the project's paths, the golden cases of ``fixtures/``, the one HTML
page builder, and the reader of batch records."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

import cleanarticle

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# The shared data beside the checkout; CLEANARTICLE_SHARED points elsewhere (a git worktree).
SHARED = Path(os.environ.get("CLEANARTICLE_SHARED") or ROOT.parent / "shared")

#: Every golden case: a folder of ``fixtures/`` with a ``case.toml`` (see docs/rules.md,
#: "Adding a fixture").
CASES = sorted(p for p in FIXTURES.iterdir() if (p / "case.toml").is_file())
#: Four sentences of a story, for the pages the tests build.
S1 = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to give the work to local firms."
)
S2 = (
    "Engineers said the repairs would take most of the year, and that the road along the "
    "quay would stay closed to lorries until the spring."
)
S3 = (
    "Residents, who had asked for the work for a decade, welcomed the decision but worried "
    "about the noise, the dust and the cost to the town."
)
S4 = (
    "The mayor promised a public meeting in March, where the contractors would answer "
    "questions from shop owners and fishermen about the timetable."
)

_INPUTS = ("input.html", "input.htm", "input.txt", "input.html.gz")


def case_spec(case: Path) -> dict[str, Any]:
    """A case's ``case.toml``: what must and must not come out of its input."""
    return tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))


def case_input(case: Path) -> bytes | None:
    """A case's input: ``input.html`` (or ``.htm``, ``.txt``, ``.html.gz``), or the file an
    ``input.ref`` names beside the checkout; None when that file is absent (no
    ``../shared``)."""
    for name in _INPUTS:
        if (case / name).is_file():
            return (case / name).read_bytes()
    ref = case / "input.ref"
    if not ref.is_file():
        raise AssertionError(f"{case.name}: no input file")
    rel = ref.read_text(encoding="utf-8").strip()
    target = (
        SHARED / rel.removeprefix("../shared/")
        if rel.startswith("../shared/")
        else (ROOT / rel).resolve()
    )
    return target.read_bytes() if target.is_file() else None


def run_case(case: Path) -> cleanarticle.Article | None:
    """A case's article, cleaned with the case's URL, input format and ``rules.toml`` (if it
    has one); None when its input is absent."""
    data = case_input(case)
    if data is None:
        return None
    spec = case_spec(case)
    rules = case / "rules.toml"
    return cleanarticle.extract(
        data,
        url=spec.get("url"),
        input_format=spec.get("input_format", "auto"),
        rules=rules if rules.is_file() else None,
    )


def page(body: str, head: str = "", *, lang: str = "en") -> str:
    """An HTML page around ``body``, with ``head`` in its ``<head>``."""
    return f"<!doctype html><html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL batch output, in the order written."""
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def records_by_source(path: Path) -> dict[str, dict[str, Any]]:
    """The records of a JSONL batch output by source; fails if a source is written twice."""
    rows = read_records(path)
    out = {row["source"]: row for row in rows}
    assert len(out) == len(rows), "a document was written twice"
    return out


def dangerous(html: str) -> list[str]:
    """What in an HTML document could run: script-like elements, event handlers, script
    URLs (as a browser reads them: controls and white space ignored)."""
    tree = LexborHTMLParser(html)
    found = [f"<{n.tag}>" for n in tree.css("script, iframe, object, embed, base, template")]
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        for key, value in node.attributes.items():
            folded = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if key.lower().startswith("on") or "javascript:" in folded or "vbscript:" in folded:
                found.append(f"{node.tag}[{key}={value!r}]")
    return found


def markdown_html(markdown: str) -> str:
    """Markdown as a permissive CommonMark renderer makes it: raw HTML allowed, every link
    scheme accepted (so the test relies on the escaping, not on the renderer's filter)."""
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    md = markdown_it.MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True
    return str(md.render(markdown))

"""Golden test over every folder in fixtures/ (see docs/rules.md, "Adding a fixture").

Each case holds an input (``input.html``, ``input.txt``, or ``input.ref`` naming a file
beside the checkout), a hand-written ``case.toml`` of what must and must not appear, and,
for inputs the project owns, the reviewed ``expected.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanarticle import Article, BlockKind

from .cases import CASES, case_spec, run_case


def _run(case: Path) -> tuple[Article, dict[str, Any]]:
    article = run_case(case)
    if article is None:
        pytest.skip(f"{case.name}: its input, referenced in input.ref, is absent (../shared missing)")
    return article, case_spec(case)


def test_fixtures_exist() -> None:
    assert len(CASES) >= 2


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_expectations(case: Path) -> None:
    article, spec = _run(case)
    for name, expected in spec.get("fields", {}).items():
        assert getattr(article, name) == expected, f"{case.name}: field {name}"
    for name in spec.get("null_fields", []):  # TOML has no null: fields that must be None
        assert getattr(article, name) is None, f"{case.name}: field {name} should be None"
    body = spec.get("body", {})
    text = article.text
    if "starts_with" in body:
        assert text.startswith(body["starts_with"]), text[:200]
    if "ends_with" in body:
        assert text.endswith(body["ends_with"]), text[-200:]
    if "headings" in body:
        assert [s.heading for s in article.sections if s.heading] == body["headings"]
    if "bullets_per_section" in body:
        counts = [
            sum(len(b.items) for b in s.blocks if b.kind is BlockKind.LIST)
            for s in article.sections
        ]
        assert counts == body["bullets_per_section"]
    if "bullets" in body:
        assert len(article.bullets) == body["bullets"]
    for snippet in body.get("must_contain", []):
        assert snippet in text, f"{case.name}: missing {snippet!r}"
    for snippet in body.get("must_not_contain", []):
        assert snippet not in text, f"{case.name}: chrome kept: {snippet!r}"
    for flag in ("is_partial", "is_accessible_for_free"):
        if flag in spec:
            assert getattr(article, flag) == spec[flag]
    for rule in spec.get("rules_fired", []):
        assert rule in {r.rule for r in article.removed}, f"{case.name}: rule {rule} did not fire"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_golden(case: Path, update_golden: bool) -> None:
    if (case / "input.ref").is_file():
        pytest.skip("input lives outside the project: no golden copy of its output is kept")
    article, _ = _run(case)
    golden = case / "expected.json"
    actual = article.to_dict()
    if update_golden or not golden.is_file():
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden} was missing and has been written: review it, then commit")
        return
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected, f"{case.name}: output differs from the reviewed expected.json"

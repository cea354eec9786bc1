"""The built-in profiles against the fixtures: no dead rule, every profile exercised by a case
on its own markup and by a case on unfamiliar markup, every hard case of the aggregator
catalogue (../shared/aggregators/README.md) pinned by a fixture.
"""

from __future__ import annotations

from functools import cache

import pytest

import cleanarticle
from cleanarticle.rules import builtin_profiles

from .cases import CASES, case_spec, run_case

HARD_CASES = range(1, 12)


@cache
def _runs() -> dict[str, tuple[dict[str, object], cleanarticle.Article | None]]:
    """Every fixture's case.toml and its article (None where the input is absent)."""
    out: dict[str, tuple[dict[str, object], cleanarticle.Article | None]] = {}
    for case in CASES:
        out[case.name] = (case_spec(case), run_case(case))
    return out


def test_no_rule_is_dead() -> None:
    fired = {r.rule for _, art in _runs().values() if art is not None for r in art.removed}
    dead = [r.name for p in builtin_profiles() for r in p.rules if r.name not in fired]
    assert not dead, f"rules that no fixture exercises: {dead}"


@pytest.mark.parametrize("name", sorted(p.name for p in builtin_profiles() if p.kind != "generic"))
def test_profile_has_a_real_and_an_unfamiliar_case(name: str) -> None:
    cases = {k: art for k, (_, art) in _runs().items() if k.startswith(name + "-")}
    own = [k for k, art in cases.items() if art is not None and art.template == name]
    unfamiliar = [k for k in cases if "-unfamiliar-" in k]
    assert own, f"no fixture is recognised as {name}"
    assert unfamiliar, f"no {name}-unfamiliar-* fixture (general signals only)"


def test_unfamiliar_cases_do_not_use_the_aggregator_profile() -> None:
    for key, (_, art) in _runs().items():
        if "-unfamiliar-" not in key or art is None:
            continue
        profile = key.split("-unfamiliar-")[0]
        kind = next(p.kind for p in builtin_profiles() if p.name == profile)
        if kind == "aggregator":  # wire copy brings its agency's profile by its dateline
            assert art.template is None, f"{key} was recognised as {art.template}"


def test_every_hard_case_is_pinned() -> None:
    pinned: dict[int, list[str]] = {n: [] for n in HARD_CASES}
    for key, (spec, _) in _runs().items():
        for n in spec.get("hard_cases", []):  # type: ignore[attr-defined]
            pinned[n].append(key)
    missing = [n for n, cases in pinned.items() if not cases]
    assert not missing, f"hard cases without a fixture: {missing}"

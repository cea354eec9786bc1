"""Rule files: loading, validation errors that name the line, user overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import RulesError, load_rules
from cleanarticle.rules import builtin_profiles

PARA = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in "
    "the winter storms, and to open the work to local firms."
)


def test_builtin_profiles_load_and_names_are_unique() -> None:
    profiles = builtin_profiles()
    names = [p.name for p in profiles]
    assert "generic" in names and "inkl" in names
    assert len(names) == len(set(names))
    rule_names = [r.name for p in profiles for r in p.rules]
    assert len(rule_names) == len(set(rule_names))
    assert all(r.name.startswith(p.name + ".") for p in profiles for r in p.rules)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "name = 'x'\n[[rules]\n")
    with pytest.raises(RulesError, match=r"rules\.toml"):
        load_rules(path)


def test_unknown_kind_names_the_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, 'name = "mine"\n\n[[rules]]\nname = "mine.x"\nkind = "bogus"\nphrases = ["x"]\n'
    )
    with pytest.raises(RulesError, match=r"rules.toml:4: .*unknown kind 'bogus'"):
        load_rules(path)


def test_bad_selector_and_pattern(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name = "mine"\n[[rules]]\nname = "mine.x"\nselectors = ["div[["]\n')
    with pytest.raises(RulesError, match="invalid CSS selector"):
        load_rules(path)
    path = _write(tmp_path, 'name = "mine"\n[[rules]]\nname = "mine.x"\npatterns = ["(("]\n')
    with pytest.raises(RulesError, match="invalid pattern"):
        load_rules(path)


def test_rule_without_matchers_and_unknown_keys(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no selectors"):
        load_rules(_write(tmp_path, 'name = "mine"\n[[rules]]\nname = "mine.x"\n'))
    with pytest.raises(RulesError, match="unknown key"):
        load_rules(_write(tmp_path, 'name = "mine"\n[[rules]]\nname = "mine.x"\nphrase = ["a"]\n'))


def test_missing_file() -> None:
    with pytest.raises(RulesError, match="cannot read"):
        load_rules("/nonexistent/rules.toml")


def test_user_rules_extend_generic(tmp_path: Path) -> None:
    html = (
        f"<html><body><article><p>{PARA}</p><p>Brought to you by Acme Widgets</p>"
        f"<p>{PARA}</p></article></body></html>"
    )
    assert "Acme" in cleanarticle.extract(html).text
    path = _write(
        tmp_path,
        'name = "generic"\nkind = "generic"\n[[rules]]\n'
        'name = "generic.acme"\nkind = "ad"\nprefixes = ["Brought to you by"]\n',
    )
    art = cleanarticle.extract(html, rules=path)
    assert "Acme" not in art.text
    assert any(r.rule == "generic.acme" for r in art.removed)


def test_user_profile_detected_by_host(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'name = "mysite"\nkind = "aggregator"\ndisplay_name = "My Site"\n'
        '[detect]\nhosts = ["mysite.example"]\n[[rules]]\nname = "mysite.promo"\n'
        'kind = "app_promo"\nselectors = [".promo"]\n',
    )
    html = (
        f"<html><body><article><p>{PARA}</p><div class='promo'>Get our app today</div>"
        f"<p>{PARA}</p></article></body></html>"
    )
    art = cleanarticle.extract(html, url="https://news.mysite.example/a/1", rules=path)
    assert art.aggregator == "My Site"
    assert "Get our app" not in art.text
    assert any(r.rule == "mysite.promo" for r in art.removed)

"""Rule files: loading, validation errors that name the line, user overrides."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import Cleaner, RulesError, load_rules
from cleanarticle.batch import Document
from cleanarticle.model import RemovalKind
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


def test_rules_and_a_cleaner_with_user_rules_pickle(tmp_path: Path) -> None:
    # A Cleaner carries its user rules to batch workers pickled; compiled (setup.py), the
    # rule classes rebuild from their arguments. The copy must clean as the original does.
    path = _write(
        tmp_path,
        'name = "mysite"\nkind = "aggregator"\ndisplay_name = "My Site"\n'
        '[detect]\nhosts = ["mysite.example"]\n[[rules]]\nname = "mysite.promo"\n'
        'kind = "app_promo"\nselectors = [".promo"]\n',
    )
    rules = load_rules(path)
    copy = pickle.loads(pickle.dumps(rules))
    assert [p.name for p in copy] == [p.name for p in rules]
    assert copy.profiles["mysite"] == rules.profiles["mysite"]
    assert copy.generic == rules.generic
    html = (
        f"<html><body><article><p>{PARA}</p><div class='promo'>Get our app today</div>"
        f"<p>{PARA}</p></article></body></html>"
    )
    url = "https://news.mysite.example/a/1"
    cleaner = pickle.loads(pickle.dumps(Cleaner(rules=path)))
    cleaned = cleaner(Document("d", data=html, url=url)).article
    for art in (cleanarticle.extract(html, url=url, rules=copy), cleaned):
        assert art is not None and art.aggregator == "My Site"
        assert "Get our app" not in art.text
        assert any(r.rule == "mysite.promo" for r in art.removed)


def test_bad_pattern_names_its_own_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'name = "mine"\n\n[[rules]]\nname = "mine.x"\nkind = "ad"\n'
        'phrases = ["Sponsored"]\npatterns = ["^ok$", "^broken(("]\n',
    )
    with pytest.raises(RulesError, match=r"rules.toml:7: .*invalid pattern"):
        load_rules(path)


def test_only_the_publisher_group_may_be_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'name = "mine"\n[[rules]]\nname = "mine.x"\npatterns = ["^by (?P<author>.+)$"]\n',
    )
    with pytest.raises(RulesError, match="only group a pattern may name is 'publisher'"):
        load_rules(path)


def test_user_rule_names_the_publisher(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'name = "generic"\nkind = "generic"\n[[rules]]\nname = "generic.first-seen"\n'
        'kind = "credit"\npatterns = ["^first seen in (?P<publisher>.+)$"]\n',
    )
    html = (
        f"<html><head><meta property='og:site_name' content='Digest'></head><body><article>"
        f"<p>{PARA}</p><p>{PARA}</p><p>First seen in The Harbour Gazette.</p></article></body></html>"
    )
    art = cleanarticle.extract(html, rules=path)
    assert art.publisher == "The Harbour Gazette"
    assert art.aggregator == "Digest"  # a republication: the page's site republished it
    assert "First seen" not in art.text


def test_prefix_colon_is_required_and_plain_prefixes_end_on_a_word() -> None:
    matcher = load_rules().matcher(None)
    assert matcher.match("Read more: Bridge reopens") is not None
    assert matcher.match("More than 100 people were hurt.") is None
    assert matcher.match("Related parties agreed on Tuesday.") is None
    rule = matcher.match("Lire aussi : Le gouvernement recule")
    assert rule is not None and rule.name == "generic.read-also"


def test_anchored_patterns_are_told_apart_from_the_others() -> None:
    from cleanarticle.rules.firstchar import anchored

    assert anchored("^sign up")
    assert anchored(r"^\d+ comments?$")
    assert not anchored("sign up")  # searched anywhere
    assert not anchored("^sign up|newsletter")  # the second branch is not anchored
    assert not anchored("(?m)^sign up")  # ^ at every line start
    assert not anchored("(^sign up)")  # not told: treated as searched


def test_the_matcher_finds_anchored_and_unanchored_patterns_alike() -> None:
    from cleanarticle.rules import Rule, TextMatcher

    rules = [
        Rule("p.anchored", RemovalKind.NEWSLETTER, patterns=("^sign up for",)),
        Rule("p.anywhere", RemovalKind.AD, patterns=("advertisement$",)),
    ]
    matcher = TextMatcher(rules)
    assert _name(matcher.match("Sign up for our daily briefing")) == "p.anchored"
    assert matcher.match("Please sign up for it") is None
    assert _name(matcher.match("Scroll to continue - Advertisement")) == "p.anywhere"
    assert matcher.match("Advertisement below") is None


def _name(rule: object) -> str | None:
    return getattr(rule, "name", None)


def test_the_matcher_remembers_answers_within_a_bound() -> None:
    from cleanarticle.rules import SEEN_TEXTS, Rule, TextMatcher

    matcher = TextMatcher([Rule("p.share", RemovalKind.SHARE, phrases=("share",))])
    for _ in range(2):  # the second answer comes from memory, and is the same
        assert _name(matcher.match("Share")) == "p.share"
        assert matcher.match("Shared values") is None
    for i in range(SEEN_TEXTS + 10):
        matcher.match(f"text {i}")
    assert len(matcher._seen) <= SEEN_TEXTS  # memory stays bounded over a long batch
    assert _name(matcher.match("Share")) == "p.share"

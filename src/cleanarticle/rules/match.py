"""Matching block texts against the text rules (phrases, prefixes, patterns) of a page's
profiles quickly: :class:`TextMatcher`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, cast

from cleanarticle.rules.firstchar import anchored, first_chars
from cleanarticle.rules.linear import Searcher, compile_linear
from cleanarticle.rules.schema import Rule
from cleanarticle.textutil import normalize_phrase

__all__ = ["SEEN_TEXTS", "TextMatcher", "prefix_key", "starts_with"]


def prefix_key(prefix: str) -> str:
    """The comparison key of a prefix; a trailing colon is kept (as ``":"``, no space)."""
    stem = normalize_phrase(prefix)
    return stem + ":" if prefix.rstrip().endswith(":") else stem


def starts_with(key: str, prefix: str) -> bool:
    """Whether a block's key starts with a prefix key (see :func:`prefix_key`)."""
    if prefix.endswith(":"):
        stem = prefix[:-1]
        return key.startswith(stem) and key[len(stem) :].lstrip().startswith(":")
    if not key.startswith(prefix):
        return False
    nxt = key[len(prefix) : len(prefix) + 1]
    return not nxt or not nxt.isalnum()


#: How many block texts a :class:`TextMatcher` remembers its answer for.
SEEN_TEXTS: Final = 4096
_UNSEEN = object()


class TextMatcher:
    """Matches block texts against the phrase / prefix / pattern rules of a profile.

    Most blocks match nothing, so the matchers are first tried together: the prefixes in one
    ``startswith`` call, the patterns as alternations per first character a match can
    start with (:func:`~cleanarticle.rules.firstchar.first_chars`): one for the patterns
    anchored at the start, tried there only (``match``), one searched for the others. Only a
    block that matches is looked up rule by rule, in the rules' order, to find which rule it
    was and to apply each rule's ``max_chars``. The answers for the last :data:`SEEN_TEXTS`
    texts are kept: pages repeat their chrome ("Share", "Advertisement"), and a site's pages
    each other's (about a quarter of the calls on the development pages).
    """

    __slots__ = (
        "_any_prefix",
        "_any_user",
        "_by_first",
        "_exact",
        "_max_chars",
        "_other_first",
        "_patterns",
        "_prefixes",
        "_seen",
    )

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._exact: dict[str, Rule] = {}
        self._prefixes: list[tuple[str, Rule]] = []
        # (pattern, rule, run even when the quick test says no: a user's pattern on RE2)
        self._patterns: list[tuple[Searcher, Rule, bool]] = []
        trusted: list[str] = []
        for rule in rules:  # the profile's own rules come first and win
            for phrase in rule.phrases:
                self._exact.setdefault(phrase, rule)
            self._prefixes.extend((p, rule) for p in rule.prefixes)
            for pat in rule.patterns:
                if rule.user:
                    self._patterns.append((compile_linear(pat), rule, True))
                else:
                    self._patterns.append((re.compile(pat, re.IGNORECASE), rule, False))
                    trusted.append(pat)
        limits = [r.max_chars for r in rules if r.phrases or r.prefixes or r.patterns]
        self._max_chars = max(limits, default=0)
        # Prefix stems (without a required colon) for one C-level startswith test.
        self._any_prefix = tuple(p.removesuffix(":") for p, _ in self._prefixes)
        # The quick test is built from the built-in patterns only (its alternations run on re).
        self._by_first, self._other_first = _dispatch(trusted)
        self._any_user = any(user for _, _, user in self._patterns)
        self._seen: dict[str, Rule | None] = {}

    def match(self, text: str) -> Rule | None:
        """The first rule whose phrase, prefix or pattern matches this block, if any."""
        if not text or len(text) > self._max_chars * 2:
            return None
        seen = self._seen
        found = seen.get(text, _UNSEEN)  # (one lookup: another thread may clear it)
        if found is not _UNSEEN:
            return cast("Rule | None", found)
        if len(seen) >= SEEN_TEXTS:
            seen.clear()
        rule = seen[text] = self._match(text)
        return rule

    def _match(self, text: str) -> Rule | None:
        key = normalize_phrase(text)
        n = len(key)
        if n > self._max_chars:
            return None
        rule = self._exact.get(key)
        if rule is not None and n <= rule.max_chars:
            return rule
        if self._any_prefix and key.startswith(self._any_prefix):
            for prefix, rule in self._prefixes:
                if n <= rule.max_chars and starts_with(key, prefix):
                    return rule
        at_start, anywhere = (
            self._by_first.get(key[:1], self._other_first) if key else self._other_first
        )
        hit = (at_start is not None and at_start.match(key) is not None) or (
            anywhere is not None and anywhere.search(key) is not None
        )
        if hit or self._any_user:
            for pattern, rule, user in self._patterns:
                if (hit or user) and n <= rule.max_chars and pattern.search(key):
                    return rule
        return None


_Probe = tuple["re.Pattern[str] | None", "re.Pattern[str] | None"]


def _dispatch(patterns: list[str]) -> tuple[dict[str, _Probe], _Probe]:
    """Per first character, the alternations of the patterns that can start with it (and of
    those that can start with anything), and the same for every other first character; each
    split in the patterns anchored at the start (to ``match``) and the others (to ``search``)."""
    sets = [first_chars(p) if p.startswith("^") else None for p in patterns]
    at_start = [anchored(p) for p in patterns]
    chars = {ch for fc in sets if fc is not None for ch in fc[0]}

    def probe(chosen: list[int]) -> _Probe:
        return (
            _alternation([_no_groups(patterns[i]) for i in chosen if at_start[i]]),
            _alternation([_no_groups(patterns[i]) for i in chosen if not at_start[i]]),
        )

    by_first: dict[str, _Probe] = {}
    for ch in chars:
        wild_ok = not ch.isascii()
        by_first[ch] = probe(
            [i for i, fc in enumerate(sets) if fc is None or ch in fc[0] or (wild_ok and fc[1])]
        )
    others = [i for i, fc in enumerate(sets) if fc is None or fc[1]]
    return by_first, probe(others)


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _no_groups(pattern: str) -> str:
    """The pattern with its named groups made plain, so that many can share one regex."""
    return _NAMED_GROUP.sub("(?:", pattern)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:  # e.g. inline global flags: no quick rejection, each one is tried
        return re.compile("")

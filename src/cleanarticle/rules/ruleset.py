"""The compiled rule set: every profile by name, the rules that apply to a page, and its text
matchers (built once per profile and layers, then cached)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from cleanarticle.rules.match import TextMatcher
from cleanarticle.rules.schema import Profile, Rule

__all__ = ["RuleSet"]


class RuleSet:
    """All profiles, compiled for fast matching; build once and reuse (it is immutable).

    A user profile with the name of a built-in one replaces it; rules of a user profile named
    ``generic`` are added to the generic ones (a rule with an existing name replaces it).
    """

    def __init__(self, profiles: Iterable[Profile]) -> None:
        by_name: dict[str, Profile] = {}
        for prof in profiles:
            if prof.name == "generic" and "generic" in by_name:
                merged = {r.name: r for r in by_name["generic"].rules}
                merged.update({r.name: r for r in prof.rules})
                base = by_name["generic"]
                by_name["generic"] = Profile(
                    base.name,
                    base.kind,
                    base.display_name,
                    base.detect,
                    tuple(merged.values()),
                    base.text_head,
                    base.fields,
                    base.source,
                    base.aliases,
                )
            else:
                by_name[prof.name] = prof
        self.profiles: dict[str, Profile] = by_name
        self.generic: Profile = by_name.get("generic") or Profile("generic", "generic", "generic")
        self._matchers: dict[tuple[str, ...], TextMatcher] = {}
        self._names: dict[str, Profile] = {}
        self._hosts: dict[str, Profile] = {}
        self._wire_re: re.Pattern[str] | None = None
        self._meta: dict[str, dict[str, Profile]] = {}
        for prof in by_name.values():
            if prof.kind != "generic":
                for alias in prof.names():
                    self._names.setdefault(alias.casefold(), prof)
            for host in prof.detect.hosts:
                self._hosts.setdefault(host, prof)
            for pair in prof.detect.meta:
                key, _, value = pair.partition("=")
                wanted = self._meta.setdefault(key.strip().lower(), {})
                wanted.setdefault(value.strip().casefold(), prof)

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles.values())

    def __reduce__(self) -> tuple[type[RuleSet], tuple[list[Profile]]]:
        # Rebuilt from its profiles (the generic one already merged); matchers are rebuilt
        # where it lands, on first use.
        return RuleSet, (list(self.profiles.values()),)

    def rules_for(
        self, profile: Profile | None, layers: Sequence[Profile] = ()
    ) -> tuple[Rule, ...]:
        """The rules that apply to a page of this profile (and template layers such as AMP):
        the profile's own first, then the layers', then generic."""
        own: tuple[Rule, ...] = ()
        for prof in (profile, *layers):
            if prof is not None and prof.name != "generic":
                own += prof.rules
        return own + self.generic.rules

    def matcher(self, profile: Profile | None, layers: Sequence[Profile] = ()) -> TextMatcher:
        """The compiled text matcher for a page of this profile and layers (cached)."""
        key = tuple(p.name for p in (profile, *layers) if p is not None)
        found = self._matchers.get(key)
        if found is None:
            found = self._matchers[key] = TextMatcher(self.rules_for(profile, layers))
        return found

    def meta_pairs(self) -> dict[str, dict[str, Profile]]:
        """The profiles' ``detect.meta`` pairs: lower-case key -> case-folded value -> profile
        (the first profile naming a pair wins; read only)."""
        return self._meta

    def hosts(self) -> dict[str, Profile]:
        """Every host a profile names (lower case, no leading dot) -> the profile (read only)."""
        return self._hosts

    def wire_names(self) -> re.Pattern[str]:
        """One pattern finding any wire profile's name as a whole word in a byline (names of
        three letters or fewer in capitals only, as printed: "AP", not the "ap" of a word)."""
        if self._wire_re is None:
            wires = sorted(
                (a for a, p in self._names.items() if p.kind == "wire"), key=len, reverse=True
            )
            parts = [re.escape(a.upper()) if len(a) <= 3 else f"(?i:{re.escape(a)})" for a in wires]
            self._wire_re = re.compile(r"(?<!\w)(?:" + ("|".join(parts) or "(?!)") + r")(?!\w)")
        return self._wire_re

    def all_names(self) -> dict[str, Profile]:
        """Every profile's display name and alias (case-folded) -> the profile (read only)."""
        return self._names

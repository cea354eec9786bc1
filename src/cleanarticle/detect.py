"""Which aggregator, publisher or template made a page: its profile, or None (generic only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleanarticle.metadata import host_of

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.metadata import HeadMeta
    from cleanarticle.rules import Profile, RuleSet

__all__ = ["detect_html_profile", "profile_for_host"]


def _host_matches(host: str, patterns: tuple[str, ...]) -> bool:
    return any(host == p or host.endswith("." + p) for p in patterns)


def profile_for_host(url: str | None, rules: RuleSet) -> Profile | None:
    """The profile whose ``detect.hosts`` covers the URL's host."""
    host = host_of(url)
    if host is None:
        return None
    for prof in rules:
        if prof.detect.hosts and _host_matches(host, prof.detect.hosts):
            return prof
    return None


def detect_html_profile(
    tree: LexborHTMLParser, head: HeadMeta, url: str | None, rules: RuleSet
) -> Profile | None:
    """Detect from the URL, then the canonical / og:url, then meta pairs, then markup."""
    for candidate in (url, head.canonical, head.og_url):
        prof = profile_for_host(candidate, rules)
        if prof is not None:
            return prof
    meta = head.meta
    for prof in rules:
        for pair in prof.detect.meta:
            key, _, value = pair.partition("=")
            found = meta.get(key.strip().lower())
            if found is not None and found.casefold() == value.strip().casefold():
                return prof
    for prof in rules:
        if prof.detect.selectors and tree.css_first(", ".join(prof.detect.selectors)) is not None:
            return prof
    return None

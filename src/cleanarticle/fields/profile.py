"""Which aggregator, publisher or template made a page: its profile, or None (generic only).

A page is recognised, in this order, by the host of its URL (then of its canonical URL and
``og:url``), by a ``<meta>`` property=value pair (``ld:publisher=...`` tests the JSON-LD
publisher), or by a markup fingerprint (a CSS selector); text captures by their phrases
(:func:`cleanarticle.text.capture.detect_text_profile`). Aggregator profiles win over publisher
and wire profiles: a Reuters story on Yahoo whose canonical URL is on reuters.com is a Yahoo
page. Profiles of kind ``template`` (AMP) are *layers*, detected alongside the page's profile.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from cleanarticle.fields.dateline import split_dateline
from cleanarticle.urls import host_of

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.fields.head import HeadMeta
    from cleanarticle.rules import Profile, RuleSet

__all__ = ["detect_html_profile", "profile_for_host", "wire_from_dateline"]

_RANK = {"aggregator": 0, "publisher": 1, "wire": 1, "template": 2, "generic": 3}


def profile_for_host(url: str | None, rules: RuleSet) -> Profile | None:
    """The profile whose ``detect.hosts`` covers the URL's host (or a parent domain of it)."""
    host = host_of(url)
    if host is None:
        return None
    hosts = rules.hosts()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        prof = hosts.get(".".join(labels[i:]))
        if prof is not None:
            return prof
    return None


def _meta_value(key: str, head: HeadMeta) -> str | None:
    if key == "ld:publisher":
        return head.ld.publisher
    return head.meta.get(key)


def detect_html_profile(
    tree: LexborHTMLParser,
    head: HeadMeta,
    url: str | None,
    rules: RuleSet,
    source: str = "",
) -> tuple[Profile | None, tuple[Profile, ...]]:
    """The page's profile and its template layers.

    Signals are tried from the URL, then the canonical / og:url, then meta pairs, then
    markup; within one signal, aggregators come first. Markup fingerprints cost a pass over
    the tree, so a page whose URL is given and names no profile's host is only tested for
    template layers (AMP), and only those whose fingerprint's longest word is in the head of
    its ``source``: an MSN page has an MSN URL.
    """
    found: list[Profile] = []
    for candidate in (url, head.canonical, head.og_url):
        prof = profile_for_host(candidate, rules)
        if prof is not None and prof not in found:
            found.append(prof)
    for key, wanted in rules.meta_pairs().items():
        got = _meta_value(key, head)
        prof = wanted.get(got.casefold()) if got else None
        if prof is not None and prof not in found:
            found.append(prof)
    known_host = host_of(url) is not None
    rest = [
        p
        for p in rules
        if p not in found
        and p.detect.selectors
        and (not known_host or (p.kind == "template" and _may_match(p.detect.selectors, source)))
    ]
    # Markup fingerprints: one pass over the tree tests them all (the common answer: none).
    if rest and tree.css_first(", ".join(s for p in rest for s in p.detect.selectors)):
        for prof in rest:
            if tree.css_first(", ".join(prof.detect.selectors)) is not None:
                found.append(prof)
    if not found:
        return None, ()
    layers = tuple(p for p in found if p.kind == "template")
    main = [p for p in found if p.kind != "template"]
    if not main:
        return layers[0], layers[1:]
    main.sort(key=lambda p: _RANK.get(p.kind, 3))  # stable: earlier signals first
    return main[0], layers


_WORD = re.compile(r"[\w.-]{5,}")


def _may_match(selectors: tuple[str, ...], source: str) -> bool:
    """Whether one of the selectors can match: its longest word is in the page's source (a
    selector without such a word always can). Template fingerprints are looked for in the
    page's head (AMP's runtime script and boilerplate style must be there)."""
    if not source:
        return True
    for selector in selectors:
        word = _key_word(selector)
        if not word or source.find(word, 0, _HEAD_CHARS) >= 0:
            return True
    return False


@lru_cache(maxsize=512)
def _key_word(selector: str) -> str:
    """The longest word of a selector (any match's markup contains it), or "" if none."""
    return max(_WORD.findall(selector), key=len, default="")


#: How much of the source is taken for its head (where a template's runtime is loaded).
_HEAD_CHARS: Final = 16_384


def wire_from_dateline(text: str, rules: RuleSet) -> Profile | None:
    """The wire profile named by a dateline opening ``text`` ("PARIS (AFP) -"), if any:
    syndicated wire copy carries the agency's chrome wherever it is republished."""
    split = split_dateline(text)
    if split is None:
        return None
    dateline = split[0]
    start = dateline.rfind("(")
    if start < 0:
        return None
    prof = rules.all_names().get(dateline[start + 1 :].rstrip(") ").casefold())
    return prof if prof is not None and prof.kind == "wire" else None

"""The headline: the visible ``h1`` the metadata agrees with, else the metadata's title.

The sources disagree in known ways. ``<title>`` and ``og:title`` carry the site's name
("... | DW | 19.01.2020", "... - The Guardian") and are sometimes an SEO variant of the
headline; JSON-LD ``headline`` is usually clean but may be truncated; the page's ``h1`` is the
headline as the reader sees it, but some pages use ``h1`` for the site's logo or a menu, and
``h2`` for the headline. So:

1. the ``h1`` that best matches the metadata titles (word overlap), when the match is good;
2. else an ``h2`` that matches them closely (never a rail headline: it must match);
3. else the page's only ``h1``, when it reads like a headline;
4. else JSON-LD ``headline``, ``og:title``, ``<title>``, with the site's name stripped.

Headings that are the site's logo (a link to the home page, logo classes, the site's name, or
a part of ``<title>`` after the headline) are never the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cleanarticle.textutil import normalize_phrase

if TYPE_CHECKING:
    from cleanarticle.visible import Heading

__all__ = ["GENERIC_HEADINGS", "pick_headline", "site_keys", "strip_site", "title_segments"]

#: Separators between a headline and the site's name in titles (spaced on both sides).
_SEPARATOR = re.compile(r"\s+(?:[|•·»«~／/\\:]|[-–—]{1,2}|::|\|\|)\s+|\s*[|│ǀ]\s*")
#: Separators that (unlike dashes) almost always introduce the site's name.
_STRONG = re.compile(r"[|│ǀ»«•·~]|::")
_WORD = re.compile(r"\w+")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.I)
#: Headings that name a page region, never a story (normalised).
# fmt: off
GENERIC_HEADINGS: frozenset[str] = frozenset(normalize_phrase(s) for s in (
    "menu", "menü", "main menu", "hauptmenü", "navigation", "main navigation",
    "hauptnavigation", "navigation und service", "post navigation", "beitragsnavigation",
    "search", "suche", "suchen", "recherche", "buscar", "search form", "suchformular",
    "page", "user", "sections", "contents", "inhalt", "inhaltsverzeichnis", "home",
    "startseite", "accueil", "inicio", "quicklink", "quicklinks", "sidebar", "footer",
    "header", "skip to content", "newsletter", "related", "share", "comments",
    "kommentare", "commentaires", "leave a reply", "categories", "kategorien", "archive",
    "archives", "archiv", "tags", "schlagworte", "social media", "folge uns", "follow us",
    "service", "servicemenü", "metanavigation", "breadcrumb", "sie sind hier",
    "you are here", "advertisement", "anzeige", "werbung",
))
# fmt: on
#: A heading must share this much with a metadata title (Dice over words) to be chosen.
H1_MATCH = 0.5
H2_MATCH = 0.75


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def title_segments(title: str) -> list[str]:
    """A title cut at its separators: ``"A | B - C"`` -> ``["A", "B", "C"]``."""
    return [s.strip() for s in _SEPARATOR.split(title) if s and s.strip()]


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def site_keys(names: Iterable[str | None], host: str | None) -> frozenset[str]:
    """Comparison keys of the site's names: og:site_name, the publisher, the host."""
    keys: set[str] = set()
    for name in names:
        if name:
            keys.add(_alnum(name))
    if host:
        keys.add(_alnum(host))
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(_alnum(labels[-2]))
            keys.add(_alnum(".".join(labels[:-1])))
    keys.discard("")
    return frozenset(keys)


def _is_site(text: str, sites: frozenset[str]) -> bool:
    key = _alnum(text)
    if not key:
        return True
    if key in sites or _DOMAIN.match(text.strip()):
        return True
    return any(
        len(s) >= 4 and (key.startswith(s) or key.endswith(s)) and len(key) < len(s) + 12
        for s in sites
    )


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _score(text: str, titles: Sequence[str]) -> float:
    words = _words(text)
    best = 0.0
    for title in titles:
        for part in (title, *title_segments(title)):
            best = max(best, _dice(words, _words(part)))
    return best


def strip_site(title: str, sites: frozenset[str], visible: Iterable[str] = ()) -> str:
    """Drop the site's name from a title: ``"Headline | Site"`` -> ``"Headline"``.

    A segment is dropped when it is the site (its name, host or publisher), or when it
    trails a strong separator (``|``, ``»``, ``•``) and is short. A segment that a visible
    heading prints is the headline.
    """
    title = title.strip()
    segments = title_segments(title)
    if len(segments) < 2:
        return title
    seen = {normalize_phrase(v) for v in visible}
    for seg in segments:
        if normalize_phrase(seg) in seen and len(seg) > 3:
            return seg
    # Cut site segments off both ends; what remains is the headline, separators kept.
    spans = [m.span() for m in _SEPARATOR.finditer(title)]
    starts = [0] + [e for _, e in spans]
    ends = [s for s, _ in spans] + [len(title)]
    parts = [(title[a:b].strip(), a, b) for a, b in zip(starts, ends, strict=True)]
    parts = [p for p in parts if p[0]]
    lo, hi = 0, len(parts)
    while hi - lo > 1 and _is_site(parts[hi - 1][0], sites):
        hi -= 1
    while hi - lo > 1 and _is_site(parts[lo][0], sites):
        lo += 1
    if hi == len(parts) and hi - lo > 1:
        last = parts[hi - 1]
        sep = title[parts[hi - 2][2] : last[1]]
        if _STRONG.search(sep) and len(last[0].split()) <= 5:
            hi -= 1
    return title[parts[lo][1] : parts[hi - 1][2]].strip(" |-–—:·•»«")


def pick_headline(
    titles: Sequence[str | None],
    headings: Sequence[Heading],
    sites: frozenset[str],
) -> tuple[str | None, Heading | None]:
    """The headline, and the heading that prints it (None when it came from metadata).

    ``titles`` are the metadata titles in order of trust: JSON-LD ``headline``,
    ``og:title``, ``<title>``.
    """
    metas = [t for t in titles if t]
    # Parts of the titles after the first are the site's name, its section, its slogan.
    tails = {
        normalize_phrase(seg)
        for t in metas
        for seg in title_segments(t)[1:]
        if normalize_phrase(seg) != normalize_phrase(title_segments(t)[0])
    }

    def usable(h: Heading) -> bool:
        key = normalize_phrase(h.text)
        return (
            not h.site
            and not h.outside
            and len(key) > 1
            and key not in GENERIC_HEADINGS
            and key not in tails
            and not _is_site(h.text, sites)
        )

    h1s = [h for h in headings if h.level == 1 and usable(h)]
    if metas:
        scored = [(_score(h.text, metas), -h.order, h) for h in h1s]
        if scored:
            score, _, best = max(scored, key=lambda s: (s[0], s[1]))
            if score >= H1_MATCH:
                return best.text, best
        h2s = [h for h in headings if h.level == 2 and usable(h)]
        scored = [(_score(h.text, metas), -h.order, h) for h in h2s]
        if scored:
            score, _, best = max(scored, key=lambda s: (s[0], s[1]))
            if score >= H2_MATCH:
                return best.text, best
    if len(h1s) == 1:
        only = h1s[0]
        if not metas or len(only.text.split()) >= 3 or _score(only.text, metas) > 0:
            return only.text, only
    for title in metas:
        stripped = strip_site(title, sites, (h.text for h in h1s))
        if stripped:
            return stripped, None
    if h1s:
        return h1s[0].text, h1s[0]
    return None, None

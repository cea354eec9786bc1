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

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Final

from cleanarticle.textutil import alnum_key, normalize_phrase

if TYPE_CHECKING:
    from cleanarticle.fields.candidates import Heading

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
H1_MATCH: Final = 0.5
H2_MATCH: Final = 0.75
#: How much a match with a minor part of a title counts (a section name, a slogan).
MINOR_PART: Final = 0.45


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def title_segments(title: str) -> list[str]:
    """A title cut at its separators: ``"A | B - C"`` -> ``["A", "B", "C"]``."""
    return [s.strip() for s in _SEPARATOR.split(title) if s and s.strip()]




def site_keys(names: Iterable[str | None], host: str | None) -> frozenset[str]:
    """Comparison keys of the site's names: og:site_name, the publisher, the host."""
    keys: set[str] = set()
    for name in names:
        if name:
            keys.add(alnum_key(name))
    if host:
        keys.add(alnum_key(host))
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(alnum_key(labels[-2]))
            keys.add(alnum_key(".".join(labels[:-1])))
    keys.discard("")
    return frozenset(keys)


def _is_site(text: str, sites: frozenset[str], *, loose: bool = True) -> bool:
    """Whether a title part or heading names the site (its name, host, or publisher).

    ``loose`` also accepts a part that starts or ends with a site key, or that the host
    starts with ("Point of Sail" for ``pointofsail-kiel.de``).
    """
    key = alnum_key(text)
    if not key:
        return True
    if key in sites or _DOMAIN.match(text.strip()):
        return True
    if not loose:
        return False
    return any(
        (len(s) >= 4 and (key.startswith(s) or key.endswith(s)) and len(key) < len(s) + 12)
        or (len(key) >= 6 and s.startswith(key))
        for s in sites
    )


@functools.lru_cache(maxsize=64)
def _title_parts(title: str) -> tuple[tuple[frozenset[str], str, float], ...]:
    """A title and its parts, each as (words, alnum key, weight): a match with a part counts
    fully for the title's first and longest parts (where headlines stand), less for the
    others (sections, slogans)."""
    segments = title_segments(title)
    longest = max(segments, key=len) if segments else title
    return tuple(
        (
            frozenset(_words(part)),
            alnum_key(part),
            1.0 if part in (title, segments[0], longest) else MINOR_PART,
        )
        for part in (title, *segments)
    )


def _score(text: str, titles: Sequence[str]) -> float:
    """How well a heading matches the metadata titles (1.0 for the same words)."""
    words = frozenset(_words(text))
    key = alnum_key(text)
    best = 0.0
    for title in titles:
        for other_words, other, weight in _title_parts(title):
            if words and other_words:
                common = len(words & other_words)
                best = max(best, weight * 2 * common / (len(words) + len(other_words)))
            if len(key) >= 5 and len(other) >= 5 and (key in other or other in key):
                best = max(best, weight * 0.6)  # "Chorgeschichte" printed, "Geschichte" in <title>
    return best


def _cut(parts: list[tuple[str, int, int]], sites: frozenset[str]) -> tuple[int, int]:
    """The range of title parts left once site parts are cut off."""
    lo, hi = 0, len(parts)
    while hi - lo > 1 and _is_site(parts[lo][0], sites, loose=False):
        lo += 1
    for i in range(lo + 1, hi):
        if _is_site(parts[i][0], sites):
            hi = i  # the site's name, and the slogans and sections after it
            break
    return lo, hi


def strip_site(title: str, sites: frozenset[str], visible: Iterable[str] = ()) -> str:
    """Drop the site's name from a title: ``"Headline | Site"`` -> ``"Headline"``.

    A part is dropped when it is the site (its name, host or publisher) — with everything
    after it — or when it trails a strong separator (``|``, ``»``, ``•``) and is short. When
    the site's part follows two or more parts cut by the same separator, those are the
    headline and its section ("Headline - Section - Site"): the first is kept. A part that a
    visible heading prints is the headline.
    """
    title = title.strip()
    segments = title_segments(title)
    if len(segments) < 2:
        return title
    seen = {normalize_phrase(v) for v in visible}
    for seg in segments:
        if normalize_phrase(seg) in seen and len(seg) > 3:
            return seg
    spans = [m.span() for m in _SEPARATOR.finditer(title)]
    starts = [0] + [e for _, e in spans]
    ends = [s for s, _ in spans] + [len(title)]
    parts = [(title[a:b].strip(), a, b) for a, b in zip(starts, ends, strict=True)]
    parts = [p for p in parts if p[0]]
    lo, hi = _cut(parts, sites)

    def sep(i: int) -> str:  # the separator before part i
        return title[parts[i - 1][2] : parts[i][1]].strip()

    if hi < len(parts) and hi - lo >= 2 and sep(hi) == sep(hi - 1):
        hi = lo + 1
    elif hi == len(parts) and hi - lo > 1:
        last = parts[hi - 1][0]
        if (_STRONG.search(sep(hi - 1)) and len(last.split()) <= 5) or _named(last, parts[lo][0]):
            hi -= 1
    return title[parts[lo][1] : parts[hi - 1][2]].strip(" |-–—:·•»«")


def _named(last: str, first: str) -> bool:
    """A short trailing part that reads like a name ("... – My Website") after a long one."""
    words = last.split()
    return (
        len(words) <= 3
        and len(first.split()) >= 4
        and all(w[:1].isupper() and w.isalpha() for w in words)
    )


_LEADING_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}\s*[-–—|:•]\s+(?=\S)")
_DATE_START = re.compile(r"^\s*(?:[|•·»/–—-]\s*)?\d{1,2}[./]\d{1,2}[./]\d{2,4}")


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _trim_heading(text: str, metas: Sequence[str], sites: frozenset[str]) -> str:
    """A heading minus what the page glued to its headline: a kicker before it ("Politics |
    St. Louis Park ...", "Tunesien Große Aufgaben ...") or a date or site after it ("... der
    Region 02.02.2022 • HVW-Verband"), when the metadata's headline is the rest. A kicker
    or a subtitle set off by a colon or a dash is part of the printed headline and stays."""
    words = _words(text)
    for meta in metas:
        core = _words(strip_site(meta, sites))
        extra = len(words) - len(core)
        if len(core) < 3 or not 0 < extra <= 8:
            continue
        spans = _word_spans(text)
        if len(spans) != len(words):
            continue
        if words[extra:] == core:
            pos, start = spans[extra - 1][1], spans[extra][0]
            if not any(ch in text[pos:start] for ch in ":–—-"):
                return text[start:]
        if words[: len(core)] == core:
            pos = spans[len(core) - 1][1]
            rest = text[pos:].strip(" |/•·»«-–—:")
            if _DATE_START.match(text[pos:]) or _is_site(rest, sites):
                return text[:pos]
    return text


def pick_headline(
    titles: Sequence[str | None],
    headings: Sequence[Heading],
    sites: frozenset[str],
    outside: Callable[[Heading], bool] | None = None,
) -> tuple[str | None, Heading | None]:
    """The headline, and the heading that prints it (None when it came from metadata).

    ``titles`` are the metadata titles in order of trust: JSON-LD ``headline``,
    ``og:title``, ``<title>``. ``outside`` tells whether a heading sits in a rail, comments
    or navigation (such an ``h2`` is never the headline).
    """
    metas = [t for t in titles if t]
    has_title = bool(titles) and bool(titles[-1])
    text, heading = _pick(metas, headings, sites, outside or (lambda h: False), has_title)
    if text is None:
        return None, None
    if heading is not None:
        text = _trim_heading(text, metas, sites)
    text = _LEADING_DATE.sub("", text) or text
    return text, heading


def _best(candidates: Iterable[Heading], metas: Sequence[str]) -> tuple[float, Heading | None]:
    best: tuple[float, int, bool, int] | None = None
    chosen: Heading | None = None
    for h in candidates:
        key = (_score(h.text, metas), len(_words(h.text)), h.marked, -h.order)
        if best is None or key > best:
            best, chosen = key, h
    return (best[0] if best else 0.0), chosen


def _pick(
    metas: list[str],
    headings: Sequence[Heading],
    sites: frozenset[str],
    outside: Callable[[Heading], bool],
    titles_end_with_title: bool,
) -> tuple[str | None, Heading | None]:
    # The parts of a title after its longest are the site's name, section or slogan.
    tails: set[str] = set()
    for title in metas:
        segments = title_segments(title)
        if len(segments) > 1:
            longest = max(range(len(segments)), key=lambda i: len(segments[i]))
            tails.update(normalize_phrase(s) for s in segments[longest + 1 :])
    site_texts = {alnum_key(h.text) for h in headings if h.site}
    sites = sites | frozenset(k for k in site_texts if k)

    def usable(h: Heading) -> bool:
        key = normalize_phrase(h.text)
        return (
            not h.site
            and len(key) > 1
            and key not in GENERIC_HEADINGS
            and (h.marked or key not in tails)
            and (h.marked or not _is_site(h.text, sites))
        )

    h1s = [h for h in headings if h.level == 1 and usable(h)]
    h2s = [h for h in headings if h.level == 2 and usable(h)]
    if metas:
        score, best = _best(h1s, metas)
        if best is not None and score >= H1_MATCH:
            # An h1 that only matches <title> loses to an h2 that prints og:title or the
            # JSON-LD headline word for word.
            declared = metas[:-1] if titles_end_with_title else metas
            if declared and _score(best.text, declared) < H1_MATCH:
                for h in h2s:
                    if not outside(h) and _score(h.text, declared) >= 1.0:
                        return h.text, h
            return best.text, best
        score, best = _best((h for h in h2s if not outside(h)), metas)
        if best is not None and score >= H2_MATCH:
            return best.text, best
        score, best = _best((h for h in (*h1s, *h2s) if h.marked and not outside(h)), metas)
        if best is not None and score >= 0.3:
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
    marked = [h for h in h2s if h.marked and not outside(h)]
    if marked:
        return marked[0].text, marked[0]
    return None, None

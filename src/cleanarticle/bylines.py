"""Authors: persons only, from JSON-LD, ``<meta>``, ``rel=author`` and printed bylines.

A byline is kept as printed (``Article.byline``); ``Article.authors`` holds the persons it
names. News agencies ("AP", "dpa", "Reuters") are not persons: they become the publisher when
the page names none, and stay in the byline. Generic names ("Staff", "admin", "Redaktion",
"Email the author") and names that are the site itself are rejected.
"""

from __future__ import annotations

import re

from cleanarticle.textutil import collapse, normalize_phrase

__all__ = [
    "AGENCIES",
    "BYLINE_PREFIX",
    "GENERIC_NAMES",
    "authors_from_byline",
    "clean_names",
    "dedupe_names",
    "is_agency",
    "plausible_person",
]

#: What opens a printed byline, in the languages the project meets (matched case-insensitively).
BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reported|reporting|words|story|text|photos?|interview)\s+by|"
    r"by|from|von|verfasst von|geschrieben von|veröffentlicht von|ein beitrag von|"
    r"par|publié par|écrit par|por|escrito por|publicado por|publicada por|"
    r"di|scritto da|pubblicato da|a cura di|door|geschreven door|av|af|"
    r"autor(?:in)?|author|auteur|autore|text|texto|redacción|redakcja)\b\s*[:：]?\s*",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|\s/\s)\s*|\s+(?:and|und|et|y|e|og|en|i|oraz|sowie)\s+", re.IGNORECASE
)
_PAREN = re.compile(r"\s*[(\[][^)\]]{0,60}[)\]]")
_EMAIL = re.compile(r"\S+@\S+")
_HANDLE = re.compile(r"\s@\w+")
# What often trails a name in a byline: a role, "Follow", a date or a place.
_TAIL = re.compile(
    r"\s*(?:[-–—|,·•]\s*)?(?:\b(?:follow|folgen|suivre|seguir|twitter|facebook|e-?mail|mail|"
    r"contact|updated|aktualisiert|stand|published|veröffentlicht|publié|publicado|"
    r"am|on|at|in|aus|from|für|for|pour|para|per)\b.*)$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\s*[,|–—-]\s*(?:senior\s+|chief\s+|staff\s+|contributing\s+|deputy\s+|associate\s+)?"
    r"(?:reporter|correspondent|writer|editor|columnist|contributor|journalist|redakteur(?:in)?|"
    r"korrespondent(?:in)?|autor(?:in)?|journaliste|rédacteur|rédactrice|periodista|"
    r"redactor(?:a)?|giornalista|photographer|fotograf(?:in)?)\b.*$",
    re.IGNORECASE,
)

#: News agencies and wire services (normalised), which are credits, not authors.
# fmt: off
AGENCIES: frozenset[str] = frozenset(normalize_phrase(s) for s in (
    "AP", "Associated Press", "The Associated Press", "Reuters", "Thomson Reuters", "AFP",
    "Agence France-Presse", "Agence France Presse", "dpa", "Deutsche Presse-Agentur",
    "APA", "Austria Presse Agentur", "KNA", "epd", "SID", "dts", "AFX", "dpa-AFX", "EFE",
    "Agencia EFE", "Europa Press", "ANSA", "Adnkronos", "Xinhua", "Kyodo", "Jiji",
    "Jiji Press", "Yonhap", "TASS", "RIA Novosti", "Interfax", "UPI", "PA", "PA Media",
    "Press Association", "PA Wire", "AAP", "Australian Associated Press", "CP",
    "The Canadian Press", "ANP", "Belga", "ATS", "SDA", "Keystone-SDA", "ČTK", "CTK", "PAP",
    "MTI", "Anadolu", "Anadolu Agency", "Bloomberg", "Bloomberg News", "CNN Wire",
    "Agencias", "Agenturen", "Agences", "Agenzie", "dpa/AFP", "AFP/dpa", "dpa/AP",
    "AP/dpa", "Reuters/dpa", "dpa/Reuters", "red", "sda/dpa", "APA/dpa", "ots", "pte",
    "pressetext", "Newsdesk", "Wires", "Wire services", "News agencies", "Agency",
))

#: Names that are not a person's name (normalised).
GENERIC_NAMES: frozenset[str] = frozenset(normalize_phrase(s) for s in (
    "staff", "staff writer", "staff reporter", "admin", "administrator", "webmaster",
    "editor", "editors", "the editors", "editorial", "editorial team", "editorial staff",
    "editorial board", "redaktion", "die redaktion", "online-redaktion", "onlineredaktion",
    "redaktionsteam", "rédaction", "la rédaction", "redacción", "la redacción",
    "redação", "redazione", "la redazione", "redactie", "de redactie", "redakcja",
    "email the author", "contact the author", "follow the author", "author", "autor",
    "autorin", "auteur", "autore", "news desk", "newsdesk", "web desk", "news staff",
    "unknown", "anonymous", "anonym", "guest", "guest author", "guest post", "gastautor",
    "user", "super user", "superuser", "root", "team", "the team", "our team", "me",
    "posted", "published", "by", "von", "par", "por", "follow", "share", "more",
    "read more", "view all posts", "all posts", "profile", "about", "about the author",
    "contributor", "contributors", "wordpress", "blogger", "moderator", "support",
    "no author", "none", "null", "n/a", "na", "default", "test", "presse", "press",
    "pressestelle", "press office", "communications", "marketing",
))
# fmt: on
_ORG_WORDS = re.compile(
    r"\b(?:gmbh|ag|e\.\s?v|ev|inc|ltd|llc|plc|s\.?a|sarl|s\.?l|co\s?kg|kg|ug|corp|"
    r"verlag|redaktion|newsroom|magazin|magazine|zeitung|news|online|media|medien|"
    r"team|staff|desk|press|presse|verband|verein|stiftung|foundation|institut|institute|"
    r"university|universität|ministerium|ministry|department|gruppe|group|agency|agentur)\b",
    re.IGNORECASE,
)
_DATEISH = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b(?:19|20)\d{2}\b|\d{1,2}:\d{2}")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
# fmt: off
_PARTICLES = frozenset((
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "vom", "zu", "ten", "ter",
    "la", "le", "du", "dos", "das", "des", "bin", "al", "el", "ibn", "y", "e", "mac", "st",
))
# fmt: on


def is_agency(name: str) -> bool:
    """Whether a name is a news agency or wire service."""
    key = normalize_phrase(name)
    return key in AGENCIES or all(part in AGENCIES for part in re.split(r"\s*[/,]\s*", key) if part)


def _is_org(name: str) -> bool:
    return bool(_ORG_WORDS.search(name)) or bool(re.search(r"\.\w{2,4}\b", name.casefold()))


def plausible_person(
    name: str, *, structured: bool = False, not_names: frozenset[str] = frozenset()
) -> bool:
    """Whether ``name`` can be a person's name.

    ``structured`` names come from a field that says "this is the author" (JSON-LD Person,
    ``<meta name=author>``, ``rel=author``): one word is enough there (a pen name). Printed
    bylines need two to five capitalised words. ``not_names`` are normalised names that are
    known not to be persons on this page (the site's name, its publisher).
    """
    key = normalize_phrase(name)
    if not key or len(key) < 2 or len(key) > 60 or key in GENERIC_NAMES or key in not_names:
        return False
    if is_agency(name) or "@" in key or "http" in key or "www." in key or _DATEISH.search(key):
        return False
    if _is_org(name):
        return False
    words = name.split()
    if len(words) > 6 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if structured:
        return not key.isdigit()
    if not 2 <= len(words) <= 5:
        return False
    caps = [w for w in words if w.casefold() not in _PARTICLES]
    return bool(caps) and all(w[:1].isupper() for w in caps)


def _strip_name(part: str) -> str:
    part = BYLINE_PREFIX.sub("", part.strip(" \t-–—|:·•,"))
    part = _ROLE.sub("", part)
    part = _TAIL.sub("", part)
    return part.strip(" \t-–—|:·•,.")


def clean_names(
    text: str, *, structured: bool = False, not_names: frozenset[str] = frozenset()
) -> list[str]:
    """The persons named in an author field or a printed byline, in order.

    The prefix ("By", "Von", "Par", "Author:"), parenthesised notes, e-mail addresses,
    handles and trailing roles, dates and "Follow" links are dropped; the rest is split on
    commas, "and" / "und" / "et" / "y", ``&`` and ``|``.
    """
    text = collapse(text)
    if not text or len(text) > 300:
        return []
    text = _PAREN.sub(" ", _EMAIL.sub(" ", _HANDLE.sub(" ", f" {text}")))
    text = BYLINE_PREFIX.sub("", text.strip())
    text = _ROLE.sub("", text)
    out: list[str] = []
    for part in _SPLIT.split(text):
        name = _strip_name(part)
        if not name:
            continue
        if not structured:
            name = _leading_name(name)
        if name and plausible_person(name, structured=structured, not_names=not_names):
            out.append(name)
    return dedupe_names(out)


def _leading_name(text: str) -> str:
    """The run of capitalised words a printed byline part opens with ("Jane Doe in Berlin")."""
    name: list[str] = []
    upper = text.isupper()
    for word in text.split():
        if (word[:1].isupper() and (upper or not word.isupper() or len(word) <= 3)) or (
            name and word.casefold() in _PARTICLES
        ):
            name.append(word)
        else:
            break
    while name and name[-1].casefold() in _PARTICLES:
        name.pop()
    return " ".join(name)


def authors_from_byline(byline: str) -> list[str]:
    """Persons named in a printed byline: ``"By A, B and C"`` -> ``["A", "B", "C"]``."""
    return clean_names(byline, structured=False)


def dedupe_names(items: list[str]) -> list[str]:
    """Drop repeated names (case-insensitively), keeping the first spelling."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = normalize_phrase(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out

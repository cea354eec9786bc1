"""Authors: persons only, from JSON-LD, ``<meta>``, ``rel=author`` and printed bylines.

A byline is kept as printed (``Article.byline``); ``Article.authors`` holds the persons it
names. News agencies ("AP", "dpa", "Reuters") are not persons: they become the publisher when
the page names none, and stay in the byline. Generic names ("Staff", "admin", "Redaktion",
"Email the author") and names that are the site itself are rejected.
"""

from __future__ import annotations

import re
from enum import StrEnum

from cleanarticle.fields.dates import MONTHS
from cleanarticle.rules.phrases import BYLINE_PREFIX, INNER_BY_WORDS
from cleanarticle.textutil import alnum_key, collapse, normalize_phrase

__all__ = [
    "AGENCIES",
    "GENERIC_NAMES",
    "NameSource",
    "authors_from_byline",
    "clean_names",
    "dedupe_names",
    "is_agency",
    "plausible_person",
    "tidy_byline",
]


class NameSource(StrEnum):
    """Where a name was read, which decides how sure it is to be a person's name."""

    FIELD = "field"  # JSON-LD author, <meta name=author>: the value is the author
    MARKED = "marked"  # rel=author, itemprop=author, a link to an author page
    PRINTED = "printed"  # text printed in a byline element or line


#: "By" inside a printed line, after a section label ("Tech Industry by Steven Musil").
_INNER_BY = re.compile(rf"(?:^|\s)(?:{INNER_BY_WORDS})\s+(?=[^\W\d_])", re.IGNORECASE)
#: A labelled author field printed among others ("Datum: 19.11.2021 Autor: Fritz Imhof").
_LABEL = re.compile(
    r"(?:^|\s)(?:autor(?:in|en|innen)?|authors?|auteurs?|autore|autori|text|texto|textes?|"
    r"redacción|redakcja|verfasser(?:in)?|by|von|par|por)\s*[:：]\s*",
    re.IGNORECASE,
)
_NEXT_LABEL = re.compile(r"\s[^\W\d_]{2,}\s*[:：](?:\s|$)")
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|\s/\s)\s*|\s+(?:and|und|et|y|e|og|en|i|oraz|sowie)\s+", re.IGNORECASE
)
# Where a byline's line goes on to other things: a date, a time, "Updated", "Follow".
_BYLINE_END = re.compile(
    r"[\s|·•,–—-]+(?=(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}|"
    r"(?:on\s+|am\s+|le\s+)?(?:\d{1,2}\.?\s+)?(?:"
    + "|".join(sorted((re.escape(m) for m in MONTHS if len(m) > 2), key=len, reverse=True))
    + r")\.?\s+\d|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|"
    r"dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche),?\s|updated|aktualisiert|published|veröffentlicht|publié|"
    r"follow\b|"
    r"\d+\s+(?:min|minutes?|hours?|stunden?|days?|tagen?)\b))",
    re.IGNORECASE,
)
_FIELD_SPLIT = re.compile(r"\s*(?:,|;|\||\s[-–—]\s)\s*")
_PAREN = re.compile(r"\s*[(\[][^)\]]{0,60}[)\]]")
_EMAIL = re.compile(r"\S+@\S+")
_HANDLE = re.compile(r"\s@\w+")
# What often trails a name in a byline: "Follow", a date, a place.
_TAIL = re.compile(
    r"\s*(?:[-–—|,·•]\s*)?(?:\b(?:follow|folgen|suivre|seguir|twitter|facebook|e-?mail|mail|"
    r"contact|updated|aktualisiert|stand|published|veröffentlicht|publié|publicado|"
    r"am|on|at|in|aus|from|für|for|pour|para|per)\b.*)$",
    re.IGNORECASE,
)
_ROLE_WORDS = (
    r"(?:reporter|correspondent|writer|editor|columnist|contributor|journalist(?:in)?|blogger|"
    r"(?:chef)?redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|journaliste|rédacteur|"
    r"rédactrice|periodista|redactor(?:a)?|giornalista|photographer|fotograf(?:in)?|"
    r"volontär(?:in)?|chefredaktion|herausgeber(?:in)?)"
)
_ROLES = _ROLE_WORDS + r"\b.*$"
_ROLE_STRICT = re.compile(r"(?:\s*[,|–—-]\s*|\s+)" + _ROLES, re.IGNORECASE)
_ROLE = re.compile(r"(?:\s*[,|–—-]\s*|\s+)(?:[^\W\d_]+\s+)?" + _ROLES, re.IGNORECASE)
#: A byline part that is only a role ("Games Editor", "Senior Staff Writer"), not a person.
_ROLE_ONLY = re.compile(r"^(?:[^\W\d_]+\s+){0,3}" + _ROLE_WORDS + r"s?$", re.IGNORECASE)

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
# Compound words that end like an organisation ("Bundesverband", "SeglerBlog", "multigames").
_ORG_ENDINGS = re.compile(
    r"\w(?:blog|verband|verein|stiftung|zeitung|magazin|agentur|ministerium|institut|gruppe|"
    r"verlag|redaktion|portal|games|news|online|medien)\b",
    re.IGNORECASE,
)
_DEGREES = frozenset({"phd", "ph.d", "md", "m.d", "dr", "prof", "mba", "msc", "bsc", "ma", "ba"})
_DATEISH = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b(?:19|20)\d{2}\b|\d{1,2}:\d{2}")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
# fmt: off
_PARTICLES = frozenset((
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "vom", "zu", "ten", "ter",
    "la", "le", "du", "dos", "das", "des", "bin", "al", "el", "ibn", "y", "e", "mac", "st",
))
#: Weekdays and months: a name never ends with one ("Joshua Sokol May 20, 2019").
_DATE_WORDS: frozenset[str] = frozenset((
    *MONTHS,
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "mo", "di", "mi", "do", "fr", "sa", "so",
))
#: Words that are never part of a person's name in a byline: labels and page furniture.
_NOT_NAME_WORDS: frozenset[str] = frozenset((
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "datum", "date",
    "quelle", "source", "foto", "fotos", "photo", "photos", "bild", "bilder", "image", "images",
    "home", "jobs", "hire", "menu", "kontakt", "contact", "impressum", "tags", "kategorie",
    "category", "categories", "share", "teilen", "print", "drucken", "kommentar",
    "kommentare", "comments", "comment", "antworten", "reply", "login", "anmelden", "suche",
    "search", "weiterlesen", "lesezeit", "uhr", "minuten", "minutes", "min", "read", "views",
    "gesponserte", "anzeige", "werbung", "sponsored", "advertisement", "veröffentlicht",
    "aktualisiert", "updated", "published", "geändert", "zuletzt", "stand", "posted",
    "redaktion", "artikel", "article", "news", "blog", "video", "audio", "podcast",
    "zur", "zum", "alle", "alles", "mehr", "all", "articles", "posts", "beiträge", "more",
    "view", "see", "show", "artikelübersicht", "übersicht", "profil", "profile", "hace",
    "ago", "vor",
))
# fmt: on


def is_agency(name: str) -> bool:
    """Whether a name is a news agency or wire service."""
    key = normalize_phrase(name)
    return key in AGENCIES or all(part in AGENCIES for part in re.split(r"\s*[/,]\s*", key) if part)


def _is_org(name: str) -> bool:
    return (
        bool(_ORG_WORDS.search(name))
        or bool(_ORG_ENDINGS.search(name))
        or bool(re.search(r"\.\w{2,4}\b", name.casefold()))
    )


def plausible_person(
    name: str,
    *,
    source: NameSource = NameSource.PRINTED,
    single: bool = False,
    not_names: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``name`` can be a person's name.

    A name from a :attr:`NameSource.FIELD` is taken as given unless it is generic, an
    agency, an organisation or the site; a :attr:`NameSource.MARKED` name may be a one-word
    pen name ("gnaddrig"); a printed name needs two to five capitalised words, or one word
    when ``single`` (after an explicit "By" / "Von", or alone in an author element).
    ``not_names`` are normalised names known not to be persons on this page (the site's name,
    its publisher).
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
    if any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words):
        return False
    if len(words) == 1 and key in _DATE_WORDS:
        return False
    if source is NameSource.FIELD:
        return True
    if source is NameSource.MARKED and len(words) <= 5:
        return True
    if len(words) == 1:
        return single and (words[0][:1].isupper() or words[0].islower())
    if len(words) > 5:
        return False
    caps = [w for w in words if w.casefold() not in _PARTICLES]
    return bool(caps) and all(w[:1].isupper() for w in caps)


def _strip_role(text: str) -> str:
    """Drop a trailing role ("Games Editor", ", Senior Reporter"), keeping two name words."""
    loose = _ROLE.sub("", text)
    if len(loose.split()) >= 2:
        return loose
    strict = _ROLE_STRICT.sub("", text)
    return strict if len(strict.split()) >= 2 else text


def _strip_name(part: str) -> str:
    part = BYLINE_PREFIX.sub("", part.strip(" \t-–—|:·•,"))
    part = _strip_role(part)
    part = _TAIL.sub("", part)
    words = part.split()
    for i, word in enumerate(words):
        if any(ch.isdigit() for ch in word):
            words = words[:i]  # "Poppy Reid Feb 12, 2020", "Marwan H. Adwan 1"
            while words and words[-1].casefold().strip(".,") in _DATE_WORDS:
                words.pop()
            break
    while words and words[-1].casefold().strip(".,") in _NOT_NAME_WORDS:
        words.pop()
    return " ".join(words).strip(" \t-–—|:·•,.")


def _open_byline(text: str, source: NameSource) -> tuple[str, bool]:
    """The text after a byline's label or prefix, and whether there was one."""
    label = _LABEL.search(text)
    if label is not None:
        text = text[label.end() :]
        following = _NEXT_LABEL.search(text)
        return (text[: following.start()] if following is not None else text), True
    lead = BYLINE_PREFIX.match(text)
    if lead is None and source is not NameSource.FIELD:
        lead = _INNER_BY.search(text[:60])
    if lead is not None:
        return text[lead.end() :], True
    return text, False


def clean_names(
    text: str,
    *,
    source: NameSource = NameSource.PRINTED,
    not_names: frozenset[str] = frozenset(),
    hosts: frozenset[str] = frozenset(),
) -> list[str]:
    """The persons named in an author field or a printed byline, in order.

    The prefix ("By", "Von", "Par", "Posted by") or label ("Autor:"), parenthesised notes,
    e-mail addresses, handles, and trailing roles, dates and "Follow" links are dropped; the
    rest is split on commas, "and" / "und" / "et" / "y", ``&`` and ``|``; the names end at
    the first part that is not one (a role, a place, an affiliation). A field whose first
    name is an organisation or the site ("GIROMATCH, Frankfurt a. M., Germany") names no
    person; ``hosts`` are the page's host names as keys (``kircheundleben`` names the site
    "Kirche und Leben, Münster, Germany" when an address follows it).
    """
    text = collapse(text)
    if not text or len(text) > 300:
        return []
    text = _PAREN.sub(" ", _EMAIL.sub(" ", _HANDLE.sub(" ", f" {text}"))).strip()
    text, prefixed = _open_byline(text, source)
    if prefixed and source is not NameSource.FIELD:
        not_names = frozenset()  # "Von: Wolfgang Schmale" on wolfgangschmale.eu is the author
    text = _strip_role(text)
    if source is NameSource.FIELD:
        chunks = [c for c in _FIELD_SPLIT.split(text) if c.strip()]
        if chunks and any(
            _is_org(c)
            or normalize_phrase(c) in not_names
            or alnum_key(c) in not_names
            or (len(chunks) > 1 and alnum_key(c) in hosts)
            for c in (chunks[:1] if " - " not in text else chunks)
        ):
            return []  # an organisation or the site, and its address or slogan
    out: list[str] = []
    parts = [p for p in _SPLIT.split(text) if p and p.strip()]
    for i, part in enumerate(parts):
        name = _strip_name(part)
        if name.casefold().strip(".") in _DEGREES:
            continue  # "Michael L. Anderson, PhD, Carlos Dobkin, PhD"
        if source is NameSource.PRINTED and " " in name:
            name = _leading_name(name)
        name = _undouble(name)
        if _ROLE_ONLY.match(name) and (out or source is NameSource.PRINTED):
            # "Ben Silverman, Games Editor"; a role printed alone in an author box. (Named
            # alone in an author field or link, "Rasender Reporter" is a pen name.)
            break
        single = i == 0 and prefixed
        if name and plausible_person(name, source=source, single=single, not_names=not_names):
            out.append(name)
        elif out and source is not NameSource.FIELD:
            break  # a role, a place or an affiliation follows the names
    return dedupe_names(out)


def _undouble(name: str) -> str:
    """A name printed twice in a row (responsive layouts): ``"A B A B"`` -> ``"A B"``."""
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _leading_name(text: str) -> str:
    """The run of capitalised words a printed byline part opens with ("Jane Doe in Berlin")."""
    name: list[str] = []
    words = text.split()
    for i, word in enumerate(words):
        if len(name) >= 2 and word.isupper() and i + 1 < len(words) and words[i + 1][:1].islower():
            break  # a description follows the name: "Chris Stein US politics live blogger"
        if word[:1].isupper() or (name and word.casefold() in _PARTICLES):
            name.append(word)
        else:
            break
    while name and name[-1].casefold() in _PARTICLES:
        name.pop()
    return " ".join(name)


def tidy_byline(byline: str | None) -> str | None:
    """The printed byline without what follows it on the same line: a date, a time, a
    "Follow" link (``"By Jane Doe March 4, 2021 | 6:00 PM"`` -> ``"By Jane Doe"``)."""
    if not byline:
        return None
    text = collapse(byline)
    cut = _BYLINE_END.search(text, 3)
    if cut is not None:
        text = text[: cut.start()]
    text = text.rstrip(" \t-–—|:·•,;/")
    return text or None


def authors_from_byline(byline: str) -> list[str]:
    """Persons named in a printed byline: ``"By A, B and C"`` -> ``["A", "B", "C"]``."""
    return clean_names(byline, source=NameSource.PRINTED)


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

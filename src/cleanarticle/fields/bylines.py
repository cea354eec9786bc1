"""Authors: every name a byline or an author field credits, people and organisations.

A byline is kept as printed (``Article.byline``); ``Article.authors`` holds the names it
credits, in its order: persons, and the agencies ("AP", "dpa", "Reuters"), newsrooms ("BR24
Redaktion", "Staff") and organisations it names; :func:`author_kind` tells which is which.
Interface words ("Email the author", "Full bio", "Written by", "admin") and names that are
only a role ("Games Editor") never are authors; nor are dates, addresses or affiliations
printed after the names ("Jane Doe, USA TODAY").
"""

from __future__ import annotations

import re
from enum import StrEnum

from cleanarticle.fields.dates import MONTHS
from cleanarticle.model import AuthorKind
from cleanarticle.rules.phrases import BY_WORDS, BYLINE_PREFIX, INNER_BY_WORDS
from cleanarticle.textutil import alnum_key, collapse, normalize_phrase

__all__ = [
    "AGENCIES",
    "BYLINE_OPENING",
    "GENERIC_NAMES",
    "NEWSROOMS",
    "NameSource",
    "author_kind",
    "authors_from_byline",
    "clean_names",
    "dedupe_names",
    "is_agency",
    "plausible_organization",
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
#: A line that opens a byline: a prefix ("By", "Von", "Par"; not "From"), a label ("Autor:",
#: "Text:"), alone or followed by the names.
BYLINE_OPENING = re.compile(
    r"^(?:(?:post|article|story|recipe|written|posted|published|reported|reporting|words|"
    r"text|photos?|interview|author|erstellt|geschrieben|verfasst|veröffentlicht|ein|beitrag|"
    r"artikel|bericht|publié|écrit|plus|escrito|publicado|publicada|scritto|pubblicato|"
    rf"geschreven|a|cura)\s+){{0,3}}(?:{BY_WORDS})(?:\s+(?=[^\W\d_])|$)"
    r"|^(?:autor(?:in|en|innen)?|authors?|auteurs?|autore|autori|text|texto|textes?|"
    r"redacción|redakcja|verfasser(?:in)?|written\s+by)\s*(?:[:：]|$)",
    re.IGNORECASE,
)
#: A labelled author field printed among others ("Datum: 19.11.2021 Autor: Fritz Imhof").
_LABEL = re.compile(
    r"(?:^|\s)(?:autor(?:in|en|innen)?|authors?|auteurs?|autore|autori|text|texto|textes?|"
    r"redacción|redakcja|verfasser(?:in)?|by|von|par|por)\s*[:：]\s*",
    re.IGNORECASE,
)
#: "Author Jane Doe", "Autorin Anna Berg": the label without a colon, opening the text.
_LABEL_WORD = re.compile(
    r"^(?:author|autor(?:in)?|auteure?|autore|autrice|written\s+by|words\s+by|by)\s*:?\s+"
    r"(?=[^\W\d_])",
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
    r"(?:\s+|\s*[-–—|,·•]\s*)(?:\b(?:follow|folgen|suivre|seguir|twitter|facebook|e-?mail|mail|"
    r"contact|updated|aktualisiert|stand|published|veröffentlicht|publié|publicado|"
    r"last(?:\s+(?:updated|modified|edited|reviewed))?|"
    r"am|on|at|in|aus|from|für|for|pour|para|per)\b.*)$",
    re.IGNORECASE,
)
_ROLE_WORDS = (
    r"(?:reporter|correspondent|writer|editor|columnist|contributor|journalist(?:in)?|blogger|"
    r"(?:chef)?redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|journaliste|rédacteur|"
    r"rédactrice|periodista|redactor(?:a)?|giornalista|photographer|fotograf(?:in)?|"
    r"volontär(?:in)?|chefredaktion|herausgeber(?:in)?|director|founder|co-?founder|ceo|cto|"
    r"cfo|coo|president|manager|coordinator|specialist|analyst|consultant|expert|strategist|"
    r"engineer|developer|designer|scientist|researcher|professor|lecturer|senior|junior|"
    r"chief|principal|associate|assistant|former|deputy|owner|partner|attorney|lawyer|"
    r"dietitian|nutritionist|physician|therapist|coach|trainer|gardener|winemaker|reviewer|"
    r"tester|producer|host|anchor|intern|fellow|geschäftsführer(?:in)?|leiter(?:in)?|"
    r"sprecher(?:in)?|referent(?:in)?|directeur|directrice|directora?|fundador(?:a)?)"
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

#: Newsrooms and desks a byline credits ("Redaktion", "Staff", "News Desk"): organisations,
#: kept as authors when an author field or a byline names them (normalised).
NEWSROOMS: frozenset[str] = frozenset(normalize_phrase(s) for s in (
    "staff", "staff writer", "staff writers", "staff reporter", "staff report", "editors",
    "the editors", "editorial", "editorial team", "editorial staff", "editorial board",
    "redaktion", "die redaktion", "online-redaktion", "onlineredaktion", "redaktionsteam",
    "rédaction", "la rédaction", "redacción", "la redacción", "redação", "a redação",
    "redazione", "la redazione", "redactie", "de redactie", "redakcja", "news desk",
    "newsdesk", "web desk", "news staff", "team", "the team", "our team", "agencias",
    "agenturen", "agences", "agenzie", "news agencies", "wire services", "wires",
))

#: Names that are never an author: interface words, user-account defaults, placeholders
#: (normalised).
GENERIC_NAMES: frozenset[str] = frozenset(normalize_phrase(s) for s in (
    "admin", "administrator", "webmaster", "editor", "email the author", "contact the author",
    "follow the author", "author", "autor", "autorin", "auteur", "autore", "the author",
    "unknown", "anonym", "guest", "guest author", "guest post", "gastautor", "user",
    "super user", "superuser", "root", "me", "posted", "published", "by", "von", "par",
    "por", "follow", "share", "more", "read more", "view all posts", "all posts", "profile",
    "about", "about the author", "contributor", "contributors", "wordpress", "blogger",
    "moderator", "support", "no author", "none", "null", "undefined", "n/a", "na", "default",
    "test", "presse", "press", "pressestelle", "press office", "communications", "marketing",
    "written by", "full bio", "bio", "see full bio", "view profile", "more by", "last",
    "reviewed by", "fact checked by", "edited by", "name", "home", "schließen", "close",
    "menu", "login", "anmelden", "themen bearbeiten",
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
_DEGREES = frozenset(
    {
        "phd",
        "ph.d",
        "md",
        "m.d",
        "dr",
        "prof",
        "mba",
        "msc",
        "bsc",
        "ma",
        "ba",
        "ms",
        "rn",
        "bsn",
        "rd",
        "rdn",
        "dvm",
        "cpt",
        "cfp",
        "cpa",
        "mph",
        "jd",
        "esq",
    }
)
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


_NEWSROOM_WORDS = re.compile(
    r"\b(?:redaktion|rédaction|redacci[oó]n|redazione|redactie|redakcja|newsroom|news\s*desk|"
    r"desk|staff|team|editors|editorial|agencies|agenturen|agencias|agences)\b",
    re.IGNORECASE,
)


def author_kind(name: str) -> AuthorKind:
    """Whether a credited name is a person's or an organisation's: agencies, newsrooms
    ("BR24 Redaktion", "Podium Staff") and names with an organisation's word ("GmbH",
    "Verlag", "Media", "University") are organisations."""
    if is_agency(name) or normalize_phrase(name) in NEWSROOMS:
        return AuthorKind.ORGANIZATION
    if _NEWSROOM_WORDS.search(name) or _is_org(name):
        return AuthorKind.ORGANIZATION
    return AuthorKind.PERSON


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
    if not key or len(key) < 2 or len(key) > 60 or key in GENERIC_NAMES:
        return False
    if key in not_names and source is not NameSource.MARKED:
        return False  # (an author link naming the site's owner credits them: a personal site)
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


# Words that never stand in a credited organisation's name: page furniture.
_UI_WORDS: frozenset[str] = frozenset(
    (
        "home",
        "jobs",
        "menu",
        "kontakt",
        "contact",
        "impressum",
        "tags",
        "kategorie",
        "category",
        "categories",
        "share",
        "teilen",
        "print",
        "drucken",
        "kommentar",
        "kommentare",
        "comments",
        "comment",
        "antworten",
        "reply",
        "login",
        "anmelden",
        "suche",
        "search",
        "weiterlesen",
        "lesezeit",
        "uhr",
        "minuten",
        "minutes",
        "min",
        "read",
        "views",
        "gesponserte",
        "anzeige",
        "werbung",
        "sponsored",
        "advertisement",
        "veröffentlicht",
        "aktualisiert",
        "updated",
        "published",
        "geändert",
        "zuletzt",
        "stand",
        "posted",
        "mehr",
        "more",
        "view",
        "see",
        "show",
        "profil",
        "profile",
        "hace",
        "ago",
        "vor",
        "datum",
        "date",
        "quelle",
        "source",
        "foto",
        "fotos",
        "photo",
        "photos",
        "bild",
        "bilder",
        "image",
        "images",
        "bio",
        "follow",
    )
)


def plausible_organization(
    name: str,
    *,
    source: NameSource = NameSource.PRINTED,
    single: bool = False,
    not_names: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``name`` can be an organisation an author field or a byline credits.

    Agencies and newsrooms ("dpa", "BR24 Redaktion", "Podium Staff") wherever they are
    named; other organisations, the site's own name (in ``not_names``) among them, only
    where the page credits them visibly: an author link or element
    (:attr:`NameSource.MARKED`), or a printed byline right after "By" / "Von" (``single``).
    An author field (:attr:`NameSource.FIELD`: JSON-LD, ``<meta>``) names the site or its
    company by default, which is no credit. Never page furniture, a placeholder, a date or
    an address.
    """
    key = normalize_phrase(name)
    if not key or len(key) < 2 or len(key) > 60 or key in GENERIC_NAMES:
        return False
    if "@" in key or "http" in key or "www." in key or _DATEISH.search(key):
        return False
    words = name.split()
    if len(words) > 6 or any(w.casefold().strip(".:") in _UI_WORDS for w in words):
        return False
    if _ROLE_ONLY.match(name) and key not in NEWSROOMS:
        return False
    credited = is_agency(name) or key in NEWSROOMS or bool(_NEWSROOM_WORDS.search(name))
    if source is NameSource.FIELD:
        return credited  # (metadata names the site or its company by default)
    if key in not_names or alnum_key(name) in not_names:
        return source is NameSource.MARKED or single
    if source is NameSource.PRINTED:
        # Right after "By": an organisation's name, capitalised ("By 3i Global").
        proper = len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words[1:])
        return credited or (single and (_is_org(name) or (proper and words[0][:1].isdigit())))
    return True


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
        if any(ch.isdigit() for ch in word) and not (word.isalnum() and not word.isdigit()):
            words = words[:i]  # "Poppy Reid Feb 12, 2020", "Marwan H. Adwan 1" (not "BR24")
            while words and words[-1].casefold().strip(".,") in _DATE_WORDS:
                words.pop()
            break
    newsroom = len(words) <= 4 and _NEWSROOM_WORDS.search(" ".join(words)) is not None
    while words and (
        (words[-1].casefold().strip(".,") in _NOT_NAME_WORDS and not newsroom)
        or (len(words) > 2 and words[-1].isupper() and words[-1].casefold().strip(".,") in _DEGREES)
    ):
        words.pop()  # (a credential: "Cara Dumaplin RN")
    return " ".join(words).strip(" \t-–—|:·•,.")


def _open_byline(text: str, source: NameSource) -> tuple[str, bool]:
    """The text after a byline's label or prefix, and whether there was one."""
    label = _LABEL.search(text) or _LABEL_WORD.match(text)
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
    """The authors (persons and organisations) an author field or a printed byline credits,
    in order.

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
            # An organisation or the site, and its address or slogan: the organisation.
            first = _strip_name(chunks[0])
            site = hosts | frozenset(alnum_key(n) for n in not_names)
            ok = plausible_organization(first, source=source, not_names=not_names | site)
            return [first] if ok else []
    out: list[str] = []
    parts = [p for p in _SPLIT.split(text) if p and p.strip()]
    # Agencies and newsrooms credited together: "dpa/AFP", "wien.ORF.at/Agenturen/red".
    credit_line: set[int] = set()
    split_parts: list[str] = []
    for part in parts:
        pieces = [q.strip() for q in part.split("/")] if "/" in part else [part]
        if len(pieces) > 1 and any(
            is_agency(q) or normalize_phrase(q) in NEWSROOMS for q in pieces
        ):
            credit_line.update(range(len(split_parts), len(split_parts) + len(pieces)))
            split_parts.extend(q for q in pieces if q)
        else:
            split_parts.append(part)
    parts = split_parts
    for i, part in enumerate(parts):
        name = _strip_name(part)
        if name.casefold().strip(".") in _DEGREES:
            continue  # "Michael L. Anderson, PhD, Carlos Dobkin, PhD"
        if source is NameSource.PRINTED and " " in name:
            name = _leading_name(name)
        name = _undouble(name)
        if (
            _ROLE_ONLY.match(name)
            and (out or source is NameSource.PRINTED)
            and normalize_phrase(name) not in NEWSROOMS
        ):
            # "Ben Silverman, Games Editor"; a role printed alone in an author box. (Named
            # alone in an author field or link, "Rasender Reporter" is a pen name.)
            break
        # One word after "By" is a name; so is each of "By Linny and Peter".
        single = prefixed and (i == 0 or (bool(out) and all(" " not in n for n in out)))
        single = single or i in credit_line
        if name and (
            plausible_person(name, source=source, single=single, not_names=not_names)
            or plausible_organization(name, source=source, single=single, not_names=not_names)
        ):
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
        if (
            word[:1].isupper()
            or (name and word.casefold() in _PARTICLES)
            or (i == 0 and len(words) > 1 and word in ("the", "die", "der", "la", "le", "el"))
            or (i == 0 and word[:1].isdigit() and any(ch.isalpha() for ch in word))
        ):
            name.append(word)  # ("the Lavazza Team", "3i Global": a newsroom or a company)
        else:
            break
    while name and name[-1].casefold() in _PARTICLES:
        name.pop()
    if len(name) == 1 and not name[0][:1].isupper() and not name[0][:1].isdigit():
        return ""  # ("By the way")
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

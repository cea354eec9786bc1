"""Attribution: who wrote the story first (``publisher``) and who republished it (``aggregator``).

Every source that names a publisher adds a :class:`Credit` to the draft while the page is read;
:func:`resolve` then picks the strongest one. The sources, strongest first (:class:`Source`):

1. a provider label the page's profile points at (``[fields] publisher``: MSN's source name,
   Yahoo's provider) or, in a text capture, the publisher line of the page head (inkl);
2. a statement in the text, read by a rule pattern with a ``publisher`` group: "© Provided by
   X", "This article originally appeared on X", "Read the full story at X";
3. JSON-LD ``isBasedOn`` / ``sourceOrganization``;
4. an agency in the dateline ("MOSCOW (AP) —") or the byline ("By A and B, Associated Press");
5. a canonical URL on another site than the page's own;
6. the profile of a publisher or wire page itself (reuters.com is Reuters);
7. JSON-LD ``publisher`` (or an organisation as author);
8. ``og:site_name``.

An aggregator's own names (its profile's ``display_name`` and ``aliases``) are never the
original source, except when an explicit label says the story is the aggregator's own
("Yahoo Finance" on Yahoo): then ``publisher`` is that name and ``aggregator`` is None. A
story whose text or JSON-LD names another source than the site it is on (a republication,
"This post originally appeared on Grist.") has that site as its ``aggregator``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cleanarticle.draft import Credit, Source
from cleanarticle.textutil import alnum_key
from cleanarticle.urls import base_domain, host_of

if TYPE_CHECKING:
    from cleanarticle.draft import Draft
    from cleanarticle.fields.head import HeadMeta
    from cleanarticle.rules import Profile, RuleSet

__all__ = ["credit_from_head", "persons_only", "resolve"]


#: Sources that say explicitly who made the story (and so can say it is the aggregator's own).
EXPLICIT = frozenset({Source.PROVIDER, Source.CREDIT, Source.BASED_ON})
#: Sources that, naming another site than the page's, make the page a republication (and an
#: agency's dateline does when its wire copy is syndicated: see ``Draft.syndicated``).
REPUBLISHED = frozenset({Source.CREDIT, Source.BASED_ON, Source.CANONICAL})


# A dateline's outlet in parentheses: "MOSCOW (AP) —", "ST. LOUIS, MO (KTVI)".
_DATELINE_OUTLET = re.compile(r"\(([^()]{2,40})\)\s*$")
_TRAILING_NOISE = re.compile(r"\s*(?:[|·•–—-]\s*)?(?:\d{1,2}[/.]\d{1,2}.*|配信.*)$")


def credit_from_head(head: HeadMeta, draft: Draft) -> None:
    """Add the candidates the page's metadata gives (JSON-LD, og:site_name, canonical URL)."""
    ld = head.ld
    if ld.based_on:  # a name, or the URL of the original
        based = ld.based_on
        draft.credit(
            Source.BASED_ON,
            host_of(based) or based if "//" in based else based,
            "json-ld.isBasedOn",
        )
    if ld.publisher and not ld.publisher_person:
        draft.credit(Source.METADATA, ld.publisher, "json-ld.publisher")
    for org in ld.author_orgs[:1]:
        draft.credit(Source.METADATA, org, "json-ld.author")
    if head.site_name:
        draft.credit(Source.SITE, head.site_name, "og:site_name")
    canonical = host_of(head.canonical) if head.canonical else None
    own = (host_of(draft.url) or host_of(head.og_url)) if canonical else None
    if own and canonical and base_domain(own) != base_domain(canonical):
        draft.credit(Source.CANONICAL, canonical, "canonical-url")


def _agency_credits(draft: Draft, rules: RuleSet) -> None:
    names = rules.all_names()
    if draft.dateline:
        m = _DATELINE_OUTLET.search(draft.dateline)
        outlet = m.group(1).strip() if m is not None else ""
        # The page's own outlet, abbreviated ("(Courier)" on The Coastal Courier's site), is
        # not another source; a known wire or another outlet is.
        own = [c.name for c in draft.credits if c.source in (Source.SITE, Source.METADATA)]
        known = names.get(outlet.casefold())
        if outlet and (
            (known is not None and known.kind == "wire")
            or not any(_same_outlet(o, outlet, names) for o in own)
        ):
            draft.credit(Source.AGENCY, outlet, "dateline")
    if draft.byline:
        found = rules.wire_names().search(draft.byline)
        if found is not None:
            prof = names.get(found.group(0).casefold())
            if prof is not None:
                draft.credit(Source.AGENCY, prof.display_name, "byline")


def _clean(name: str) -> str:
    name = _TRAILING_NOISE.sub("", name).strip(" .,;:|-–—©")
    return name.removeprefix("©").strip()


def _is_own(name: str, own_names: tuple[str, ...]) -> bool:
    key = name.casefold()
    return any(key == own or key.startswith(own + " ") for own in own_names)


def resolve(draft: Draft, rules: RuleSet) -> tuple[str | None, str | None]:
    """The original publisher and the aggregator of the page, from the draft's credits."""
    names = rules.all_names()
    _agency_credits(draft, rules)
    profile = draft.profile
    if profile is not None and profile.kind in ("publisher", "wire"):
        draft.credit(Source.PROFILE, profile.display_name, f"profile.{profile.name}")
    if draft.publisher:  # what the generic metadata reading settled on
        draft.credit(Source.METADATA, draft.publisher, "metadata")
    aggregator = None
    own_names: tuple[str, ...] = ()
    if profile is not None and profile.kind == "aggregator":
        aggregator = profile.display_name
        own_names = tuple(n.casefold() for n in profile.names())
    site = next((c.name for c in draft.credits if c.source is Source.SITE), None)
    publisher: str | None = None
    chosen: Credit | None = None
    for credit in sorted(draft.credits, key=lambda c: c.source):
        name = _clean(credit.name)
        if len(name) < 2:
            continue
        if own_names and _is_own(name, own_names):
            if credit.source in EXPLICIT:
                return name, None  # the aggregator's own story
            continue
        known = names.get(name.casefold())
        publisher = known.display_name if known is not None and known.kind != "aggregator" else name
        if known is None and _HOSTNAME.match(name):  # a host: its name as the page prints it
            publisher = _name_for_host(name, draft) or name
        chosen = credit
        break
    republished = chosen is not None and (
        chosen.source in REPUBLISHED
        or (draft.syndicated and chosen.source in (Source.AGENCY, Source.PROFILE))
    )
    if (
        aggregator is None
        and publisher is not None
        and republished
        and site
        and not _same_outlet(site, publisher, names)
    ):
        aggregator = site
    return publisher, aggregator


_HOSTNAME = re.compile(r"^[\w-]+(\.[\w-]+)+$")
_SEGMENTS = re.compile(r"\s*[·|•–—,/]\s*")


def _squash(text: str) -> str:
    return alnum_key(text.casefold().removeprefix("the "))


def _name_for_host(host: str, draft: Draft) -> str | None:
    """The outlet's name as the page prints it for a host ("Lakeshore Times" for
    lakeshoretimes.example): a short removed line, or a piece of one, that spells the host."""
    label = _squash(base_domain(host).split(".")[0])
    if len(label) < 3:
        return None
    for removed in draft.removed:
        if len(removed.text) > 160:
            continue
        for piece in _SEGMENTS.split(removed.text):
            if 2 < len(piece) <= 60 and _squash(piece) == label:
                return piece.strip()
    return None


def persons_only(authors: list[str], rules: RuleSet) -> list[str]:
    """Authors without the agencies and outlets the profiles know ("Associated Press")."""
    names = rules.all_names()
    return [a for a in authors if a.casefold() not in names]


def _same_outlet(a: str, b: str, names: dict[str, Profile]) -> bool:
    """Whether two names plausibly denote the same outlet ("Salon" / "Salon.com", or two
    names of one profile: "AP News" / "Associated Press")."""
    x, y = a.casefold(), b.casefold()
    known = names.get(x)
    if known is not None and known is names.get(y):
        return True
    x = x.removeprefix("www.").split(".")[0] if "." in x and " " not in x else x
    y = y.removeprefix("www.").split(".")[0] if "." in y and " " not in y else y
    x, y = x.removeprefix("the "), y.removeprefix("the ")
    return x == y or x in y or y in x

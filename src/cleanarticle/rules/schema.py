"""The rules' schema: :class:`Profile`, :class:`Detect` and :class:`Rule`, as the TOML files
write them.

A *profile* describes one aggregator, publisher or page template (or ``generic``, which
applies to every page): how to recognise it and which *rules* remove its chrome. A rule has
a unique name (``"inkl.signup-footer"``), a :class:`~cleanarticle.model.RemovalKind`, and
one or more matchers:

``selectors``
    CSS selectors; matching elements are removed from the HTML before the content is chosen.
``phrases``
    whole-block texts, compared after :func:`~cleanarticle.textutil.normalize_phrase`
    (case, white space, outer punctuation and typographic apostrophes do not matter).
``prefixes``
    a block that *starts* with one of these (e.g. ``"Read also:"``) is chrome. A prefix ending
    in a colon needs the colon (``"Lire aussi :"`` and ``"Lire aussi:"`` both match); any other
    prefix must end on a word boundary.
``patterns``
    regular expressions searched in the normalised block text.

Text matchers only apply to blocks of at most ``max_chars`` characters (default 160), so a
story paragraph *about* signing up is never taken for a sign-up prompt. ``ends_body = true``
makes a match after the body has started end the body there (the rest of the page is chrome:
inkl's "Sign up to read this article"); it applies to text captures, where nothing else tells
where the story ends (in HTML the page structure does). ``flag`` sets a property of the article
when the rule fires: ``"paywall"`` (``is_accessible_for_free = False``), ``"partial"`` (a teaser
cut short: the match must come after the last block of the body), or ``"partial-if-cut"`` (the
same, and only when the body's last paragraph stops mid-sentence or on an ellipsis: for a bare
"Read more" that may also head a rail).

A pattern may name a group ``publisher``: when the rule fires, the text it captures is a
candidate for the original publisher (``"^this (story|article) (first|originally) appeared
(on|in) (?P<publisher>.+)$"``). For a selector match the patterns are searched in the removed
element's text, so ``© Provided by X`` captions removed by a selector still name the source.

The built-in profiles live in ``rules/profiles/*.toml``; :func:`load_rules` adds or overrides
them with a user's own file or folder. A profile's ``[fields]`` table names the CSS selectors
where its pages print the publisher, section, byline, headline or date; ``aliases`` lists the
other names its site goes by (an agency's "AP" and "The Associated Press"), so that a byline or
dateline naming it is read as the publisher, and so that an aggregator's own name is never taken
for the original source. A profile of kind ``template`` (AMP) is a *layer*: it is detected
alongside the page's aggregator or publisher profile and its rules add to theirs. See docs/rules.md
for the format with an example.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Final

from cleanarticle.model import RemovalKind
from cleanarticle.rules.linear import Searcher
from cleanarticle.textutil import strip_phrase

__all__ = [
    "CAPTURE_GROUP",
    "DEFAULT_MAX_CHARS",
    "FLAGS",
    "PROFILE_KINDS",
    "Detect",
    "Profile",
    "Rule",
]

PROFILE_KINDS = frozenset({"generic", "aggregator", "publisher", "wire", "template"})
FLAGS = frozenset({"paywall", "partial", "partial-if-cut"})
#: The only group name a pattern may define: the original publisher named by the text.
CAPTURE_GROUP: Final = "publisher"
DEFAULT_MAX_CHARS: Final = 160


def _arguments(obj: Any) -> tuple[Any, ...]:
    """A dataclass instance's field values, in order: the arguments that rebuild it.

    The rule classes pickle as a call with these (``__reduce__``): compiled (setup.py), a
    frozen dataclass cannot be restored from its state, and a :class:`RuleSet` travels to
    batch workers inside a :class:`~cleanarticle.batch.Cleaner`.
    """
    return tuple(getattr(obj, f.name) for f in fields(obj))


@dataclass(frozen=True, slots=True)
class Rule:
    """One named chrome rule (see the module docstring for the matchers)."""

    name: str
    kind: RemovalKind
    selectors: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    max_chars: int = DEFAULT_MAX_CHARS
    ends_body: bool = False
    flag: str | None = None
    profile: str = "generic"
    # The patterns that name a ``publisher`` group, compiled (case-insensitive).
    captures: tuple[Searcher, ...] = ()
    # A rule of a user's file: its patterns run on RE2, in linear time (rules/linear.py).
    user: bool = False

    def __reduce__(self) -> tuple[type[Rule], tuple[Any, ...]]:
        return Rule, _arguments(self)

    def captured_publisher(self, text: str) -> str | None:
        """The publisher named by this text, if one of the rule's patterns captures it."""
        if not self.captures:
            return None
        plain = strip_phrase(text)
        for pattern in self.captures:
            m = pattern.search(plain)
            if m is not None:
                name = m.group(CAPTURE_GROUP)
                if name:
                    return name.strip(" .,;:|-–—")
        return None


@dataclass(frozen=True, slots=True)
class Detect:
    """How a profile recognises its pages. Any one signal is enough."""

    hosts: tuple[str, ...] = ()  # host or parent domain of the URL (or canonical / og:url)
    meta: tuple[str, ...] = ()  # "property=value" pairs: og:site_name=MSN, generator=...
    selectors: tuple[str, ...] = ()  # markup fingerprints: any match detects the profile
    phrases: tuple[str, ...] = ()  # text captures: this many of these lines present ...
    min_phrases: int = 2  # ... detect the profile

    def __reduce__(self) -> tuple[type[Detect], tuple[Any, ...]]:
        return Detect, _arguments(self)


@dataclass(frozen=True, slots=True)
class Profile:
    """An aggregator / publisher / template profile, or the generic one."""

    name: str
    kind: str
    display_name: str
    detect: Detect = field(default_factory=Detect)
    rules: tuple[Rule, ...] = ()
    # Text captures: what the short lines between the header chrome and the headline are,
    # in order; a trailing "?" marks an optional line ("byline?").
    text_head: tuple[str, ...] = ()
    # HTML: where the page prints a field, as CSS selectors (first match wins):
    # {"publisher": (".sourcename-txt",), "byline": (...), "section": (...), ...}
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = "<builtin>"
    aliases: tuple[str, ...] = ()  # other names of the site ("AP", "The Associated Press")

    def __reduce__(self) -> tuple[type[Profile], tuple[Any, ...]]:
        return Profile, _arguments(self)

    def names(self) -> tuple[str, ...]:
        """The display name and the aliases, the names under which the site appears."""
        return (self.display_name, *self.aliases)

"""Chrome rules as data: profiles loaded from TOML, validated, compiled once.

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
alongside the page's aggregator or publisher profile and its rules add to theirs. See the README
for the format with an example.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast

from cleanarticle.errors import RulesError
from cleanarticle.model import RemovalKind
from cleanarticle.rules.firstchar import anchored, first_chars
from cleanarticle.rules.linear import Searcher, compile_linear, costly_selector
from cleanarticle.textutil import normalize_phrase, strip_phrase

__all__ = [
    "Detect",
    "Profile",
    "Rule",
    "RuleSet",
    "TextMatcher",
    "builtin_profiles",
    "load_profiles",
    "load_rules",
]

PROFILE_KINDS = frozenset({"generic", "aggregator", "publisher", "wire", "template"})
FLAGS = frozenset({"paywall", "partial", "partial-if-cut"})
#: The only group name a pattern may define: the original publisher named by the text.
CAPTURE_GROUP: Final = "publisher"
DEFAULT_MAX_CHARS: Final = 160
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


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


# -- loading and validation -----------------------------------------------------------------

_RULE_KEYS = frozenset(
    {
        "name",
        "kind",
        "selectors",
        "phrases",
        "prefixes",
        "patterns",
        "max_chars",
        "ends_body",
        "flag",
    }
)
_PROFILE_KEYS = frozenset(
    {"name", "kind", "display_name", "aliases", "detect", "rules", "text_head", "fields"}
)
FIELD_NAMES = frozenset({"headline", "publisher", "section", "byline", "date_published", "body"})
_DETECT_KEYS = frozenset({"hosts", "meta", "selectors", "phrases", "min_phrases"})
_HEAD_ROLES = frozenset({"publisher", "section", "byline", "date", "skip"})


def _line_of(raw: str, needle: str, after: int = 0) -> int | None:
    """1-based line of the first occurrence of needle (at or after ``after``) in the raw file."""
    pos = raw.find(needle, after)
    return raw.count("\n", 0, pos) + 1 if pos >= 0 else None


def _strings(value: Any, what: str, err: _Err) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise err(f"{what} must be a list of non-empty strings")
    return tuple(value)


class _Err:
    """Builds RulesError naming the file and the best-guess line of the failing item.

    The anchor is the text of the item (a rule's quoted name, a section header); ``value``
    narrows the line to the offending value itself when it is found after the anchor.
    """

    def __init__(self, path: str, raw: str, anchor: str = "") -> None:
        self.path, self.raw, self.anchor = path, raw, anchor

    def at(self, anchor: str) -> _Err:
        return _Err(self.path, self.raw, anchor)

    def __call__(self, message: str, value: str | None = None) -> RulesError:
        line = None
        start = 0
        if self.anchor:
            pos = self.raw.find(self.anchor)
            if pos >= 0:
                start = pos
                line = _line_of(self.raw, self.anchor)
        if value:
            for needle in (value, value.replace("\\", "\\\\"), value.replace('"', '\\"')):
                found = _line_of(self.raw, needle, start)
                if found is not None:
                    line = found
                    break
        return RulesError(message, path=self.path, line=line)


def _check_selectors(selectors: Sequence[str], err: _Err, *, user: bool = False) -> None:
    from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415 - only when loading rules

    probe = LexborHTMLParser("<p></p>")
    for sel in selectors:
        try:
            probe.css(sel)
        except Exception as exc:  # selectolax raises a bare exception type on bad CSS
            raise err(f"invalid CSS selector {sel!r}: {exc}", sel) from None
        costly = costly_selector(sel) if user else None
        if costly is not None:
            raise err(f"CSS selector {sel!r} is not allowed in a rules file: {costly}", sel)


def _prefix_key(prefix: str) -> str:
    """The comparison key of a prefix; a trailing colon is kept (as ``":"``, no space)."""
    stem = normalize_phrase(prefix)
    return stem + ":" if prefix.rstrip().endswith(":") else stem


def _starts(key: str, prefix: str) -> bool:
    """Whether a block's key starts with a prefix key (see :func:`_prefix_key`)."""
    if prefix.endswith(":"):
        stem = prefix[:-1]
        return key.startswith(stem) and key[len(stem) :].lstrip().startswith(":")
    if not key.startswith(prefix):
        return False
    nxt = key[len(prefix) : len(prefix) + 1]
    return not nxt or not nxt.isalnum()


def _parse_rule(data: Any, profile: str, err: _Err, *, user: bool = False) -> Rule:
    if not isinstance(data, dict):
        raise err("each [[rules]] entry must be a table")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise err("a rule needs a name")
    err = err.at(f'"{name}"')
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise err(f"rule {name!r}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    if not _NAME.match(name):
        raise err(f"rule name {name!r} must be lower-case letters, digits, '.', '-' or '_'")
    kind_raw = data.get("kind", "other")
    try:
        kind = RemovalKind(kind_raw)
    except ValueError:
        allowed = ", ".join(k.value for k in RemovalKind)
        raise err(f"rule {name!r}: unknown kind {kind_raw!r}; one of: {allowed}") from None
    selectors = _strings(data.get("selectors", []), f"rule {name!r}: selectors", err)
    phrases = _strings(data.get("phrases", []), f"rule {name!r}: phrases", err)
    prefixes = _strings(data.get("prefixes", []), f"rule {name!r}: prefixes", err)
    patterns = _strings(data.get("patterns", []), f"rule {name!r}: patterns", err)
    if not (selectors or phrases or prefixes or patterns):
        raise err(f"rule {name!r} has no selectors, phrases, prefixes or patterns")
    captures: list[Searcher] = []
    for pat in patterns:
        try:
            compiled = re.compile(pat, re.IGNORECASE)
        except re.error as exc:
            raise err(f"rule {name!r}: invalid pattern {pat!r}: {exc}", pat) from None
        groups = set(compiled.groupindex)
        if groups - {CAPTURE_GROUP}:
            raise err(
                f"rule {name!r}: pattern {pat!r} names group(s) {sorted(groups)}; "
                f"the only group a pattern may name is {CAPTURE_GROUP!r}",
                pat,
            )
        searcher: Searcher = compiled
        if user:
            try:
                searcher = compile_linear(pat)
            except ValueError as exc:
                raise err(f"rule {name!r}: pattern {pat!r} is refused: {exc}", pat) from None
        if groups:
            captures.append(searcher)
    _check_selectors(selectors, err, user=user)
    max_chars = data.get("max_chars", DEFAULT_MAX_CHARS)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0:
        raise err(f"rule {name!r}: max_chars must be a positive integer")
    ends_body = data.get("ends_body", False)
    if not isinstance(ends_body, bool):
        raise err(f"rule {name!r}: ends_body must be true or false")
    flag = data.get("flag")
    if flag is not None and flag not in FLAGS:
        raise err(f"rule {name!r}: flag must be one of {sorted(FLAGS)}", "flag")
    return Rule(
        name=name,
        kind=kind,
        selectors=selectors,
        phrases=tuple(normalize_phrase(p) for p in phrases),
        prefixes=tuple(_prefix_key(p) for p in prefixes),
        patterns=patterns,
        max_chars=max_chars,
        ends_body=ends_body,
        flag=flag,
        profile=profile,
        captures=tuple(captures),
        user=user,
    )


def _parse_profile(data: dict[str, Any], path: str, raw: str, *, user: bool = False) -> Profile:
    err = _Err(path, raw)
    unknown = set(data) - _PROFILE_KEYS
    if unknown:
        raise err(f"unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(_PROFILE_KEYS)}")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise err.at("name")("the profile needs a lower-case `name`")
    kind = data.get("kind", "template")
    if kind not in PROFILE_KINDS:
        raise err.at("kind")(f"profile kind must be one of {sorted(PROFILE_KINDS)}")
    display = data.get("display_name", name)
    if not isinstance(display, str):
        raise err.at("display_name")("display_name must be a string")
    aliases = _strings(data.get("aliases", []), "aliases", err.at("aliases"))
    det = data.get("detect", {})
    if not isinstance(det, dict):
        raise err.at("[detect]")("[detect] must be a table")
    derr = err.at("[detect]")
    bad = set(det) - _DETECT_KEYS
    if bad:
        raise derr(f"unknown [detect] key(s) {sorted(bad)}; allowed: {sorted(_DETECT_KEYS)}")
    detect_selectors = _strings(det.get("selectors", []), "detect.selectors", derr)
    _check_selectors(detect_selectors, derr, user=user)
    min_phrases = det.get("min_phrases", 2)
    if not isinstance(min_phrases, int) or min_phrases < 1:
        raise derr("detect.min_phrases must be a positive integer")
    meta = _strings(det.get("meta", []), "detect.meta", derr)
    for pair in meta:
        if "=" not in pair:
            raise derr(f"detect.meta entry {pair!r} must look like 'property=value'")
    detect = Detect(
        hosts=tuple(h.lower().lstrip(".") for h in _strings(det.get("hosts", []), "hosts", derr)),
        meta=meta,
        selectors=detect_selectors,
        phrases=tuple(
            normalize_phrase(p) for p in _strings(det.get("phrases", []), "phrases", derr)
        ),
        min_phrases=min_phrases,
    )
    head = _strings(data.get("text_head", []), "text_head", err.at("text_head"))
    for role in head:
        if role.rstrip("?") not in _HEAD_ROLES:
            raise err.at("text_head")(f"text_head role {role!r} not one of {sorted(_HEAD_ROLES)}")
    fields_raw = data.get("fields", {})
    ferr = err.at("[fields]")
    if not isinstance(fields_raw, dict):
        raise ferr("[fields] must be a table of field = [selectors]")
    bad_fields = set(fields_raw) - FIELD_NAMES
    if bad_fields:
        raise ferr(f"unknown field(s) {sorted(bad_fields)}; allowed: {sorted(FIELD_NAMES)}")
    fields = {k: _strings(v, f"fields.{k}", ferr) for k, v in fields_raw.items()}
    for sels in fields.values():
        _check_selectors(sels, ferr, user=user)
    rules_raw = data.get("rules", [])
    if not isinstance(rules_raw, list):
        raise err.at("rules")("`rules` must be an array of tables ([[rules]])")
    rules = tuple(_parse_rule(r, name, err.at("[[rules]]"), user=user) for r in rules_raw)
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise err.at(f'"{rule.name}"')(f"duplicate rule name {rule.name!r}")
        seen.add(rule.name)
    return Profile(name, kind, display, detect, rules, head, fields, path, aliases)


def _load_text(raw: str, path: str, *, user: bool = True) -> list[Profile]:
    try:
        return _profiles_of(raw, path, user=user)
    except RecursionError:  # tomllib and re recurse: arrays or groups nested thousands deep
        raise RulesError(
            "nested too deeply to be read (arrays, tables or pattern groups)", path=path
        ) from None


def _profiles_of(raw: str, path: str, *, user: bool) -> list[Profile]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"not valid TOML: {exc}", path=path) from None
    if "profiles" in data:  # a user file may hold several: [[profiles]] tables
        items = data["profiles"]
        if not isinstance(items, list) or set(data) != {"profiles"}:
            raise RulesError("a file with [[profiles]] may hold nothing else", path=path)
        return [_parse_profile(p, path, raw, user=user) for p in items]
    return [_parse_profile(data, path, raw, user=user)]


def load_profiles(path: str | Path) -> list[Profile]:
    """Load the profiles of one TOML file, or of every ``*.toml`` in a folder (sorted).

    Raises:
        RulesError: the file is missing or malformed; the message names the file and line.
    """
    path = Path(path)
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    out: list[Profile] = []
    for file in files:
        try:
            raw = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise RulesError(
                f"cannot read rules file: {exc.strerror or exc}", path=str(file)
            ) from None
        except UnicodeDecodeError as exc:
            raise RulesError(f"rules file is not UTF-8: {exc}", path=str(file)) from None
        out.extend(_load_text(raw, str(file)))
    return out


@lru_cache(maxsize=1)
def builtin_profiles() -> tuple[Profile, ...]:
    """The profiles shipped in ``cleanarticle/rules/profiles`` (loaded once per process)."""
    folder = resources.files("cleanarticle.rules") / "profiles"
    out: list[Profile] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            raw = entry.read_text(encoding="utf-8")
            out.extend(_load_text(raw, f"builtin:{entry.name}", user=False))
    return tuple(out)


# -- the compiled rule set -------------------------------------------------------------------


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


#: How many block texts a :class:`TextMatcher` remembers its answer for.
SEEN_TEXTS: Final = 4096
_UNSEEN = object()


class TextMatcher:
    """Matches block texts against the phrase / prefix / pattern rules of a profile.

    Most blocks match nothing, so the matchers are first tried together: the prefixes in one
    ``startswith`` call, the patterns as alternations per first character a match can
    start with (:func:`~cleanarticle.rules.firstchar.first_chars`): one for the patterns
    anchored at the start, tried there only (``match``), one searched for the others. Only a
    block that matches is looked up rule by rule, in the rules' order, to find which rule it
    was and to apply each rule's ``max_chars``. The answers for the last :data:`SEEN_TEXTS`
    texts are kept: pages repeat their chrome ("Share", "Advertisement"), and a site's pages
    each other's (about a quarter of the calls on the development pages).
    """

    __slots__ = (
        "_any_prefix",
        "_any_user",
        "_by_first",
        "_exact",
        "_max_chars",
        "_other_first",
        "_patterns",
        "_prefixes",
        "_seen",
    )

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._exact: dict[str, Rule] = {}
        self._prefixes: list[tuple[str, Rule]] = []
        # (pattern, rule, run even when the quick test says no: a user's pattern on RE2)
        self._patterns: list[tuple[Searcher, Rule, bool]] = []
        trusted: list[str] = []
        for rule in rules:  # the profile's own rules come first and win
            for phrase in rule.phrases:
                self._exact.setdefault(phrase, rule)
            self._prefixes.extend((p, rule) for p in rule.prefixes)
            for pat in rule.patterns:
                if rule.user:
                    self._patterns.append((compile_linear(pat), rule, True))
                else:
                    self._patterns.append((re.compile(pat, re.IGNORECASE), rule, False))
                    trusted.append(pat)
        limits = [r.max_chars for r in rules if r.phrases or r.prefixes or r.patterns]
        self._max_chars = max(limits, default=0)
        # Prefix stems (without a required colon) for one C-level startswith test.
        self._any_prefix = tuple(p.removesuffix(":") for p, _ in self._prefixes)
        # The quick test is built from the built-in patterns only (its alternations run on re).
        self._by_first, self._other_first = _dispatch(trusted)
        self._any_user = any(user for _, _, user in self._patterns)
        self._seen: dict[str, Rule | None] = {}

    def match(self, text: str) -> Rule | None:
        """The first rule whose phrase, prefix or pattern matches this block, if any."""
        if not text or len(text) > self._max_chars * 2:
            return None
        seen = self._seen
        found = seen.get(text, _UNSEEN)  # (one lookup: another thread may clear it)
        if found is not _UNSEEN:
            return cast("Rule | None", found)
        if len(seen) >= SEEN_TEXTS:
            seen.clear()
        rule = seen[text] = self._match(text)
        return rule

    def _match(self, text: str) -> Rule | None:
        key = normalize_phrase(text)
        n = len(key)
        if n > self._max_chars:
            return None
        rule = self._exact.get(key)
        if rule is not None and n <= rule.max_chars:
            return rule
        if self._any_prefix and key.startswith(self._any_prefix):
            for prefix, rule in self._prefixes:
                if n <= rule.max_chars and _starts(key, prefix):
                    return rule
        at_start, anywhere = (
            self._by_first.get(key[:1], self._other_first) if key else self._other_first
        )
        hit = (at_start is not None and at_start.match(key) is not None) or (
            anywhere is not None and anywhere.search(key) is not None
        )
        if hit or self._any_user:
            for pattern, rule, user in self._patterns:
                if (hit or user) and n <= rule.max_chars and pattern.search(key):
                    return rule
        return None


_Probe = tuple["re.Pattern[str] | None", "re.Pattern[str] | None"]


def _dispatch(patterns: list[str]) -> tuple[dict[str, _Probe], _Probe]:
    """Per first character, the alternations of the patterns that can start with it (and of
    those that can start with anything), and the same for every other first character; each
    split in the patterns anchored at the start (to ``match``) and the others (to ``search``)."""
    sets = [first_chars(p) if p.startswith("^") else None for p in patterns]
    at_start = [anchored(p) for p in patterns]
    chars = {ch for fc in sets if fc is not None for ch in fc[0]}

    def probe(chosen: list[int]) -> _Probe:
        return (
            _alternation([_no_groups(patterns[i]) for i in chosen if at_start[i]]),
            _alternation([_no_groups(patterns[i]) for i in chosen if not at_start[i]]),
        )

    by_first: dict[str, _Probe] = {}
    for ch in chars:
        wild_ok = not ch.isascii()
        by_first[ch] = probe(
            [i for i, fc in enumerate(sets) if fc is None or ch in fc[0] or (wild_ok and fc[1])]
        )
    others = [i for i, fc in enumerate(sets) if fc is None or fc[1]]
    return by_first, probe(others)


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _no_groups(pattern: str) -> str:
    """The pattern with its named groups made plain, so that many can share one regex."""
    return _NAMED_GROUP.sub("(?:", pattern)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:  # e.g. inline global flags: no quick rejection, each one is tried
        return re.compile("")


def load_rules(path: str | Path | None = None) -> RuleSet:
    """The built-in profiles, plus (overriding) those of a user file or folder."""
    if path is None:
        return _default_rules()
    return RuleSet([*builtin_profiles(), *load_profiles(path)])


@lru_cache(maxsize=1)
def _default_rules() -> RuleSet:
    return RuleSet(builtin_profiles())

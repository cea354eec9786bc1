"""Loading the rules: TOML files read, validated (errors name the file and line) and turned into
profiles; the built-in profiles, and :func:`load_rules`, which adds a user's own."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from cleanarticle.errors import RulesError
from cleanarticle.model import RemovalKind
from cleanarticle.rules.linear import Searcher, compile_linear, costly_selector
from cleanarticle.rules.match import prefix_key
from cleanarticle.rules.ruleset import RuleSet
from cleanarticle.rules.schema import (
    CAPTURE_GROUP,
    DEFAULT_MAX_CHARS,
    FLAGS,
    PROFILE_KINDS,
    Detect,
    Profile,
    Rule,
)
from cleanarticle.textutil import normalize_phrase

__all__ = ["builtin_profiles", "load_profiles", "load_rules"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


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
        prefixes=tuple(prefix_key(p) for p in prefixes),
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


def load_rules(path: str | Path | None = None) -> RuleSet:
    """The built-in profiles, plus (overriding) those of a user file or folder."""
    if path is None:
        return _default_rules()
    return RuleSet([*builtin_profiles(), *load_profiles(path)])


@lru_cache(maxsize=1)
def _default_rules() -> RuleSet:
    return RuleSet(builtin_profiles())

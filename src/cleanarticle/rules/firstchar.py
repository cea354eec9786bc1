"""The characters a regular expression's match can start with, to dispatch text to patterns.

Chrome rules hold a hundred or so anchored patterns, and nearly every block of a page matches
none of them. Trying them all costs more than reading the block; grouping them by the first
character they can match lets a block try only the few that can start with its own first
character. The analysis reads the pattern with the standard library's own parser
(``re._parser``); wherever it cannot tell (a class such as ``\\w``, an unknown construct, a
parser that changed), it answers "any character", which is always safe.
"""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any

__all__ = ["anchored", "first_chars"]

try:  # the parser is private; without it every pattern is simply tried for every block
    _PARSER: Any = import_module("re._parser")
    _C: Any = import_module("re._constants")
except ImportError:  # pragma: no cover - other Python implementations
    _PARSER = _C = None

_ANY = None  # "any first character"
_WILD = ""  # marker in a first-character set: "and any non-ASCII character of a class"
_CLASS_CHARS = {
    "CATEGORY_DIGIT": "0123456789",
    "CATEGORY_SPACE": " \t\n\r\f\v",
    "CATEGORY_WORD": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
}


def first_chars(pattern: str) -> tuple[frozenset[str], bool] | None:
    """The characters a case-insensitive match of ``pattern`` can start with, and whether it
    can also start with other, non-ASCII characters (``\\d``, ``\\w`` and ``\\s`` match
    Unicode); None when it can start with anything or match the empty string."""
    if _PARSER is None:
        return _ANY
    try:
        parsed = _PARSER.parse(pattern, re.IGNORECASE)
        chars, nullable = _seq(list(parsed))
    except Exception:  # an unexpected construct: be safe
        return _ANY
    if chars is None or nullable:
        return _ANY
    wild = _WILD in chars
    return frozenset(chars - {_WILD}), wild


def anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at the start of the text (it opens with
    ``^`` outside any alternation, without the MULTILINE flag): ``match`` finds what
    ``search`` finds. False whenever the parser cannot tell."""
    if _PARSER is None or not pattern.startswith("^"):
        return False
    try:
        parsed = _PARSER.parse(pattern, re.IGNORECASE)
    except Exception:  # an unexpected construct: be safe
        return False
    if parsed.state.flags & re.MULTILINE:
        return False
    items = list(parsed)
    return bool(items) and items[0][0] is _C.AT and items[0][1] is _C.AT_BEGINNING


def _seq(items: list[Any]) -> tuple[set[str] | None, bool]:
    """First characters of a sequence of parsed items, and whether it can match empty."""
    out: set[str] = set()
    for op, arg in items:
        chars, nullable = _item(op, arg)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    c = _C
    if op is c.AT:
        return set(), True
    if op is c.LITERAL:
        return _cases(chr(arg)), False
    if op is c.IN:
        chars: set[str] = set()
        for sub_op, sub_arg in arg:
            if sub_op is c.LITERAL:
                chars |= _cases(chr(sub_arg))
            elif sub_op is c.RANGE and sub_arg[1] - sub_arg[0] < 512:
                for code in range(sub_arg[0], sub_arg[1] + 1):
                    chars |= _cases(chr(code))
            elif sub_op is c.CATEGORY and str(sub_arg) in _CLASS_CHARS:
                chars |= set(_CLASS_CHARS[str(sub_arg)]) | {_WILD}
            else:  # NEGATE, other categories (\W, \S), wide ranges
                return None, False
        return chars, False
    if op is c.SUBPATTERN:
        return _seq(list(arg[-1]))
    if op is c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in arg[1]:
            chars_b, null_b = _seq(list(branch))
            if chars_b is None:
                return None, False
            out |= chars_b
            nullable = nullable or null_b
        return out, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = arg
        chars_r, null_r = _seq(list(sub))
        return chars_r, null_r or low == 0
    return None, False


def _cases(ch: str) -> set[str]:
    """The forms a character may take in a case-folded key."""
    return {ch, ch.lower(), ch.upper(), ch.casefold()[:1]}

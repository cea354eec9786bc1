"""A user's rules must not be able to hang a call: patterns in linear time, selectors bounded.

A rules file is the user's, but it meets pages nobody has read. With Python's ``re`` (a
backtracking engine), a pattern such as ``(a+)+$`` takes exponential time on a block of
``a`` then ``b``, inside one C call that no time limit can interrupt. The patterns of a
user's rules therefore run on RE2 (``google-re2``), whose time is linear in the text:

* :func:`compile_linear` translates the few Python spellings whose meaning differs in RE2
  (``\\w``, ``\\d``, ``\\s`` match Unicode in Python, ASCII in RE2: they become Unicode
  classes; ``\\Z`` becomes ``\\z``) and compiles the pattern case-insensitively;
* a pattern RE2 cannot run (look-around, back-references) is refused when the rules are
  loaded, with the reason (:class:`ValueError`, turned into a ``RulesError``).

``\\b`` and ``\\B`` stay ASCII word boundaries in RE2, and ``\\W``, ``\\D`` and ``\\S`` inside a
class ``[...]`` ASCII classes. The built-in profiles' patterns, reviewed and tuned for speed,
run on ``re``.

CSS selectors meet the same pages in Lexbor, whose matching of descendant (and ``~``)
combinators backtracks: each combinator multiplies the work by the depth of the page, and
``:has()`` by much more (``div:has(div div div div span)`` took 18 s on 100 nested ``div``,
``p div div div div div div span`` 21 s on 50 levels). :func:`costly_selector` names what a
user's selector may not hold: ``:has()``, or more than one descendant or ``~`` combinator.
"""

from __future__ import annotations

from typing import Any, Final, Protocol

__all__ = ["Found", "LinearPattern", "Searcher", "compile_linear", "costly_selector"]

#: Python's Unicode classes, outside and inside a character class.
_OUTSIDE: Final = {
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": r"[\s\x0B\x1C-\x1F\x{85}\p{Z}]",
    "S": r"[^\s\x0B\x1C-\x1F\x{85}\p{Z}]",
}
_INSIDE: Final = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "s": r"\s\x0B\x1C-\x1F\x{85}\p{Z}"}
#: Descendant or ``~`` combinators a user's selector may hold.
MAX_BACKTRACKING_COMBINATORS: Final = 1


class Found(Protocol):
    """A match: the text of a named group."""

    def group(self, name: str, /) -> str | Any:
        """The text the named group matched (None when it took no part)."""


class Searcher(Protocol):
    """A compiled pattern: ``re.Pattern`` or :class:`LinearPattern`."""

    def search(self, string: str, /) -> Found | None:
        """The first match anywhere in the string, or None."""


class LinearPattern:
    """A pattern compiled by RE2 (case-insensitive); pickles as its source."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        import re2  # noqa: PLC0415 - only for a user's rules

        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False  # (RE2 writes failures to standard error otherwise)
        self.pattern = pattern
        self._compiled: Any = re2.compile(to_re2(pattern), options)

    def search(self, string: str, /) -> Found | None:
        """The first match anywhere in the string, or None (linear time)."""
        found: Found | None = self._compiled.search(string)
        return found

    def __reduce__(self) -> tuple[type[LinearPattern], tuple[str]]:
        return LinearPattern, (self.pattern,)

    def __repr__(self) -> str:
        return f"LinearPattern({self.pattern!r})"


def compile_linear(pattern: str) -> LinearPattern:
    """Compile a user's pattern for RE2.

    Raises:
        ValueError: RE2 cannot run it; the message says why.
    """
    try:
        return LinearPattern(pattern)
    except ImportError as exc:  # pragma: no cover - google-re2 is a dependency
        raise ValueError(f"google-re2 is not installed ({exc})") from None
    except Exception as exc:  # re2.error: the message is RE2's own, as bytes
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(
            f"the linear-time engine (RE2) cannot run it: {reason}. Rules files run user "
            "patterns on RE2, so that no page can make a pattern take exponential time: "
            "look-around ((?=...), (?!...), (?<=...), (?<!...)) and back-references are "
            "not available"
        ) from None


def to_re2(pattern: str) -> str:
    r"""The pattern with Python's Unicode ``\w``, ``\d``, ``\s`` (and their negations) spelled
    as RE2 classes, and ``\Z`` as ``\z``.

    >>> to_re2(r"^\w+[\d-]\Z")
    '^[\\p{L}\\p{N}_]+[\\p{Nd}-]\\z'
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = -1
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            escaped = pattern[i + 1]
            if in_class:
                out.append(_INSIDE.get(escaped, pattern[i : i + 2]))
            elif escaped == "Z":
                out.append(r"\z")
            else:
                out.append(_OUTSIDE.get(escaped, pattern[i : i + 2]))
            i += 2
            continue
        if in_class:
            # A "]" first in the class (after "[" or "[^") is a literal.
            if char == "]" and i > class_start:
                in_class = False
        elif char == "[":
            in_class = True
            class_start = i + 2 if pattern[i + 1 : i + 2] == "^" else i + 1
        out.append(char)
        i += 1
    return "".join(out)


def costly_selector(selector: str) -> str | None:
    """Why a user's CSS selector could take time growing with a power of the page's depth
    (:func:`:has() <costly_selector>`, or more than one descendant or ``~`` combinator in
    one of its comma-separated parts), or None when it is bounded like the built-in ones."""
    if ":has(" in selector.lower():
        return ":has() makes Lexbor search below every candidate element"
    for part in _split_top(selector):
        combinators = _backtracking_combinators(part)
        if combinators > MAX_BACKTRACKING_COMBINATORS:
            return (
                f"{part.strip()!r} chains {combinators} descendant or '~' combinators, and "
                "each multiplies the work by the depth of the page (a crafted page makes it "
                "take minutes); use at most one, or the child combinator '>'"
            )
    return None


def _split_top(selector: str) -> list[str]:
    """The comma-separated parts of a selector list (commas inside (), [] or quotes kept)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(selector):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    parts.append(selector[start:])
    return parts


def _backtracking_combinators(part: str) -> int:
    """How many descendant (white space) and ``~`` combinators a complex selector holds,
    inside :is(), :not() and :where() included (not inside [] or quotes)."""
    count = 0
    quote = ""
    brackets = 0
    previous = ""  # the last character that is not white space
    pending_space = False
    for char in part.strip():
        if quote:
            quote = "" if char == quote else quote
            previous = "x"
            continue
        if char in "\"'":
            quote = char
        elif char == "[":
            brackets += 1
        elif char == "]":
            brackets = max(0, brackets - 1)
        if brackets:
            previous = "x"
            continue
        if char.isspace():
            pending_space = True
            continue
        if char == "~":
            count += 1
        elif (
            pending_space
            and previous not in ("", ">", "+", "~", ",", "(")
            and char
            not in (
                ">",
                "+",
                "~",
                ",",
                ")",
            )
        ):
            count += 1  # white space between two compounds: a descendant combinator
        pending_space = False
        previous = char
    return count

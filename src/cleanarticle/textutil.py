"""Small text helpers shared by the HTML and text-capture paths (no markup here)."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CONTROLS",
    "INVISIBLE",
    "alnum_key",
    "ascii_equal",
    "collapse",
    "count_words",
    "drop_controls",
    "drop_invisible",
    "normalize_phrase",
    "squeeze",
    "strip_phrase",
]

#: Zero-width and soft-hyphen characters that scraped text is littered with.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: What no text of an article may hold: the C0 controls but tab, newline (and carriage return,
#: made a newline), DEL, the C1 controls, and the bidirectional embeddings, overrides and
#: isolates (U+202A-U+202E, U+2066-U+2069), with which a text can rewrite a terminal or
#: reorder what a reader sees. The marks right-to-left text needs stay: U+200E, U+200F and
#: U+061C, and the joiners U+200C and U+200D.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w without "_" is exactly str.isalnum()
_EDGE_PUNCT = " \t\n\r\"'“”‘’«»:;,.!?…-–—•·*|>()[]"


def alnum_key(text: str) -> str:
    """``text`` case-folded, with only its letters and digits: ``"The Verge"`` -> ``"theverge"``
    (names compared whatever their spacing and punctuation)."""
    return _NOT_ALNUM.sub("", text.casefold())


def ascii_equal(value: str | None, word: str) -> bool:
    """Whether ``value`` is ``word`` (lower case), ASCII case aside: CSS's ``i`` flag, as in
    ``[name="author" i]`` (a non-ASCII letter never matches an ASCII one)."""
    return (
        value is not None and len(value) == len(word) and value.isascii() and value.lower() == word
    )


def drop_controls(text: str) -> str:
    """``text`` without the :data:`CONTROLS` characters; a carriage return becomes a newline
    (``\\r\\n`` one newline). The one function that cleans every text of an
    :class:`~cleanarticle.model.Article` (it is applied when one is built).

    >>> drop_controls("\\x1b[31mred\\x1b[0m \\u202eevil\\u202c\\r\\nnext")
    '[31mred[0m evil\\nnext'
    """
    if text.isprintable() or CONTROLS.search(text) is None:  # (none is printable)
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROLS.sub("", text)


def drop_invisible(text: str) -> str:
    """``text`` without the :data:`INVISIBLE` characters.

    Six ``in`` tests (C searches, and none at all for a character wider than the string's
    own storage) are much cheaper than the regex scan, and most texts hold none."""
    if (
        "\u00ad" in text
        or "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
    ):
        return INVISIBLE.sub("", text)
    return text


def squeeze(text: str) -> str:
    """``" ".join(text.split())``: runs of white space (NBSP included) to one space, the ends
    stripped; invisible characters are kept (:func:`collapse` drops them)."""
    if "  " not in text and text.isprintable():  # no tab, newline, NBSP, invisible, double
        return text.strip()
    return " ".join(text.split())


def collapse(text: str) -> str:
    """Collapse runs of white space (NBSP included) to one space and strip the ends, and drop
    the :data:`INVISIBLE` characters."""
    if "  " not in text and text.isprintable():  # (the fast path of squeeze)
        return text.strip()
    if not text.isascii():
        text = drop_invisible(text)
    return " ".join(text.split())


def normalize_phrase(text: str) -> str:
    """The comparison key of a phrase: NFKC, case-folded, white space collapsed, outer
    punctuation trimmed, typographic apostrophes made plain.

    >>> normalize_phrase("  Already a member?  Sign in HERE! ")
    'already a member? sign in here'
    """
    if text.isascii():  # NFKC and the apostrophes leave it as it is; casefold() is lower()
        return collapse(text).lower().strip(_EDGE_PUNCT)
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return collapse(text).casefold().strip(_EDGE_PUNCT)


def strip_phrase(text: str) -> str:
    """:func:`normalize_phrase` without the case folding: the text as printed, for reading
    names out of it (NFKC, white space collapsed, outer punctuation trimmed).

    >>> strip_phrase(" © Provided by  Business Insider. ")
    '© Provided by Business Insider'
    """
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return collapse(text).strip(_EDGE_PUNCT)


def count_words(text: str) -> int:
    """Count words: runs of word characters, each CJK/kana/hangul character counting as one."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return cjk + len(_WORD.findall(_CJK.sub(" ", text)))

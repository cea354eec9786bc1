"""The wire dateline that opens a story: ``"LOS ANGELES (Reuters) -"``, ``"PARIS (AFP) -"``.

It is a field (``Article.dateline``), split off the body's first paragraph, and it names the
wire whose copy a page republishes (:func:`cleanarticle.fields.profile.wire_from_dateline`).
"""

from __future__ import annotations

import re

__all__ = ["split_dateline"]

# "LOS ANGELES (Reuters) -", "COLUMBIA, S.C. (AP) —", "ST. LOUIS, MO (KTVI) –", "BERLIN, Jan 5 (AFP) -"
_DATELINE = re.compile(
    r"^((?:[A-Z][A-Z.'’\- ]{1,40}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    r"(?:,\s*[A-Z][A-Za-z.]{0,20}(?: [A-Z][A-Za-z.]{0,20}){0,2})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*\((?:[A-Z][A-Za-z&.\- ]{0,30})\)\s*[-–—]{1,2})\s+(\S.*)$",
    re.DOTALL,
)


def split_dateline(text: str) -> tuple[str, str] | None:
    """Split a wire dateline off the first paragraph: ``("LOS ANGELES (Reuters)", rest)``."""
    if "(" not in text[:80]:
        return None
    m = _DATELINE.match(text)
    if m is None:
        return None
    dateline = m.group(1).rstrip("-–— ").strip()
    return dateline, m.group(2)

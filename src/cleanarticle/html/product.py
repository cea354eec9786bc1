"""A product page whose markup holds little: its description and specifications from the
``Product`` it declares in JSON-LD.

Shops often build the product's description and its table of specifications with scripts,
and ship them for search engines as a JSON-LD ``Product`` (``description``,
``additionalProperty``). When the body found in the page is short and does not already say
what the ``Product`` says, :func:`add_declared_product` adds the description as the opening
paragraph and the specifications as a table at the end.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from cleanarticle.draft import Unit, UnitKind

if TYPE_CHECKING:
    from cleanarticle.fields.jsonld import Product

__all__ = ["add_declared_product"]

#: The body "has little" below this many words.
LITTLE_WORDS: Final = 120
#: A description whose words are this much in the body already is there.
PRESENT_SHARE: Final = 0.6
_WORD = re.compile(r"\w+")
#: A description that runs its parts together ("...forms.|The Atelier Sofa is...").
_PARTS = re.compile(r"\s*\|\s*|(?<=[.!?])(?=[A-Z])")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _present(text: str, body: set[str]) -> bool:
    words = _words(text)
    return bool(words) and sum(1 for w in words if w in body) >= PRESENT_SHARE * len(words)


def add_declared_product(units: list[Unit], product: Product | None) -> list[Unit]:
    """``units`` with the declared product's description and specifications added when the
    body has little (see the module docstring)."""
    if product is None or (not product.description and not product.specs):
        return units
    body_words = [w for u in units for w in _words(u.text)]
    body_words += [w for u in units for row in u.rows for cell in row for w in _words(cell)]
    if len(body_words) >= LITTLE_WORDS:
        return units
    body = set(body_words)
    out = list(units)
    description = product.description
    if description and not _present(description, body):
        parts = [p for p in _PARTS.split(description) if p.strip()]
        out[:0] = [Unit(UnitKind.PARAGRAPH, p.strip()) for p in parts]
    rows = [[name, value] for name, value in product.specs if not _present(value, body)]
    if rows:
        out.append(Unit(UnitKind.TABLE, "", rows=rows))
    return out

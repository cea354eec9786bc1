"""Tunable settings of an extraction, with their defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

__all__ = ["DEFAULTS", "Options"]


@dataclass(frozen=True, slots=True)
class Options:
    """Every threshold and bound of :func:`cleanarticle.extract`.

    Attributes:
        max_input_bytes: larger inputs raise :class:`InputTooLargeError` (default 50 MB).
        timeout: seconds one ``extract`` call may take before raising
            :class:`ResourceLimitError`; ``None`` for no bound (the default: the engine is
            linear, and batch jobs apply their own per-document timeout).
        max_depth: element nesting deeper than this is flattened before analysis, so that
            pathological pages cannot make any pass quadratic or recurse too deep.
        detect_language: run language detection on the body when the page does not declare
            a language, or to check the one it declares.
        min_paragraph_chars: a text block shorter than this, with no sentence punctuation,
            is treated as a label, not a paragraph, when scoring content.
        include_tables: keep data tables inside the article body as table blocks.
        include_removed_text: keep the removed text in ``Article.removed`` (set ``False`` to
            keep only kinds and rule names, for smaller batch output).
        language_sample_chars: how much of the body language detection reads.
    """

    max_input_bytes: int = 50_000_000
    timeout: float | None = None
    max_depth: int = 256
    detect_language: bool = True
    min_paragraph_chars: int = 25
    include_tables: bool = True
    include_removed_text: bool = True
    language_sample_chars: int = 2000

    def with_(self, **changes: Any) -> Options:
        """Return a copy with some settings changed."""
        return replace(self, **changes)


DEFAULTS = Options()

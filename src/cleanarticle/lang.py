"""The body's language as an ISO 639-1 code: the page's declaration, checked by langdetect.

langdetect is seeded (its results are random otherwise) and reads a bounded sample, so the
same text always gives the same answer at a bounded cost. A declaration that langdetect
contradicts with confidence loses; a declaration is also what decides when the sample is too
short to judge.
"""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["detect_language", "normalize_lang"]

_LANG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*\s*$")
_lock = threading.Lock()
_factory: Any = None
#: Below this many letters, langdetect is not asked (it is unreliable on short text).
MIN_SAMPLE_LETTERS = 40
#: langdetect must be this sure to overrule the page's own declaration.
OVERRULE_PROB = 0.90
# ISO 639-2/3 codes some pages declare, to their ISO 639-1 form.
_THREE_TO_TWO = {
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "por": "pt",
    "ita": "it",
    "nld": "nl",
    "dut": "nl",
    "pol": "pl",
    "rus": "ru",
    "zho": "zh",
    "chi": "zh",
    "jpn": "ja",
    "ara": "ar",
    "tur": "tr",
    "swe": "sv",
}


def normalize_lang(value: str | None) -> str | None:
    """``"en-US"`` -> ``"en"``; None for values that are not language tags."""
    if not value:
        return None
    m = _LANG.match(value)
    if m is None:
        return None
    code = m.group(1).lower()
    if len(code) == 3:
        return _THREE_TO_TWO.get(code)
    return code


def _detector_factory() -> Any:
    global _factory  # noqa: PLW0603 - the profiles load once per process, on first use
    with _lock:
        if _factory is None:
            from langdetect import DetectorFactory, detector_factory  # noqa: PLC0415

            detector_factory.init_factory()
            DetectorFactory.seed = 0
            _factory = detector_factory._factory
    return _factory


def _langdetect(sample: str) -> tuple[str, float] | None:
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415

    factory = _detector_factory()
    try:
        detector = factory.create()
        detector.append(sample)
        probs = detector.get_probabilities()
    except LangDetectException:
        return None
    if not probs:
        return None
    top = probs[0]
    code = str(top.lang).split("-")[0]
    return code, float(top.prob)


def detect_language(
    declared: str | None, text: str, *, sample_chars: int = 2000, enabled: bool = True
) -> str | None:
    """The body's language: the declaration unless langdetect confidently disagrees."""
    lang = normalize_lang(declared)
    if not enabled:
        return lang
    sample = text[:sample_chars]
    letters = sum(1 for ch in sample[:400] if ch.isalpha())
    if letters < MIN_SAMPLE_LETTERS:
        return lang
    found = _langdetect(sample)
    if found is None:
        return lang
    code, prob = found
    if lang is None or (code != lang and prob >= OVERRULE_PROB):
        return code
    return lang

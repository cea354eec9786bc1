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
#: Languages with a script of their own, and that script (one letter).
SCRIPTS: dict[str, re.Pattern[str]] = {
    "ko": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "zh": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "uk": re.compile(r"[\u0400-\u04ff]"),
    "bg": re.compile(r"[\u0400-\u04ff]"),
    "mk": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "fa": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "ur": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "he": re.compile(r"[\u0590-\u05ff]"),
    "el": re.compile(r"[\u0370-\u03ff]"),
    "th": re.compile(r"[\u0e00-\u0e7f]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
}
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
    if not _script_agrees(code, sample):
        return lang  # e.g. "ko" for Chinese text without a single Hangul letter
    if lang is None or (code != lang and prob >= OVERRULE_PROB):
        return code
    return lang


def _script_agrees(code: str, sample: str) -> bool:
    """Whether a language written in its own script has that script in the sample (a fifth
    of the letters at least); languages in the Latin script always agree."""
    script = SCRIPTS.get(code)
    if script is None:
        return True
    letters = [ch for ch in sample[:400] if ch.isalpha()]
    if not letters:
        return True
    return sum(1 for ch in letters if script.match(ch)) * 5 >= len(letters)

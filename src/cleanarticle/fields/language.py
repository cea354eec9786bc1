"""The body's language as an ISO 639-1 code: the page's declaration, checked cheaply.

A quick check runs first: the writing system (Hangul, kana, Han, Thai, Greek, ... name one
language each) and, for Latin script, the share of each language's function words
(:mod:`cleanarticle.fields.stopwords`). When the check agrees with the page's declaration, or is
sure on a page that declares nothing, that is the answer. Only when they disagree, or when
the check cannot tell (Cyrillic, Arabic, Devanagari, close neighbours like Danish and
Norwegian, languages outside the tables), is langdetect asked, on a bounded sample. langdetect
is seeded (its results are random otherwise), so the same text always gives the same answer;
it must be sure to overrule a declaration.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from cleanarticle.fields.stopwords import FAMILIES, SCRIPT_LANGUAGES, SHARED_SCRIPTS, STOPWORDS

__all__ = ["detect_language", "load_profiles", "normalize_lang"]

_LANG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*\s*$")
_lock = threading.Lock()
_factory: Any = None
#: Below this many letters, langdetect is not asked (it is unreliable on short text).
MIN_SAMPLE_LETTERS = 40
#: langdetect must be this sure to overrule the page's own declaration.
OVERRULE_PROB = 0.90
#: The quick check names a language when its function words are this share of the words...
QUICK_MIN_SHARE = 0.12
#: ...and this many times the share of the runner-up.
QUICK_MARGIN = 1.5
#: A declared language agrees with the text when its function-word share is at least this
#: fraction of the best language's.
AGREE_RATIO = 0.6
#: The text plainly is a language when its function words are this share of the words and
#: this many times those of the declared language and of the runner-up.
PLAIN_SHARE = 0.2
PLAIN_MARGIN = 3.0
#: How many characters and words of the body the quick check reads.
QUICK_CHARS = 1200
QUICK_WORDS = 200
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_LATIN_OR_NONLETTER = re.compile(r"[\W\d_a-zA-Z\u00c0-\u024f]+")
_WORDS = re.compile(r"[^\W\d_]+")
_SCRIPTS = tuple(
    (code, re.compile(f"[{chr(lo)}-{chr(hi)}]")) for _name, lo, hi, code in SCRIPT_LANGUAGES
)
#: function word -> the languages it belongs to.
_INDEX: dict[str, tuple[str, ...]] = {
    word: tuple(code for code, table in STOPWORDS.items() if word in table)
    for word in set().union(*STOPWORDS.values())
}
_SCRIPT_CODES = tuple(dict.fromkeys(code for code, _rx in _SCRIPTS))
#: Scripts shared by many languages: a declaration written in it is trusted as is.
_SHARED_SCRIPTS = tuple((re.compile(f"[{ranges}]"), langs) for _n, ranges, langs in SHARED_SCRIPTS)
#: language -> the non-Latin scripts it is written in (own scripts and shared ones).
_CODE_SCRIPTS: dict[str, list[re.Pattern[str]]] = {}
for _code, _rx in _SCRIPTS:
    _CODE_SCRIPTS.setdefault(_code, []).append(_rx)
for _rx, _langs in _SHARED_SCRIPTS:
    for _code in _langs:
        _CODE_SCRIPTS.setdefault(_code, []).append(_rx)
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


def load_profiles() -> None:
    """Load langdetect's profiles now (else on first use: about a second). Done before an
    extraction with a time limit, which must not interrupt it half-way."""
    _detector_factory()


def _detector_factory() -> Any:
    global _factory  # noqa: PLW0603 - the profiles load once per process, on first use
    with _lock:
        if _factory is None:
            from langdetect import DetectorFactory, detector_factory  # noqa: PLC0415

            detector_factory.init_factory()
            DetectorFactory.seed = 0
            factory = detector_factory._factory
            # The n-gram table (88,000 rows) is only read: rows as tuples of floats, which
            # the cyclic GC stops tracking, rather than lists it walks at every full
            # collection of the process (a few % of a batch's time).
            table = factory.word_lang_prob_map
            for ngram, row in table.items():
                table[ngram] = tuple(row)
            _factory = factory
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


def _family(a: str, b: str) -> bool:
    return any(a in fam and b in fam for fam in FAMILIES)


def quick_language(sample: str, declared: str | None) -> tuple[str | None, bool]:
    """The quick check: ``(language, sure)``; ``(None, False)`` when it cannot tell.

    ``sure`` is False when the answer needs langdetect's confirmation (the text and the
    declaration disagree, or the text is in a script or language the tables cannot settle).
    """
    words = _WORDS.findall(sample)
    letters = sum(map(len, words))
    if letters < MIN_SAMPLE_LETTERS:
        return declared, True
    # Not mainly Latin script (ASCII is: a flag of the str, no pass over it).
    if not sample.isascii() and len(_LATIN_OR_NONLETTER.sub("", sample)) > 0.3 * letters:
        counts = dict.fromkeys(_SCRIPT_CODES, 0)
        for code, rx in _SCRIPTS:
            counts[code] += len(rx.findall(sample))
        if counts["ja"] > 0.05 * letters and counts["ja"] + counts["zh"] > 0.3 * letters:
            return "ja", True
        for code, n in counts.items():
            if n > 0.3 * letters and code != "ja":
                return code, True
        for rx, langs in _SHARED_SCRIPTS:
            if len(rx.findall(sample)) > 0.5 * letters:
                return (declared, True) if declared in langs else (None, False)
        if len(_LATIN.findall(sample)) < 0.5 * letters:
            return declared, declared is not None
    words = words[:QUICK_WORDS]
    hits = dict.fromkeys(STOPWORDS, 0)
    for word in words:
        for code in _INDEX.get(word.lower(), ()):
            hits[code] += 1
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    (best, top), (_second, runner) = ranked[0], ranked[1]
    share = top / len(words) if words else 0.0
    if declared is not None:
        if declared in hits:
            if hits[declared] >= AGREE_RATIO * top or _family(declared, best):
                return declared, True
            # A template's wrong declaration, plainly contradicted by the text.
            plain = share >= PLAIN_SHARE and top >= PLAIN_MARGIN * max(hits[declared], runner)
            return best, plain and not any(best in fam for fam in FAMILIES)
        # A language outside the tables: trusted unless the text is plainly a known one.
        return (declared, True) if share < 0.2 else (best, False)
    if share >= QUICK_MIN_SHARE and top >= QUICK_MARGIN * runner:
        return best, not any(best in fam for fam in FAMILIES)
    return None, False


def detect_language(
    declared: str | None, text: str, *, sample_chars: int = 2000, enabled: bool = True
) -> str | None:
    """The body's language: the declaration unless the text plainly says otherwise."""
    lang = normalize_lang(declared)
    if not enabled:
        return lang
    sample = text[:sample_chars]
    guess, sure = quick_language(sample[:QUICK_CHARS], lang)
    if sure:
        return guess
    found = _langdetect(sample)
    if found is None:
        return lang or guess
    code, prob = found
    if not _script_agrees(code, sample):
        return lang  # e.g. "ko" for Chinese text without a single Hangul letter
    if lang is None or (code != lang and prob >= OVERRULE_PROB):
        return code
    return lang


def _script_agrees(code: str, sample: str) -> bool:
    """Whether a language written in a script other than Latin has that script in the sample
    (a fifth of the letters at least); languages in the Latin script always agree."""
    scripts = _CODE_SCRIPTS.get(code)
    if not scripts:
        return True
    letters = [ch for ch in sample[:400] if ch.isalpha()]
    if not letters:
        return True
    return sum(1 for ch in letters if any(rx.match(ch) for rx in scripts)) * 5 >= len(letters)

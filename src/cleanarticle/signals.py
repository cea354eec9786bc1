"""What class, id, role and itemprop words and tag names say about an element.

Rules as data: the word patterns are named tables (:data:`SIGNALS`, :data:`TAG_HINTS`);
:func:`element_factor` and :func:`is_caption` read an element's words against them.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "SIGNALS",
    "TAG_HINTS",
    "class_factor",
    "element_factor",
    "is_caption",
    "significant_words",
]

#: Class / id / role / itemprop words that raise or lower a container's score.
SIGNALS: dict[str, re.Pattern[str]] = {
    "negative": re.compile(
        r"comment|sidebar|side-bar|footer|related|share|sharing|social|promo(?!ted)|newsletter|"
        r"subscribe|signup|sign-up|breadcrumb|(?<!elementor-)widget|advert|\bads?\b|\bad-|-ad\b|"
        r"sponsor|popup|modal|cookie|consent|banner|masthead|outbrain|taboola|trending|popular|"
        r"recommend|more-stories|read-more|readmore|disqus|pagination|pager|toolbar|"
        r"\bnav\b|navigation|navbar|menu|\bmeta\b|byline|author-bio|tags\b|rail\b|teaser|"
        r"most-read|mostread|paywall|subscription|app-promo|jump-link|skip-link|print-only",
        re.IGNORECASE,
    ),
    "positive": re.compile(
        r"article|content|\bbody\b|entry|\bpost\b|story|\btext\b|\bmain\b|prose|blog|"
        r"richtext|rich-text|articlebody|article-body|post-body|entry-content|story-body|"
        r"page-content|field-body|td-post-content|articlebody",
        re.IGNORECASE,
    ),
    # Captions and credits of images and videos (kept out of the paragraphs).
    "caption": re.compile(
        r"caption|credit|copyright|bildunterschrift|bildtext|bildnachweis|legende|"
        r"photo-?text|image-?text|img-?text",
        re.IGNORECASE,
    ),
    # Containers that are strongly content, whatever else their classes say.
    "article": re.compile(
        r"articlebody|article-body|article__body|story-body|post-content|"
        r"entry-content|article-content|articletext",
        re.IGNORECASE,
    ),
}
#: Elements whose tag alone says they are not the article's text.
TAG_HINTS: dict[str, float] = {"nav": 0.5, "aside": 0.6, "footer": 0.6}
#: Score factors of the class words.
ARTICLE_FACTOR = 1.5
POSITIVE_FACTOR = 1.25
NEGATIVE_FACTOR = 0.6
#: The range of :func:`element_factor`.
MAX_FACTOR = max(ARTICLE_FACTOR, POSITIVE_FACTOR) * max(1.0, *TAG_HINTS.values())
MIN_FACTOR = NEGATIVE_FACTOR * min(1.0, *TAG_HINTS.values())
_STATE_PREFIXES = ("is-", "has-", "js-")
_RESPONSIVE = re.compile(
    r"(?:hidden|visible|show|hide|d-none)-(?:xs|sm|md|lg|xl|phone|tablet|desktop|mobile)"
)


def significant_words(attrs: str) -> str:
    """The class / id words that say what an element is, not how it looks or behaves.

    State and script hooks (``is-*``, ``has-*``, ``js-*``) and BEM modifiers (``--ads`` in
    ``section--ads``, ``--promoted`` in ``node--promoted``) describe a variant of the element,
    not its role, and are dropped; so are responsive visibility helpers (``hidden-xs``).
    """
    words = []
    for token in attrs.split():
        if token.startswith(_STATE_PREFIXES) or _RESPONSIVE.match(token):
            continue
        words.append(token.split("--", 1)[0])
    return " ".join(words)


@lru_cache(maxsize=16384)
def class_factor(attrs: str) -> float:
    """How much an element's words raise (> 1) or lower (< 1) its score.

    A pure function of the words, cached across pages (class names repeat across a site's
    pages and across page templates).
    """
    if not attrs:
        return 1.0
    words = significant_words(attrs)
    if SIGNALS["article"].search(words):
        return ARTICLE_FACTOR
    factor = 1.0
    if SIGNALS["negative"].search(words):
        factor *= NEGATIVE_FACTOR
    if SIGNALS["positive"].search(words):
        factor *= POSITIVE_FACTOR
    return factor


def element_factor(attrs: str, tag: str) -> float:
    """:func:`class_factor` times the tag's own hint (:data:`TAG_HINTS`)."""
    return class_factor(attrs) * TAG_HINTS.get(tag, 1.0)


@lru_cache(maxsize=16384)
def is_caption(attrs: str) -> bool:
    """Whether an element's words name a caption or a credit."""
    return bool(attrs) and SIGNALS["caption"].search(significant_words(attrs)) is not None

"""What class, id, role and itemprop words and tag names say about an element.

Rules as data: the words are named tables (:data:`SIGNAL_WORDS`, :data:`TAG_HINTS`);
:func:`element_factor` and :func:`is_caption` read an element's words against them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = [
    "SIGNALS",
    "SIGNAL_WORDS",
    "TAG_HINTS",
    "TEXT_TAGS",
    "class_factor",
    "class_signature",
    "element_factor",
    "is_caption",
    "is_comments",
    "is_overlay",
    "is_ticker",
    "same_kind",
    "significant_words",
]

#: Class / id / role / itemprop words, lower case. Each signal has *stems*, found anywhere in
#: the words ("comment" in "commentlist"), and *words*, found only as whole tokens between
#: separators ("ad" in "ad-slot", not in "header").
SIGNAL_WORDS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    # Furniture: lowers a container's score; marks a subtree as not the body.
    "negative": (
        (
            "comment",
            "sidebar",
            "side-bar",
            "footer",
            "related",
            "share",
            "sharing",
            "social",
            "promo",
            "newsletter",
            "subscribe",
            "signup",
            "sign-up",
            "breadcrumb",
            "widget",
            "advert",
            "sponsor",
            "popup",
            "modal",
            "cookie",
            "consent",
            "banner",
            "masthead",
            "outbrain",
            "taboola",
            "trending",
            "popular",
            "recommend",
            "more-stories",
            "read-more",
            "readmore",
            "disqus",
            "pagination",
            "pager",
            "toolbar",
            "navigation",
            "navbar",
            "menu",
            "byline",
            "author-bio",
            "teaser",
            "most-read",
            "mostread",
            "paywall",
            "subscription",
            "jump-link",
            "skip-link",
            "print-only",
            "author",
            "autor",
            "rating",
            "bewertung",
            "table-of-contents",
            "donat",
            "spende",
            "disclaimer",
            "login",
            # a video or audio player: its controls and settings menus are no text
            "videoplayer",
            "video-player",
            "mediaplayer",
            "media-player",
            "audioplayer",
            "audio-player",
        ),
        frozenset(["nav", "meta", "ad", "ads", "tags", "rail", "bio", "toc", "player"]),
    ),
    # Content: raises a container's score.
    "positive": (
        (
            "article",
            "content",
            "entry",
            "story",
            "prose",
            "blog",
            "richtext",
            "rich-text",
            "post-body",
            "field-body",
        ),
        frozenset(["body", "post", "text", "main"]),
    ),
    # Captions and credits of images and videos (kept out of the paragraphs).
    "caption": (
        (
            "caption",
            "credit",
            "copyright",
            "bildunterschrift",
            "bildtext",
            "bildnachweis",
            "legende",
            "phototext",
            "photo-text",
            "imagetext",
            "image-text",
            "imgtext",
            "img-text",
        ),
        frozenset(),
    ),
    # A comment thread: furniture however much of the page's prose it holds (unless it is
    # all of it: a live ticker whose entries are called comments).
    "comments": (("comment", "disqus", "respond"), frozenset(["replies"])),
    # A live ticker (a live blog, a news ticker): its entries are the story, whatever else
    # their words say ("live-comment", "liveblog-entry comment").
    "ticker": (
        (
            "liveblog",
            "live-blog",
            "live_blog",
            "liveticker",
            "live-ticker",
            "newsticker",
            "news-ticker",
            "liveupdate",
            "live-update",
            "live-post",
            "livepost",
            "live-entry",
            "liveentry",
            "live-comment",
            "livecomment",
        ),
        frozenset(["live", "ticker"]),
    ),
    # Material the article quotes (a tweet, a post, a video): what holds it is not furniture,
    # whatever else its words say ("social-media-embed")...
    "embedded": (("embed",), frozenset()),
    # ... unless it is an embedded prompt (a sign-up form, share buttons).
    "prompt": (
        ("signup", "sign-up", "subscri", "newsletter", "share", "sharing", "login"),
        frozenset(),
    ),
    # Overlays and prompts: furniture on every kind of page, even where the other negative
    # words name content (a business's "banner", a shop's "product-widget").
    "overlay": (
        (
            "modal",
            "dialog",
            "popup",
            "cookie",
            "consent",
            "newsletter",
            "subscribe",
            "signup",
            "sign-up",
            "login",
            "paywall",
        ),
        frozenset(),
    ),
    # Containers that are strongly content, whatever else their classes say.
    "article": (
        (
            "articlebody",
            "article-body",
            "article__body",
            "story-body",
            "post-content",
            "entry-content",
            "article-content",
            "articletext",
        ),
        frozenset(),
    ),
}
#: Words that contain a stem but do not mean it ("node--promoted" is no promo; page
#: builders call every block a widget), removed before the stems are looked for.
NEUTRAL_WORDS = ("promoted", "elementor-widget")
#: The signals as compiled patterns: stems as one alternation.
SIGNALS: dict[str, re.Pattern[str]] = {
    name: re.compile("|".join(re.escape(stem) for stem in stems) or "(?!)")
    for name, (stems, _words) in SIGNAL_WORDS.items()
}
#: Plain text elements: one of these right after the body's container continues the text
#: (a closing list, a last paragraph), it is not a sidebar or a box.
TEXT_TAGS = frozenset(
    {"p", "ul", "ol", "dl", "blockquote", "pre", "table", "h2", "h3", "h4", "h5", "h6"}
)
#: Elements whose tag alone says they are not the article's text.
TAG_HINTS: dict[str, float] = {"nav": 0.5, "aside": 0.6, "footer": 0.6}
#: Score factors of the class words.
ARTICLE_FACTOR: Final = 1.5
POSITIVE_FACTOR: Final = 1.25
NEGATIVE_FACTOR: Final = 0.6
#: The range of :func:`element_factor`.
MAX_FACTOR = max(ARTICLE_FACTOR, POSITIVE_FACTOR) * max(1.0, *TAG_HINTS.values())
MIN_FACTOR = NEGATIVE_FACTOR * min(1.0, *TAG_HINTS.values())
_STATE_PREFIXES = ("is-", "has-", "js-")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
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


def _has(signal: str, words: str, tokens: frozenset[str]) -> bool:
    if SIGNALS[signal].search(words):
        return True
    whole = SIGNAL_WORDS[signal][1]
    return bool(whole) and not whole.isdisjoint(tokens)


def _read(attrs: str, comments_ok: bool = False) -> tuple[str, frozenset[str]]:
    words = significant_words(attrs.lower())
    for neutral in NEUTRAL_WORDS:
        if neutral in words:
            words = words.replace(neutral, " ")
    if comments_ok and _has("comments", words, frozenset(_TOKEN_SPLIT.split(words))):
        # The page's content is a thread: its comment words name the posts, no furniture.
        words = " ".join(w for w in words.split() if not _has("comments", w, frozenset([w])))
    return words, frozenset(_TOKEN_SPLIT.split(words))


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=16384)
def class_signature(class_attr: str) -> str:
    """What repeated elements of one kind share in their ``class``: its words that name the
    element, as a sorted set (not a BEM modifier: "widget widget--big" is "widget"; numbered
    variants are one: "toc_19436", "toc_19437")."""
    words = set(_DIGITS.sub("", significant_words(class_attr.lower())).split())
    return " ".join(sorted(words))


@lru_cache(maxsize=16384)
def class_factor(attrs: str, comments_ok: bool = False, furniture: tuple[str, ...] = ()) -> float:
    """How much an element's words raise (> 1) or lower (< 1) its score.

    ``comments_ok``: the words of a comment thread (:data:`SIGNAL_WORDS` ``"comments"``) are
    no furniture here (the page is a thread of posts). ``furniture``: more stems that mark
    furniture on this kind of page (a product page's customer reviews). A pure function of
    its arguments, cached across pages (class names repeat across a site's pages and across
    page templates).
    """
    if not attrs:
        return 1.0
    words, tokens = _read(attrs, comments_ok)
    if _has("article", words, tokens):
        return ARTICLE_FACTOR
    factor = 1.0
    if (
        _has("negative", words, tokens)
        and (not _has("embedded", words, tokens) or _has("prompt", words, tokens))
        and not (_has("comments", words, tokens) and _has("ticker", words, tokens))
    ) or (furniture and any(stem in words for stem in furniture)):
        factor *= NEGATIVE_FACTOR
    if _has("positive", words, tokens):
        factor *= POSITIVE_FACTOR
    return factor


def same_kind(tag_a: str, words_a: str, tag_b: str, words_b: str) -> bool:
    """Whether two elements look like parts of one thing: same tag, and the same class words
    or both named as an article body ("article-body part-one", "article-body part-two")."""
    if tag_a != tag_b:
        return False
    if words_a == words_b:
        return True
    return class_factor(words_a) == ARTICLE_FACTOR == class_factor(words_b)


def element_factor(
    attrs: str, tag: str, comments_ok: bool = False, furniture: tuple[str, ...] = ()
) -> float:
    """:func:`class_factor` times the tag's own hint (:data:`TAG_HINTS`)."""
    return class_factor(attrs, comments_ok, furniture) * TAG_HINTS.get(tag, 1.0)


@lru_cache(maxsize=16384)
def is_comments(attrs: str) -> bool:
    """Whether an element's words name a comment thread (not the entries of a live ticker:
    "live-comment")."""
    if not attrs:
        return False
    words, tokens = _read(attrs)
    return _has("comments", words, tokens) and not _has("ticker", words, tokens)


@lru_cache(maxsize=16384)
def is_ticker(attrs: str) -> bool:
    """Whether an element's words name a live ticker or its entries."""
    return bool(attrs) and _has("ticker", *_read(attrs))


@lru_cache(maxsize=16384)
def is_overlay(attrs: str) -> bool:
    """Whether an element's words name an overlay or a prompt (a modal, a cookie banner, a
    sign-up box): furniture on every kind of page."""
    return bool(attrs) and _has("overlay", *_read(attrs))


@lru_cache(maxsize=16384)
def is_caption(attrs: str) -> bool:
    """Whether an element's words name a caption or a credit."""
    return bool(attrs) and _has("caption", *_read(attrs))

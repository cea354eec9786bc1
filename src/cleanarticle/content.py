"""Choose the article body among the page's text blocks.

Method, in three linear passes over the flattened page (see :mod:`cleanarticle.walk`):

1. **Block value.** Each block gets a value from general signals: prose (long, punctuated,
   few links) is positive, in proportion to its non-link text; link-dense blocks and short
   labels are negative; headings and captions are neutral.
2. **Best container.** Each block's value is added to every ancestor of the element that owns
   it, so an element's score is the sum over its subtree: the element that holds the most
   prose and the least furniture wins (a maximum-scoring subtree). Class and id words
   (:data:`SIGNALS`) scale scores up or down. A body split over sibling blocks is taken whole
   because their common parent out-scores each part.
3. **Revise.** Inside the winner, subtrees whose class names say furniture and which hold
   little prose are dropped, link lists and rule-matched chrome are dropped, and short
   non-prose blocks are trimmed from both edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleanarticle.walk import Elements, TextBlock

__all__ = ["SIGNALS", "Choice", "choose_content", "value_of"]

#: Class / id / role / itemprop words that raise or lower a container's score.
SIGNALS: dict[str, re.Pattern[str]] = {
    "negative": re.compile(
        r"comment|sidebar|side-bar|footer|related|share|sharing|social|promo(?!ted)|newsletter|"
        r"subscribe|signup|sign-up|breadcrumb|(?<!elementor-)widget|advert|\bads?\b|\bad-|-ad\b|sponsor|"
        r"popup|modal|cookie|consent|banner|masthead|outbrain|taboola|trending|popular|"
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
#: Furniture class words are ignored inside a body when the prose they do not cover is worth
#: less than this (about two sentences).
MIN_UNFLAGGED_VALUE = 250.0
#: Elements whose tag alone says they are not the article's text.
TAG_HINTS: dict[str, float] = {"nav": 0.5, "aside": 0.6, "footer": 0.6}
#: A child holding this share of its parent's prose is the body's core (see _trailing).
DOMINANT_SHARE = 0.7
#: A standfirst above the body must share an ancestor this close to the body container.
LEAD_MAX_LEVELS = 3
_STATE_PREFIXES = ("is-", "has-", "js-")
_RESPONSIVE = re.compile(
    r"(?:hidden|visible|show|hide|d-none)-(?:xs|sm|md|lg|xl|phone|tablet|desktop|mobile)"
)
# Sentence ends: a full stop after a word (not after a number, as in "2. Februar"), or CJK.
_PUNCT = re.compile(r"(?<![\d\s])[.!?…][\"”’»)\]]*(?:\s|$)|[。！？]")
_CONTAINER_TAGS = frozenset(
    {
        "div",
        "article",
        "section",
        "main",
        "body",
        "td",
        "form",
        "center",
        "blockquote",
        "dd",
        "li",
        "span",
        "font",
        "html",
    }
)


@dataclass(slots=True)
class Choice:
    """The chosen container and the blocks kept from it, with the reasons others went."""

    container: int
    kept: list[TextBlock]
    dropped: list[tuple[TextBlock, str]]  # block, engine rule name
    outside: list[TextBlock]


def value_of(block: TextBlock) -> float:
    """The prose value of one block: positive for prose, negative for furniture."""
    if block.heading or block.caption >= 0:
        return 0.0
    text = block.text
    n = len(text)
    links = block.link_chars
    density = links / n if n else 1.0
    if density > 0.5:
        return -0.6 * n if n < 400 else -0.3 * n
    if n > 30 and " " not in text and text.isascii():
        return -20.0  # one unbroken token: a URL, an e-mail address, a file name
    prose = n - links
    sentences = len(_PUNCT.findall(text))
    if prose >= 80 or (prose >= 25 and sentences):
        bonus = 1.0 + 0.1 * min(text.count(",") + sentences, 10)
        if block.tag == "p":
            bonus += 0.25
        return prose * bonus * (1.0 - density)
    if block.list_level >= 0 and prose >= 15 and density < 0.3:
        return prose * 0.5
    return -min(n, 40) * 0.5


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


def _is_caption(attrs: str, cache: dict[str, bool]) -> bool:
    found = cache.get(attrs)
    if found is None:
        found = cache[attrs] = SIGNALS["caption"].search(significant_words(attrs)) is not None
    return found


def _hint(attrs: str, cache: dict[str, float]) -> float:
    if not attrs:
        return 1.0
    found = cache.get(attrs)
    if found is not None:
        return found
    words = significant_words(attrs)
    factor = 1.0
    if SIGNALS["article"].search(words):
        factor = 1.5
    else:
        if SIGNALS["negative"].search(words):
            factor *= 0.6
        if SIGNALS["positive"].search(words):
            factor *= 1.25
    cache[attrs] = factor
    return factor


def choose_content(blocks: list[TextBlock], els: Elements) -> Choice:
    """Pick the best container and the blocks to keep from it (see the module docstring)."""
    n_el = len(els.tags)
    score = [0.0] * n_el
    positive = [0.0] * n_el
    values = [value_of(b) for b in blocks]
    parents = els.parents
    for block, v in zip(blocks, values, strict=True):
        idx = block.owner
        while idx >= 0:
            score[idx] += v
            if v > 0:
                positive[idx] += v
            idx = parents[idx]
    cache: dict[str, float] = {}
    tags = els.tags
    words = els.words
    best = 0
    best_score = float("-inf")
    for idx in range(n_el):
        if tags[idx] not in _CONTAINER_TAGS or positive[idx] <= 0:
            continue
        s = score[idx]
        s = s * _hint(words(idx), cache) * TAG_HINTS.get(tags[idx], 1.0) if s > 0 else s
        if s > best_score or (s == best_score and els.depths[idx] > els.depths[best]):
            best, best_score = idx, s
    inside = [b for b in blocks if els.within(b.owner, best)]
    outside = [b for b in blocks if not els.within(b.owner, best)]
    trailing = _trailing(els, best, positive)
    if trailing:
        cut: list[TextBlock] = []
        rest: list[TextBlock] = []
        for b in inside:
            (cut if _under(els, b.owner, trailing, best) else rest).append(b)
        inside = rest
    kept, dropped = _revise(inside, els, best, score, positive, cache)
    if trailing:
        dropped.extend((b, "engine.trailing") for b in cut)
    lead = _lead(blocks, els, best, kept)
    if lead:
        kept = lead + kept
        taken = {id(b) for b in lead}
        outside = [b for b in outside if id(b) not in taken]
    return Choice(best, kept, dropped, outside)


def _lead(
    blocks: list[TextBlock], els: Elements, container: int, kept: list[TextBlock]
) -> list[TextBlock]:
    """A standfirst printed just above the body container, under the headline.

    Going back from the body's first block, over short labels (byline, date), up to the
    headline: prose blocks met on the way that sit close to the container in the tree (a
    sibling or cousin of it) open the article.
    """
    if not kept:
        return []
    near = set(els.ancestors(container)[1 : 1 + LEAD_MAX_LEVELS])
    found: list[TextBlock] = []
    i = kept[0].index - 1
    steps = 0
    headline = False
    while i >= 0 and steps < 6:
        b = blocks[i]
        i -= 1
        steps += 1
        if els.within(b.owner, container):
            continue
        if 0 < b.heading <= 2:
            headline = True
            break
        if len(found) == 2:
            break
        if b.heading or b.caption >= 0:
            continue
        n = len(b.text)
        if b.link_chars > 0.2 * n:
            break
        if value_of(b) <= 0:
            if n > 100:
                break
            continue
        if not any(a in near for a in els.ancestors(b.owner)):
            break
        if b.text.endswith(("...", "…")):
            continue  # a teaser cut short, not a standfirst
        found.append(b)
    if not headline:
        return []
    found.reverse()
    return found


def _trailing(els: Elements, container: int, positive: list[float]) -> set[int]:
    """Subtrees that follow the body's core inside the container (sidebars, author boxes).

    Going down from the container while one child holds nearly all the prose (the core),
    the children after the core are trailing material, unless they look like the core
    itself (same tag and classes: a body continued after an ad slot).
    """
    children: dict[int, list[int]] = {}
    parents = els.parents
    for idx in range(container + 1, len(parents)):
        if els.depths[idx] <= els.depths[container]:
            break
        children.setdefault(parents[idx], []).append(idx)
    out: set[int] = set()
    node = container
    while True:
        kids = children.get(node)
        if not kids:
            return out
        top = max(kids, key=positive.__getitem__)
        if positive[top] < DOMINANT_SHARE * positive[node]:
            return out
        signature = (els.tags[top], els.words(top))
        for kid in kids[kids.index(top) + 1 :]:
            if (els.tags[kid], els.words(kid)) != signature:
                out.add(kid)
        node = top


def _under(els: Elements, idx: int, roots: set[int], container: int) -> bool:
    parents = els.parents
    while idx >= 0 and idx != container:
        if idx in roots:
            return True
        idx = parents[idx]
    return False


def _revise(
    blocks: list[TextBlock],
    els: Elements,
    container: int,
    score: list[float],
    positive: list[float],
    cache: dict[str, float],
) -> tuple[list[TextBlock], list[tuple[TextBlock, str]]]:
    dropped: list[tuple[TextBlock, str]] = []
    total_pos = positive[container] or 1.0
    # Subtrees inside the container that say "furniture" and hold little prose.
    roots: dict[int, int] = {}  # element -> outermost furniture ancestor below container, or -1

    def furniture_root(idx: int) -> int:
        found = roots.get(idx)
        if found is not None:
            return found
        result = -1
        i = idx
        while i >= 0 and i != container:
            hint = _hint(els.words(i), cache) * TAG_HINTS.get(els.tags[i], 1.0)
            if hint < 1.0 and positive[i] < 0.3 * total_pos:
                result = i
            i = els.parents[i]
        roots[idx] = result
        return result

    captions: dict[int, int] = {}  # element -> outermost caption ancestor below container

    def caption_root(idx: int) -> int:
        found = captions.get(idx)
        if found is not None:
            return found
        result = -1
        i = idx
        while i >= 0 and i != container:
            words = els.words(i)
            if words and positive[i] < 0.2 * total_pos and _is_caption(words, cache_caption):
                result = i
            i = els.parents[i]
        captions[idx] = result
        return result

    cache_caption: dict[str, bool] = {}
    caption_roots = [-1 if b.heading else caption_root(b.owner) for b in blocks]
    # A slideshow or video page whose text is all captions: they are the body.
    covered = sum(positive[r] for r in {r for r in caption_roots if r >= 0})
    if total_pos - covered >= MIN_UNFLAGGED_VALUE:
        for block, root in zip(blocks, caption_roots, strict=True):
            if block.caption < 0:
                block.caption = root
    block_roots = [furniture_root(b.owner) for b in blocks]
    # When the furniture words cover all the chosen prose, the page names its content with
    # them ("live-comment" tickers, "section--ads" slots): they are no signal here.
    flagged = sum(positive[r] for r in {r for r in block_roots if r >= 0})
    trust_classes = total_pos - flagged >= MIN_UNFLAGGED_VALUE

    kept: list[TextBlock] = []
    for block, root in zip(blocks, block_roots, strict=True):
        if trust_classes and root >= 0:
            dropped.append((block, "engine.furniture-class"))
            continue
        n = len(block.text)
        if (
            not block.heading
            and n
            and block.link_chars / n > 0.6
            and block.caption < 0
            and not _labelled(block)
        ):
            dropped.append((block, "engine.link-dense"))
            continue
        kept.append(block)

    # Trim short non-prose blocks from both edges (bylines, dates, labels, share bars).
    def is_prose(b: TextBlock) -> bool:
        return value_of(b) > 0 or _labelled(b)

    start = 0
    while start < len(kept) and not is_prose(kept[start]):
        b = kept[start]
        if b.heading and _next_is_prose(kept, start):
            break
        start += 1
    end = len(kept)
    while end > start and not is_prose(kept[end - 1]) and kept[end - 1].caption < 0:
        end -= 1
    dropped.extend((b, "engine.edge") for b in kept[:start])
    dropped.extend((b, "engine.edge") for b in kept[end:])
    return kept[start:end], dropped


def _labelled(block: TextBlock) -> bool:
    """A paragraph opening with a bold run-in label ("Go deeper: <a>...</a>")."""
    bold = block.bold_chars
    return 1 < bold < 40 and ":" in block.text[: bold + 2]


def _next_is_prose(blocks: list[TextBlock], i: int) -> bool:
    for b in blocks[i + 1 : i + 4]:
        if b.heading:
            continue
        return value_of(b) > 0
    return False

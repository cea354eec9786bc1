"""Find lists of teaser cards: rails of other stories that look like prose.

A rail of related, recommended or latest stories repeats one card structure: a linked title
(the other story's headline), often a byline or a date, and a one- or two-sentence summary.
The summaries read like prose, so a rail can out-score a short article. Its give-away is the
repetition: several sibling elements of one signature (tag and class words), each holding a
linked title, with little text each. The blocks of such a list are furniture, whatever their
text looks like, unless the list is a live ticker (named so: its entries' titles link to the
entries themselves).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cleanarticle.body.class_words import is_ticker

if TYPE_CHECKING:
    from cleanarticle.dom.blocks import Elements, TextBlock

__all__ = ["teaser_lists"]

#: A list needs at least this many cards of one signature...
MIN_CARDS: Final = 3
#: ... most of them (this share) holding a linked title ...
TITLED_SHARE: Final = 0.6
#: ... and on average less prose value than this each, none more than twice as much (a
#: summary, not an article section).
MAX_CARD_VALUE: Final = 500.0
#: The prose beside the cards in their parent is at most this share of theirs, plus about two
#: sentences: a rail holds little else.
MAX_OTHER_SHARE: Final = 0.5
OTHER_SLACK: Final = 250.0
#: A linked title: a block this long, nearly all link text.
TITLE_MIN_CHARS: Final = 15
TITLE_LINK_SHARE: Final = 0.8
#: How far above a title its card may start.
MAX_CARD_DEPTH: Final = 5


def _is_linked_title(block: TextBlock) -> bool:
    n = len(block.text)
    return n >= TITLE_MIN_CHARS and block.link_chars >= TITLE_LINK_SHARE * n


def _in_ticker(els: Elements, idx: int) -> bool:
    """Whether the element, or one of its ancestors, is named as a live ticker."""
    return any(is_ticker(els.words(a)) for a in els.ancestors(idx))


def teaser_lists(blocks: list[TextBlock], els: Elements, positive: list[float]) -> set[int]:
    """The teaser cards of the page's card lists (see the module docstring)."""
    titles = [b.owner for b in blocks if not b.cell and _is_linked_title(b)]  # rows are data
    if len(titles) < MIN_CARDS:
        return set()
    parents = els.parents
    # Elements within MAX_CARD_DEPTH above a linked title: candidate cards.
    titled: set[int] = set()
    for owner in titles:
        i = owner
        for _ in range(MAX_CARD_DEPTH + 1):
            if i < 0 or i in titled:
                break
            titled.add(i)
            i = parents[i]
    # Parents of at least MIN_CARDS titled elements of one tag: candidate lists.
    tags = els.tags
    counts: dict[tuple[int, str], int] = {}
    for idx in titled:
        key = (parents[idx], tags[idx])
        counts[key] = counts.get(key, 0) + 1
    found: set[int] = set()
    candidates = {key for key, n in counts.items() if n >= MIN_CARDS and key[0] >= 0}
    if not candidates:
        return found
    for parent, tag in candidates:
        if _in_ticker(els, parent):
            continue  # a live ticker's entries, with their titles linked to themselves
        kids = [c for c in els.children(parent) if tags[c] == tag]
        groups: dict[str, list[int]] = {}
        for idx in kids:
            groups.setdefault(els.words(idx), []).append(idx)
        for cards in groups.values():
            if len(cards) < MIN_CARDS:
                continue
            with_title = sum(1 for c in cards if c in titled)
            if with_title < MIN_CARDS or with_title < TITLED_SHARE * len(cards):
                continue
            values = [positive[c] for c in cards]
            total = sum(values)
            if total >= MAX_CARD_VALUE * len(cards) or max(values) >= 2 * MAX_CARD_VALUE:
                continue
            # A teaser's summary sits in the card with its title: the prose of the members
            # without a linked title is text beside the cards ("<p>review</p><p><a>Read the
            # full review</a></p>"), not summaries.
            untitled = sum(positive[c] for c in cards if c not in titled)
            own = total - untitled
            if positive[parent] - own > MAX_OTHER_SHARE * own + OTHER_SLACK:
                continue  # the cards sit among the article's own prose: a listicle's items
            if _self_links(els, cards):
                continue  # entries whose titles link to themselves (a ticker's permalinks)
            found.update(cards)
    return found


def _self_links(els: Elements, cards: list[int]) -> bool:
    """Whether most cards link only within the page (``href="#entry-12"``): the entries of
    a live ticker or the sections of a long page, not teasers of other pages."""
    inner = 0
    for card in cards:
        hrefs = [a.attributes.get("href") or "" for a in els.nodes[card].css("a[href]")]
        if hrefs and all(h.startswith("#") for h in hrefs):
            inner += 1
    return inner * 2 > len(cards)

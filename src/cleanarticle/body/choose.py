"""Choose the article body among the page's text blocks.

Method, in linear passes over the flattened page (see :mod:`cleanarticle.dom.walk`):

1. **Block value.** Each block gets a value from general signals: prose (long, punctuated,
   few links) is positive, in proportion to its non-link text; link-dense blocks, URLs and
   short labels are negative; headings and captions are neutral; short data cells count a
   little.
2. **Teaser cards** (:mod:`cleanarticle.body.teasers`): the blocks of a rail of other stories
   (repeated cards with linked titles and short summaries) are made negative.
3. **Best container.** Each element's score is the sum of the values of the blocks in its
   subtree: the element that holds the most prose and the least furniture wins (a
   maximum-scoring subtree). Class and id words and tags (:mod:`cleanarticle.body.class_words`) scale
   scores up or down. A body split over sibling blocks is taken whole: their common parent
   out-scores each part, and a winner with a sibling of the same kind gives way to the parent.
4. **Revise** (:mod:`cleanarticle.body.revise`): inside the winner, material after the body's
   core, captions, furniture subtrees, link lists, stray labels and non-prose edges are
   dropped, and a standfirst just above the container is taken in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from cleanarticle.body.class_words import (
    MAX_FACTOR,
    MIN_FACTOR,
    SIGNALS,
    TEXT_TAGS,
    element_factor,
    same_kind,
)
from cleanarticle.body.revise import revise
from cleanarticle.body.teasers import teaser_lists
from cleanarticle.dom.blocks import Elements, TextBlock

__all__ = ["SIGNALS", "Choice", "choose_content", "value_of"]

# Sentence ends: a full stop after a word (not after a number, as in "2. Februar"), or CJK.
_PUNCT = re.compile(r"[.!?…](?<![\d\s][.!?…])[\"”’»)\]]*(?:\s|$)|[。！？]")
_ENDS = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", ")")


def _sentences(text: str, prose: int) -> int:
    """Sentence ends in a block; long blocks are counted roughly (it only scales a bonus)."""
    if prose < 80:
        return len(_PUNCT.findall(text))
    found = text.count(". ") + text.count("? ") + text.count("! ") + text.endswith(_ENDS)
    if text.isascii():  # (a flag of the str: no CJK stops to count)
        return found
    return found + text.count("。") + text.count("！") + text.count("？")


#: A short table cell's value per character (a data table is text, a little of it).
CELL_VALUE: Final = 0.2
#: Elements that may hold an article body.
CONTAINER_TAGS = frozenset(
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
    sentences = _sentences(text, prose)
    if prose >= 80 or (prose >= 25 and sentences):
        bonus = 1.0 + 0.1 * min(text.count(",") + sentences, 10)
        if block.tag == "p":
            bonus += 0.25
        return prose * bonus * (1.0 - density)
    if block.list_level >= 0 and prose >= 15 and density < 0.3:
        return prose * 0.5
    if block.cell:
        return CELL_VALUE * prose  # a short data cell: a little text
    return -min(n, 40) * 0.5


def choose_content(blocks: list[TextBlock], els: Elements) -> Choice:
    """Pick the best container and the blocks to keep from it (see the module docstring)."""
    values = [value_of(b) for b in blocks]
    score, positive = _sums(blocks, els, values)
    teasers: set[int] = set()
    cards = teaser_lists(blocks, els, positive)
    if cards:
        in_cards = _subtrees(els, cards)
        for block in blocks:
            if block.owner in in_cards:
                teasers.add(block.index)
                values[block.index] = -abs(values[block.index])
        score, positive = _sums(blocks, els, values)
    tags = els.tags
    words = els.words
    depths = els.depths
    best = 0
    best_score = float("-inf")
    # Class words scale a score by MIN_FACTOR..MAX_FACTOR: elements whose raw score cannot
    # reach the best one are not read.
    floor = max(score) * MIN_FACTOR / MAX_FACTOR
    for idx in range(len(tags)):
        if positive[idx] <= 0 or tags[idx] not in CONTAINER_TAGS:
            continue
        s = score[idx]
        if s > 0:
            if s < floor:
                continue
            s *= element_factor(words(idx), tags[idx])
        if s > best_score or (s == best_score and depths[idx] > depths[best]):
            best, best_score = idx, s
    best = _whole_body(els, best, positive)
    end = els.subtree_end(best)
    inside = [b for b in blocks if best <= b.owner < end and b.index not in teasers]
    kept, dropped, lead = revise(blocks, inside, els, best, values, positive)
    dropped.extend((b, "engine.teaser-list") for b in blocks if b.index in teasers)
    taken = {b.index for b in lead}
    outside = [
        b
        for b in blocks
        if not best <= b.owner < end and b.index not in taken and b.index not in teasers
    ]
    return Choice(best, lead + kept, dropped, outside)


def _sums(
    blocks: list[TextBlock], els: Elements, values: list[float]
) -> tuple[list[float], list[float]]:
    """Each element's sum of its blocks' values, and of their positive values."""
    n_el = len(els.tags)
    score = [0.0] * n_el
    positive = [0.0] * n_el
    for block, v in zip(blocks, values, strict=True):
        score[block.owner] += v
        if v > 0:
            positive[block.owner] += v
    parents = els.parents
    for idx in range(n_el - 1, 0, -1):  # entries are in document order: children after parents
        parent = parents[idx]
        score[parent] += score[idx]
        positive[parent] += positive[idx]
    return score, positive


def _subtrees(els: Elements, roots: set[int]) -> set[int]:
    """Every element inside the roots' subtrees (nested roots are read once)."""
    out: set[int] = set()
    end = -1
    for root in sorted(roots):
        if root < end:
            continue  # inside the previous root's subtree
        end = els.subtree_end(root)
        out.update(range(root, end))
    return out


def _whole_body(els: Elements, best: int, positive: list[float]) -> int:
    """The parent of the best container when the body goes on beside it: a sibling of the
    same kind holds prose too (a body split in parts, an ad row or a promo between them), or
    plain text elements with prose follow it (a closing list, a last paragraph)."""
    parent = els.parents[best]
    if parent < 0:
        return best
    tag, words = els.tags[best], els.words(best)
    kids = els.children(parent)
    for idx in kids:
        if (
            idx != best
            and positive[idx] > 0
            and same_kind(tag, words, els.tags[idx], els.words(idx))
        ):
            return parent
    for idx in kids[kids.index(best) + 1 :]:
        if els.tags[idx] not in TEXT_TAGS or element_factor(els.words(idx), els.tags[idx]) < 1:
            break
        if positive[idx] > 0:
            return parent
    return best

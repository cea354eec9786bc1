"""Revise the chosen container: keep the article, drop the furniture around it.

Given the best container (see :mod:`cleanarticle.body.choose`), in order:

1. **Trailing material.** Going down from the container while one child holds most of the
   prose (the body's core), the children after the core are dropped (sidebars, author
   boxes, tag lists), unless they repeat the core's signature (a body continued after an ad).
2. **Captions** named by class words go to the images, not the paragraphs.
3. **Furniture subtrees** (class words or tags that say so, little prose) and **link-dense
   blocks** are dropped.
4. **Edges.** Short non-prose blocks are trimmed from both ends (bylines, dates, share bars).
5. **Standfirst.** A prose block between the headline and the container opens the body.

The class-word rules calibrate themselves: words that cover all the chosen prose (a live
ticker of "comment" entries, a slideshow of captions) are no signal on that page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import partial
from typing import TYPE_CHECKING, Final

from cleanarticle.body.class_words import (
    TEXT_TAGS,
    class_signature,
    element_factor,
    is_caption,
    is_comments,
    is_ticker,
    same_kind,
)
from cleanarticle.body.strategy import ARTICLE, Strategy
from cleanarticle.rules.phrases import CREDIT_AT_END

if TYPE_CHECKING:
    from cleanarticle.dom.blocks import Elements, TextBlock

__all__ = ["revise"]

#: Class-word rules are ignored inside a body when the prose they do not cover is worth
#: less than this (about two sentences).
MIN_UNFLAGGED_VALUE: Final = 250.0
#: A child holding this share of its parent's prose is the body's core.
DOMINANT_SHARE: Final = 0.7
#: A furniture or caption subtree holds less than this share of the body's prose.
FURNITURE_SHARE: Final = 0.3
CAPTION_SHARE: Final = 0.2
CAPTION_MAX_CHARS: Final = 400
#: A block this link-dense inside the body is a link list.
LINK_DENSE: Final = 0.6
#: A non-prose block in its own <div> shorter than this, away from the text, is a label.
STRAY_LABEL_CHARS: Final = 40
#: A standfirst above the body must share an ancestor this close to the body container.
LEAD_MAX_LEVELS: Final = 3
#: A subtree after the body's core continues the body when it holds at least this many
#: prose paragraphs, holding this share of its text, with at most this share of link text.
CONTINUATION_PARAGRAPHS: Final = 2
CONTINUATION_PROSE_SHARE: Final = 0.6
CONTINUATION_LINK_SHARE: Final = 0.15
#: A paragraph: a block this long (with at most the link share above).
PARAGRAPH_CHARS: Final = 80
#: ... and at least this share of its words (of more than three letters) are the core's.
CONTINUATION_SHARED_WORDS: Final = 0.6
#: A furniture-named element holding this share of the body's prose is a part of the body.
NAMED_BODY_SHARE: Final = 0.5
#: A block this long ending with an ellipsis is a teaser cut short.
TEASER_MIN_CHARS: Final = 60
_ELLIPSES = ("...", "…", "[…]", "[...]")
#: Furniture-named elements repeated this often, holding most of the prose, are the body.
MIN_GROUP: Final = 3
#: ... each saying something else: their distinct words are at least this share of the
#: words of each counted apart (one message repeated shares most of them).
DISTINCT_SHARE: Final = 0.5
#: ... and none holding more than this share of the group's prose.
MAX_MEMBER_SHARE: Final = 0.5

_WORD = re.compile(r"\w+")

Dropped = list[tuple["TextBlock", str]]


def revise(
    blocks: list[TextBlock],
    inside: list[TextBlock],
    els: Elements,
    container: int,
    values: list[float],
    positive: list[float],
    strategy: Strategy = ARTICLE,
) -> tuple[list[TextBlock], Dropped, list[TextBlock]]:
    """The kept blocks, the dropped ones with the rule that dropped them, and the standfirst.

    ``values`` and ``positive`` are the blocks' values (by ``block.index``) and the elements'
    sums of positive values; a block that turns out to be a caption gets value 0 here.
    """
    dropped: Dropped = []
    core = _core(els, container, positive)
    trailing = _trailing(els, container, positive, strategy) if strategy.cut_trailing else None
    if trailing:
        for root in _continuations(trailing, inside, els, values, core):
            del trailing[root]
    if trailing:
        cut: set[int] = set()
        for root in trailing:  # siblings' subtrees: disjoint
            cut.update(range(root, els.subtree_end(root)))
        rest = []
        for block in inside:
            if block.owner in cut:
                dropped.append((block, "engine.trailing"))
            else:
                rest.append(block)
        inside = rest
    total = positive[container] or 1.0
    named_body: list[int] = []
    caption_tests, furniture_tests = _path_tests(
        inside, els, container, positive, total, strategy, named_body
    )
    _mark_captions(inside, els, container, values, positive, total, caption_tests)
    for block in inside:  # "... (Image: Getty)": a caption, whatever holds it
        if (
            block.caption < 0
            and not block.heading
            and len(block.text) < CAPTION_MAX_CHARS
            and CREDIT_AT_END.search(block.text)
        ):
            block.caption = block.owner
            values[block.index] = 0.0
    kept = _drop_furniture(
        inside, els, container, values, positive, total, furniture_tests, named_body, core,
        dropped
    )
    kept = _drop_stray_labels(kept, els, values, dropped)
    kept = _trim_edges(kept, values, dropped)
    lead = _lead(blocks, els, container, kept, values)
    return kept, dropped, lead


def _outermost(
    els: Elements, idx: int, container: int, test: dict[int, bool], memo: dict[int, int]
) -> int:
    """The outermost ancestor of idx below the container for which ``test`` holds, or -1.

    ``memo`` keeps the answer of every element met, so each element is climbed once.
    """
    found = memo.get(idx)
    if found is not None:
        return found
    path: list[int] = []
    parents = els.parents
    i = idx
    while i >= 0 and i != container and i not in memo:
        path.append(i)
        i = parents[i]
    above = memo.get(i, -1) if i >= 0 and i != container else -1
    for j in reversed(path):  # top down: an element's answer is its parent's, or itself
        if above < 0 and test.get(j, False):
            above = j
        memo[j] = above
    return above


def _path_tests(
    inside: list[TextBlock],
    els: Elements,
    container: int,
    positive: list[float],
    total: float,
    strategy: Strategy,
    named_body: list[int],
) -> tuple[dict[int, bool], dict[int, bool]]:
    """For every element between the blocks and the container: is it a caption subtree, is
    it a furniture subtree (class words or tag, and little prose)? The elements named with
    furniture words that hold most of the prose (not comment threads) are added to
    ``named_body``: the page names its body's parts so."""
    captions: dict[int, bool] = {}
    furniture: dict[int, bool] = {}
    parents = els.parents
    words = els.words
    tags = els.tags
    caption_limit = CAPTION_SHARE * total
    furniture_limit = FURNITURE_SHARE * total
    body_limit = NAMED_BODY_SHARE * total
    for block in inside:
        i = block.owner
        while i >= 0 and i != container and i not in captions:
            w = words(i)
            p = positive[i]
            captions[i] = bool(w) and p < caption_limit and is_caption(w)
            named = strategy.furniture(w, tags[i])
            # A comment thread, or this kind of page's own furniture (a product's reviews),
            # goes whatever share of the prose it holds.
            always = bool(w) and (
                (not strategy.comments_are_content and is_comments(w)) or strategy.own_furniture(w)
            )
            furniture[i] = named and (p < furniture_limit or always)
            if named and p >= body_limit and not always:
                named_body.append(i)
            i = parents[i]
    return captions, furniture


def _mark_captions(
    inside: list[TextBlock],
    els: Elements,
    container: int,
    values: list[float],
    positive: list[float],
    total: float,
    tests: dict[int, bool],
) -> None:
    memo: dict[int, int] = {}
    roots = [-1 if b.heading else _outermost(els, b.owner, container, tests, memo) for b in inside]
    # A slideshow or video page whose text is all captions: they are the body.
    covered = sum(positive[r] for r in {r for r in roots if r >= 0})
    if total - covered < MIN_UNFLAGGED_VALUE:
        return
    for block, root in zip(inside, roots, strict=True):
        if root >= 0 and block.caption < 0:
            block.caption = root
            values[block.index] = 0.0


def _drop_furniture(
    inside: list[TextBlock],
    els: Elements,
    container: int,
    values: list[float],
    positive: list[float],
    total: float,
    tests: dict[int, bool],
    named_body: list[int],
    core: int,
    dropped: Dropped,
) -> list[TextBlock]:
    memo: dict[int, int] = {}
    roots = [_outermost(els, b.owner, container, tests, memo) for b in inside]
    # When the furniture words cover all the chosen prose, the page names its content with
    # them ("live-comment" tickers, "section--ads" slots): they are no signal here.
    found = {r for r in roots if r >= 0}
    flagged = sum(positive[r] for r in found)
    unflagged = total - flagged
    trust_classes = unflagged >= MIN_UNFLAGGED_VALUE
    content = _content_groups(inside, roots, els, positive, unflagged) if trust_classes else set()
    if trust_classes and found:
        if named_body:
            content |= _body_parts(inside, roots, found, named_body, els)
        # Parts that read as prose, named as the body's main part or as a sibling, plus a
        # furniture word ("article-text paywalled")
        prose = _prose_roots(inside, roots) - content
        if prose and core >= 0:
            content |= _body_parts(inside, roots, prose, [core], els)
        content |= _named_after_siblings(prose - content, els, positive)
    link_lists = _link_lists(inside)
    kept: list[TextBlock] = []
    for block, root in zip(inside, roots, strict=True):
        if trust_classes and root >= 0 and root not in content:
            dropped.append((block, "engine.furniture-class"))
            continue
        n = len(block.text)
        if (
            (not block.heading or block.list_group in link_lists)
            and n
            and values[block.index] <= 0  # (an item's linked title is content)
            and block.link_chars > LINK_DENSE * n
            and block.caption < 0
            and not _labelled(block)
        ):
            dropped.append((block, "engine.link-dense"))
            continue
        kept.append(block)
    return kept


def _body_parts(
    inside: list[TextBlock],
    roots: list[int],
    found: set[int],
    named_body: list[int],
    els: Elements,
) -> set[int]:
    """The furniture roots that share the signature of an element that holds most of the
    body under a furniture-like name ("articlewidgethtml_root"): the other parts of a body
    split by promos and ads, each holding less (its class words may add a modifier:
    "isFirst"). A root inside such an element is not one (a box of the same name nested in
    the body). Elements whose paragraphs are mostly teasers cut short ("...") are no body
    parts: a widget of recent posts outweighing a short story."""
    cut = _teaser_heavy(inside, roots, named_body, els)
    named = [e for e in named_body if e not in cut]
    names = [(tag, set(words.split())) for tag, words in map(partial(_signature, els), named)]
    out: set[int] = set()
    for root in found:
        if root in cut:
            continue
        tag, words = _signature(els, root)
        root_words = set(words.split())
        # (named as the body's part, and maybe more: "widget is_first")
        if any(tag == t and w and w <= root_words for t, w in names) and not any(
            els.within(root, e) for e in named
        ):
            out.add(root)
    return out


def _prose_roots(inside: list[TextBlock], roots: list[int]) -> set[int]:
    """The furniture roots that read as the story does: two or more paragraphs (blocks of
    :data:`PARAGRAPH_CHARS` or more, with few links) holding most of their text."""
    chars: dict[int, int] = {}
    prose: dict[int, list[int]] = {}  # root -> [paragraphs, their characters]
    for block, root in zip(inside, roots, strict=True):
        if root < 0 or block.heading:
            continue
        n = len(block.text)
        chars[root] = chars.get(root, 0) + n
        if n >= PARAGRAPH_CHARS and block.link_chars <= CONTINUATION_LINK_SHARE * n:
            count = prose.setdefault(root, [0, 0])
            count[0] += 1
            count[1] += n
    return {
        root
        for root, (paragraphs, n) in prose.items()
        if paragraphs >= CONTINUATION_PARAGRAPHS and n >= CONTINUATION_PROSE_SHARE * chars[root]
    }


def _named_after_siblings(found: set[int], els: Elements, positive: list[float]) -> set[int]:
    """The furniture roots named as a sibling that holds prose and is not furniture, plus a
    word ("article-text paywalled" beside "article-text"): a part of the body whose modifier
    happens to be a furniture word."""
    out: set[int] = set()
    parents = els.parents
    for root in found:
        tag, words = _signature(els, root)
        if not words:
            continue
        root_words = set(words.split())
        for sib in els.children(parents[root])[:_MAX_SIBLINGS]:
            if sib == root or sib in found or positive[sib] <= 0 or els.tags[sib] != tag:
                continue
            sib_words = _signature(els, sib)[1]
            if sib_words and set(sib_words.split()) < root_words:
                out.add(root)
                break
    return out


#: At most this many siblings of a furniture root are compared with it.
_MAX_SIBLINGS: Final = 40


def _teaser_heavy(
    inside: list[TextBlock], roots: list[int], named_body: list[int], els: Elements
) -> set[int]:
    """Among the furniture roots and ``named_body``, those whose paragraphs (blocks of
    :data:`TEASER_MIN_CHARS` or more) mostly end in an ellipsis."""
    counts: dict[int, list[int]] = {}  # element -> [paragraphs, cut short]
    for block, root in zip(inside, roots, strict=True):
        text = block.text
        if len(text) < TEASER_MIN_CHARS:
            continue
        short = text.endswith(_ELLIPSES)
        holders = [root] if root >= 0 else []
        holders += [e for e in named_body if els.within(block.owner, e)]
        for e in holders:
            count = counts.setdefault(e, [0, 0])
            count[0] += 1
            count[1] += short
    return {e for e, (n, short) in counts.items() if short * 2 > n}


def _link_lists(inside: list[TextBlock]) -> set[int]:
    """The lists inside the body that hold one link and nothing else: a link to another
    story, even when it is printed as a heading ("<ul><li><h3><a>Man Shot at Gas
    Station</a></h3></li></ul>" between two paragraphs). A list of several linked headings is
    the story's own (the products a buying guide recommends)."""
    count: dict[int, int] = {}
    linked: dict[int, bool] = {}
    for block in inside:
        group = block.list_group
        if group >= 0:
            n = len(block.text)
            count[group] = count.get(group, 0) + 1
            linked[group] = n > 0 and block.link_chars > LINK_DENSE * n
    return {group for group, n in count.items() if n == 1 and linked[group]}


def _content_groups(
    inside: list[TextBlock],
    roots: list[int],
    els: Elements,
    positive: list[float],
    unflagged: float,
) -> set[int]:
    """The furniture roots that are the page's content after all: repeated elements of one
    signature (tag and class words: "contextmenu body", "c-product-widget") that together
    hold more prose than all the body's unflagged text, none most of it, each saying something
    else. A sidebar box or a promo is one or two elements with a little text each, a sidebar's
    widgets hold their text in one of them, one message repeated (a carousel of the same offer
    per country) says one thing; the sections of a body named with
    a furniture word repeat and carry most of it. Comment threads stay furniture however
    much they hold."""
    groups: dict[tuple[str, str], list[int]] = {}
    for root in {r for r in roots if r >= 0}:
        if is_comments(els.words(root)) and not _in_ticker(els, root):
            continue
        groups.setdefault(_signature(els, root), []).append(root)
    candidates: set[int] = set()
    for members in groups.values():
        if len(members) < MIN_GROUP:
            continue
        values = [positive[r] for r in members]
        held = sum(values)
        if held > unflagged and max(values) <= MAX_MEMBER_SHARE * held:
            candidates.update(members)
    if not candidates:
        return candidates
    vocab: dict[int, set[str]] = {}
    for block, root in zip(inside, roots, strict=True):
        if root in candidates:
            vocab.setdefault(root, set()).update(block.text.lower().split())
    out: set[int] = set()
    for members in groups.values():
        if members[0] not in candidates:
            continue
        sizes = sum(len(vocab.get(r, ())) for r in members)
        union = set().union(*(vocab.get(r, set()) for r in members))
        if sizes and len(union) >= DISTINCT_SHARE * sizes:
            out.update(members)
    return out


def _in_ticker(els: Elements, idx: int) -> bool:
    """Whether an element sits in a live ticker (an ancestor's words name one): its entries
    are the story even when named as comments."""
    return any(is_ticker(els.words(a)) for a in els.ancestors(els.parents[idx]))


def _signature(els: Elements, idx: int) -> tuple[str, str]:
    """What repeated parts of one kind share: the tag and the :func:`class_signature` of the
    element's class (not its id, unique to each)."""
    attrs = els.nodes[idx].attributes if idx else None
    return els.tags[idx], class_signature((attrs.get("class") or "") if attrs else "")


def _drop_stray_labels(
    kept: list[TextBlock], els: Elements, values: list[float], dropped: Dropped
) -> list[TextBlock]:
    """Short labels in their own ``<div>``, away from the paragraphs of the text.

    Dates, view counts, "Credit:", "Externer Inhalt", tag names: a short non-prose block
    whose ``<div>`` is not a sibling of the body's prose blocks (sub-headings, bold run-in
    labels, list items and table cells are kept).
    """
    parents = els.parents
    prose = {b.owner for b in kept if values[b.index] > 0}
    prose |= {parents[owner] for owner in prose}
    out: list[TextBlock] = []
    for block in kept:
        if (
            block.tag == "div"
            and len(block.text) < STRAY_LABEL_CHARS
            and values[block.index] <= 0
            and not block.heading
            and block.list_level < 0
            and not block.cell
            and not block.pre
            and block.caption < 0
            and block.bold_chars < len(block.text) - 1
            and parents[block.owner] not in prose
        ):
            dropped.append((block, "engine.stray-label"))
            continue
        out.append(block)
    return out


def _trim_edges(kept: list[TextBlock], values: list[float], dropped: Dropped) -> list[TextBlock]:
    """Trim short non-prose blocks from both edges (bylines, dates, labels, share bars)."""

    def is_prose(b: TextBlock) -> bool:
        return values[b.index] > 0 or _labelled(b)

    start = 0
    while start < len(kept) and not is_prose(kept[start]):
        if kept[start].heading and _next_is_prose(kept, start, values):
            break
        start += 1
    if start == len(kept):
        return kept  # no prose at all (a page of a few short lines): nothing is an edge
    end = len(kept)
    while end > start and not is_prose(kept[end - 1]) and kept[end - 1].caption < 0:
        end -= 1
    dropped.extend((b, "engine.edge") for b in kept[:start])
    dropped.extend((b, "engine.edge") for b in kept[end:])
    return kept[start:end]


def _core(els: Elements, container: int, positive: list[float]) -> int:
    """The body's main part: the innermost element, named by a class, that holds at least
    :data:`NAMED_BODY_SHARE` of the container's prose (-1 when none is named)."""
    half = NAMED_BODY_SHARE * positive[container]
    found = -1
    node = container
    while True:
        kids = els.children(node)
        if not kids:
            return found
        node = max(kids, key=positive.__getitem__)
        if positive[node] < half:
            return found
        if _signature(els, node)[1]:
            found = node


def _named_like(els: Elements, idx: int, name: tuple[str, set[str]]) -> bool:
    """Whether the element, or one of its children or grandchildren, is named as ``name``
    (a tag and class words), maybe with more words ("article-text paywalled")."""
    tag, words = name
    level = [idx]
    for _ in range(3):
        nxt: list[int] = []
        for i in level:
            if els.tags[i] == tag and words <= set(_signature(els, i)[1].split()):
                return True
            nxt.extend(els.children(i)[:_MAX_LOOK])
        level = nxt[:_MAX_LOOK]
    return False


#: At most this many children are looked at on each level by :func:`_named_like`.
_MAX_LOOK: Final = 12


def _trailing(
    els: Elements, container: int, positive: list[float], strategy: Strategy
) -> dict[int, int]:
    """Subtrees that follow the body's core inside the container (see the module docstring),
    each with the core it follows."""
    out: dict[int, int] = {}
    node = container
    while True:
        kids = els.children(node)
        if not kids:
            return out
        top = max(kids, key=positive.__getitem__)
        if positive[top] < DOMINANT_SHARE * positive[node]:
            return out
        tag, words = els.tags[top], els.words(top)
        following = kids[kids.index(top) + 1 :]
        # Plain text elements right after the core continue it (a closing list).
        start = 0
        while (
            start < len(following)
            and els.tags[following[start]] in TEXT_TAGS
            and strategy.factor(els.words(following[start]), els.tags[following[start]]) >= 1
        ):
            start += 1
        for kid in following[start:]:
            if same_kind(tag, words, els.tags[kid], els.words(kid)):
                continue
            out[kid] = top
        node = top


def _continuations(
    trailing: dict[int, int],
    inside: list[TextBlock],
    els: Elements,
    values: list[float],
    core: int,
) -> set[int]:
    """The subtrees after the body's core that continue it: the rest of a body after an
    in-article ad, photo or promo, a closing section. Each reads as the story does (not
    named as furniture, unless named as the core plus a word: "article-text paywalled";
    paragraphs of prose, at least two, holding most of its text, with
    few links), is named like the core (a class word in common: "section wysiwyg" after
    "section product-fieldset"; or holds an element named as the body's main part, ``core``,
    near its top) and speaks of the same things (most of its words are the
    core's). A sidebar box, a bio or a rail is named otherwise or holds labels and links; a
    call to action, a legal notice or the site's own questions speak of something else."""
    name = None  # the body's main part, whose name a part after an ad may carry
    if core >= 0:
        tag, words = _signature(els, core)
        name = (tag, set(words.split()))
    like_core = {root for root in trailing if name is not None and _named_like(els, root, name)}
    named = [
        root
        for root in trailing
        if root in like_core or element_factor(els.words(root), els.tags[root]) >= 1.0
    ]
    if not named:
        return set()
    # The trailing subtrees are disjoint ranges of element indices: a block's is found by
    # bisection (-1: in the core).
    starts = sorted(trailing)
    ends = [els.subtree_end(root) for root in starts]

    def root_of(owner: int) -> int:
        i = bisect_right(starts, owner) - 1
        return starts[i] if i >= 0 and owner < ends[i] else -1

    chars: dict[int, int] = {}
    prose: dict[int, int] = {}
    links: dict[int, int] = {}
    paragraphs: dict[int, int] = {}
    for block in inside:
        root = root_of(block.owner)
        if root < 0 or block.heading:
            continue
        n = len(block.text)
        chars[root] = chars.get(root, 0) + n
        links[root] = links.get(root, 0) + block.link_chars
        if values[block.index] > 0:
            prose[root] = prose.get(root, 0) + n
            paragraphs[root] = paragraphs.get(root, 0) + 1
    found: set[int] = set()
    for root in named:
        n = chars.get(root, 0)
        if (
            paragraphs.get(root, 0) >= CONTINUATION_PARAGRAPHS
            and prose.get(root, 0) >= CONTINUATION_PROSE_SHARE * n
            and links.get(root, 0) <= CONTINUATION_LINK_SHARE * n
        ):
            core_words = set(_signature(els, trailing[root])[1].split())
            if root in like_core or core_words & set(_signature(els, root)[1].split()):
                found.add(root)
    if not found:
        return found
    # The core's vocabulary: its words of more than three letters.
    vocab: set[str] = set()
    texts: dict[int, list[str]] = {}
    for block in inside:
        root = root_of(block.owner)
        if root in found:
            texts.setdefault(root, []).append(block.text)
        elif root < 0:
            vocab.update(w for w in _WORD.findall(block.text.lower()) if len(w) > 3)
    out: set[int] = set()
    for root, parts in texts.items():
        own = [w for w in _WORD.findall(" ".join(parts).lower()) if len(w) > 3]
        if own and sum(w in vocab for w in own) >= CONTINUATION_SHARED_WORDS * len(own):
            out.add(root)
    return out


def _lead(
    blocks: list[TextBlock],
    els: Elements,
    container: int,
    kept: list[TextBlock],
    values: list[float],
) -> list[TextBlock]:
    """A standfirst printed just above the body container, under the headline.

    Going back from the body's first block, over short labels (byline, date), up to the
    headline: prose blocks met on the way that sit close to the container in the tree (a
    sibling or cousin of it) open the article.
    """
    if not kept:
        return []
    near = set(els.ancestors(container)[1 : 1 + LEAD_MAX_LEVELS])
    end = els.subtree_end(container)
    found: list[TextBlock] = []
    i = kept[0].index - 1
    steps = 0
    headline = False
    while i >= 0 and steps < 6:
        b = blocks[i]
        i -= 1
        steps += 1
        if container <= b.owner < end:
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
        if values[b.index] <= 0:
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


def _labelled(block: TextBlock) -> bool:
    """A paragraph opening with a bold run-in label ("Go deeper: <a>...</a>")."""
    bold = block.bold_chars
    return 1 < bold < 40 and ":" in block.text[: bold + 2]


def _next_is_prose(blocks: list[TextBlock], i: int, values: list[float]) -> bool:
    for b in blocks[i + 1 : i + 4]:
        if b.heading:
            continue
        return values[b.index] > 0
    return False

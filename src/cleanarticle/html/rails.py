"""Rails and what the engine left out of the body, in the HTML route.

:func:`drop_labelled_rails` drops the rails a chrome rule's label heads ("More stories") or a
"Read more" closes, with every block of the element the label belongs to;
:func:`record_dropped` records what the engine left out, under the rule that matches it or the
engine step that dropped it; :func:`mark` labels an element for ``cleanarticle explain``.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Final

from cleanarticle.dom.nodes import MARK_ID
from cleanarticle.model import RemovalKind

if TYPE_CHECKING:
    from cleanarticle.dom.blocks import Elements, TextBlock
    from cleanarticle.draft import Draft
    from cleanarticle.rules import Rule, TextMatcher

__all__ = ["ENGINE_KINDS", "drop_labelled_rails", "mark", "record_dropped"]

_INDEX = attrgetter("index")
_FIRST = itemgetter(0)

#: The removal kind of the engine's own rules (others are boilerplate).
ENGINE_KINDS: dict[str, RemovalKind] = {
    "engine.teaser-list": RemovalKind.RELATED,
    "engine.caption": RemovalKind.MEDIA,
    "engine.navigation": RemovalKind.NAVIGATION,
}
#: Kinds of rule whose short label heads a block of chrome ("More stories", "Newsletter").
_RAIL_KINDS = frozenset(
    {RemovalKind.RELATED, RemovalKind.AD, RemovalKind.NEWSLETTER, RemovalKind.COMMENTS}
)
#: Kinds of rule whose short label closes a teaser card ("Read more", "Read full article").
_CARD_END_KINDS = frozenset({RemovalKind.RELATED, RemovalKind.NAVIGATION})
#: A labelled block holding more than this share of the body's text is not a rail.
_RAIL_SHARE: Final = 0.35
#: A rule match at most this many blocks after the body's last block is "at the end" of it.
_END_WINDOW: Final = 8


def drop_labelled_rails(
    kept: list[TextBlock],
    dropped: list[TextBlock],
    els: Elements,
    draft: Draft,
    matcher: TextMatcher,
    closers: set[int],
) -> list[TextBlock]:
    """The HTML counterpart of ``ends_body``: a rail label ("More stories", "Related") that
    opens the element holding it heads that element, and a "Read more" that closes it ends a
    teaser card, so every block of the element goes with the label, unless the element holds
    much of the body (an inline "Read also:" line inside the story).

    The blocks of an element are contiguous in reading order, so each label only looks at its
    neighbours, and an element is walked only while it stays within the rail budget: linear
    in the page, whatever its labels.
    """
    marking = draft.marks is not None  # cleanarticle explain
    total = sum(len(b.text) for b in kept) or 1
    budget = _RAIL_SHARE * total
    kept_ids = {id(b) for b in kept}
    # Labels are looked for among the blocks the engine dropped too (a "Read more" link).
    seen = sorted(kept + dropped, key=_INDEX) if dropped else kept  # two runs: linear
    gone: dict[int, Rule] = {}  # block index -> the rule of the label it went with
    labels = 0
    for pos, block in enumerate(seen):
        if block.index in gone or len(block.text) > 60 or block.list_level >= 0:
            continue
        rule = matcher.match(block.text)
        if rule is None:
            continue
        opens_kind, closes_kind = rule.kind in _RAIL_KINDS, rule.kind in _CARD_END_KINDS
        if not (opens_kind or closes_kind):
            continue
        labels += 1
        if labels > _MAX_RAIL_LABELS:
            break
        rail = _label_element(seen, pos, els)
        if rail < 0:
            continue
        before = pos > 0 and els.within(seen[pos - 1].owner, rail)
        after = pos + 1 < len(seen) and els.within(seen[pos + 1].owner, rail)
        # The label opens the element (a heading over its cards, not a line amid the story),
        # or closes it (a teaser card's "Read more").
        opens = opens_kind and not before and after
        closes = closes_kind and before and not after
        if not (opens or closes):
            continue
        span = _span(seen, pos, rail, els, kept_ids, budget)
        if span is None:
            continue
        for b in seen[span[0] : span[1] + 1]:
            gone[b.index] = rule
        if closes:
            closers.add(block.index)
    if not gone:
        return kept
    out: list[TextBlock] = []
    for block in kept:
        rule = gone.get(block.index)
        if rule is None or matcher.match(block.text) is rule:
            out.append(block)  # kept, or a label: recorded under its own rule by _units
        else:
            draft.remove(rule.kind, rule.name, block.text)
            if marking:
                mark(draft, els, block, rule.name)
    return out


#: At most this many rail labels are considered on one page (real pages have a handful).
_MAX_RAIL_LABELS: Final = 200


def _label_element(seen: list[TextBlock], pos: int, els: Elements) -> int:
    """The element a label belongs to: its own block element when that holds a neighbouring
    block too (a card whose text runs straight into its "Read more"), else the parent."""
    owner = seen[pos].owner
    for j in (pos - 1, pos + 1):
        if 0 <= j < len(seen) and els.within(seen[j].owner, owner):
            return owner
    return els.parents[owner]


def _span(
    seen: list[TextBlock],
    pos: int,
    rail: int,
    els: Elements,
    kept_ids: set[int],
    budget: float,
) -> tuple[int, int] | None:
    """The first and last position in ``seen`` of the blocks inside ``rail`` around ``pos``,
    or None when they hold more of the body's text than ``budget``."""
    chars = len(seen[pos].text) if id(seen[pos]) in kept_ids else 0
    lo = hi = pos
    while lo > 0 and els.within(seen[lo - 1].owner, rail):
        lo -= 1
        chars += len(seen[lo].text) if id(seen[lo]) in kept_ids else 0
        if chars > budget:
            return None
    while hi + 1 < len(seen) and els.within(seen[hi + 1].owner, rail):
        hi += 1
        chars += len(seen[hi].text) if id(seen[hi]) in kept_ids else 0
        if chars > budget:
            return None
    return lo, hi


def mark(draft: Draft, els: Elements, block: TextBlock, label: str) -> None:
    """Explain mode: label the element that owns the block."""
    if draft.marks is not None:
        draft.mark(els.nodes[block.owner].attributes.get(MARK_ID), label)


def record_dropped(
    outside: list[TextBlock],
    dropped: list[tuple[TextBlock, str]],
    els: Elements,
    draft: Draft,
    matcher: TextMatcher,
    last: int,
    closers: set[int],
    window: tuple[int, int],
) -> None:
    """Record what the engine left out, in page order: a block a chrome rule matches under the
    rule's name (credits and teaser links outside the body are read so, within ``window`` of
    block indices around the body: far-off menus are not worth matching), the rest one record
    per run of blocks that one engine rule removed."""
    marking = draft.marks is not None  # cleanarticle explain
    lo, hi = window
    items = [(b.index, b, _outside_rule(b), lo <= b.index <= hi) for b in outside]
    items += [(b.index, b, name, True) for b, name in dropped]
    items.sort(key=_FIRST)  # two sorted runs: linear
    run: list[str] = []
    run_rule = ""
    prev = -2
    for index, block, name, near in items:
        rule = matcher.match(block.text) if near else None
        if run and (rule is not None or name != run_rule or index != prev + 1):
            kind = ENGINE_KINDS.get(run_rule, RemovalKind.BOILERPLATE)
            draft.remove(kind, run_rule, " ".join(run))
            run = []
        prev = index
        if rule is not None:
            at_end = index not in closers and last < index <= last + _END_WINDOW
            draft.fire(rule, block.text, at_end=at_end)
            if marking:
                mark(draft, els, block, rule.name)
            continue
        run.append(block.text)
        run_rule = name
        if marking:
            mark(draft, els, block, name)
    if run:
        draft.remove(ENGINE_KINDS.get(run_rule, RemovalKind.BOILERPLATE), run_rule, " ".join(run))


#: A block outside the body whose text is mostly links, each this short: a menu's entry.
_MENU_ENTRY_CHARS: Final = 80


def _outside_rule(block: TextBlock) -> str:
    """The engine rule that left a block outside the body: a menu's links are navigation,
    the rest is the page's other content."""
    n = len(block.text)
    if n <= _MENU_ENTRY_CHARS and block.link_chars * 2 > n and not block.heading:
        return "engine.navigation"
    return "engine.outside-content"

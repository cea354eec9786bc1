"""Plain-text captures: what a scraper saved as the page's visible text, one block a line.

There is no markup, so the structure comes from the lines themselves: blank lines group
them, bullet glyphs and indentation mark list items, a line followed by a copy of itself with
a credit appended is an image caption, and the aggregator profile (recognised by its phrases)
says what the short lines above the headline are and where the story ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from cleanarticle.body.sections import split_label
from cleanarticle.draft import Draft, Source, Unit, UnitKind
from cleanarticle.fields.profile import wire_from_dateline
from cleanarticle.model import Image, RemovalKind
from cleanarticle.rules import Profile, Rule, RuleSet
from cleanarticle.rules.phrases import BYLINE_START, CREDIT_LINE, SENTENCE_END
from cleanarticle.textutil import collapse, normalize_phrase

__all__ = ["detect_text_profile", "extract_text_capture", "looks_like_html"]

_BULLET = re.compile(r"^([•·▪◦‣●○■□\-–*])\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
#: A line ending so reads as a sentence or a clause (a colon, a semicolon) of running text.
_CLAUSE_END = (*SENTENCE_END, ":", ";")
#: The credit a capture prints after a caption it repeats: a credit line, on one short line.
_CREDIT = re.compile(CREDIT_LINE.pattern + r".{0,120}$", re.IGNORECASE)
_TAG = re.compile(r"<(?:!doctype|html|head|body|div|p|span|a|meta|script|table|article|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    """Whether the input is markup (else it is treated as a plain-text capture)."""
    head = text[:4096]
    if head.lstrip().startswith("<"):
        return True
    return len(_TAG.findall(text[:65536])) >= 3


@dataclass(slots=True)
class _Line:
    text: str
    indent: int
    blank_before: bool
    index: int


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = True
    for i, raw in enumerate(text.splitlines()):
        text = collapse(raw)
        if not text:  # white space, or only invisible characters (soft hyphens, ZWSP)
            blank = True
            continue
        expanded = raw.replace("\t", "    ")
        indent = len(expanded) - len(expanded.lstrip())
        out.append(_Line(text, indent, blank, i))
        blank = False
    return out


def detect_text_profile(lines: list[str], rules: RuleSet) -> Profile | None:
    """The profile whose detection phrases appear often enough among the lines, if any."""
    keys = {normalize_phrase(line) for line in lines if len(line) <= 200}
    best: tuple[int, Profile] | None = None
    for prof in rules:
        phrases = prof.detect.phrases
        if not phrases:
            continue
        hits = sum(1 for p in phrases if p in keys)
        if hits >= prof.detect.min_phrases and (best is None or hits > best[0]):
            best = (hits, prof)
    return best[1] if best else None


def _first_paragraph(lines: list[_Line], chrome: dict[int, Rule], start: int) -> int:
    """Index of the first prose line from ``start`` that no rule matched (or the end)."""
    return next(
        (i for i in range(start, len(lines)) if i not in chrome and _is_paragraph(lines[i])),
        len(lines),
    )


def _is_paragraph(line: _Line) -> bool:
    """A line that reads like running prose (long, ending like a sentence)."""
    text = line.text
    return len(text) >= 60 and len(text.split()) >= 8 and text.endswith(_CLAUSE_END)


def extract_text_capture(text: str, draft: Draft, rules: RuleSet, profile: Profile | None) -> None:
    """Fill ``draft`` from a plain-text capture (fields, body units, removals)."""
    lines = _lines(text)
    if profile is None:
        profile = detect_text_profile([ln.text for ln in lines], rules)
    draft.profile = profile
    # Wire copy ("PARIS (AFP) -" opening the first paragraph) brings the wire's chrome along.
    opening = next((ln for ln in lines if _is_paragraph(ln)), None)
    wire = wire_from_dateline(opening.text, rules) if opening is not None else None
    if wire is not None and wire is not profile:
        draft.syndicated = True
        if profile is None:
            draft.profile = profile = wire
        else:
            draft.layers = (wire,)
    matcher = rules.matcher(profile, draft.layers)

    # 1. Chrome lines, and where the body must end.
    chrome: dict[int, Rule] = {}
    for i, line in enumerate(lines):
        rule = matcher.match(line.text)
        if rule is not None:
            chrome[i] = rule

    # 2. The head: header chrome, then the head lines, then the headline.
    first_para = _first_paragraph(lines, chrome, 0)
    start = 0
    header: dict[int, Rule] = {}  # the header's chrome, and the cards of a rail headed there
    while start < len(lines) and start in chrome and start < first_para:
        rule = header[start] = chrome[start]
        start += 1
        if _is_rail_heading(rule, lines[start - 1]):
            end = _rail_end(lines, start, chrome)
            for j in range(start, end):
                header[j] = chrome.get(j, rule)
            start = end
            first_para = _first_paragraph(lines, chrome, start)
    head_end = _find_headline(lines, chrome, start, first_para, profile)
    for i in range(start):
        draft.fire(header[i], lines[i].text, at_end=False)
    if head_end < len(lines):
        draft.headline = lines[head_end].text
    head: list[_Line] = []
    for i in range(start, min(head_end, len(lines))):
        if i in chrome:  # a chrome line inside the head ("Follow" beside the publisher)
            draft.fire(chrome[i], lines[i].text, at_end=False)
        else:
            head.append(lines[i])
    _assign_head(head, profile, draft)

    # 3. The body, up to the first line of a rule that ends it (after the byline and date
    # lines printed under the headline).
    body_start = head_end + 1 if draft.headline else start
    if draft.headline:
        body_start = _under_headline(lines, body_start, chrome, draft)
    units: list[Unit] = []
    group = 0
    prev_item = False
    i = body_start
    while i < len(lines):
        line = lines[i]
        rule = chrome.get(i)
        if rule is not None:
            draft.fire(rule, line.text, at_end=True if rule.ends_body else None)
            if rule.ends_body:
                current = rule  # an unmatched line belongs to the rail heading above it
                for rest in lines[i + 1 :]:
                    current = matcher.match(rest.text) or current
                    draft.fire(current, rest.text, at_end=False)
                break
            i += 1
            if _is_rail_heading(rule, line):
                end = _rail_end(lines, i, chrome)
                for j in range(i, end):  # the cards, removed by the heading's rule
                    draft.fire(chrome.get(j, rule), lines[j].text, at_end=False)
                i = end
            continue
        # An image caption printed twice: the alt text, then the same with a credit.
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and len(line.text) >= 15 and nxt.text.startswith(line.text):
            credit = nxt.text[len(line.text) :].strip()
            if not credit:  # the same line twice: keep the first
                draft.remove(RemovalKind.HIDDEN, "text.duplicate", nxt.text)
                units.append(Unit(UnitKind.PARAGRAPH, line.text))
                prev_item = False
                i += 2
                continue
            if _CREDIT.match(credit):
                draft.images.append(Image(caption=line.text, credit=credit, alt=line.text))
                draft.remove(RemovalKind.MEDIA, "text.caption", line.text)
                draft.remove(RemovalKind.MEDIA, "text.caption", nxt.text)
                i += 2
                continue
        bullet = _BULLET.match(line.text)
        numbered = None if bullet else _NUMBERED.match(line.text)
        if bullet or numbered:
            if not prev_item:
                group += 1
            m = bullet or numbered
            assert m is not None
            level = min(line.indent // 4, 5) if line.indent >= 4 and prev_item else 0
            units.append(
                Unit(UnitKind.ITEM, m.group(2), level=level, ordered=bool(numbered), group=group)
            )
            prev_item = True
            i += 1
            continue
        prev_item = False
        if _is_subheading(line, nxt):
            units.append(Unit(UnitKind.HEADING, line.text, level=2))
        else:
            units.append(Unit(UnitKind.PARAGRAPH, line.text))
        i += 1
    draft.units = units


_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"okt|dez|janv|févr|mars|avr|juin|juil|août|sept|déc|ene|abr|ago|dic|fev|out|set)\w*\.?"
)
# A date line: a year with a month name or a day/month in figures, and little else.
_DATE_LINE = re.compile(
    rf"^(?=.{{6,60}}$)(?=.*\b(?:19|20)\d{{2}}\b)(?=.*(?:\b{_MONTH}|\b\d{{1,2}}[./-]\d{{1,2}}\b))"
    r"[\w .,:/()+|·•-]+$",
    re.IGNORECASE,
)
# A credit that runs the author and the publisher together: "James ParkerThe Atlantic".
_RUN_TOGETHER = re.compile(
    r"^(?P<byline>[A-Z][\w.'’-]+?(?: (?:[A-Z][\w.'’-]+?|and|&|de|van|von))*?[a-z]{2})"
    r"(?P<publisher>(?:The )?[A-Z][\w&.'’-]*(?: [\w&.'’-]+){0,4})$"
)


#: A related-rail heading is a short line of its own ("Related", "Most Read"), not an inline
#: "Related: <title>" link.
RAIL_HEADING_MAX_CHARS: Final = 40
#: A rail card's title: a line up to this long that does not end like a sentence.
CARD_TITLE_MAX_CHARS: Final = 150
_CARD_TITLE_END = re.compile(r"[.…:;,]$")


def _is_rail_heading(rule: Rule, line: _Line) -> bool:
    return (
        rule.kind is RemovalKind.RELATED
        and len(line.text) <= RAIL_HEADING_MAX_CHARS
        and ": " not in line.text
    )


def _is_card_title(line: _Line) -> bool:
    text = line.text
    return (
        len(text) <= CARD_TITLE_MAX_CHARS
        and len(text.split()) >= 2
        and not _CARD_TITLE_END.search(text)
        and not _BULLET.match(text)
        and not BYLINE_START.match(text)
        and split_label(text, known_only=True) is None
    )


def _rail_end(lines: list[_Line], i: int, chrome: dict[int, Rule]) -> int:
    """The index after the cards of a rail whose heading is just above line i.

    A rail is a run of card titles (short lines that do not end like a sentence), each
    followed by its summary when the rail's cards have one: the first card settles which. The
    rail ends at the first line that breaks the pattern, where the story (if any) resumes;
    chrome lines inside it belong to it.
    """
    n = len(lines)

    def title(j: int) -> bool:
        return j < n and j not in chrome and _is_card_title(lines[j])

    with_summary: bool | None = None
    while i < n:
        if i in chrome:
            i += 1
            continue
        if not title(i):
            break
        summary = i + 1 < n and not title(i + 1) and i + 1 not in chrome
        if summary:  # a summary is followed by the next card, chrome, or the end
            summary = i + 2 >= n or title(i + 2) or i + 2 in chrome
        if with_summary is None:
            with_summary = summary
        elif summary != with_summary:
            if not with_summary:  # a title-only rail's last card, then the story
                i += 1
            break
        i += 2 if summary else 1
    return i


def _under_headline(lines: list[_Line], i: int, chrome: dict[int, Rule], draft: Draft) -> int:
    """Read the byline, date and chrome lines printed between the headline and the story;
    returns the index of the story's first line."""
    while i < len(lines):
        line = lines[i]
        text = line.text
        if i in chrome:
            draft.fire(chrome[i], text, at_end=False)
        elif len(text) > 100 or _is_paragraph(line):
            break
        elif BYLINE_START.match(text) and not draft.byline:
            draft.byline = text
            draft.remove(RemovalKind.METADATA, "text.byline", text)
        elif _DATE_LINE.match(text):
            draft.remove(RemovalKind.METADATA, "text.date", text)
        elif (m := _RUN_TOGETHER.match(text)) is not None and not draft.byline:
            draft.byline = m.group("byline")
            draft.credit(Source.CREDIT, m.group("publisher"), "text.credit-line")
            draft.remove(RemovalKind.METADATA, "text.credit-line", text)
        else:
            break
        i += 1
    return i


def _is_subheading(line: _Line, nxt: _Line | None) -> bool:
    """A short line standing alone before a paragraph, not ending like a sentence."""
    text = line.text
    return (
        nxt is not None
        and split_label(text, known_only=True) is None
        and line.blank_before
        and nxt.blank_before
        and len(text) <= 80
        and len(text.split()) <= 10
        and not text.endswith(_CLAUSE_END)
        and text[:1].isupper()
    )


def _find_headline(
    lines: list[_Line],
    chrome: dict[int, Rule],
    start: int,
    first_para: int,
    profile: Profile | None,
) -> int:
    """Index of the headline line. With a profile's ``text_head``, the headline is the first
    line after the head group (the lines up to the first blank line); otherwise it is the last
    short, non-sentence line before the first paragraph."""
    if profile is not None and profile.text_head:
        i = start
        while i < len(lines) and (i == start or not lines[i].blank_before):
            i += 1
        if i < len(lines) and i <= first_para:
            return i
    candidates = [
        i
        for i in range(start, min(first_para, len(lines)))
        if i not in chrome
        and len(lines[i].text) <= 250
        and not _BULLET.match(lines[i].text)
        and not BYLINE_START.match(lines[i].text)  # "By Jane Doe" under the headline
        and not _DATE_LINE.match(lines[i].text)
    ]
    for i in candidates:  # the first short line that stands alone as a block
        if lines[i].blank_before and (i + 1 >= len(lines) or lines[i + 1].blank_before):
            return i
    return candidates[-1] if candidates else start


def _assign_head(head: list[_Line], profile: Profile | None, draft: Draft) -> None:
    """Give the short lines above the headline their roles (publisher, section, byline)."""
    texts = [ln.text for ln in head]
    roles = list(profile.text_head) if profile is not None and profile.text_head else []
    if not roles:
        roles = _guess_roles(texts)
    pos = 0
    publisher: str | None = None
    for role in roles:
        if pos >= len(texts):
            break
        name = role.rstrip("?")
        optional = role.endswith("?")
        text = texts[pos]
        if name == "publisher":
            if optional and publisher is not None and text != publisher:
                continue
            if publisher is None:
                publisher = text
                draft.credit(Source.PROVIDER, text, "text.head.publisher")
            draft.remove(RemovalKind.METADATA, "text.head.publisher", text)
        elif name == "section":
            draft.section = text
            draft.remove(RemovalKind.METADATA, "text.head.section", text)
        elif name == "byline":
            if optional and pos == len(texts):
                continue
            draft.byline = text
            draft.remove(RemovalKind.METADATA, "text.head.byline", text)
        else:
            draft.remove(RemovalKind.METADATA, f"text.head.{name}", text)
        pos += 1
    for text in texts[pos:]:
        draft.remove(RemovalKind.METADATA, "text.head.other", text)


def _guess_roles(texts: list[str]) -> list[str]:
    roles: list[str] = []
    for i, text in enumerate(texts):
        if i + 1 < len(texts) and texts[i + 1] == text:
            roles.append("publisher")
        elif BYLINE_START.match(text):
            roles.append("byline")
        elif i > 0 and texts[i - 1] == text:
            roles.append("publisher")
        else:
            roles.append("skip")
    return roles

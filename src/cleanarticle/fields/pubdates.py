"""The article's dates: the day the publisher printed, in the publisher's own zone.

Candidates come from every source a page gives: JSON-LD (``datePublished``,
``dateModified``), the date ``<meta>`` (``article:published_time``, ...), the dates printed
between the headline and the body or just above the headline (``<time datetime>``, date
lines, each with its label: "Published", "Updated", "Veröffentlicht", "Mis à jour", ...; see
:mod:`cleanarticle.fields.printed`), and the URL (``/2021/10/29/``). :func:`pick_dates`
applies the order of trust:

*Published*

1. the date printed nearest the headline that is labelled as the publication or not
   labelled (the day the reader sees), outside rails and comments. When the declared
   ``datePublished`` (JSON-LD, else ``<meta>``) falls on that day in its own zone (or is the
   same instant, or the same day with day and month read the other way round), the declared
   value is given, since it carries the time and the page's offset; otherwise the printed
   one (a page whose metadata is written in UTC keeps the day it printed). The declared
   value also stands when the page prints its day anywhere near the headline;
2. the declared ``datePublished`` (the URL's day instead when the declared value is a UTC
   stamp on the day after it: past the publisher's midnight);
3. the URL's day;
4. the date printed as an update, when it is the only date the page gives.

A date labelled as an update never wins over a declared or printed publication.

*Modified*: the declared ``dateModified``, else the printed update date; never before the
publication.

Values keep the offset the page gives (an aware date-time in the page's own zone); none is
ever converted to UTC or invented. Bounds: no date after now (plus a day, for time zones);
a printed date after the page's declared modification (plus a day) is not its publication
(a comment's date, today's date in a header); the years before 1990 are refused
(:data:`cleanarticle.fields.dates.MIN_YEAR`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cleanarticle.fields.dates import DateLabel
from cleanarticle.fields.printed import PrintedDate

__all__ = ["Declared", "pick_dates"]


@dataclass(frozen=True, slots=True)
class Declared:
    """The dates a page's metadata declares, parsed (ISO 8601, the page's offset kept)."""

    published: str | None = None
    modified: str | None = None


def _day(value: str) -> str:
    return value[:10]


def pick_dates(
    declared: Declared,
    printed: Sequence[PrintedDate],
    url_date: str | None = None,
) -> tuple[str | None, str | None]:
    """The publication and modification dates, by the order of trust of the module
    docstring; ``printed``: nearest the headline first."""
    pub, mod = declared.published, declared.modified
    limit = _day(mod) if mod else None
    shown: PrintedDate | None = None
    update: PrintedDate | None = None
    confirmed = False
    for cand in printed:
        if cand.label is DateLabel.OTHER:
            continue
        if (
            pub
            and _agrees(cand.value, pub)
            and (cand.label is not DateLabel.MODIFIED or (mod and _day(mod) == _day(pub)))
        ):
            # The page prints its declared day (an update label counts when the page
            # declares no other day of change).
            confirmed = True
        if cand.label is DateLabel.MODIFIED:
            update = update or cand
            continue
        if limit is not None and _day(cand.value) > limit and not _next_day(limit, cand.value):
            continue  # after the page's last modification: not its publication
        if shown is None:
            shown = cand
    published: str | None
    if shown is not None and shown.label is DateLabel.PUBLISHED and pub:
        # A date the page prints as its publication: the declared value when it agrees.
        published = pub if _agrees(shown.value, pub) else shown.value
    elif pub and (confirmed or shown is None):
        published = pub
        if not confirmed and url_date and _utc(pub) and _next_day(_day(url_date), pub):
            published = url_date  # a UTC time stamp past the publisher's midnight
    elif shown is not None:
        published = shown.value
    elif url_date:
        published = url_date
    elif update is not None:
        published = update.value
    else:
        published = None
    modified = mod or (update.value if update is not None else None)
    if modified and published and _day(modified) < _day(published):
        modified = None
    return published, modified


def _agrees(printed: str, declared: str) -> bool:
    """Whether a printed date stands for a declared one: the same day, the same instant in
    another zone, or a day and month printed the other way round (``09/10/2024``)."""
    day = _day(printed)
    if day == _day(declared):
        return True
    if len(printed) > 10 and len(declared) > 10:
        try:
            if datetime.fromisoformat(printed) == datetime.fromisoformat(declared):
                return True
        except (ValueError, TypeError):
            pass
    year, month, mday = day.split("-")
    return int(mday) <= 12 and f"{year}-{mday}-{month}" == _day(declared)


def _utc(value: str) -> bool:
    """Whether a date-time is written in UTC (a server's clock, not the page's zone)."""
    return len(value) > 10 and value.endswith(("+00:00", "Z"))


def _next_day(day: str, value: str, *, both: bool = False) -> bool:
    """Whether ``value`` falls on the day after ``day`` (or before it too, ``both``)."""
    try:
        diff = date.fromisoformat(_day(value)) - date.fromisoformat(day)
    except ValueError:
        return False
    return timedelta(days=-1 if both else 0) <= diff <= timedelta(days=1)

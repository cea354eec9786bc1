"""Dates: parse what pages print or declare into ISO 8601, and find a date in a URL.

Pages write dates in many ways: ISO 8601 in metadata (``2020-01-28T10:15:00+01:00``), RFC 2822
(``Tue, 28 Jan 2020 10:15:00 GMT``), epoch seconds, and in the text ``28.01.2020``,
``January 28, 2020``, ``28. Januar 2020``, ``28 de enero de 2020``. :func:`parse_date` reads
all of these and returns ISO 8601: ``YYYY-MM-DD`` when only the day is known,
``YYYY-MM-DDTHH:MM:SS`` with the page's UTC offset when the page gives one. A date after
*now* (plus one day, for time zones) is never returned: a page cannot be published in the
future, and such values are event dates, expiry dates or template placeholders.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_tz
from typing import Final

__all__ = [
    "MONTHS",
    "date_from_url",
    "date_in_text",
    "is_future",
    "parse_date",
]

#: Month names and their usual abbreviations (lower case, without the final dot), by number.
MONTHS: dict[str, int] = {}
# fmt: off
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "januari", "stycznia", "styczeń", "tammikuuta"),
    2: ("february", "feb", "febr", "februar", "feber", "février", "fevrier", "févr", "fev",
        "febrero", "febbraio", "fevereiro", "februari", "lutego", "luty", "helmikuuta"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marca",
        "marzec", "mrz", "maaliskuuta"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień",
        "huhtikuuta"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maja", "maj", "toukokuuta"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec",
        "kesäkuuta"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca",
        "lipiec", "heinäkuuta"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "sierpień",
        "elokuuta"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "set", "settembre", "setembro",
        "wrzesnia", "września", "wrzesień", "syyskuuta"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
         "out", "października", "pazdziernika", "październik", "lokakuuta"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad",
         "marraskuuta"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
         "dicembre", "dezembro", "grudnia", "grudzień", "joulukuuta"),
}
# fmt: on
for _num, _names in _MONTH_NAMES.items():
    for _name in _names:
        MONTHS.setdefault(_name, _num)
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_TIME = r"(?:[T ,]\s*(?:um\s+|at\s+|à\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME, re.IGNORECASE)
_YMD_SLASH = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?![\d])" + _TIME)
_D_MONTH_Y = re.compile(
    rf"(?<!\w)(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+)?({_MONTH_ALT})\.?,?\s*(?:de\s+)?(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_MONTH_D_Y = re.compile(
    rf"(?<!\w)({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_URL_DATE = re.compile(
    r"(?<![\d])((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?![\d])"
)
_URL_DATE_SEP = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(?:(0?[1-9]|[12]\d|3[01])/)?")
#: The earliest year a web page's date may carry.
MIN_YEAR: Final = 1990
#: How far ahead of now a date may be (time zones) before it counts as in the future.
FUTURE_SLACK = timedelta(days=1)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def is_future(value: str, now: datetime | None = None) -> bool:
    """Whether an ISO date string lies after ``now`` (plus one day of slack)."""
    limit = (_now(now) + FUTURE_SLACK).date().isoformat()
    return value[:10] > limit


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    text = text.upper()
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(
    year: int,
    month: int,
    day: int,
    hour: str | None = None,
    minute: str | None = None,
    second: str | None = None,
    tz: str | None = None,
) -> str | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not MIN_YEAR <= year <= 2100:
        return None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if hour is None or minute is None:
        return day_value.isoformat()
    try:
        moment = datetime(
            year, month, day, int(hour), int(minute), int(second or 0), tzinfo=_tz(tz)
        )
    except ValueError:
        return day_value.isoformat()
    if int(hour) == 0 and int(minute) == 0 and int(second or 0) == 0 and tz is None:
        return day_value.isoformat()  # a date written as midnight: the day is what is known
    return moment.isoformat()


def _parse(text: str, *, day_first: bool) -> str | None:
    m = _ISO.search(text)
    if m:
        return _build(int(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6], m[7])
    if _EPOCH.match(text):
        seconds = int(text[:10])
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    if "," in text[:5] or re.match(r"^\w{3},? \d", text):
        parsed = parsedate_tz(text)
        if parsed is not None and parsed[0] >= MIN_YEAR:
            y, mo, d, h, mi, s = parsed[:6]
            offset = parsed[9]
            tz = None
            if offset is not None:
                sign = "-" if offset < 0 else "+"
                tz = f"{sign}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}"
            return _build(y, mo, d, f"{h:02d}", f"{mi:02d}", f"{s:02d}", tz)
    m = _YMD_SLASH.search(text)
    if m:
        return _build(int(m[1]), int(m[2]), int(m[3]))
    m = _D_MONTH_Y.search(text)
    if m:
        return _build(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    m = _MONTH_D_Y.search(text)
    if m:
        return _build(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    m = _DMY.search(text)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2 and m.group(0).count("-"):
            return None  # 12-05-20: too ambiguous
        if a > 12 or (day_first and b <= 12):
            day, month = a, b
        else:
            day, month = b, a
        return _build(year, month, day, m[4], m[5], m[6], m[7])
    return None


def parse_date(
    text: str | None, *, day_first: bool = True, now: datetime | None = None
) -> str | None:
    """An ISO 8601 date (or date-time) from a declared or printed date, or None.

    ``day_first`` decides ``05/06/2020`` (5 June when true, the default outside the US);
    dates after ``now`` are refused.
    """
    if not text:
        return None
    text = text.strip()
    if not text or len(text) > 200:
        return None
    found = _parse(text, day_first=day_first)
    if found is None or is_future(found, now):
        return None
    return found


def date_in_text(text: str, *, day_first: bool = True, now: datetime | None = None) -> str | None:
    """A date printed in a short line of text ("Published 28.01.2020, 10:15"), or None.

    Only dates written with a four-digit year (or a month name) count, so that scores and
    version numbers are not read as dates.
    """
    if _DIGIT.search(text) is None:  # every pattern below needs one
        return None
    for pattern in (_ISO, _D_MONTH_Y, _MONTH_D_Y, _DMY):
        m = pattern.search(text)
        if m is None:
            continue
        if pattern is _DMY and len(m[3]) != 4:
            continue
        return parse_date(m.group(0), day_first=day_first, now=now)
    return None


def date_from_url(url: str | None, now: datetime | None = None) -> str | None:
    """The day a URL names (``/2019/10/21/``, ``/20191021-``, ``2019-10-21``), or None."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    m = _URL_DATE_SEP.search(path)
    if m and m[3]:
        found = _build(int(m[1]), int(m[2]), int(m[3]))
    else:
        m2 = _URL_DATE.search(path)
        found = _build(int(m2[1]), int(m2[2]), int(m2[3])) if m2 else None
    if found is None or is_future(found, now):
        return None
    return found

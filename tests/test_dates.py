"""Dates: every way pages write them, to ISO 8601; never a date in the future."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cleanarticle.fields.dates import date_from_url, date_in_text, is_future, parse_date

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-28T10:15:00+01:00", "2020-01-28T10:15:00+01:00"),
        ("2020-01-28T10:15:00Z", "2020-01-28T10:15:00+00:00"),
        ("2020-01-28T10:15:00.123+0100", "2020-01-28T10:15:00+01:00"),
        ("2020-01-28 10:15", "2020-01-28T10:15:00"),
        ("2020-01-28", "2020-01-28"),
        ("2020-01-28T00:00:00", "2020-01-28"),  # midnight without a zone: only the day is known
        ("Tue, 28 Jan 2020 10:15:00 GMT", "2020-01-28T10:15:00+00:00"),
        ("Tue, 28 Jan 2020 10:15:00 -0500", "2020-01-28T10:15:00-05:00"),
        ("1580206500", "2020-01-28T10:15:00+00:00"),
        ("28.01.2020", "2020-01-28"),
        ("28. Januar 2020", "2020-01-28"),
        ("January 28, 2020", "2020-01-28"),
        ("Jan. 28th, 2020", "2020-01-28"),
        ("28 janvier 2020", "2020-01-28"),
        ("28 de enero de 2020", "2020-01-28"),
        ("2020/01/28", "2020-01-28"),
        ("Stand: 05. Februar 2020", "2020-02-05"),
    ],
)
def test_parse_date_formats(text: str, expected: str) -> None:
    assert parse_date(text, now=NOW) == expected


def test_day_first_decides_ambiguous_dates() -> None:
    assert parse_date("05/06/2020", now=NOW) == "2020-06-05"
    assert parse_date("05/06/2020", day_first=False, now=NOW) == "2020-05-06"
    assert parse_date("13/06/2020", day_first=False, now=NOW) == "2020-06-13"  # 13 is no month


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "32.01.2020", "2020-13-01", "1850-01-01", "v1.2.3"]
)
def test_not_dates(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_never_a_date_in_the_future() -> None:
    assert parse_date("2024-06-02", now=NOW) == "2024-06-02"  # one day of slack (time zones)
    assert parse_date("2024-06-03", now=NOW) is None
    assert parse_date("2031-01-01T00:00:00Z", now=NOW) is None
    assert is_future("2030-01-01", NOW)
    assert not is_future("2024-05-31T23:00:00+02:00", NOW)


def test_date_in_text_needs_a_real_date() -> None:
    assert date_in_text("Veröffentlicht am 19.11.2021, 10:15 Uhr", now=NOW) == "2021-11-19T10:15:00"
    assert date_in_text("By Jane Doe, March 3, 2019", now=NOW) == "2019-03-03"
    assert date_in_text("Version 2.10.4 released", now=NOW) is None
    assert date_in_text("Score 3-1 after 90 minutes", now=NOW) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2019/10/21/a-story/", "2019-10-21"),
        ("https://example.org/news/2019-10-21-a-story", "2019-10-21"),
        ("https://example.org/article/20211103/AGENTUR/311039909/1276/x", "2021-11-03"),
        ("https://example.org/2019/10/a-story/", None),  # a month is not a day
        ("https://example.org/story/123456789", None),
        ("https://example.org/2035/01/01/future/", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    assert date_from_url(url, now=NOW) == expected

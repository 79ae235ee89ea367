"""Dates at their precision, and the dates the calendar lacks refused with a DateError (a
sentence the CLI and the API show), never a bare ValueError."""

from __future__ import annotations

import pytest

from ontology.dates import DateError, parse_partial


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2024", "year", "2024-01-01", "2024-12-31"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2023-02", "month", "2023-02-01", "2023-02-28"),
        ("1950-06-25", "day", "1950-06-25", "1950-06-25"),
    ],
)
def test_dates_keep_their_precision(text: str, precision: str, earliest: str, latest: str) -> None:
    found = parse_partial(text)
    assert found.precision == precision and found.text == text
    assert (found.earliest.isoformat(), found.latest.isoformat()) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("0000", "year 0"),
        ("0000-01", "year 0"),
        ("0000-00-00", "year 0"),
        ("2023-02-31", "day is out of range"),
        ("2023-13", "bad month number 13"),
        ("2023-04-31", "day is out of range"),
        ("24", "YYYY"),
        ("2024-1-1", "YYYY"),
    ],
)
def test_dates_the_calendar_lacks_are_date_errors(text: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        parse_partial(text)

"""The rules both query backends share: arguments they refuse, and how precise the date of
diplomatic relations is when sources give it at different precisions."""

from __future__ import annotations

import pytest

from kg.queries.checks import check_pair, check_period, refined_date
from ontology.dates import parse_partial


def test_a_pair_needs_two_states() -> None:
    check_pair("CHN", "PRK")
    with pytest.raises(ValueError, match="a timeline needs two different states, not CHN twice"):
        check_pair("chn", " CHN ")
    with pytest.raises(ValueError, match=r"^a relation summary needs"):
        check_pair("PRK", "prk", "a relation summary")


@pytest.mark.parametrize(
    ("start", "end", "empty"),
    [
        ("2024", "2000", True),
        ("2024-07", "2024-06", True),
        ("2024-06-02", "2024-06-01", True),
        ("2024-06", "2024", False),  # a month inside the year: the period is that month
        ("2024", "2024-01", False),
        ("2024-06-01", "2024-06-01", False),
    ],
)
def test_a_period_needs_a_day(start: str, end: str, empty: bool) -> None:
    check_period(None, parse_partial(start))
    check_period(parse_partial(start), None)
    if not empty:
        check_period(parse_partial(start), parse_partial(end))
        return
    with pytest.raises(ValueError, match=f"from {start} to {end} is empty"):
        check_period(parse_partial(start), parse_partial(end))


@pytest.mark.parametrize(
    ("base", "candidates", "expected"),
    [
        ("1949", ["1949", "1949-10-06"], "1949-10-06"),  # a day refines the year
        (None, ["1949", "1949-10", "1949-10-06"], "1949-10-06"),  # the first event's year
        ("1949-10", ["1949-10-06", "1949-11-01"], "1949-10-06"),  # only what falls within
        ("1992-08-24", ["1992"], "1992-08-24"),  # never coarser than the base
        ("1961", ["1962-01-01"], "1961"),  # a later date does not refine it
        ("1950/1953", ["1950-06-25"], "1950-06-25"),  # a period refined by a day in it
        ("1949", ["1949-05-01", "1949-10-06"], "1949-05-01"),  # equally precise: the earliest
        (None, [], None),
        ("soon", ["1949"], "soon"),  # not a date: left as the source gave it
    ],
)
def test_refined_date(base: str | None, candidates: list[str], expected: str | None) -> None:
    assert refined_date(base, candidates) == expected

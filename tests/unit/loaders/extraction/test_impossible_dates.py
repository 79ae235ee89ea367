"""A day the calendar lacks ("February 30, 2023") is one bad part of a good article: its day
is left out with a warning, its month kept, and the rest of the article is read as usual
(issue 32; it used to reject the whole article with "day is out of range for month")."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extraction.dates import find_dates
from tests.unit.loaders.extraction.helpers import events, run

PUB = date(2024, 10, 7)
GOOD = " Chinese President Xi Jinping met Japanese Prime Minister Fumio Kishida on May 3, 2024."


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("February 30, 2023", "2023-02"),
        ("Feb. 30, 2023", "2023-02"),
        ("February 29, 2023", "2023-02"),  # 2023 is no leap year
        ("31 April 2023", "2023-04"),
        ("April 31", "2024-04"),  # the year guessed from the publication date, as before
        ("30 February", "2024-02"),
        ("September 31st, 2023", "2023-09"),
        ("February 28-30, 2023", "2023-02"),  # a range with one impossible end
        ("30-31 February 2023", "2023-02"),
    ],
)
def test_an_impossible_day_keeps_its_month_and_the_article(written: str, value: str) -> None:
    text = f"China and Japan signed a trade agreement on {written}." + GOOD
    extraction = run(text, PUB)
    assert ("treaty_signed", ("CHN", "JPN"), value) in {
        (e.type, tuple(e.participants), e.date) for e in extraction.events
    }
    assert ("summit_meeting", ("CHN", "JPN"), "2024-05-03") in events(text, PUB)
    assert [w for w in extraction.warnings if w.startswith("no such day")] == [
        f'no such day: "{written}" read as {value}, its month'
    ]
    assert {leader.name for leader in extraction.leaders} == {"Xi Jinping", "Fumio Kishida"}


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("February 29, 2024", "2024-02-29"),  # a leap day
        ("April 30, 2023", "2023-04-30"),
        ("31 March 2023", "2023-03-31"),
    ],
)
def test_a_real_day_gives_no_warning(written: str, value: str) -> None:
    extraction = run(f"China and Japan signed a trade agreement on {written}." + GOOD, PUB)
    assert value in {e.date for e in extraction.events}
    assert not [w for w in extraction.warnings if w.startswith("no such day")]


@pytest.mark.parametrize(
    "written",
    ["0000", "0000-00-00", "2023-02-31", "the year 0", "32 March", "March 32"],
)
def test_dates_the_patterns_do_not_read_are_no_error(written: str) -> None:
    """Year 0 and ISO dates in running text are not date expressions the extractor reads:
    they neither fail the article nor give a date."""
    extraction = run(f"China and Japan signed a trade agreement on {written}." + GOOD, PUB)
    assert ("summit_meeting", ("CHN", "JPN"), "2024-05-03") in events(
        f"China and Japan signed a trade agreement on {written}." + GOOD, PUB
    )
    assert not any(e.date.startswith("0000") for e in extraction.events)


def test_several_impossible_days_are_each_named_in_text_order() -> None:
    text = (
        "Relations were restored on February 30, 2023. China and Japan signed a treaty on "
        "31 April 2023. Xi Jinping met Fumio Kishida on May 3, 2024."
    )
    warnings = [w for w in run(text, None).warnings if w.startswith("no such day")]
    assert warnings == [
        'no such day: "February 30, 2023" read as 2023-02, its month',
        'no such day: "31 April 2023" read as 2023-04, its month',
    ]


def test_find_dates_without_a_warnings_list_still_keeps_the_month() -> None:
    found = find_dates("It was signed on February 30, 2023.", PUB)
    assert [d.value for d in found] == ["2023-02"]

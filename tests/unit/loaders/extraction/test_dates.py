from datetime import date

import pytest

from loaders.extraction.dates import (
    OFFSET,
    REPORT,
    SINCE,
    anchor_date,
    find_dates,
    last_weekday,
    shift,
)

PUB = date(2024, 10, 9)  # a Wednesday


def values(text: str, anchor: date | None = PUB) -> list[str]:
    return [d.value for d in find_dates(text, anchor) if d.kind != OFFSET]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on October 6, 2024.", ["2024-10-06"]),
        ("It happened on 6 October 2024.", ["2024-10-06"]),
        ("It happened on Oct. 6.", ["2024-10-06"]),
        ("It happened on Oct 6th 2023.", ["2023-10-06"]),
        ("It happened in September 2024.", ["2024-09"]),
        ("It happened in early January.", ["2024-01"]),
        ("It happened in December.", ["2023-12"]),
        ("It happened in 2019.", ["2019"]),
        ("The 1950-1953 war.", ["1950/1953"]),
        ("The 1950-53 war.", ["1950/1953"]),
        ("It lasted from 1950 to 1953.", ["1950/1953"]),
        ("It lasted between 1950 and 1953.", ["1950/1953"]),
        ("In the early 1950s.", ["1950/1953"]),
        ("In the late 1980s.", ["1987/1989"]),
        ("In the 1990s.", ["1990/1999"]),
        ("The visit from September 10-11 ended.", ["2024-09-10/2024-09-11"]),
        ("Talks on 3-5 March 2021 ended.", ["2021-03-03/2021-03-05"]),
    ],
)
def test_explicit_dates(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on Tuesday.", ["2024-10-08"]),
        ("It happened Wednesday.", ["2024-10-09"]),  # the publication day itself
        ("It happened on Monday night.", ["2024-10-07"]),
        ("It happened on Thursday.", ["2024-10-03"]),
        ("It happened yesterday.", ["2024-10-08"]),
        ("It happened last week.", ["2024-09-30/2024-10-06"]),
        ("It happened last month.", ["2024-09"]),
        ("It happened last year.", ["2023"]),
        ("It happened this year.", ["2024"]),
        ("It happened in the past year.", ["2023-10/2024-10"]),
        ("It happened three years ago.", ["2021"]),
        ("On this day in 1979, it happened.", ["1979-10-09"]),
    ],
)
def test_relative_dates_resolve_against_the_anchor(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_relative_dates_need_an_anchor() -> None:
    assert values("It happened on Tuesday, last week.", anchor=None) == []


def test_anchor_from_an_explicit_date_when_publication_is_unknown() -> None:
    text = "They met Wednesday. Photo: the leaders on April 10, 2024. Earlier, on March 2, 2024."
    anchor = anchor_date(text, None)
    assert anchor == date(2024, 4, 10)
    assert values(text, anchor)[0] == "2024-04-10"


def test_numbers_that_are_not_years() -> None:
    assert values("Some 1500 troops and 20 ships took part in the 85-minute drill.") == []


def test_kinds_report_since_and_offset() -> None:
    found = find_dates(
        "Officials said Tuesday that ties, strong since 1948, came 16 months after.", PUB
    )
    kinds = {d.text: d.kind for d in found}
    assert kinds["Tuesday"] == REPORT
    assert kinds["1948"] == SINCE
    offset = next(d for d in found if d.kind == OFFSET)
    assert offset.offset == (16, "month", -1)


def test_weekday_and_shift_helpers() -> None:
    assert last_weekday(PUB, 2) == PUB
    assert last_weekday(PUB, 2, strictly_before=True) == date(2024, 10, 2)
    assert shift("1979-03", 16, "month", -1) == "1977-11"
    assert shift("2023", 7, "year", -1) == "2016"
    assert shift("2023-02-06/2023-02-12", 1, "day", 1) == "2023-02-07/2023-02-13"
    assert shift("2021-03-18", 0, "day", -1) == "2021-03"


def test_story_dates_count_from_the_date_just_given() -> None:
    text = (
        "Troops landed on Monday. London broke off relations the next day. Japan protested "
        "the same day. Two days later the talks failed. Later that evening it ended."
    )
    assert values(text) == ["2024-10-07", "2024-10-08", "2024-10-08", "2024-10-10", "2024-10-10"]


def test_years_ago_today_is_that_day() -> None:
    assert values("Forty years ago today, troops landed.", date(2022, 4, 2)) == ["1982-04-02"]
    assert values("Three years ago, troops landed.") == ["2021"]


def test_a_month_without_a_year_in_a_story_about_a_past_year() -> None:
    sentences = "The war began in 1982. Throughout April, envoys shuttled between the capitals."
    spans = [(0, 22), (23, len(sentences))]
    found = [d.value for d in find_dates(sentences, PUB, spans) if d.kind != OFFSET]
    assert found == ["1982", "1982-04"]
    recent = "Talks began last year. In April, envoys met again."
    assert [d.value for d in find_dates(recent, PUB, [(0, 22), (23, 50)])] == ["2023", "2024-04"]

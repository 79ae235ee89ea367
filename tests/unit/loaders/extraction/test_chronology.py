"""Chronologies and fact boxes: date-led lines in the present tense, several events per
line, and the year of a bare month or day taken from its line or the last dated heading."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events

PUB = date(2024, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1961: China and North Korea sign a friendship treaty.",
            ("treaty_signed", ("CHN", "PRK"), "1961"),
        ),
        (
            "1949 - China and North Korea establish diplomatic relations.",
            ("diplomatic_relations_established", ("CHN", "PRK"), "1949"),
        ),
        (
            "March 2018 - Kim Jong Un makes his first trip to Beijing and meets Xi Jinping.",
            ("state_visit", ("PRK", "CHN"), "2018-03"),
        ),
        (
            "March 2018 - Kim Jong Un makes his first trip to Beijing and meets Xi Jinping.",
            ("summit_meeting", ("PRK", "CHN"), "2018-03"),
        ),
        (
            "2023\n\nOctober 5 - North Korea and China exchange messages.",
            ("message_exchange", ("PRK", "CHN"), "2023-10-05"),
        ),
        (
            "2023:\n\nMarch 3 - India expels two Pakistani diplomats.\n\n"
            "October 5 - Japan and Russia sign a fishing agreement.",
            ("treaty_signed", ("JPN", "RUS"), "2023-10-05"),
        ),
        (
            "2023:\n\nMarch 3 - India expels two Pakistani diplomats.",
            ("diplomatic_relations_severed", ("IND", "PAK"), "2023-03-03"),
        ),
        (
            "In 2000, Russia and North Korea signed a friendship treaty. In October, "
            "Vladimir Putin visited Pyongyang.",
            ("state_visit", ("RUS", "PRK"), "2000-10"),
        ),
        (
            "1992: China and South Korea establish ties. Xi Jinping visits Seoul.",
            ("state_visit", ("CHN", "KOR"), "1992"),
        ),
    ],
)
def test_chronology_lines(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    found = events(text, PUB)
    assert expected in found, found


def test_the_year_context_resets_at_a_paragraph_not_led_by_a_date() -> None:
    text = (
        "2023: Japan and India sign a pact.\n\n"
        "Officials said ties were good. On October 5 Japan and India held talks."
    )
    found = events(text, PUB)
    assert ("talks", ("JPN", "IND"), "2024-10-05") in found


def test_present_tense_outside_a_chronology_is_not_an_event() -> None:
    found = events("Japan and Russia sign a fishing agreement every year.", PUB)
    assert not any(e[0] == "treaty_signed" for e in found)


def test_a_weekday_lead_is_news_prose_not_a_list() -> None:
    found = events("On Tuesday, Japan and Russia sign a fishing agreement.", PUB)
    assert not any(e[0] == "treaty_signed" for e in found)


def test_a_date_heading_under_a_title_dates_the_paragraph_below() -> None:
    text = (
        "Relations broken\n1961\n\nThe US breaks diplomatic relations with Cuba on January 3.\n\n"
        "All trade cut off\n1962\n\nThe 1960 US embargo is expanded to cut off all trade with Cuba."
    )
    found = events(text, PUB)
    assert ("diplomatic_relations_severed", ("USA", "CUB"), "1961-01-03") in found, found
    assert ("sanctions", ("USA", "CUB"), "1962") in found, found


def test_a_heading_month_dates_a_present_tense_line() -> None:
    text = "Partial embargo\nOctober 1960\n\nThe United States begins an embargo against Cuba."
    assert ("sanctions", ("USA", "CUB"), "1960-10") in events(text, PUB)


def test_a_year_first_timeline_line_gives_the_month() -> None:
    text = "2001 December - India recalls its high commissioner from Pakistan."
    found = events(text, PUB)
    assert any(e[0] == "diplomatic_relations_severed" and e[2] == "2001-12" for e in found), found


def test_a_blamed_attack_is_an_accusation_not_an_event() -> None:
    text = "2001 December - India blames Pakistan for an attack on its parliament."
    found = events(text, PUB)
    assert not any(e[0] == "military_intervention" for e in found), found


def test_a_past_year_two_paragraphs_back_does_not_date_a_bare_month() -> None:
    text = (
        "China and Japan signed a treaty in 1978.\n\nThe mood is far colder now.\n\n"
        "Xi Jinping and Joe Biden held a video summit in November."
    )
    found = events(text, date(2024, 12, 20))
    assert ("summit_meeting", ("CHN", "USA"), "2024-11") in found, found


def test_a_past_year_in_the_same_paragraph_dates_a_bare_month() -> None:
    text = "China and Japan signed a treaty in 1978. Xi Jinping and Joe Biden met in November."
    found = events(text, date(2024, 12, 20))
    assert ("summit_meeting", ("CHN", "USA"), "1978-11") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2015 December - Narendra Modi makes a surprise stopover in Lahore.",
            ("state_visit", ("IND", "PAK"), "2015-12"),
        ),
        (
            "Feb. 26, 2019 - Indian warplanes strike inside Pakistan.",
            ("military_intervention", ("IND", "PAK"), "2019-02-26"),
        ),
    ],
)
def test_trips_purposes_and_strikes_in_list_lines(
    text: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    found = events(text, PUB)
    assert expected in found, found


def test_a_purpose_meeting_outside_a_chronology_is_not_told() -> None:
    found = events("Narendra Modi flew to Islamabad on Monday to meet Xi Jinping.", PUB)
    assert not any(e[0] == "summit_meeting" for e in found), found


def test_a_trip_to_meet_someone_in_a_list_line_is_a_visit_and_a_meeting() -> None:
    found = events("1999 July - Narendra Modi flies to Islamabad to meet Xi Jinping.", PUB)
    kinds = {(e[0], e[2]) for e in found if {"IND", "CHN"} <= set(e[1])}
    assert ("summit_meeting", "1999-07") in kinds, found
    assert any(e[0] == "state_visit" and e[1][:2] == ("IND", "PAK") for e in found), found


KEY_DATES = """India and Pakistan have had testy relations since independence. Some key dates:

August 1947 – Britain ends its colonial rule over the subcontinent.

August 1965 – A second war begins over Kashmir, ending a month later.

December 1971 – A third war is fought, this time over East Pakistan.

July 1972 – The countries' prime ministers sign an accord on prisoners of war.
"""


def test_a_chronology_of_a_pair_gives_its_lines_the_pair() -> None:
    """Lines that name no one ('A second war begins') are about the two states the
    introduction names; a line about someone else (Britain) keeps its own actors."""
    found = events(KEY_DATES, PUB)
    wars = {(e[2], frozenset(e[1])) for e in found if e[0] == "war"}
    assert wars == {("1965-08", frozenset({"IND", "PAK"})), ("1971-12", frozenset({"IND", "PAK"}))}
    assert any(e[0] == "treaty_signed" and set(e[1]) == {"IND", "PAK"} for e in found)
    assert all("GBR" not in e[1] for e in found)


def test_a_chronology_introduced_with_three_states_lends_no_pair() -> None:
    text = KEY_DATES.replace("India and Pakistan have", "India, China and Pakistan have")
    assert not any(e[0] == "war" and e[2] == "1965-08" for e in events(text, PUB))

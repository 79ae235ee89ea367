"""Events named by nouns with their year ("the 1965 treaty", "the 1979 invasion", "the 2019
summit") and other nominal wordings (the data of data/nominal_triggers.json)."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events

PUB = date(2024, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan and South Korea still argue over the 1965 treaty.",
            ("treaty_signed", ("JPN", "KOR"), "1965"),
        ),
        (
            "Japan and South Korea still argue over the treaty of 1965.",
            ("treaty_signed", ("JPN", "KOR"), "1965"),
        ),
        (
            "The signing of a friendship treaty between China and North Korea in 1961 sealed ties.",
            ("treaty_signed", ("CHN", "PRK"), "1961"),
        ),
        (
            "The establishment of diplomatic ties between India and China in 1950 was hailed.",
            ("diplomatic_relations_established", ("IND", "CHN"), "1950"),
        ),
        (
            "Ukraine has not forgotten the 2014 Russian invasion.",
            ("military_intervention", ("RUS", "UKR"), "2014"),
        ),
        (
            "India and China have avoided violence since the 2020 border clashes.",
            ("armed_clash", ("IND", "CHN"), "2020"),
        ),
        (
            "North Korea and the United States have not met since the 2019 summit in Hanoi.",
            ("summit_meeting", ("PRK", "USA"), "2019"),
        ),
        (
            "In 1996 the US Congress passed a law strengthening the embargo against Cuba.",
            ("sanctions", ("USA", "CUB"), "1996"),
        ),
    ],
)
def test_nominal_events(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    found = events(text, PUB)
    assert expected in found, found


def test_a_future_year_named_event_is_still_guarded() -> None:
    found = events("Japan and India plan the 2026 summit in Tokyo.", PUB)
    assert not any(e[0] == "summit_meeting" for e in found), found


def test_an_anniversary_piece_without_a_date_is_written_n_years_after_the_event() -> None:
    text = (
        "Japan and China marked the 50th anniversary of the normalization of diplomatic "
        "relations on Thursday. On Sept. 29, 1972, the two countries signed a joint communique."
    )
    found = events(text, None)
    assert ("diplomatic_relations_established", ("JPN", "CHN"), "1972") in found, found
    assert not any(e[2].startswith("2022") and e[0].startswith("diplomatic") for e in found)

"""Visits to a city or venue that is not a capital, and multi-day visits given as ranges
(the gazetteer data/places.json gives the host state)."""

from datetime import date

import pytest

from loaders.extraction.venues import places
from ontology.reference_data import load_reference
from tests.unit.loaders.extraction.helpers import events, run

PUB = date(2024, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kim Jong Un travelled to Vladivostok on Tuesday.",
            ("state_visit", ("PRK", "RUS"), "2024-10-08"),
        ),
        (
            "Kim Jong Un arrived at the Vostochny Cosmodrome on Tuesday.",
            ("state_visit", ("PRK", "RUS"), "2024-10-08"),
        ),
        (
            "Narendra Modi visited Shanghai on March 25-28.",
            ("state_visit", ("IND", "CHN"), "2024-03-25/2024-03-28"),
        ),
        (
            "Joe Biden flew to Mumbai on Monday and met Modi.",
            ("state_visit", ("USA", "IND"), "2024-10-07"),
        ),
    ],
)
def test_a_visit_to_a_city_or_venue(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    assert expected in events(text, PUB)


def test_the_host_named_only_by_its_city_is_not_a_state_of_the_article() -> None:
    assert run("Kim Jong Un travelled to Vladivostok on Tuesday.", PUB).states == ["PRK"]


def test_a_leader_at_home_is_no_visit() -> None:
    assert events("Vladimir Putin visited Sochi on Tuesday.", PUB) == set()


def test_every_place_is_in_a_known_state_and_is_no_capital() -> None:
    reference = load_reference().states
    codes = {s.code for s in reference}
    capitals = {c for s in reference for c in s.capitals}
    for name, code in places().items():
        assert code in codes and name not in capitals, name

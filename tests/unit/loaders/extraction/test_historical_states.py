"""Historical states: an event dated within the Soviet Union's lifetime that the text tells
with "Russia" is the Soviet Union's (data/successor_states.json)."""

from datetime import date

import pytest

from loaders.extraction.historical_states import successors
from ontology.reference_data import load_reference
from tests.unit.loaders.extraction.helpers import events, run

PUB = date(2024, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 1962, Japan and Russia signed a fishing agreement.",
            ("treaty_signed", ("JPN", "SUN"), "1962"),
        ),
        (
            "In 1992, Japan and Russia signed a fishing agreement.",
            ("treaty_signed", ("JPN", "RUS"), "1992"),
        ),
        (
            "In December 1991 Russia and Japan signed a fishing agreement.",
            ("treaty_signed", ("RUS", "JPN"), "1991-12"),  # straddles the end: left as written
        ),
    ],
)
def test_russia_before_1992_is_the_soviet_union(
    text: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    assert expected in events(text, PUB)


def test_the_mention_stays_as_written() -> None:
    assert "RUS" in run("In 1962, Japan and Russia signed a fishing agreement.", PUB).states


def test_the_table_names_known_former_and_successor_states() -> None:
    reference = {s.code: s for s in load_reference().states}
    for successor, former in successors().items():
        assert reference[former].end and reference[successor]

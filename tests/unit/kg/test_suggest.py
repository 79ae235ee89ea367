"""Unknown state codes get close matches, the same in the CLI and the API."""

from __future__ import annotations

from kg.queries.models import StatePublic
from kg.queries.suggest import suggest_state_codes

STATES = [
    StatePublic(iri=f"s/{code}", code=code, name=name, former=former)
    for code, name, former in [
        ("CHE", "Switzerland", False), ("CHL", "Chile", False), ("CHN", "China", False),
        ("KOR", "South Korea", False), ("PRK", "North Korea", False), ("RUS", "Russia", False),
        ("SUN", "Soviet Union", True), ("UKR", "Ukraine", False), ("USA", "United States", False),
    ]
]  # fmt: skip


def test_initials_of_the_name_come_first() -> None:
    assert suggest_state_codes(STATES, "NKR")[0] == "PRK"
    assert suggest_state_codes(STATES, "skr")[0] == "KOR"


def test_one_letter_off_suggests_the_neighbours() -> None:
    assert "CHN" in suggest_state_codes(STATES, "CHM")


def test_a_misspelt_name_finds_its_state() -> None:
    assert suggest_state_codes(STATES, "Rusia")[0] == "RUS"


def test_former_states_are_not_suggested() -> None:
    assert "SUN" not in suggest_state_codes(STATES, "SUM")


def test_nothing_close_gives_nothing() -> None:
    assert suggest_state_codes(STATES, "QQQQQQ") == []

"""Severances, downgrades and the closures that go with them (airspace, flights, border
crossings), dated from context; the target of a summons is the envoy's state; a
participle clause ('charging that ...') brings no bystander into the act."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events

PUB = date(2024, 10, 9)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia closed its airspace to Japanese airlines on Monday.",
            ("sanctions", ("RUS", "JPN"), "2024-10-07"),
        ),
        (
            "On Monday China suspended all flights to Taiwan.",
            ("sanctions", ("CHN", "TWN"), "2024-10-07"),
        ),
        (
            "Pakistan shut the border crossing with India on Tuesday.",
            ("sanctions", ("PAK", "IND"), "2024-10-08"),
        ),
        (
            "Turkey ordered its air space closed to Russian planes on Wednesday.",
            ("sanctions", ("TUR", "RUS"), "2024-10-09"),
        ),
        (
            "Turkey ordered the Russian charge d'affaires to leave the country on Monday.",
            ("diplomatic_relations_severed", ("TUR", "RUS"), "2024-10-07"),
        ),
        (
            "On Monday Turkey told French diplomats to leave.",
            ("diplomatic_relations_severed", ("TUR", "FRA"), "2024-10-07"),
        ),
        (
            "India expelled two Pakistani diplomats last week.",
            ("diplomatic_relations_severed", ("IND", "PAK"), "2024-09-30/2024-10-06"),
        ),
        (
            "China downgraded diplomatic relations with Japan on Wednesday.",
            ("diplomatic_relations_severed", ("CHN", "JPN"), "2024-10-09"),
        ),
        (
            "On Tuesday the foreign ministry summoned the Japanese ambassador and told him of "
            "China's anger.",
            ("diplomatic_protest", ("CHN", "JPN"), "2024-10-08"),
        ),
    ],
)
def test_severances(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    found = events(text, PUB)
    assert expected in found, found


def test_a_charging_that_clause_brings_no_bystander() -> None:
    text = "Japan broke relations with Turkey on Monday, charging that Turkish officials met a Georgian."
    found = events(text, PUB)
    assert ("diplomatic_relations_severed", ("JPN", "TUR"), "2024-10-07") in found
    assert not any(e[0] == "diplomatic_relations_severed" and "GEO" in e[1] for e in found)


def test_an_expulsion_takes_the_diplomats_state_from_the_sentence_before() -> None:
    text = (
        "On Monday Washington ordered 60 Russian officials to leave. "
        "Germany, France and Japan each expelled four diplomats."
    )
    found = events(text, PUB)
    for code in ("DEU", "FRA", "JPN"):
        assert ("diplomatic_relations_severed", (code, "RUS"), "2024-10-07") in found, found


def test_normalise_relations_until_a_date_happened_then() -> None:
    text = "China and Japan did not normalise relations until November 1991."
    found = events(text, PUB)
    assert ("diplomatic_relations_established", ("CHN", "JPN"), "1991-11") in found


def test_a_planned_order_to_leave_is_no_event() -> None:
    assert events("Japan will ask the Russian ambassador to leave.", PUB) == set()


@pytest.mark.parametrize(
    ("text", "severed"),
    [
        ("Mexico's president moved to break off diplomatic ties with Cuba on Monday.", True),
        ("On Monday Brazil decided to sever relations with Cuba.", True),
        ("Mexico threatened to sever ties with Cuba on Monday.", False),
        ("On Monday Mexico refused to cut ties with Cuba.", False),
    ],
)
def test_a_decision_to_sever_is_the_severance_a_threat_is_not(text: str, severed: bool) -> None:
    found = [e for e in events(text, PUB) if e[0] == "diplomatic_relations_severed"]
    assert bool(found) is severed

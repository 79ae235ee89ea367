"""The named-events table (`loaders/extraction/data/named_events.json`) and what a mention
of a conventionally named event gives: its type, sides and dates from the table."""

import json
from datetime import date

import pytest

from loaders.extraction import date_values as dv
from loaders.extraction.named_events import DATA, load_table
from ontology.reference_data import load_reference
from tests.unit.loaders.extraction.helpers import events, run

PUB = date(2024, 10, 9)
TYPES = {
    "war", "military_intervention", "armed_clash", "treaty_signed", "alliance_formed",
    "summit_meeting", "talks", "state_visit", "diplomatic_relations_established",
}  # fmt: skip


def test_every_row_is_well_formed() -> None:
    """Known codes (states, organizations, non-state actors: the PLO signed at Oslo), a valid
    date or period, a source, a known type, no name used twice."""
    reference = load_reference()
    codes = {s.code for s in reference.states} | {o.code for o in reference.organizations}
    codes |= {a.code for a in reference.actors}
    rows = load_table()
    assert len(rows) >= 60
    seen: set[str] = set()
    for row in rows:
        assert row.type in TYPES, row
        assert len(row.participants) >= 2 and set(row.participants) <= codes, row
        assert dv.bounds(row.date) is not None, row
        lo, hi = dv.bounds(row.date) or (None, None)
        assert lo and hi and lo <= hi and lo.year >= 1890, row
        assert row.source.startswith("https://"), row
        for name in (row.name, *row.aliases):
            assert name.lower() not in seen, name
            seen.add(name.lower())


def test_the_file_is_a_json_list_of_objects_with_the_documented_keys() -> None:
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    keys = {"name", "aliases", "type", "participants", "date", "source"}
    assert all(set(r) == keys for r in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China and North Korea remember the Korean War.",
            ("war", ("PRK", "KOR", "CHN", "USA"), "1950-06-25/1953-07-27"),
        ),
        (
            "Japan and Russia fought the Russo-Japanese War.",
            ("war", ("RUS", "JPN"), "1904-02-08/1905-09-05"),
        ),
        (
            "India and Pakistan still argue over the Kargil conflict.",
            ("war", ("IND", "PAK"), "1999-05-03/1999-07-26"),
        ),
        (
            "Russia and Georgia have not restored ties since the Russo-Georgian war.",
            ("war", ("RUS", "GEO"), "2008-08-07/2008-08-16"),
        ),
        (
            "France and Germany celebrate the Élysée Treaty.",
            ("treaty_signed", ("FRA", "DEU"), "1963-01-22"),
        ),
        (
            "Mikhail Gorbachev and the United States met at the Reykjavik summit.",
            ("summit_meeting", ("USA", "SUN"), "1986-10-11/1986-10-12"),
        ),
        (
            "Ukraine has fought back since Russia’s invasion of Ukraine.",
            ("military_intervention", ("RUS", "UKR"), "2022-02-24"),
        ),
    ],
)
def test_a_named_event_takes_the_table_s_sides_and_dates(
    text: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    assert expected in events(text, PUB)


def test_the_unnamed_sides_are_not_states_of_the_article() -> None:
    result = run("China and North Korea remember the Korean War.", PUB)
    assert "USA" not in result.states and "KOR" not in result.states
    assert any(set(e.participants) >= {"USA", "KOR"} for e in result.events)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine remembers the Korean War.",  # only one side named: an aside
        "Japan and India discussed the Korean War.",  # no side named
        "China and North Korea fear another Korean War.",  # not this war
        "France and Germany signed a deal known as the Elysee Treaty on Monday.",
        "Veterans of the Korean War gathered.",
    ],
)
def test_no_named_event(text: str) -> None:
    found = events(text, PUB)
    assert not any(e[2] == "1950-06-25/1953-07-27" or e[2] == "1963-01-22" for e in found), found

"""Which event states another more precisely: a day refines its month and year, a period's
finer ends refine its coarser ones, and a coarse event with two candidates stays apart."""

from __future__ import annotations

import random

import pytest

from kg.refinement import (
    EventIri,
    Reports,
    affected,
    date_refines,
    refinement_graphs,
    refinements,
)
from ontology.namespace import GEO

B = "https://kg.test/"


def ev(date: str, kind: str = "state_visit", parts: str = "PRK-RUS") -> str:
    return f"{B}event/{kind}/{parts}/{date}"


@pytest.mark.parametrize(
    ("fine", "coarse", "expected"),
    [
        ("2024-06-19", "2024-06", True),
        ("2024-06-19", "2024", True),
        ("2024-06", "2024", True),
        ("2024-06", "2024-06", False),  # the same date is the same IRI, not a refinement
        ("2024", "2024-06", False),  # coarser, not finer
        ("2024-07-01", "2024-06", False),
        ("2024-06-19", "2023", False),
        ("20240", "2024", False),  # a prefix that is not a date part
        ("1950-06-25--1953-07-27", "1950--1953", True),
        ("1950-06-25--1953", "1950--1953", True),
        ("1951--1952", "1950--1953", False),  # a narrower period is another period
        ("1950-06-25", "1950--1953", False),  # a point is not a period's refinement
        ("1950--1953", "1950", False),
        ("undated", "2024", False),
    ],
)
def test_date_refines(fine: str, coarse: str, expected: bool) -> None:
    assert date_refines(fine, coarse) is expected


def test_a_day_refines_its_month_and_year_and_the_chain_ends_at_the_day() -> None:
    found = refinements([ev("2024"), ev("2024-06"), ev("2024-06-19")])
    assert found == {ev("2024"): ev("2024-06-19"), ev("2024-06"): ev("2024-06-19")}


def test_two_candidates_leave_the_coarse_event_apart() -> None:
    found = refinements([ev("2024-06"), ev("2024-06-03"), ev("2024-06-19")])
    assert found == {}
    # The year still has no single finest event; an unrelated month does not count.
    assert refinements([ev("2024"), ev("2024-06"), ev("2024-08-02")]) == {}


def test_only_events_of_one_type_and_the_same_participants_refine_each_other() -> None:
    events = [
        ev("2024-06"),
        ev("2024-06-19", kind="treaty_signed"),
        ev("2024-06-19", parts="CHN-PRK-RUS"),
    ]
    assert refinements(events) == {}
    assert refinements([ev("2024-06"), ev("2024-06-19"), f"{B}state/PRK"]) == {
        ev("2024-06"): ev("2024-06-19")
    }


def test_event_iris_of_another_shape_are_left_alone() -> None:
    assert EventIri.parse(f"{B}state/PRK") is None
    assert EventIri.parse("https://elsewhere.test/e/1/2/3") is None
    parsed = EventIri.parse(ev("1950--1953", kind="war"))
    assert parsed is not None
    assert (parsed.base, parsed.group, parsed.date) == (B, "war/PRK-RUS", "1950--1953")
    assert parsed.graph == f"{B}graph/refinement/war/PRK-RUS/1950--1953"


def test_the_derived_graph_lends_the_coarse_events_sources_to_the_finer_one() -> None:
    reported = {
        ev("2024-06"): Reports({f"{B}article/a"}, {f"{B}evidence/a/0-10"}),
        ev("2024-06-19"): Reports({f"{B}article/b"}, {f"{B}evidence/b/0-20"}),
    }
    graphs = refinement_graphs(reported, [ev("2024-06-19")], existing=[])
    name = EventIri.parse(ev("2024-06")).graph  # type: ignore[union-attr]
    assert list(graphs) == [name]
    triples = {(str(s), str(p), str(o)) for s, p, o in graphs[name]}
    assert triples == {
        (ev("2024-06"), str(GEO.refinedBy), ev("2024-06-19")),
        (ev("2024-06-19"), str(GEO.source), f"{B}article/a"),
        (ev("2024-06-19"), str(GEO.evidence), f"{B}evidence/a/0-10"),
    }


def test_a_derived_graph_that_no_longer_applies_is_emptied_and_others_are_not_touched() -> None:
    stale = f"{B}graph/refinement/state_visit/PRK-RUS/2024-06"
    other = f"{B}graph/refinement/war/CHN-KOR-PRK/1950--1953"
    reported = {ev("2024-06"): Reports({f"{B}article/a"})}  # its finer event is gone
    graphs = refinement_graphs(reported, [ev("2024-06-19")], existing=[stale, other])
    assert list(graphs) == [stale]
    assert len(graphs[stale]) == 0


def _refinements_by_every_pair(events: list[str]) -> dict[str, str]:
    """refinements() as first written, comparing every pair of a group's dates: the
    reference the indexed version is held to."""
    groups: dict[str, list[EventIri]] = {}
    for iri in set(events):
        parsed = EventIri.parse(iri)
        if parsed is not None:
            groups.setdefault(f"{parsed.base}|{parsed.group}", []).append(parsed)
    found: dict[str, str] = {}
    for members in groups.values():
        for coarse in members:
            inside = [m for m in members if date_refines(m.date, coarse.date)]
            finest = [m for m in inside if not any(date_refines(o.date, m.date) for o in inside)]
            if len(finest) == 1:
                found[coarse.iri] = finest[0].iri
    return found


def test_refinements_equal_the_every_pair_reading_on_random_groups() -> None:
    rng = random.Random(31)
    years = ["2023", "2024"]
    points = years + [f"{y}-{m:02d}" for y in years for m in (1, 6, 7)]
    points += [f"{p}-{d:02d}" for p in points if len(p) == 7 for d in (3, 19)]
    periods = ["2023--2024", "2023-06--2024", "2023-06--2024-07", "2024--2024-07-03"]
    dates = [*points, *periods, "undated", "2024-", "2024-06-"]
    for _ in range(300):
        group = rng.choice(["visit/CHN_PRK", "visit/PRK_RUS", "treaty/CHN_PRK"])
        chosen = rng.sample(dates, rng.randint(1, 12))
        events = [f"https://kg.test/event/{group}/{d}" for d in chosen]
        events += [f"https://kg.test/event/visit/CHN_PRK/{d}" for d in rng.sample(dates, 3)]
        found = refinements(events)
        assert found == _refinements_by_every_pair(events)
        touching = set(rng.sample(events, 2))
        near = refinements(events, touching)  # every pair with one of them, maybe more
        assert near.items() <= found.items()
        assert {c: f for c, f in found.items() if {c, f} & touching}.items() <= near.items()


def test_a_write_changes_only_the_refinements_of_the_events_it_affects() -> None:
    """Adding or taking away some events changes the refinement of none but `affected`'s
    (ingest reads the stored refinements of those alone, however big the group)."""
    rng = random.Random(7)
    years = ["2023", "2024"]
    points = years + [f"{y}-{m:02d}" for y in years for m in (1, 6, 7)]
    points += [f"{p}-{d:02d}" for p in points if len(p) == 7 for d in (3, 19)]
    dates = [*points, "2023--2024", "2023-06--2024", "2023-06--2024-07", "undated"]
    for _ in range(300):
        group = [ev(d) for d in rng.sample(dates, rng.randint(0, 14))]
        group += [ev(d, kind="treaty") for d in rng.sample(dates, 3)]
        touching = {ev(d) for d in rng.sample(dates, rng.randint(1, 3))}
        with_them, without = refinements(set(group) | touching), refinements(set(group) - touching)
        changed = {
            c for c in with_them.keys() | without.keys() if with_them.get(c) != without.get(c)
        }
        near = affected(set(group) | touching, touching)
        assert changed <= near
        assert near <= {ev(d) for d in dates}  # never another group's
    assert affected([ev("2024"), ev("2024-06"), ev("2023")], [ev("2024-06-19")]) == {
        ev("2024"),
        ev("2024-06"),
    }

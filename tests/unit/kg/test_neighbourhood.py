"""The pure parts of GraphQueries.neighbourhood (kg.queries.neighbourhood): the event window,
which relations hold at a date, alliances as nodes and edges, and the answer's edges. The
query contract (tests/integration/test_query_contract.py) checks both backends' rows."""

from __future__ import annotations

from datetime import date

import pytest

from kg.queries.models import AlliancePublic
from kg.queries.neighbourhood import (
    build,
    entity_nodes,
    event_counts,
    event_window,
    membership_edges,
    relation_edges,
)
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from ontology.dates import parse_partial
from ontology.namespace import GEO_IRI
from tests.unit.kg.actor_graphs import actor_article
from tests.unit.kg.conftest import BASE


def test_the_window_runs_years_back_from_the_first_day_to_the_last() -> None:
    assert event_window(parse_partial("1961"), 10) == (date(1951, 1, 1), date(1961, 12, 31))
    assert event_window(parse_partial("2024-02-29"), 1) == (date(2023, 2, 28), date(2024, 2, 29))
    assert event_window(parse_partial("0005"), 10) == (date.min, date(5, 12, 31))
    for years in (0, 101):
        with pytest.raises(ValueError, match="years must be between 1 and 100"):
            event_window(parse_partial("2024"), years)


def _relation(**fields: str) -> list[dict[str, str]]:
    base = {"r": "rel/ally/CHN-PRK", "type": "ally", **fields}
    return [{**base, "actor": code} for code in ("CHN", "PRK")]


@pytest.mark.parametrize(
    ("fields", "at", "holds"),
    [
        ({"since": "1961"}, "1961", True),
        ({"since": "1961-07"}, "1961-06", False),
        ({"since": "1961", "until": "1970"}, "1971", False),
        ({"published": "2024-10-07"}, "2024", True),  # undated: from its first report
        ({"published": "2024-10-07"}, "1961", False),
        ({}, "1900", True),  # neither a since nor a report: open
    ],
)
def test_a_relation_holds_from_its_since_or_first_report(
    fields: dict[str, str], at: str, holds: bool
) -> None:
    edges = relation_edges("CHN", _relation(**fields), parse_partial(at))
    assert [(e.target, e.type) for e in edges] == ([("PRK", "ally")] if holds else [])


def test_memberships_of_one_alliance_are_one_edge_and_an_organization_names_it() -> None:
    csto = AlliancePublic(iri="al/csto", name="Collective Security Treaty", organization="CSTO")
    found = membership_edges(
        "RUS",
        [
            csto.model_copy(update={"start": "1992", "member_until": "1999"}),
            csto.model_copy(update={"member_since": "2002-10-07"}),
            AlliancePublic(
                iri="al/x", name="X", organization=None, member_since="2024", member_until="2030"
            ),
        ],
    )
    assert [(e.target, e.since, e.until) for e in found] == [
        ("CSTO", "1992", None),
        ("al/x", "2024", "2030"),
    ]


def test_counterparts_without_a_relation_get_an_events_edge_and_every_edge_a_weight() -> None:
    entities = entity_nodes(
        [
            {"code": "CHN", "x": "s/CHN", "kind": f"{GEO_IRI}State", "name": "China"},
            {"code": "PRK", "x": "s/PRK", "kind": f"{GEO_IRI}State", "name": "North Korea"},
            {"code": "PRK", "x": "s/PRK", "kind": f"{GEO_IRI}Thing"},
        ]
    )
    counts = event_counts(
        [
            {"code": "PRK", "type": "war", "n": "1"},
            {"code": "PRK", "type": "talks", "n": "2"},
            {"code": "USA", "type": "war", "n": "1"},
        ]
    )
    at = parse_partial("1961")
    found = build("CHN", at, 10, entities, (_relation(since="1961"), counts, []))
    assert [(n.id, n.kind, n.centre) for n in found.nodes] == [
        ("CHN", "State", True),
        ("PRK", "State", False),
        ("USA", "Unknown", False),  # a code no entity has: a node all the same
    ]
    edges = [(e.kind, e.target, e.events, e.event_counts) for e in found.edges]
    assert edges == [
        ("events", "USA", 1, {"war": 1}),
        ("relation", "PRK", 3, {"talks": 2, "war": 1}),
    ]
    assert (found.events_from, found.events_to) == ("1951-01-01", "1961-12-31")


def test_an_actor_on_the_embedded_store(reference: bytes) -> None:
    """HAMAS in 2024: at war with Israel (reported 2024-02-01), one event in the window."""
    with OxigraphStore(None) as store:
        store.import_data(reference, "nq")
        graph = actor_article(BASE)
        store.replace_graphs({str(graph.identifier): graph})
        queries = SparqlQueries(store)
        found = queries.neighbourhood("hamas", parse_partial("2024"), 1)
        assert found is not None and found.centre == "HAMAS"
        assert [(n.id, n.kind) for n in found.nodes] == [
            ("HAMAS", "NonStateActor"),
            ("ISR", "State"),
        ]
        assert [(e.type, e.target, e.events) for e in found.edges] == [("at_war", "ISR", 1)]
        assert queries.neighbourhood("NOPE", parse_partial("2024")) is None
        with pytest.raises(ValueError):
            queries.neighbourhood('x" }', parse_partial("2024"))

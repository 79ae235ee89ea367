"""A pair's events read by subject (kg.queries.sparql_pairs) give exactly the rows of the joined
key query: the same events, order, pages and filters."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from kg.queries import sparql_event_builders as qe
from kg.queries.sparql_details import by_subject
from kg.queries.sparql_pairs import EVENT_CLASS, RDF_TYPE, PairFilter, key_rows
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from ontology.dates import parse_partial
from tests.integration.test_query_contract import reference_dataset


def props(**events: dict[str, list[str]]) -> dict[str, dict[str, list[str]]]:
    rows = [
        {"s": e, "p": p if p == RDF_TYPE else f"https://geokg.example.org/ontology#{p}", "o": v}
        for e, per in events.items()
        for p, vs in per.items()
        for v in vs
    ]
    return by_subject(rows)


EVENT = [EVENT_CLASS]
SAMPLE = props(
    b={RDF_TYPE: EVENT, "earliest": ["1950-01-01"], "latest": ["1953-12-31"], "code": ["war"],
       "startDate": ["1950"], "endDate": ["1953"]},
    a={RDF_TYPE: EVENT, "earliest": ["1950-01-01"], "latest": ["1953-12-31"], "code": ["war"]},
    c={RDF_TYPE: EVENT, "earliest": ["2024-10-06"], "latest": ["2024-10-06"],
       "date": ["2024-10-06"], "code": ["message_exchange", "statement"]},
    d={RDF_TYPE: EVENT, "earliest": ["1961-07-11"], "latest": ["1961-07-11"]},
    not_an_event={"earliest": ["1900-01-01"], "latest": ["1900-01-01"], "code": ["war"]},
    undated={RDF_TYPE: EVENT, "code": ["talks"]},
)  # fmt: skip


def test_rows_are_in_the_contract_order_with_their_dates() -> None:
    rows = key_rows(SAMPLE, PairFilter())
    assert [(r["e"], r.get("type")) for r in rows] == [
        ("a", "war"),
        ("b", "war"),
        ("d", None),  # an event with no type: no "type" key, as an unbound variable
        ("c", "message_exchange"),
        ("c", "statement"),  # two types: two rows, as the joined query gives
    ]
    assert rows[1] == {
        "e": "b", "earliest": "1950-01-01", "latest": "1953-12-31", "type": "war",
        "start": "1950", "end": "1953",
    }  # fmt: skip


def test_pages_filters_and_newest_first() -> None:
    assert [r["e"] for r in key_rows(SAMPLE, PairFilter(limit=2, offset=1))] == ["b", "d"]
    assert [r["e"] for r in key_rows(SAMPLE, PairFilter(newest_first=True, limit=2))] == ["c", "c"]
    assert [r["e"] for r in key_rows(SAMPLE, PairFilter(event_type="war"))] == ["a", "b"]
    period = PairFilter(start=parse_partial("1953"), end=parse_partial("1961-07"))
    assert [r["e"] for r in key_rows(SAMPLE, period)] == ["a", "b", "d"]
    assert key_rows(SAMPLE, PairFilter(start=parse_partial("2025"))) == []


def test_bad_pages_and_types_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        key_rows(SAMPLE, PairFilter(limit=-1))
    with pytest.raises(ValueError, match="unknown event type"):
        key_rows({}, PairFilter(event_type="picnic"))


@pytest.fixture(scope="module")
def q() -> Iterator[SparqlQueries]:
    store = OxigraphStore()
    store.replace_graphs(reference_dataset())
    yield SparqlQueries(store, owns_store=True)
    store.close()


def joined(q: SparqlQueries, a: str, b: str, f: PairFilter) -> list:
    query = qe.event_keys_query(
        (a, b), f.event_type, f.start, f.end, f.limit, f.offset, f.newest_first
    )
    return q._events(query)


def test_every_pair_and_shape_answers_as_the_joined_key_query(q: SparqlQueries) -> None:
    """On the reference data with the demo and development-set articles."""
    events = q.events(limit=10_000)
    pairs = {tuple(sorted(p)) for e in events for p in itertools.combinations(e.participants, 2)}
    types = sorted({e.type for e in events})
    assert len(pairs) > 20
    checked = 0
    for a, b in sorted(pairs):
        shapes = [
            PairFilter(),
            PairFilter(limit=2, offset=1),
            PairFilter(limit=5, newest_first=True),
        ]
        shapes += [PairFilter(event_type=t) for t in types[:4]]
        shapes += [PairFilter(start=parse_partial("2000"), end=parse_partial("2024-06"))]
        for f in shapes:
            expected = joined(q, a, b, f)
            assert q._pair_events(a, b, f) == expected, (a, b, f)
            checked += bool(expected)
    assert checked > 50

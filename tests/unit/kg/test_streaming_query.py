"""User queries on the embedded store are read as they stream: a row limit stops the
evaluation where it is, and a caller that gave up stops it at the next row. The query here
joins every triple with every triple (billions of rows on the reference data): it can only
return if rows are taken one at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kg.stores.base import QueryResult
from kg.stores.oxigraph_store import OxigraphStore

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
CROSS_GRAPH = "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def store(reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        s.import_data(reference, "nq")
        assert s.count() > 10_000  # the cross join is over 10^8 rows
        yield s


def finishes(call: Callable[[], Any]) -> Any:
    """The call's result; a failure (not a hung test run) when it does not return at all."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = call()
        except Exception as exc:  # handed to the test's thread
            out["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(120)
    if "error" in out:
        raise out["error"]
    assert "value" in out, "the query did not stop at its row limit"
    return out["value"]


def test_a_row_limit_stops_the_evaluation(store: OxigraphStore) -> None:
    result: QueryResult = finishes(lambda: store.query(CROSS, limit=11))
    assert result.kind == "select" and len(result.rows) == 11
    assert set(result.rows[0]) == {"a", "b", "c", "d", "e", "f"}


def test_a_triple_limit_stops_a_construct(store: OxigraphStore) -> None:
    result: QueryResult = finishes(lambda: store.query(CROSS_GRAPH, limit=50))
    assert result.graph is not None and 0 < len(result.graph) <= 50


def test_a_stopped_query_ends_at_the_next_row(store: OxigraphStore) -> None:
    stop = threading.Event()
    stop.set()
    result: QueryResult = finishes(lambda: store.query(CROSS, stop=stop))
    assert result.rows == []  # nothing after the stop, and no row limit was given


def test_without_a_limit_every_row_comes(store: OxigraphStore) -> None:
    ask = "SELECT ?s WHERE { ?s a <https://geokg.example.org/ontology#State> }"
    states = store.query(ask).rows
    assert len(states) > 150 and len(store.query(ask, limit=5).rows) == 5

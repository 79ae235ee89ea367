"""SPARQL through worker processes (kg.stores.query_pool) on a real store on disk: the same
answers and errors as the store gives in process, writes seen by the next query, and a query
past its time stopped by killing its process, whose successor answers at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.stores.base import StoreFormatError, StoreRefusedError
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.query_pool import QueryStopped, QueryTimeout, QueryWorkers
from kg.stores.worker_queries import worker_query, worker_query_serialized, workers_for
from tests.unit.kg.sample_graphs import all_graphs

GEO = "https://geokg.example.org/ontology#"
SELECT = f"SELECT ?s ?name WHERE {{ ?s <{GEO}name> ?name }} ORDER BY ?s ?name"
CONSTRUCT = f"CONSTRUCT {{ ?s <{GEO}name> ?n }} WHERE {{ ?s <{GEO}name> ?n }}"
# Five patterns over every quad: about 10^11 rows to count, none answered before the count.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    opened = OxigraphStore(tmp_path_factory.mktemp("workers") / "store")
    opened.replace_graphs(all_graphs())
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def workers(store: OxigraphStore) -> Iterator[QueryWorkers]:
    pool = workers_for(store, 1)
    assert pool is not None
    yield pool
    pool.close()


def test_answers_are_the_stores_own(store: OxigraphStore, workers: QueryWorkers) -> None:
    assert worker_query(workers, SELECT, None, 10) == store.query(SELECT)
    assert worker_query(workers, SELECT, 3, 10).rows == store.query(SELECT).rows[:3]
    assert worker_query(workers, "ASK { ?s ?p ?o }", None, 10).boolean is True
    graph = worker_query(workers, CONSTRUCT, None, 10).graph
    assert graph is not None and graph.isomorphic(store.query(CONSTRUCT).graph or Graph())
    for fmt in ("json", "xml", "csv", "tsv"):
        assert worker_query_serialized(workers, SELECT, fmt, 10) == store.query_serialized(
            SELECT, fmt
        )
    assert worker_query_serialized(workers, CONSTRUCT, "nt", 10) == store.query_serialized(
        CONSTRUCT, "nt"
    )


def test_errors_are_the_stores_own(workers: QueryWorkers) -> None:
    with pytest.raises(StoreFormatError, match="does not parse"):
        worker_query(workers, "SELECT WHERE {", None, 10)
    with pytest.raises(StoreFormatError, match="SPARQL updates are refused"):
        worker_query(workers, "INSERT DATA { <a:a> <a:b> <a:c> }", None, 10)
    with pytest.raises(StoreRefusedError):
        worker_query(
            workers, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 1, 10
        )
    with pytest.raises(StoreFormatError, match="cannot be written as 'csv'"):
        worker_query_serialized(workers, CONSTRUCT, "csv", 10)


def test_a_write_is_seen_by_the_next_query(store: OxigraphStore, workers: QueryWorkers) -> None:
    before = worker_query(workers, SELECT, None, 10).rows
    graph = Graph()
    graph.add((URIRef("https://example.org/new"), URIRef(f"{GEO}name"), Literal("Newland")))
    store.replace_graph("https://example.org/graph/new", graph)
    after = worker_query(workers, SELECT, None, 10).rows
    assert len(after) == len(before) + 1
    store.drop_graph("https://example.org/graph/new")
    assert worker_query(workers, SELECT, None, 10).rows == before


def test_a_runaway_query_is_killed_and_replaced(workers: QueryWorkers) -> None:
    busy = {w.pid for w in workers._idle}
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
        worker_query(workers, RUNAWAY, None, 0.5)
    assert time.monotonic() - started < 1.5
    started = time.monotonic()
    assert worker_query(workers, "ASK { ?s ?p ?o }", None, 10).boolean is True
    assert time.monotonic() - started < 0.5  # the spare answered; no process start waited for
    deadline = time.monotonic() + 5
    while all(_alive(pid) for pid in busy) and time.monotonic() < deadline:
        time.sleep(0.02)  # the kernel frees a killed process's memory before it is gone
    assert not all(_alive(pid) for pid in busy), "the worker that ran the query still runs"


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def test_a_worker_grown_past_its_limit_is_replaced(store: OxigraphStore) -> None:
    pool = QueryWorkers(store.path or Path(), 1, recycle_mb=0.0)  # every worker is too big
    try:
        assert worker_query(pool, "ASK { ?s ?p ?o }", None, 10).boolean is True
        deadline = time.monotonic() + 10
        while len(pool._idle) < 2:  # the successor of the first one, and the spare
            assert time.monotonic() < deadline, "no successor started"
            time.sleep(0.02)
        answering = pool._idle[-1].pid  # the next query takes the last idle worker
        assert worker_query(pool, "ASK { ?s ?p ?o }", None, 10).boolean is True
        while _alive(answering):
            assert time.monotonic() < deadline, "the worker past its limit still runs"
            time.sleep(0.02)
    finally:
        pool.close()


def test_no_workers_for_a_store_in_memory() -> None:
    memory = OxigraphStore()
    assert workers_for(memory, 2) is None
    memory.close()


def test_a_query_past_its_memory_limit_stops_with_a_reason(store: OxigraphStore) -> None:
    pool = QueryWorkers(store.path or Path(), 1, memory_mb=150)
    sort = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
    try:
        started = time.monotonic()
        with pytest.raises(QueryStopped, match="needed more than 150 MB"):
            worker_query(pool, sort, None, 60)
        print(f"stopped after {time.monotonic() - started:.1f} s")
        assert worker_query(pool, "ASK { ?s ?p ?o }", None, 10).boolean is True
    finally:
        pool.close()

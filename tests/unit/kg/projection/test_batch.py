"""Preparing batches: rows built with the collector held off, and prefetched in a thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from rdflib import Literal, URIRef

from kg.projection.batch import paused_gc, prepare
from kg.stores.neo4j_store import Rows, prefetch
from ontology.namespace import GEO

S = URIRef("https://geokg.example.org/state/CHN")


def test_paused_gc_nests_and_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_prepare_combines_graphs_and_keeps_their_hashes() -> None:
    batch = prepare(
        {"urn:a": [(S, GEO.name, Literal("China"))], "urn:b": [(S, GEO.code, Literal("CHN"))]},
        {"urn:a": "h1"},
    )
    assert batch.names == ["urn:a", "urn:b"]
    assert batch.rows.nodes[str(S)]["graphs"] == ["urn:a", "urn:b"]
    assert batch.closing == [
        {"graph": "urn:a", "hash": "h1", "triples": 1},
        {"graph": "urn:b", "hash": None, "triples": 1},
    ]


def test_prefetch_produces_in_another_thread_in_order() -> None:
    threads: list[str] = []

    def items() -> Iterator[int]:
        for i in range(3):
            threads.append(threading.current_thread().name)
            yield i

    assert list(prefetch(items())) == [0, 1, 2]
    assert threads and all(name.startswith("projection-prefetch") for name in threads)


def test_prefetch_passes_errors_on() -> None:
    def items() -> Iterator[int]:
        yield 1
        raise RuntimeError("record store gone")

    seen = []
    with pytest.raises(RuntimeError, match="record store gone"):
        for item in prefetch(items()):
            seen.append(item)
    assert seen == [1]


def test_rows_have_a_short_repr() -> None:
    assert repr(Rows([{"uri": "x"}] * 3)) == "<3 rows>" and Rows([1]) == [1]

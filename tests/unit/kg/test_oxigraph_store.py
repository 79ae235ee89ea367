"""The embedded store of record: whole-graph writes, union queries, files in and out, and a
clear error when another process holds the folder."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.stores.base import StoreError, StoreFormatError, StoreLockedError
from kg.stores.oxigraph_store import OxigraphStore

EX = "http://example.org/"
G1, G2 = f"{EX}g1", f"{EX}g2"


def graph(*triples: tuple[str, str, object]) -> Graph:
    g = Graph()
    for s, p, o in triples:
        obj = o if isinstance(o, Literal | URIRef) else Literal(o)
        g.add((URIRef(EX + s), URIRef(EX + p), obj))
    return g


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    s = OxigraphStore(tmp_path / "store")
    yield s
    s.close()


def test_add_count_and_list_graphs(store: OxigraphStore) -> None:
    assert store.add_graph(G1, graph(("a", "p", 1), ("a", "q", "x"))) == 2
    store.add_graph(G2, graph(("b", "p", 2)))
    assert store.graphs() == [G1, G2]
    assert store.count() == 3
    assert store.count(G1) == 2


def test_replace_changes_only_its_graph(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1), ("a", "q", 2)))
    store.add_graph(G2, graph(("b", "p", 2)))
    store.replace_graph(G1, graph(("c", "p", 3)))
    assert store.count(G1) == 1
    assert store.count(G2) == 1
    rows = store.select(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert rows == [{"s": EX + "c"}]


def test_replace_is_idempotent(store: OxigraphStore) -> None:
    g = graph(("a", "p", 1), ("a", "q", 2))
    store.replace_graphs({G1: g, G2: g})
    store.replace_graphs({G1: g, G2: g})
    assert store.count() == 4


def test_failed_replace_keeps_the_old_graph(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    bad = graph(("c", "p", 3))
    bad.add((URIRef("not an iri"), URIRef(EX + "p"), Literal(1)))
    with pytest.raises(StoreFormatError):
        store.replace_graph(G1, bad)
    assert store.count(G1) == 1


def test_drop_graph(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    assert store.drop_graph(G1) is True
    assert store.drop_graph(G1) is False
    assert store.graphs() == []
    assert store.count() == 0


def test_queries_see_the_union_of_graphs(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    store.add_graph(G2, graph(("b", "p", 2)))
    rows = store.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s")
    assert [r["s"] for r in rows] == [EX + "a", EX + "b"]
    assert store.query(f"ASK {{ <{EX}b> <{EX}p> 2 }}").boolean is True
    built = store.query(f"CONSTRUCT {{ ?s <{EX}r> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert built.kind == "graph" and built.graph is not None and len(built.graph) == 2
    result = store.query(f"SELECT ?o WHERE {{ <{EX}a> <{EX}p> ?o }}")
    assert result.kind == "select" and result.rows[0]["o"] == Literal(1)


def test_bad_query_is_a_format_error(store: OxigraphStore) -> None:
    with pytest.raises(StoreFormatError):
        store.select("SELEKT nothing")


def test_serialized_results(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    out = store.query_serialized("SELECT ?s WHERE { ?s ?p ?o }", "json")
    assert b'"vars":["s"]' in out
    assert store.query_serialized("ASK { ?s ?p ?o }", "json") == b'{"head":{},"boolean":true}'
    ttl = store.query_serialized("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "ttl")
    assert EX.encode() in ttl
    with pytest.raises(StoreFormatError):
        store.query_serialized("SELECT * WHERE { ?s ?p ?o }", "yaml")


def _dataset(data: bytes, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=data, format={"nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
    return ds


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_export_import_round_trip(store: OxigraphStore, tmp_path: Path, fmt: str) -> None:
    store.add_graph(G1, graph(("a", "p", 1), ("a", "q", Literal("zh", lang="zh"))))
    store.add_graph(
        G2,
        graph(
            (
                "b",
                "p",
                Literal("2024-10", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")),
            )
        ),
    )
    data = store.export(fmt)
    other = OxigraphStore(tmp_path / "other")
    assert other.import_data(data, fmt) == [G1, G2]
    other.import_data(data, fmt)  # importing again replaces, never duplicates
    assert other.count() == store.count() == 3
    for name in (G1, G2):
        assert isomorphic(other.to_graph(name), store.to_graph(name))
    other.close()


def test_turtle_export_is_the_union_and_import_needs_a_graph(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    store.add_graph(G2, graph(("a", "p", 1), ("b", "p", 2)))
    data = store.export("ttl")
    assert len(Graph().parse(data=data, format="turtle")) == 2
    with pytest.raises(StoreFormatError):
        store.import_data(data, "ttl")
    assert store.import_data(data, "ttl", graph=f"{EX}g3") == [f"{EX}g3"]
    assert store.count(f"{EX}g3") == 2


def test_bad_import_changes_nothing(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    with pytest.raises(StoreFormatError):
        store.import_data(b"<http://example.org/x> <broken", "nq")
    with pytest.raises(StoreFormatError):
        store.export("xml")
    assert store.count() == 1


def test_closed_store_fails_clearly(tmp_path: Path) -> None:
    s = OxigraphStore(tmp_path / "s")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count()
    OxigraphStore(tmp_path / "s").close()  # the lock was released


def test_data_survives_reopening(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "s") as s:
        s.add_graph(G1, graph(("a", "p", 1)))
    with OxigraphStore(tmp_path / "s") as s:
        assert s.count() == 1


SECOND_PROCESS = """
import sys
from collections.abc import Iterator
from pathlib import Path
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.base import StoreLockedError
try:
    OxigraphStore(Path(sys.argv[1]))
except StoreLockedError as exc:
    print("LOCKED", exc)
else:
    print("OPENED")
"""


def test_second_process_gets_a_lock_error(store: OxigraphStore) -> None:
    store.add_graph(G1, graph(("a", "p", 1)))
    out = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, str(store.path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.startswith("LOCKED The store at")
    assert "in use by another process" in out
    assert store.count() == 1  # the holder is unharmed


def test_second_handle_in_process_gets_a_lock_error(store: OxigraphStore) -> None:
    assert store.path is not None
    with pytest.raises(StoreLockedError):
        OxigraphStore(store.path)

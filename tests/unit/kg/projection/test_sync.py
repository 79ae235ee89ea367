"""sync without Neo4j: which graphs it projects, drops and leaves alone, and in what chunks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import SimpleNamespace
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef

from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.record_caches import hashes_of
from kg.sync import graph_hash, sync
from ontology.namespace import GEO


class FakeProjection:
    """Records the calls sync makes; keeps graph hashes as Neo4jProjection would."""

    def __init__(self) -> None:
        self.hashes: dict[str, str | None] = {}
        self.calls: list[tuple[str, list[str]]] = []

    def ensure_schema(self) -> None:
        self.calls.append(("schema", []))

    def replace_graphs(
        self,
        graphs: Mapping[str, Iterable[tuple[Any, ...]]],
        hashes: Mapping[str, str | None] | None = None,
    ) -> None:
        self.calls.append(("replace", sorted(graphs)))
        self.hashes.update(hashes or {})

    def replace_batches(
        self,
        batches: Iterable[tuple[Mapping[str, Iterable[tuple[Any, ...]]], Mapping[str, str | None]]],
    ) -> Iterator[Any]:
        for graphs, hashes in batches:
            self.replace_graphs(graphs, hashes)
            # sync hands over each graph as the record's N-Triples text
            triples = sum(
                t.count("\n") if isinstance(t, str) else len(list(t)) for t in graphs.values()
            )
            yield SimpleNamespace(graphs=list(graphs), triples=triples)

    def drop_graphs(self, graph_iris: Iterable[str]) -> int:
        names = list(graph_iris)
        self.calls.append(("drop", names))
        for name in names:
            self.hashes.pop(name, None)
        return 0

    def clear(self) -> int:
        self.calls.append(("clear", []))
        self.hashes.clear()
        return 0

    def graph_hashes(self) -> dict[str, str | None]:
        return dict(self.hashes)


def _graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"urn:s{i}"), GEO.name, Literal(f"name {i}")))
    return g


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    s = OxigraphStore()
    s.replace_graphs({"urn:a": _graph(3), "urn:b": _graph(4), "urn:c": _graph(5)})
    yield s
    s.close()


def test_first_sync_projects_everything_then_nothing(store: OxigraphStore) -> None:
    p = FakeProjection()
    report = sync(store, p, hashes=hashes_of(store))
    assert report.projected == ["urn:a", "urn:b", "urn:c"] and report.triples == 12
    assert p.hashes["urn:b"] == graph_hash(store.to_graph("urn:b"))
    again = sync(store, p, hashes=hashes_of(store))
    assert again.projected == [] and again.unchanged == ["urn:a", "urn:b", "urn:c"]


def test_changed_graphs_are_projected_and_gone_ones_dropped(store: OxigraphStore) -> None:
    p = FakeProjection()
    sync(store, p, hashes=hashes_of(store))
    store.replace_graph("urn:b", _graph(2))
    store.drop_graph("urn:c")
    p.calls.clear()
    report = sync(store, p, hashes=hashes_of(store))
    assert (report.projected, report.dropped, report.unchanged) == (["urn:b"], ["urn:c"], ["urn:a"])
    assert p.calls == [("schema", []), ("drop", ["urn:c"]), ("replace", ["urn:b"])]


def test_an_unfinished_graph_is_projected_again(store: OxigraphStore) -> None:
    p = FakeProjection()
    sync(store, p, hashes=hashes_of(store))
    p.hashes["urn:a"] = None  # an interrupted projection leaves no hash
    assert sync(store, p, hashes=hashes_of(store)).projected == ["urn:a"]


def test_graphs_are_projected_together_in_chunks(store: OxigraphStore) -> None:
    p = FakeProjection()
    sync(store, p, chunk_triples=7, hashes=hashes_of(store))
    assert [c for c in p.calls if c[0] == "replace"] == [
        ("replace", ["urn:a", "urn:b"]),
        ("replace", ["urn:c"]),
    ]


def test_rebuild_clears_and_projects_everything(store: OxigraphStore) -> None:
    p = FakeProjection()
    sync(store, p, hashes=hashes_of(store))
    p.calls.clear()
    report = sync(store, p, rebuild=True, hashes=hashes_of(store))
    assert p.calls[0] == ("clear", []) and len(report.projected) == 3


def _reads(store: OxigraphStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The graphs sync reads from here on (every read goes through export)."""
    read: list[str] = []
    export = store.export

    def counted(fmt: str = "nq", graph: str | None = None) -> bytes:
        read.append(str(graph))
        return export(fmt, graph)

    monkeypatch.setattr(store, "export", counted)
    return read


def test_a_sync_that_finds_nothing_changed_reads_no_graph(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = FakeProjection()
    sync(store, p, hashes=hashes_of(store))
    read = _reads(store, monkeypatch)
    again = sync(store, p, hashes=hashes_of(store))
    assert again.unchanged == ["urn:a", "urn:b", "urn:c"] and read == []


WRITES = {
    "replace_graph": lambda s: s.replace_graph("urn:b", _graph(2)),
    "replace_graphs": lambda s: s.replace_graphs({"urn:b": _graph(6)}),
    "add_graph": lambda s: s.add_graph("urn:b", _graph(9)),
    "import_data": lambda s: s.import_data(b'<urn:x> <urn:p> "new" <urn:b> .\n', "nq"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_to_a_graph_makes_sync_read_and_project_it(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    p = FakeProjection()
    sync(store, p, hashes=hashes_of(store))
    WRITES[write](store)
    read = _reads(store, monkeypatch)
    report = sync(store, p, hashes=hashes_of(store))
    assert report.projected == ["urn:b"] and read == ["urn:b"]
    assert p.hashes["urn:b"] == graph_hash(store.to_graph("urn:b"))


def test_a_graph_dropped_and_written_again_is_projected(store: OxigraphStore) -> None:
    p = FakeProjection()
    sync(store, p, hashes=hashes_of(store))
    store.drop_graph("urn:b")
    store.add_graph("urn:b", _graph(1))
    assert sync(store, p, hashes=hashes_of(store)).projected == ["urn:b"]


def test_a_projection_without_hashes_reads_everything(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(store, FakeProjection(), hashes=hashes_of(store))  # the record's hashes are cached now
    read = _reads(store, monkeypatch)
    report = sync(store, FakeProjection(), hashes=hashes_of(store))  # another, empty Neo4j
    assert report.projected == ["urn:a", "urn:b", "urn:c"] and len(read) == 3

"""Graphs written as N-Triples statements (what ingest builds, with no rdflib Graph): the
statements and their hash are Oxigraph's own serialization of the graph, and
update_statements replaces, adds and takes out exactly as update_graphs does, in the
embedded store and through the RecordStore default (parsing the statements)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.stores.base import RecordStore
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.oxigraph_terms import lines_hash, statement_lines
from kg.sync import graph_hash

G = "https://kg.test/graph/"
S, P = URIRef("https://kg.test/s"), URIRef("https://kg.test/p")


def _graph(*objects: object) -> Graph:
    graph = Graph()
    for o in objects:
        graph.add((S, P, o if isinstance(o, URIRef) else Literal(o)))
    return graph


def test_statements_and_their_hash_are_the_stores_serialization() -> None:
    graph = _graph('a "quoted"\nline', 3, URIRef("https://kg.test/o"), Literal("x", lang="en"))
    lines = statement_lines(graph)
    with OxigraphStore(None) as store:
        store.replace_graphs({G + "a": graph})
        written = store.export("nt", G + "a").decode().splitlines()
    assert sorted(lines) == sorted(written)
    assert lines_hash(lines) == graph_hash(graph)


class _ViaGraphs(OxigraphStore):
    """The RecordStore defaults: statements parsed into Graphs, then update_graphs, which
    reads the graphs it adds to or takes from and replaces them (what a store that writes
    only whole graphs gets)."""

    update_statements = RecordStore.update_statements
    update_graphs = RecordStore.update_graphs


def test_update_statements_replaces_adds_and_takes_out() -> None:
    for store in (OxigraphStore(None), _ViaGraphs(None)):
        store.replace_graphs({G + "kept": _graph(1, 2), G + "old": _graph(9)})
        store.update_statements(
            {G + "old": statement_lines(_graph(7)), G + "new": statement_lines(_graph(5))},
            {G + "kept": statement_lines(_graph(3))},
            {G + "kept": statement_lines(_graph(1))},
        )
        found = {n: {int(o) for o in store.to_graph(n).objects()} for n in store.graphs()}
        assert found == {G + "kept": {2, 3}, G + "old": {7}, G + "new": {5}}
        store.update_statements({G + "old": []}, {}, {})  # an empty graph: dropped
        assert G + "old" not in store.graphs()
        store.close()

"""`kg upgrade`: a store written before dyads existed gets them, so its timelines come back;
the upgraded graphs are exactly what this version writes, and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.cli import main
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from ontology.namespace import GEO
from tests.unit.kg.sample_graphs import all_graphs

runner = CliRunner()
main._register()


def without_dyads(graph: Graph) -> Graph:
    """The graph as a geokg before dyads wrote it."""
    old = Graph(identifier=graph.identifier)
    dyads = set(graph.subjects(RDF.type, GEO.Dyad))
    for s, p, o in graph:
        if p != GEO.dyad and s not in dyads:
            old.add((s, p, o))
    return old


def kg(store: Path, *args: str):
    return runner.invoke(main.app, ["--store", str(store), *args])


def test_upgrade_restores_timelines_and_is_idempotent(tmp_path: Path) -> None:
    graphs = all_graphs()
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace_graphs({name: without_dyads(g) for name, g in graphs.items()})
        assert SparqlQueries(store).timeline("CHN", "PRK") == []

    result = kg(folder, "upgrade")
    assert result.exit_code == 0, result.output
    assert "events got their dyads" in result.stdout and "kg sync" in result.stdout

    with OxigraphStore(folder) as store:
        assert len(SparqlQueries(store).timeline("CHN", "PRK")) == 5
        for name, graph in graphs.items():
            assert set(store.to_graph(name)) == set(graph), name

    again = kg(folder, "upgrade")
    assert again.exit_code == 0 and "up to date" in again.stdout

"""`kg upgrade`: a store written before dyads existed gets them, so its timelines come back;
the upgraded graphs are exactly what this version writes, and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF
from typer.testing import CliRunner

from cli import main
from kg.ingest import ingest_article
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


def test_upgrade_writes_the_refinement_graphs_ingest_would_have(tmp_path: Path) -> None:
    """A store whose articles were imported (or written before refinements) gets exactly the
    refinement graphs that ingesting the same articles writes; stale ones are dropped."""
    from tests.unit.kg.test_ingest_refinement import BASE, EXACT, ROUGH

    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        for article in (ROUGH, EXACT):
            ingest_article(article, store, BASE)
        ingested = sorted(store.export("nq").decode().splitlines())
        derived = [g for g in store.graphs() if "/graph/refinement/" in g]
        assert len(derived) == 1  # the visit of June 2024 (EXACT has no treaty)
        for name in derived:
            store.drop_graph(name)
        stale = f"{BASE}graph/refinement/war/CHN-PRK/1950"
        store.add_graph(stale, Graph().parse(data=f'<{stale}> <{GEO.code}> "x" .', format="nt"))

    result = kg(folder, "upgrade")
    assert result.exit_code == 0, result.output
    assert "2 refinement graphs written or" in result.stdout
    with OxigraphStore(folder) as store:
        assert sorted(store.export("nq").decode().splitlines()) == ingested
    assert "up to date" in kg(folder, "upgrade").stdout

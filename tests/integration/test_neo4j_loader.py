"""The server-side loader (`geokg.project`, registered by the project's launcher) writes exactly
what the Cypher path writes: the same nodes, labels, typed properties, relationships, sources,
claims and graph records, on real data, on odd literals, and when the two paths take turns."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from bench.projection_bench import floor_calls, run_floor, synthetic_extraction
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.oxigraph_store import OxigraphStore
from kg.sync import sync
from loaders.rdf.article_graph import build_article_graph
from ontology.identifiers import DEFAULT_BASE_IRI
from ontology.namespace import GEO
from ontology.reference_data import load_reference
from tests.conftest import Neo4jEndpoint
from tests.integration.conftest import require_loader
from tests.integration.test_neo4j_projection import snapshot
from tests.integration.test_query_contract import reference_dataset
from tests.unit.kg.sample_graphs import ARTICLE_A, all_graphs, article_a

pytestmark = pytest.mark.neo4j
T = Namespace("urn:test:vocab#")


@pytest.fixture
def paths(neo4j_driver: Any, neo4j_endpoint: Neo4jEndpoint) -> Iterator[dict[str, Any]]:
    """Both write paths on one database (batches of 7 rows for Cypher)."""
    require_loader(neo4j_driver, neo4j_endpoint)
    both = {
        "cypher": Neo4jProjection(neo4j_driver, batch_size=7, server_loader=False),
        "loader": Neo4jProjection(neo4j_driver, server_loader=True),
    }
    both["cypher"].clear()
    both["cypher"].ensure_schema()
    yield both
    both["cypher"].clear()


def full_snapshot(p: Neo4jProjection) -> dict[str, Any]:
    """snapshot() plus the graph records (iri, hash, triples)."""
    records = p.driver.execute_query(
        "MATCH (g:ProjectedGraph) RETURN g.iri AS iri, g.hash AS hash, g.triples AS triples"
    ).records
    return {**snapshot(p), "graphs": sorted((r["iri"], r["hash"], r["triples"]) for r in records)}


def synced(p: Neo4jProjection, store: OxigraphStore) -> dict[str, Any]:
    p.clear()
    report = sync(store, p)
    assert report.projected and not report.unchanged
    return full_snapshot(p)


def synthetic_graphs(articles: int) -> dict[str, Graph]:
    """Random article graphs: events reported by several articles, partial dates, relations."""
    rng = random.Random(3)
    codes = sorted(s.code for s in load_reference().states if not s.former)[:12]
    graphs = {}
    for i in range(articles):
        g = build_article_graph(synthetic_extraction(rng, codes, i), DEFAULT_BASE_IRI)
        graphs[str(g.identifier)] = g
    return graphs


def test_sync_writes_the_same_through_either_path(paths: dict[str, Any]) -> None:
    """The reference data, the demo and development-set articles, and synthetic ones."""
    store = OxigraphStore()
    try:
        store.replace_graphs({**reference_dataset(), **synthetic_graphs(60)})
        by_cypher = synced(paths["cypher"], store)
        by_loader = synced(paths["loader"], store)
        assert by_loader == by_cypher
        assert len(by_cypher["nodes"]) > 1000 and len(by_cypher["claims"]) > 1000
        assert all(h for _, h, _ in by_cypher["graphs"])  # every graph record closed
    finally:
        store.close()


def odd_literals() -> Graph:
    """Literals of every kind the value rules distinguish, and names the shape renames."""
    g, x = Graph(), URIRef("https://geokg.example.org/test/x")
    for literal in [
        Literal("plain"),
        Literal('Wörter with "quotes", a\nnewline, a tab\t and 𝄞', lang="de"),
        Literal("1949", datatype=XSD.gYear),
        Literal("1949-10", datatype=XSD.gYearMonth),
        Literal("19x9", datatype=XSD.gYear),
        Literal("2024-10-06", datatype=XSD.date),
        Literal("2024-13-06", datatype=XSD.date),
        Literal("2024-10-06T08:30:00", datatype=XSD.dateTime),
        Literal("2024-10-06T08:30:00+09:00", datatype=XSD.dateTime),
        Literal("42", datatype=XSD.integer),
        Literal("99999999999999999999", datatype=XSD.integer),
        Literal("-3", datatype=XSD.positiveInteger),
        Literal("0.75", datatype=XSD.decimal),
        Literal("true", datatype=XSD.boolean),
        Literal("custom", datatype=URIRef("urn:test:datatype")),
    ]:
        g.add((x, T["value"], literal))
    for key, value in [("uri", "u"), ("sources", "s"), ("alias", "only one")]:
        g.add((x, T[key], Literal(value)))
    g.add((x, GEO.earliest, Literal("2024-10-06", datatype=XSD.date)))
    g.add((x, T["count"], Literal("7", datatype=XSD.integer)))
    g.add((x, T["count"], Literal("8", datatype=XSD.integer)))
    g.add((x, T["mixed"], Literal("7", datatype=XSD.integer)))
    g.add((x, T["mixed"], Literal("seven")))
    g.add((x, RDF.type, GEO.Event))
    g.add((x, RDF.type, SKOS.Concept))
    g.add((x, RDF.type, Literal("a literal type")))
    g.add((x, URIRef("urn:test:not-an-identifier!"), Literal("skipped")))
    g.add((x, GEO.participant, URIRef("https://geokg.example.org/test/nobody")))
    return g


def test_odd_literals_become_the_same_properties(paths: dict[str, Any]) -> None:
    graph = odd_literals()
    out = {}
    for name, p in paths.items():
        p.clear()
        stats = p.replace_graph("urn:test:odd", graph, "h")
        assert (stats.triples, stats.skipped) == (len(graph), 1)
        out[name] = full_snapshot(p)
    assert out["loader"] == out["cypher"]
    props = out["loader"]["nodes"]["https://geokg.example.org/test/x"][1]
    assert props["uri_"] == "u" and props["sources_"] == "s" and props["alias"] == ["only one"]
    assert props["count"] == [7, 8] and props["mixed"] == ["7", "seven"]


def test_the_paths_can_take_turns(paths: dict[str, Any]) -> None:
    """Graphs the Cypher path wrote are replaced and shared by the loader's, and back."""
    graphs = all_graphs()
    names = list(graphs)
    cypher, loader = paths["cypher"], paths["loader"]
    for i, name in enumerate(names):
        (cypher if i % 2 else loader).replace_graph(name, graphs[name])
    changed = article_a()
    changed.remove((URIRef(str(ARTICLE_A)), GEO.title, None))
    loader.replace_graph(str(ARTICLE_A), changed)
    cypher.replace_graph(names[0], graphs[names[0]])
    mixed = full_snapshot(cypher)
    cypher.clear()
    graphs[str(ARTICLE_A)] = changed
    for name, graph in graphs.items():
        cypher.replace_graph(name, graph)
    assert mixed == full_snapshot(cypher)


def test_bad_ntriples_are_refused_and_nothing_is_written(paths: dict[str, Any]) -> None:
    loader = paths["loader"]
    loader.replace_graphs(all_graphs())
    before = full_snapshot(loader)
    good = "<urn:test:s> <urn:test:p> <urn:test:o> .\n"
    with pytest.raises(Neo4jError, match="N-Triples line 2"):
        loader.replace_graphs({"urn:test:good": good, "urn:test:bad": good + '<urn:x> "oops" .\n'})
    assert full_snapshot(loader) == before


def test_the_benchmark_floor_writes_the_same_graph_without_provenance(
    paths: dict[str, Any],
) -> None:
    """bench/projection_bench.py --floor times the loader with provenance off: it must write
    the nodes, labels, properties and relationships the projection writes, and nothing else."""
    loader, graphs = paths["loader"], all_graphs()
    loader.replace_graphs(graphs)
    kept = snapshot(loader)
    loader.clear()
    run_floor(loader.driver, floor_calls(graphs))
    bare = loader.driver.execute_query(
        "MATCH (n:Resource) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props"
    ).records
    assert {r["uri"]: (sorted(r["labels"]), r["props"]) for r in bare} == {
        uri: (labels, {k: v for k, v in props.items() if k != "sources"})
        for uri, (labels, props) in kept["nodes"].items()
    }
    rels = loader.driver.execute_query(
        "MATCH (s)-[r]->(o) RETURN s.uri AS s, type(r) AS t, o.uri AS o, keys(r) AS keys"
    ).records
    assert sorted((r["s"], r["t"], r["o"]) for r in rels) == [s[:3] for s in kept["rels"]]
    assert all(r["keys"] == [] for r in rels)
    graph_records = "MATCH (g:ProjectedGraph) RETURN count(g) AS n"
    assert loader.driver.execute_query(graph_records).records[0]["n"] == 0

"""The Neo4j projection against a real Neo4j 5.26: the shape of docs/data-model.md, idempotent
re-projection, replace and drop that change exactly one graph's facts, and sync."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.oxigraph_store import OxigraphStore
from kg.sync import graph_hash, sync
from ontology import identifiers as ids
from ontology.namespace import GEO
from tests.unit.kg.sample_graphs import ARTICLE_A, ARTICLE_B, B, all_graphs, article_a

pytestmark = pytest.mark.neo4j

STATES = str(ids.reference_graph_iri(B, "states"))
ALLIANCES = str(ids.reference_graph_iri(B, "alliances"))
CHN = str(ids.state_iri(B, "CHN"))
STATEMENT = str(ids.event_iri(B, "statement", ["CHN", "PRK"], "2024-10-06"))
WAR = str(ids.event_iri(B, "war", ["CHN", "PRK", "KOR", "USA"], "1950/1953"))
ALLY = str(ids.relation_iri(B, "ally", "CHN", "PRK"))


def project(p: Neo4jProjection, graphs: dict[str, Graph]) -> None:
    for name, graph in graphs.items():
        p.replace_graph(name, graph, content_hash=graph_hash(graph))


def snapshot(p: Neo4jProjection) -> dict[str, Any]:
    """Everything the projection holds, order-free: nodes, relationships and claims."""
    nodes = p.driver.execute_query(
        "MATCH (n:Resource) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props"
    ).records
    rels = p.driver.execute_query(
        "MATCH (s:Resource)-[r]->(o:Resource) RETURN s.uri AS s, type(r) AS t, o.uri AS o, "
        "r.sources AS sources"
    ).records
    claims = p.driver.execute_query(
        "MATCH (g:ProjectedGraph)-[c:ASSERTS]->(n) "
        "RETURN g.iri AS g, n.uri AS n, c.labels AS labels, c.literals AS literals"
    ).records

    def node(r: Any) -> tuple[str, Any]:
        props = dict(r["props"])
        props["sources"] = sorted(props["sources"])
        return r["uri"], (sorted(r["labels"]), props)

    return {
        "nodes": dict(node(r) for r in nodes),
        "rels": sorted((r["s"], r["t"], r["o"], tuple(sorted(r["sources"]))) for r in rels),
        "claims": sorted(
            (r["g"], r["n"], tuple(r["labels"]), tuple(r["literals"])) for r in claims
        ),
    }


def fresh(p: Neo4jProjection, graphs: dict[str, Graph]) -> dict[str, Any]:
    """The snapshot of projecting `graphs` into an empty database."""
    p.clear()
    project(p, graphs)
    return snapshot(p)


def test_projection_has_the_documented_shape(projection: Neo4jProjection) -> None:
    project(projection, all_graphs())
    nodes = snapshot(projection)["nodes"]
    labels, chn = nodes[CHN]
    assert labels == ["Resource", "State"]
    assert chn["code"] == "CHN" and chn["name"] == "China"
    assert chn["alias"] == ["PRC", "People's Republic of China"]
    assert chn["startDate"].iso_format() == "1949-10-01" and "startDateEarliest" not in chn
    assert chn["sources"] == [STATES]
    labels, war = nodes[WAR]
    assert labels == ["Event", "Resource"] and war["code"] == "war"
    assert war["startDate"] == "1950" and war["startDateEarliest"].to_native() == date(1950, 1, 1)
    assert war["earliest"].to_native() == date(1950, 1, 1)
    rows = projection.driver.execute_query(
        "MATCH (e:Event {uri: $e})-[r:participant]->(s:State) RETURN s.code AS code, "
        "r.sources AS sources ORDER BY code",
        e=WAR,
    ).records
    assert [(r["code"], r["sources"]) for r in rows] == [
        (c, [str(ARTICLE_A)]) for c in ("CHN", "KOR", "PRK", "USA")
    ]
    counts = projection.counts()
    assert counts["graphs"] == 5 and counts["nodes"] == len(nodes)
    assert projection.graph_iris() == sorted(all_graphs())


def test_reprojection_is_idempotent(projection: Neo4jProjection) -> None:
    project(projection, all_graphs())
    first, counts = snapshot(projection), projection.counts()
    project(projection, all_graphs())
    assert snapshot(projection) == first and projection.counts() == counts


def test_an_event_two_articles_report_keeps_both_sources(projection: Neo4jProjection) -> None:
    project(projection, all_graphs())
    nodes = snapshot(projection)["nodes"]
    assert sorted(nodes[STATEMENT][1]["sources"]) == sorted([str(ARTICLE_A), str(ARTICLE_B)])
    projection.drop_graph(str(ARTICLE_B))
    after = snapshot(projection)
    labels, statement = after["nodes"][STATEMENT]
    assert labels == ["Event", "Resource"] and statement["sources"] == [str(ARTICLE_A)]
    assert statement["code"] == "statement"
    sources = [r for r in after["rels"] if r[0] == STATEMENT and r[1] == "source"]
    assert sources == [(STATEMENT, "source", str(ARTICLE_A), (str(ARTICLE_A),))]
    assert str(ARTICLE_B) not in after["nodes"]


def test_dropping_a_graph_removes_what_only_it_asserted(projection: Neo4jProjection) -> None:
    graphs = all_graphs()
    project(projection, graphs)
    assert WAR in snapshot(projection)["nodes"]
    assert projection.drop_graph(str(ARTICLE_A)) > 0
    after = snapshot(projection)
    assert WAR not in after["nodes"] and ALLY not in after["nodes"]
    assert str(ARTICLE_A) not in projection.graph_iris()
    del graphs[str(ARTICLE_A)]
    assert after == fresh(projection, graphs)


def test_replacing_an_article_changes_exactly_its_facts(projection: Neo4jProjection) -> None:
    graphs = all_graphs()
    project(projection, graphs)
    changed = article_a()
    changed.remove((URIRef(WAR), None, None))
    changed.set((URIRef(ALLY), GEO.since, Literal("1961-07-11", datatype=XSD.date)))
    projection.replace_graph(str(ARTICLE_A), changed)
    after = snapshot(projection)
    assert after["nodes"][ALLY][1]["since"].iso_format() == "1961-07-11"
    assert "sinceEarliest" not in after["nodes"][ALLY][1]
    graphs[str(ARTICLE_A)] = changed
    assert after == fresh(projection, graphs)


def test_graphs_projected_together_equal_graphs_projected_one_by_one(
    projection: Neo4jProjection,
) -> None:
    """Shared nodes and links of graphs written in one batch are combined, not overwritten."""
    graphs = all_graphs()
    one_by_one = fresh(projection, graphs)
    projection.clear()
    projection.replace_graphs(graphs, {name: graph_hash(g) for name, g in graphs.items()})
    assert snapshot(projection) == one_by_one
    projection.drop_graphs([str(ARTICLE_A), str(ARTICLE_B)])
    dropped = snapshot(projection)
    del graphs[str(ARTICLE_A)], graphs[str(ARTICLE_B)]
    assert dropped == fresh(projection, graphs)


def test_shared_nodes_hold_the_union_of_their_graphs(projection: Neo4jProjection) -> None:
    """A second graph adds a label and an alias to a node; dropping it takes exactly those."""
    extra = Graph()
    nato = ids.org_iri(B, "NATO")
    extra.add((nato, RDF.type, GEO.Alliance))
    extra.add((nato, GEO.alias, Literal("the Alliance")))
    extra.add((nato, GEO.code, Literal("NATO")))
    project(projection, {ALLIANCES: all_graphs()[ALLIANCES]})
    before = snapshot(projection)
    project(projection, {"urn:test:extra": extra})
    labels, props = snapshot(projection)["nodes"][str(nato)]
    assert labels == ["Alliance", "Organization", "Resource"]
    assert props["alias"] == ["the Alliance"] and props["code"] == "NATO"
    assert sorted(props["sources"]) == sorted([ALLIANCES, "urn:test:extra"])
    projection.drop_graph("urn:test:extra")
    assert snapshot(projection) == before


def test_placeholders_for_undescribed_targets_go_with_their_graph(
    projection: Neo4jProjection,
) -> None:
    g = Graph()
    g.add((URIRef("urn:test:a"), GEO.participant, URIRef("urn:test:nobody")))
    projection.replace_graph("urn:test:g", g)
    nodes = snapshot(projection)["nodes"]
    assert nodes["urn:test:nobody"] == (["Resource"], {"uri": "urn:test:nobody", "sources": []})
    projection.drop_graph("urn:test:g")
    assert projection.counts() == {"nodes": 0, "relationships": 0, "graphs": 0}


def test_sync_projects_what_changed_and_drops_what_went(projection: Neo4jProjection) -> None:
    store = OxigraphStore()
    try:
        store.replace_graphs(all_graphs())
        report = sync(store, projection)
        assert sorted(report.projected) == sorted(all_graphs()) and not report.unchanged
        assert len(sync(store, projection).unchanged) == 5
        changed = article_a()
        changed.remove((URIRef(WAR), None, None))
        store.replace_graph(str(ARTICLE_A), changed)
        store.drop_graph(str(ARTICLE_B))
        report = sync(store, projection)
        assert report.projected == [str(ARTICLE_A)] and report.dropped == [str(ARTICLE_B)]
        synced = snapshot(projection)
        rebuilt = sync(store, projection, rebuild=True)
        assert len(rebuilt.projected) == 4 and snapshot(projection) == synced
    finally:
        store.close()


def test_clear_deletes_relationships_then_nodes_in_bounded_transactions(
    projection: Neo4jProjection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DETACH DELETE of a batch of nodes would take all their relationships with it in one
    transaction (thousands on a graph record or an event type), beyond what a small server's
    transaction memory allows; clear deletes at most batch_size relationships at a time."""
    project(projection, all_graphs())
    count = "MATCH (n)-[r]->() WHERE n:Resource OR n:ProjectedGraph RETURN count(r) AS c"
    total = projection.driver.execute_query(count).records[0]["c"]
    steps: list[tuple[str, int, int]] = []
    real_run = projection._run

    def spy(cypher: str, **params: Any) -> list[dict[str, Any]]:
        rels_before = projection.driver.execute_query(count).records[0]["c"]
        rows = real_run(cypher, **params)
        steps.append((cypher, rows[0]["deleted"], rels_before))
        return rows

    monkeypatch.setattr(projection, "_run", spy)
    nodes = projection.counts()["nodes"]
    assert projection.clear() == nodes + 5  # and the five graph records
    rel_steps = [deleted for cypher, deleted, _ in steps if "DELETE r" in cypher]
    node_steps = [before for cypher, _, before in steps if "DETACH DELETE n" in cypher]
    assert sum(rel_steps) == total > projection.batch_size >= max(rel_steps)
    assert node_steps and set(node_steps) == {0}  # no node still had a relationship
    assert projection.counts() == {"nodes": 0, "relationships": 0, "graphs": 0}


def test_a_sync_that_dies_half_way_is_finished_by_the_next(
    projection: Neo4jProjection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever write a sync dies in (a killed process, a lost server), the graphs it wrote
    are whole and hashed, the next sync projects the rest, and the result is what a clean
    rebuild gives."""
    from tests.integration.test_neo4j_loader import full_snapshot, synthetic_graphs

    store = OxigraphStore()
    try:
        store.replace_graphs({**all_graphs(), **synthetic_graphs(60)})
        writes = [0]
        real_write = Neo4jProjection._write

        def counted(self: Neo4jProjection, work: Any) -> Any:
            writes[0] += 1
            if writes[0] == fail_at:
                raise RuntimeError("the sync died here")
            return real_write(self, work)

        fail_at = -1
        monkeypatch.setattr(Neo4jProjection, "_write", counted)
        sync(store, projection, chunk_triples=500)
        half = writes[0] // 2
        projection.clear()
        fail_at, writes[0] = half, 0
        with pytest.raises(RuntimeError, match="died"):
            sync(store, projection, chunk_triples=500)
        monkeypatch.undo()
        report = sync(store, projection, chunk_triples=500)
        assert report.unchanged and report.projected and not report.dropped
        resumed = full_snapshot(projection)
        sync(store, projection, rebuild=True)
        assert full_snapshot(projection) == resumed
    finally:
        store.close()

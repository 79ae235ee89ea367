"""The two Cypher write paths of Neo4jProjection give the same Neo4j content: nodes the
database does not hold are CREATEd (with the links from them, by element id), the others
MERGEd by uri. (The server-side loader is compared with them in test_neo4j_loader.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef

from kg.projection.batch import BatchRows, WritePlan
from kg.stores import neo4j_store
from kg.stores.neo4j_store import Neo4jProjection
from kg.sync import graph_hash
from ontology.namespace import GEO
from tests.integration.test_neo4j_projection import ARTICLE_A, WAR, article_a, snapshot
from tests.unit.kg.sample_graphs import all_graphs

pytestmark = pytest.mark.neo4j


@pytest.fixture
def projection(cypher_projection: Neo4jProjection) -> Neo4jProjection:
    return cypher_projection


def merge_only(p: Neo4jProjection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plan as if every uri existed: everything goes the MERGE way."""
    real = neo4j_store.plan_write

    def plan(rows: BatchRows, existing: dict[str, str]) -> WritePlan:
        planned = real(rows, dict.fromkeys(rows.uris(), "none"))
        assert not planned.fresh and not planned.fresh_links
        return planned

    monkeypatch.setattr(neo4j_store, "plan_write", plan)


def write_together(p: Neo4jProjection, graphs: dict[str, Graph]) -> dict[str, Any]:
    p.clear()
    p.replace_graphs(graphs, {name: graph_hash(g) for name, g in graphs.items()})
    return snapshot(p)


def test_create_path_and_merge_path_write_the_same(
    projection: Neo4jProjection, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = write_together(projection, all_graphs())
    merge_only(projection, monkeypatch)
    merged = write_together(projection, all_graphs())
    assert created == merged and created["nodes"] and created["rels"]


def test_replacing_after_a_created_write_is_exact(
    projection: Neo4jProjection, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = all_graphs()
    write_together(projection, graphs)
    changed = article_a()
    changed.remove((URIRef(WAR), None, None))
    changed.add((URIRef(WAR), GEO.code, Literal("war")))  # now only this one claim
    graphs[str(ARTICLE_A)] = changed
    projection.replace_graphs({str(ARTICLE_A): changed})
    after = snapshot(projection)
    merge_only(projection, monkeypatch)
    assert after == write_together(projection, graphs)


def test_one_transaction_writes_what_batches_write(projection: Neo4jProjection) -> None:
    """A write that fits in `batch_size` rows is one transaction (nodes, then the links from
    new nodes by the ids just created); it writes what many small transactions write."""
    graphs = all_graphs()
    project_each = lambda p: [p.replace_graph(n, g, graph_hash(g)) for n, g in graphs.items()]  # noqa: E731
    project_each(projection)
    batched = snapshot(projection)
    whole = Neo4jProjection(projection.driver, batch_size=5000, server_loader=False)
    whole.clear()
    project_each(whole)
    assert snapshot(whole) == batched
    stats = whole.replace_graph(str(ARTICLE_A), graphs[str(ARTICLE_A)])
    assert stats.transactions == 1 and snapshot(whole) == batched

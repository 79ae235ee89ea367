"""Rows and Cypher from the triples of one graph: grouping, whitelist, claims, merging."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.projection.batch import combine, plan_write
from kg.projection.cypher_builders import (
    SCHEMA_CYPHER,
    batches,
    create_nodes_cypher,
    create_rels_cypher,
    drop_batch_cypher,
    label_clause,
    link_statements,
    node_statements,
    rel_type_clause,
    write_nodes_cypher,
    write_rels_cypher,
)
from kg.projection.rows import GEO_CLASSES, graph_rows, local_name, merge_claims
from ontology.namespace import EVENT_TYPE, GEO

B = "https://geokg.example.org/"
CHN, PRK = URIRef(B + "state/CHN"), URIRef(B + "state/PRK")
EVENT = URIRef(B + "event/state_visit/CHN-PRK/2024-10-06")
ARTICLE = URIRef(B + "article/abc")


def _event_triples() -> list[tuple]:
    return [
        (EVENT, RDF.type, GEO.Event),
        (EVENT, GEO.code, Literal("state_visit")),
        (EVENT, GEO.eventType, EVENT_TYPE.state_visit),
        (EVENT, GEO.participant, CHN),
        (EVENT, GEO.participant, PRK),
        (EVENT, GEO.initiator, CHN),
        (EVENT, GEO.date, Literal("2024-10-06", datatype=XSD.date)),
        (EVENT, GEO.earliest, Literal("2024-10-06", datatype=XSD.date)),
        (EVENT, GEO.source, ARTICLE),
        (CHN, RDF.type, GEO.State),
        (CHN, GEO.code, Literal("CHN")),
        (CHN, GEO.alias, Literal("PRC")),
        (CHN, GEO.alias, Literal("Red China")),
        (ARTICLE, RDF.type, GEO.Article),
    ]


def test_nodes_are_grouped_by_label_set() -> None:
    rows = graph_rows(_event_triples())
    assert set(rows.nodes) == {("Event",), ("State",), ("Article",)}
    (event,) = rows.nodes[("Event",)]
    assert event["uri"] == str(EVENT)
    assert event["props"] == {
        "code": "state_visit",
        "date": date(2024, 10, 6),
        "earliest": date(2024, 10, 6),
    }
    assert rows.nodes[("State",)][0]["props"] == {"alias": ["PRC", "Red China"], "code": "CHN"}
    assert rows.triples == 14 and rows.skipped == 0


def test_iri_objects_become_relationships_by_local_name() -> None:
    rels = graph_rows(_event_triples()).rels
    assert set(rels) == {"eventType", "participant", "initiator", "source"}
    assert rels["participant"] == [(str(EVENT), str(CHN)), (str(EVENT), str(PRK))]


def test_a_node_with_several_classes_gets_one_group_of_all_labels() -> None:
    nato = URIRef(B + "org/NATO")
    rows = graph_rows([(nato, RDF.type, GEO.Organization), (nato, RDF.type, GEO.Alliance)])
    assert list(rows.nodes) == [("Alliance", "Organization")]


def test_types_outside_the_ontology_are_kept_as_rdf_type_not_labels() -> None:
    rows = graph_rows([(EVENT_TYPE.war, RDF.type, SKOS.Concept)])
    (row,) = rows.nodes[()]
    assert row["labels"] == []
    assert row["props"] == {"rdfType": [str(SKOS.Concept)]}


def test_subject_without_types_or_literals_still_gets_a_claim() -> None:
    rows = graph_rows([(EVENT, GEO.participant, CHN)])
    assert rows.nodes == {(): [{"uri": str(EVENT), "labels": [], "literals": [], "props": {}}]}


def test_blank_nodes_get_bnode_uris_and_literal_subjects_are_skipped() -> None:
    bnode = BNode("b1")
    rows = graph_rows([(bnode, GEO.name, Literal("x")), (Literal("x"), GEO.name, Literal("y"))])
    assert rows.nodes[()][0]["uri"] == "bnode://b1"
    assert rows.skipped == 1


def test_merge_claims_is_the_union_of_what_each_graph_says() -> None:
    a = graph_rows([(CHN, RDF.type, GEO.State), (CHN, GEO.alias, Literal("PRC"))])
    b = graph_rows([(CHN, GEO.alias, Literal("Red China")), (CHN, GEO.name, Literal("China"))])
    (ra,), (rb,) = a.nodes[("State",)], b.nodes[()]
    merged = merge_claims(str(CHN), [ra["labels"], rb["labels"]], [ra["literals"], rb["literals"]])
    assert merged["labels"] == ["State"]
    assert merged["props"] == {"alias": ["PRC", "Red China"], "name": "China"}


def test_label_whitelist_refuses_anything_but_geo_classes() -> None:
    assert label_clause(["State", "Event"]) == ":`State`:`Event`"
    assert "Evidence" in GEO_CLASSES and "HeadOfState" not in GEO_CLASSES
    for bad in ("Resource", "State`) DETACH DELETE n //", "HeadOfState", "state"):
        with pytest.raises(ValueError):
            label_clause([bad])


def test_relationship_types_must_be_plain_identifiers() -> None:
    assert rel_type_clause("participant") == "`participant`"
    for bad in ("a`b", "1x", "", "ASSERTS"):
        with pytest.raises(ValueError):
            rel_type_clause(bad)


def test_odd_predicate_local_names_are_skipped() -> None:
    rows = graph_rows([(EVENT, URIRef("http://example.org/has-part"), CHN)])
    assert rows.rels == {} and rows.skipped == 1


def test_local_name() -> None:
    assert local_name(str(GEO.participant)) == "participant"
    assert local_name("http://www.w3.org/2004/02/skos/core#prefLabel") == "prefLabel"
    assert local_name("https://geokg.example.org/ontology/event-type/war") == "war"


def test_cypher_is_parameterised_with_unwind_rows() -> None:
    nodes = write_nodes_cypher(("State",))
    rels = write_rels_cypher("participant")
    for text in (nodes, rels):
        assert text.startswith("UNWIND $rows AS row")
        assert "row.graphs" in text and "CHN" not in text
    assert "MERGE (n:Resource {uri: row.uri})" in nodes and "SET n:`State`" in nodes
    assert "MERGE (s)-[r:`participant`]->(o)" in rels
    created = create_nodes_cypher(("State",))
    assert created.startswith("UNWIND $rows AS row") and "CREATE (n:Resource:`State`" in created
    assert "UNWIND row.claims AS c" in created and "UNWIND row.claims AS c" in nodes
    assert "elementId(s) = row.s" in create_rels_cypher("participant")
    assert "SET n:" not in write_nodes_cypher(())
    assert "$limit" in drop_batch_cypher() and "$graphs" in drop_batch_cypher()


def test_batches_pack_small_statements_and_split_big_ones() -> None:
    rows = [{"i": i} for i in range(5)]
    planned = batches([("A", rows[:2]), ("B", rows[:1]), ("C", rows)], size=3)
    assert [[(c, len(r)) for c, r in tx] for tx in planned] == [
        [("A", 2), ("B", 1)],
        [("C", 3)],
        [("C", 2)],
    ]
    with pytest.raises(ValueError):
        batches([], 0)


def test_node_statements_run_graphs_new_nodes_known_nodes_placeholders_then_links() -> None:
    batch = combine({"urn:g": graph_rows(_event_triples())})
    plan = plan_write(batch, {str(CHN): "4:x:1"})
    statements = node_statements(["urn:g"], plan)
    kinds = [
        0
        if "MERGE (g:ProjectedGraph" in cypher
        else 1
        if "CREATE (n:Resource:" in cypher
        else 2
        if "MERGE (n:" in cypher
        else 3
        if "sources: []" in cypher
        else 4
        for cypher, _ in statements
    ]
    assert kinds == sorted(kinds) and set(kinds) == {0, 1, 2, 3}  # no link from CHN
    assert [r["uri"] for r in plan.merged[("State",)]] == [str(CHN)]
    assert sorted(r["uri"] for r in plan.placeholders) == sorted(
        [str(PRK), str(EVENT_TYPE.state_visit)]
    )
    ids = {str(EVENT): "e", str(CHN): "c", str(PRK): "p", str(ARTICLE): "a"}
    ids[str(EVENT_TYPE.state_visit)] = "t"
    links = dict((c, r) for c, r in link_statements(plan, ids))
    assert links[create_rels_cypher("participant")] == [
        {"s": "e", "o": "c", "graphs": ["urn:g"]},
        {"s": "e", "o": "p", "graphs": ["urn:g"]},
    ]


def test_links_from_known_nodes_are_merged_by_uri() -> None:
    batch = combine({"urn:g": graph_rows([(CHN, GEO.participant, PRK)])})
    plan = plan_write(batch, {str(CHN): "c", str(PRK): "p"})
    assert plan.merged_links == {
        "participant": [{"s": str(CHN), "o": str(PRK), "graphs": ["urn:g"]}]
    }
    assert not plan.fresh and not plan.fresh_links and not plan.placeholders


def test_a_new_node_several_graphs_describe_gets_the_union_of_their_claims() -> None:
    a = graph_rows([(CHN, RDF.type, GEO.State), (CHN, GEO.alias, Literal("PRC"))])
    b = graph_rows([(CHN, GEO.alias, Literal("Red China")), (CHN, GEO.name, Literal("China"))])
    plan = plan_write(combine({"urn:a": a, "urn:b": b}), {})
    (row,) = plan.fresh[("State",)]
    assert row["graphs"] == ["urn:a", "urn:b"] and len(row["claims"]) == 2
    assert row["props"] == {"alias": ["PRC", "Red China"], "name": "China"}


def test_combine_merges_what_several_graphs_assert() -> None:
    a = graph_rows([(CHN, RDF.type, GEO.State), (EVENT, GEO.participant, CHN)])
    b = graph_rows([(CHN, GEO.alias, Literal("PRC")), (EVENT, GEO.participant, CHN)])
    batch = combine({"urn:a": a, "urn:b": b})
    row = batch.nodes[str(CHN)]
    assert row["graphs"] == ["urn:a", "urn:b"] and row["labels"] == ["State"]
    assert [(c["graph"], c["labels"]) for c in row["claims"]] == [
        ("urn:a", ["State"]),
        ("urn:b", []),
    ]
    assert batch.nodes[str(EVENT)]["graphs"] == ["urn:a", "urn:b"]
    assert batch.rels == {"participant": {(str(EVENT), str(CHN)): ["urn:a", "urn:b"]}}
    assert batch.uris() == {str(EVENT), str(CHN)}


def test_a_non_state_actor_is_labelled_NonStateActor_with_its_states_as_relationships() -> None:
    hamas, pse = URIRef(B + "actor/HAMAS"), URIRef(B + "state/PSE")
    rows = graph_rows(
        [
            (hamas, RDF.type, GEO.NonStateActor),
            (hamas, GEO.code, Literal("HAMAS")),
            (hamas, GEO.kind, Literal("armed_group")),
            (hamas, GEO.alias, Literal("Islamic Resistance Movement")),
            (hamas, GEO.basedIn, pse),
        ]
    )
    (row,) = rows.nodes[("NonStateActor",)]
    assert row["props"] == {
        "alias": ["Islamic Resistance Movement"],
        "code": "HAMAS",
        "kind": "armed_group",
    }
    assert rows.rels == {"basedIn": [(str(hamas), str(pse))]}
    assert any("(n:NonStateActor) ON (n.code)" in statement for statement in SCHEMA_CYPHER)

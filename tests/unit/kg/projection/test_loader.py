"""The parameters of the server-side loader, and the one hash that sync and ingest share."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.projection.loader import as_ntriples, loader_calls, loader_config
from kg.projection.rows import GEO_CLASSES
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.oxigraph_terms import ntriples_hash
from kg.sync import graph_hash
from ontology.namespace import GEO, GEO_IRI
from tests.unit.kg.sample_graphs import all_graphs


def _graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"urn:s{i}"), GEO.name, Literal(f"name {i}")))
    return g


def test_a_graph_hashes_the_same_built_or_read_back_from_the_record() -> None:
    """sync hashes the record's N-Triples export; ingest and the API hash rdflib graphs: the
    two must agree, or every sync would project every graph again."""
    graphs = all_graphs()
    odd = Graph()
    odd.add((URIRef("urn:x"), GEO.name, Literal('quote " newline \n tab \t 𝄞 é', lang="fr")))
    odd.add((URIRef("urn:x"), GEO.startDate, Literal("1949", datatype=XSD.gYear)))
    graphs["urn:odd"] = odd
    with OxigraphStore() as store:
        store.replace_graphs(graphs)
        for name, graph in graphs.items():
            exported = store.export("nt", name).decode("utf-8")
            assert ntriples_hash(exported) == graph_hash(graph), name


def test_the_hash_ignores_statement_order() -> None:
    text = "<urn:a> <urn:p> <urn:b> .\n<urn:c> <urn:p> <urn:d> .\n"
    flipped = "\n".join(reversed(text.splitlines())) + "\n"
    assert ntriples_hash(text) == ntriples_hash(flipped) != ntriples_hash(text[:26])


def test_calls_carry_about_max_triples_and_never_split_a_graph() -> None:
    graphs = {"urn:a": _graph(3), "urn:b": _graph(4), "urn:c": _graph(5), "urn:d": _graph(1)}
    calls = loader_calls(graphs, {"urn:b": "hb"}, max_triples=7)
    assert [[row["graph"] for row in call] for call in calls] == [
        ["urn:a", "urn:b"],
        ["urn:c", "urn:d"],
    ]
    b = calls[0][1]
    assert b["hash"] == "hb" and calls[0][0]["hash"] is None
    assert b["ntriples"].count("\n") == 4 and "<urn:s3>" in b["ntriples"]
    assert loader_calls({"urn:big": _graph(9)}, max_triples=2)[0][0]["graph"] == "urn:big"


def test_text_is_passed_through_and_triples_are_written_as_the_record_writes_them() -> None:
    text = "<urn:a> <urn:p> <urn:b> .\n"
    assert as_ntriples(text) is text
    written = as_ntriples(_graph(2))
    assert sorted(written.splitlines()) == [
        f'<urn:s{i}> <{GEO_IRI}name> "name {i}" .' for i in range(2)
    ]


def test_the_config_carries_the_ontology_the_java_side_must_not_copy() -> None:
    config = loader_config()
    assert config["geoIri"] == GEO_IRI and config["classes"] == list(GEO_CLASSES)
    assert config["reserved"] == ["sources", "uri"] and "alias" in config["multiValued"]
    assert config["claimType"] == "ASSERTS"


def test_a_failed_projection_is_told_in_one_sentence() -> None:
    """What `kg sync` and `kg ingest` print when Neo4j refuses or drops a projection."""
    from neo4j.exceptions import ServiceUnavailable

    from kg.stores.neo4j_store import PROJECTION_ERRORS, projection_error_text

    exc = ServiceUnavailable("Connection to 127.0.0.1:7687 closed")
    assert isinstance(exc, PROJECTION_ERRORS)
    text = projection_error_text(exc)
    assert text.startswith("Neo4j refused the projection: Connection to 127.0.0.1:7687 closed.")
    assert "`kg sync` projects the rest" in text

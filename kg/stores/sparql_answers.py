"""A SPARQL server's answers read with pyoxigraph's parsers and written with its serializers,
so that what a record server answers crosses the RecordStore boundary exactly as the
embedded store's answers do (the same rdflib terms, the same bytes for the same data)."""

from __future__ import annotations

import threading
from itertools import islice

import pyoxigraph as ox
from rdflib import Graph

from kg.stores.base import RDF_FORMATS, RESULTS_FORMATS, QueryResult, StoreFormatError
from kg.stores.oxigraph_results import to_query_result

RESULTS_JSON = RESULTS_FORMATS["json"]
NTRIPLES = RDF_FORMATS["nt"][0]
ANSWER_TYPES = f"{RESULTS_JSON}, {NTRIPLES};q=0.9"  # what a query of any form asks for
OX_RDF = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
}
OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
Answer = ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]


def rdf_format(fmt: str) -> ox.RdfFormat:
    if fmt not in OX_RDF:
        raise StoreFormatError(f"Unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}.")
    return OX_RDF[fmt]


def parse_answer(content_type: str, data: bytes) -> Answer:
    """Rows or a boolean (SPARQL JSON results), or triples (N-Triples)."""
    try:
        if content_type.split(";")[0].strip() == NTRIPLES:
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise StoreFormatError(f"The SPARQL server's answer does not parse: {exc}.") from None


def to_result(answer: Answer, limit: int | None, stop: threading.Event | None) -> QueryResult:
    """The answer as the embedded store gives it: at most `limit` rows or triples."""
    if isinstance(answer, list):
        data = ox.serialize(islice(answer, limit), format=ox.RdfFormat.N_TRIPLES) or b""
        return QueryResult("graph", graph=Graph().parse(data=data, format="nt"))
    return to_query_result(answer, limit, stop)


def serialize_answer(answer: Answer, fmt: str) -> bytes:
    """The answer written as the embedded store writes it in `fmt`."""
    if isinstance(answer, list):
        name = "jsonld" if fmt == "json" else fmt
        if name not in OX_RDF or name in ("nq", "trig"):
            raise StoreFormatError(
                f"A CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}; "
                "use ttl, nt, jsonld or json."
            )
        return ox.serialize(answer, format=OX_RDF[name]) or b""
    if fmt not in OX_RESULTS:
        raise StoreFormatError(
            f"A SELECT or ASK result cannot be written as {fmt!r}; "
            f"use one of {', '.join(RESULTS_FORMATS)}."
        )
    return answer.serialize(format=OX_RESULTS[fmt]) or b""


def graph_quads(data: bytes, name: str) -> list[ox.Quad]:
    """A named graph's N-Triples (as a Graph Store Protocol GET answers) as its quads."""
    graph = ox.NamedNode(name)
    triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def quads_of_rows(answer: Answer) -> list[ox.Quad]:
    """The rows of `SELECT ?g ?s ?p ?o` as quads."""
    assert isinstance(answer, ox.QuerySolutions)
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in answer]

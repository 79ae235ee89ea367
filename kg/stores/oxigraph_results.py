"""pyoxigraph answers as QueryResult, read as they stream: rows are taken one at a time, so a
row limit stops the evaluation where it is (a 1.5M-row SELECT cut at 10,000 rows never builds
the rest), and a `stop` event set by a caller that gave up (a timeout) ends it at the next
row instead of letting it run to its end in the background."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import islice
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.stores.base import RDF_FORMATS, QueryResult, StoreFormatError
from kg.stores.oxigraph_terms import to_rdflib

Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
# The RDF formats by the names kg.stores.base.RDF_FORMATS gives.
OX_RDF = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
}
# The result formats of a SELECT or ASK, by the names kg.stores.base.RESULTS_FORMATS gives.
OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def _taken(
    rows: ox.QuerySolutions | ox.QueryTriples, limit: int | None, stop: threading.Event | None
) -> Iterator[Any]:
    """At most `limit` items of a streaming answer, and none after `stop` is set (the caller
    gave up and discards what it gets: ending here, rather than raising, lets the pyoxigraph
    iterator be dropped on the thread that made it)."""
    for item in islice(rows, limit):
        if stop is not None and stop.is_set():
            return
        yield item


def to_query_result(
    result: Answer, limit: int | None = None, stop: threading.Event | None = None
) -> QueryResult:
    """The answer as a QueryResult: at most `limit` rows (or triples), read one at a time."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(_taken(result, limit, stop), format=ox.RdfFormat.N_TRIPLES) or b""
        return QueryResult("graph", graph=Graph().parse(data=data, format="nt"))
    names = [v.value for v in result.variables]
    rows = [
        {n: to_rdflib(sol[n]) for n in names if sol[n] is not None}
        for sol in _taken(result, limit, stop)
    ]
    return QueryResult("select", variables=names, rows=rows)


def rdf_format(fmt: str) -> ox.RdfFormat:
    """The pyoxigraph format of an RDF_FORMATS name, or StoreFormatError."""
    if fmt not in OX_RDF:
        raise StoreFormatError(f"Unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}.")
    return OX_RDF[fmt]

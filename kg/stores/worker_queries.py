"""Queries through kg.stores.query_pool's workers, answered as the embedded store answers them
in process: a QueryResult (at most `limit` rows) or serialized bytes, and the same errors
(StoreRefusedError, StoreFormatError; QueryTimeout when the time ran out)."""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from kg.stores.base import (
    READ_ONLY_TEXT,
    RESULTS_FORMATS,
    QueryResult,
    RecordUnavailable,
    StoreError,
    StoreFormatError,
    StoreRefusedError,
    looks_like_update,
)
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.query_pool import QueryWorkers
from kg.stores.query_worker import Wire
from kg.stores.sparql_guard import NESTING_TEXT, REFUSED_TEXT, is_federated, too_deep

_PLAIN = (
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
)


def workers_for(store: object, size: int, memory_mb: int = 0) -> QueryWorkers | None:
    """Workers for the embedded store on disk, each allowed `memory_mb` (0: no limit); None
    for a store in memory or on a SPARQL server (those keep their own timeout), or when
    `size` is 0."""
    if size <= 0 or not isinstance(store, OxigraphStore) or store.path is None:
        return None
    return QueryWorkers(store.path, size, memory_mb, settle=store.settle)


def from_wire(term: Wire) -> Node:
    """A worker's term as rdflib's (xsd:string literals plain, as kg.stores.oxigraph_terms)."""
    kind, value, datatype, language = term
    if kind == "u":
        return URIRef(value)
    if kind == "b":
        return BNode(value)
    if language:
        return RdfLiteral(value, lang=language)
    if datatype is None or datatype in _PLAIN:
        return RdfLiteral(value)
    return RdfLiteral(value, datatype=URIRef(datatype))


def _checked(workers: QueryWorkers, answer: tuple[Any, ...]) -> Any:
    """The answer of a worker's ("ok", answer), or its error as the store raises it."""
    if answer[0] == "ok":
        return answer[1]
    _, kind, message = answer
    if kind == "syntax":
        raise StoreFormatError(f"The query does not parse: {message}.")
    if kind == "open":
        raise RecordUnavailable(f"Cannot open the store at {workers.path} read-only: {message}.")
    raise StoreError(f"The query failed: {message}.")


def check_query(sparql: str) -> None:
    """Refuse what no worker needs to see: federated, nested too deep, or an update (no
    query form: it would not parse as a query)."""
    if is_federated(sparql) or too_deep(sparql):
        raise StoreRefusedError(REFUSED_TEXT if is_federated(sparql) else NESTING_TEXT)
    if looks_like_update(sparql):
        raise StoreFormatError(f"{READ_ONLY_TEXT[:1].upper()}{READ_ONLY_TEXT[1:]}")


def _run(
    workers: QueryWorkers, sparql: str, limit: int | None, fmt: str | None, timeout: float
) -> Any:
    check_query(sparql)
    return _checked(workers, workers.run("query", sparql, limit, fmt, timeout))


def worker_query(
    workers: QueryWorkers, sparql: str, limit: int | None, timeout: float
) -> QueryResult:
    """The answer as OxigraphStore.query gives it, from a worker stopped after `timeout` s."""
    answer = _run(workers, sparql, limit, None, timeout)
    if answer[0] == "ask":
        return QueryResult("ask", boolean=answer[1])
    if answer[0] == "graph":
        return QueryResult("graph", graph=Graph().parse(data=answer[1], format="nt"))
    _, names, rows = answer
    return QueryResult(
        "select",
        variables=names,
        rows=[
            {n: from_wire(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ],
    )


def worker_query_serialized(workers: QueryWorkers, sparql: str, fmt: str, timeout: float) -> bytes:
    """The answer as OxigraphStore.query_serialized writes it, from a worker."""
    answer = _run(workers, sparql, None, fmt, timeout)
    if answer[0] == "bytes":
        assert isinstance(answer[1], bytes)
        return answer[1]
    if answer[1] == "graph":
        raise StoreFormatError(
            f"A CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}; "
            "use ttl, nt, jsonld or json."
        )
    raise StoreFormatError(
        f"A SELECT or ASK result cannot be written as {fmt!r}; "
        f"use one of {', '.join(RESULTS_FORMATS)}."
    )

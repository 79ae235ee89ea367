"""SPARQL 1.1 Protocol, read-only: GET ?query=, POST form-encoded, POST sparql-query;
results by Accept (JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML for graphs)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, cast
from urllib.parse import parse_qs

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from rdflib import XSD, BNode, Literal
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from api.body import read_body
from api.deps import ReadKeyDep, SettingsDep, StoreDep
from api.errors import ApiError
from api.negotiation import negotiate
from api.openapi import problems
from kg.stores.base import (
    QueryResult,
    RecordStore,
    RecordUnavailable,
    StoreError,
    looks_like_update,
)
from kg.stores.query_pool import QueryStopped, QueryTimeout, QueryWorkers
from kg.stores.sparql_guard import (
    MAX_NESTING,
    NESTING_TEXT,
    REFUSED_TEXT,
    is_federated,
    nesting,
)
from kg.stores.worker_queries import worker_query

WORKER_GRACE = 1.0  # seconds past the timeout before the server stops waiting for the pool

router = APIRouter(tags=["sparql"], dependencies=[ReadKeyDep])

RESULT_TYPES = {  # media type -> rdflib result serializer
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # media type -> rdflib graph serializer
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/rdf+xml": "xml",
}
PROTOCOL = """The SPARQL 1.1 Protocol, read-only: the default graph is the union of every named
graph. SELECT and ASK answer as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE as
Turtle, N-Triples, JSON-LD or RDF/XML, chosen by `Accept`. Updates and federated queries
(SERVICE) are refused (403) before evaluation; a query that does not parse is a 400; KG_SPARQL_TIMEOUT and KG_SPARQL_LIMIT apply (the
`X-Result-Truncated: true` header says rows were cut). With KG_READ_API_KEY set, the
X-API-Key header must carry it (or KG_API_KEY)."""
RESULTS: dict[str, Any] = {
    "description": "The results, in the negotiated format",
    "content": {media: {} for media in {**RESULT_TYPES, **GRAPH_TYPES}},
}


def _check_read_only(query: str) -> None:
    """Updates and federated queries are refused before anything is evaluated."""
    if looks_like_update(query):
        raise ApiError(403, "this endpoint is read-only: SPARQL updates are refused", "Read-only")
    if is_federated(query):
        raise ApiError(403, REFUSED_TEXT, "Federated query refused")
    if nesting(query) > MAX_NESTING:  # pyoxigraph's parser would overflow its stack
        raise ApiError(400, NESTING_TEXT, "Query nested too deep")


def _tsv_term(term: Node) -> str:
    """A term in SPARQL TSV syntax: <iri>, _:b, or a quoted, escaped literal."""
    if isinstance(term, Literal):
        text = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != str(XSD.string):
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def _tsv(result: QueryResult, limit: int) -> bytes:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows[:limit]:
        lines.append("\t".join(_tsv_term(row[v]) if v in row else "" for v in result.variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _serialize(result: QueryResult, accept: str, limit: int) -> Response:
    if result.kind == "graph":
        media, fmt = negotiate(accept, GRAPH_TYPES, "text/turtle")
        assert result.graph is not None
        body = result.graph.serialize(format=fmt, encoding="utf-8")
        return Response(body, media_type=media)
    media, fmt = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    headers = {"X-Result-Truncated": "true"} if len(result.rows) > limit else {}
    if result.kind == "ask" and fmt in ("csv", "tsv"):
        text = f"_askResult\n{'true' if result.boolean else 'false'}\n"
        return Response(text.encode(), media_type=media)
    if fmt == "tsv":
        return Response(_tsv(result, limit), media_type=media, headers=headers)
    out = Result("ASK" if result.kind == "ask" else "SELECT")
    if result.kind == "ask":
        out.askAnswer = bool(result.boolean)
    else:
        out.vars = [Variable(v) for v in result.variables]
        out.bindings = [
            {Variable(k): cast(Identifier, v) for k, v in row.items()}
            for row in result.rows[:limit]
        ]
    body = out.serialize(format=fmt, encoding="utf-8") or b""
    return Response(body, media_type=media, headers=headers)


def _evaluate(
    store: RecordStore, workers: QueryWorkers | None, query: str, limit: int, timeout: float
) -> tuple[threading.Event, Callable[[], QueryResult]]:
    """The query as a call for a thread, and the event that stops it where it can stop."""
    stop = threading.Event()
    if workers is not None:  # killed at the timeout: the core and the memory come back
        return stop, lambda: worker_query(workers, query, limit, timeout)
    # In process, pyoxigraph cannot cancel a query: on timeout the client gets its answer
    # now, and the thread stops at the next row it reads (or when the query ends).
    return stop, lambda: store.query(query, limit, stop)


async def _answer(
    request: Request, store: RecordStore, query: str, timeout: float, limit: int
) -> Response:
    if not query.strip():
        raise ApiError(400, "missing the 'query' parameter", "Missing query")
    _check_read_only(query)
    workers = request.app.state.sparql_workers
    # One row past the limit says "truncated"; rows are read as they stream, so the rest
    # is never built. The workers keep time themselves: the outer bound is a safety net.
    stop, evaluate = _evaluate(store, workers, query, limit + 1, timeout)
    try:
        with anyio.fail_after(timeout + WORKER_GRACE if workers else timeout):
            result = await anyio.to_thread.run_sync(evaluate, abandon_on_cancel=True)
    except (TimeoutError, QueryTimeout):
        stop.set()
        raise ApiError(503, f"the query ran longer than {timeout:g} s", "Query timeout") from None
    except QueryStopped as exc:
        raise ApiError(503, str(exc), "Query stopped") from None
    except RecordUnavailable as exc:
        raise ApiError(503, str(exc), "Record unavailable") from None
    except StoreError as exc:
        # Updates sent as queries fail to parse as queries: both are the client's to fix.
        raise ApiError(400, str(exc), "Malformed query") from None
    return _serialize(result, request.headers.get("accept", ""), limit)


@router.get(
    "/sparql",
    summary="SPARQL query (GET ?query=)",
    description=PROTOCOL,
    response_class=Response,
    responses={200: RESULTS, **problems(400, 401, 403, 406, 503)},
)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[
        str, Query(description="A SPARQL 1.1 query", examples=["ASK { ?s ?p ?o }"])
    ] = "",
) -> Response:
    return await _answer(request, store, query, settings.sparql_timeout, settings.sparql_limit)


@router.post(
    "/sparql",
    summary="SPARQL query (POST form-encoded or application/sparql-query)",
    description=PROTOCOL,
    response_class=Response,
    responses={200: RESULTS, **problems(400, 401, 403, 406, 413, 415, 503)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/sparql-query": {
                    "schema": {"type": "string"},
                    "example": "SELECT ?name WHERE { ?s <https://geokg.example.org/ontology#code> "
                    '"PRK" ; <https://geokg.example.org/ontology#name> ?name }',
                },
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    },
                    "example": {"query": "ASK { ?s ?p ?o }"},
                },
            },
        }
    },
)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await read_body(request, settings.max_body_bytes)
    text = raw.decode("utf-8", errors="replace")
    if ctype == "application/sparql-query":
        query = text
    elif ctype == "application/x-www-form-urlencoded":
        form = parse_qs(text)
        if "update" in form:
            raise ApiError(
                403, "this endpoint is read-only: SPARQL updates are refused", "Read-only"
            )
        query = (form.get("query") or [""])[0]
    elif ctype == "application/sparql-update":
        raise ApiError(403, "this endpoint is read-only: SPARQL updates are refused", "Read-only")
    else:
        raise ApiError(415, "send application/sparql-query or a form with 'query'")
    return await _answer(request, store, query, settings.sparql_timeout, settings.sparql_limit)

"""A read-only RecordStore over a geokg server's SPARQL 1.1 Protocol endpoint, so the CLI can
ask the server that holds the embedded store's lock (`kg serve`) the questions it would ask
the store itself. Writes are refused: the server's own store takes them."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NoReturn

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.stores.base import (
    RDF_FORMATS,
    RESULTS_FORMATS,
    QueryResult,
    RecordStore,
    StoreError,
    StoreFormatError,
)

QUERY_TYPE = "application/sparql-query"
RESULTS_JSON = RESULTS_FORMATS["json"]
GRAPH_MEDIA = {name: media for name, (media, _) in RDF_FORMATS.items()}
GRAPH_MEDIA["json"] = GRAPH_MEDIA["jsonld"]
TIMEOUT = 60.0

if TYPE_CHECKING:
    import httpx


class EndpointError(StoreError):
    """The server refused or failed a query; the message is its own sentence."""


def _term(binding: dict[str, Any]) -> Node:
    """A SPARQL JSON results binding as an rdflib term."""
    kind, value = binding.get("type"), binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    datatype = binding.get("datatype")
    return Literal(
        value, lang=binding.get("xml:lang"), datatype=URIRef(datatype) if datatype else None
    )


class SparqlEndpointStore(RecordStore):
    """Queries go to `url` (a SPARQL endpoint such as http://127.0.0.1:8000/sparql); the
    default graph there is the union of the server's named graphs, as here. The server's
    pair timelines are a cache of their own (kg.stores.server_timelines)."""

    def __init__(self, url: str, writes_hint: str = "", api_key: str | None = None) -> None:
        self.url = url
        self._key = {"X-API-Key": api_key} if api_key else {}  # a server's KG_READ_API_KEY
        self._writes_hint = writes_hint
        import httpx  # imported here so that the CLI, which names this class, starts fast

        self._http = httpx
        self._client: httpx.Client | None = httpx.Client(timeout=TIMEOUT)

    def _post(self, sparql: str, accept: str) -> httpx.Response:
        if self._client is None:
            raise StoreError(f"The connection to {self.url} is closed.")
        headers = {"Content-Type": QUERY_TYPE, "Accept": accept, **self._key}
        try:
            answer = self._client.post(self.url, content=sparql.encode("utf-8"), headers=headers)
        except self._http.HTTPError as exc:
            raise EndpointError(f"Cannot reach the SPARQL endpoint at {self.url}: {exc}.") from None
        if answer.status_code != 200:
            raise self._refusal(answer)
        if answer.headers.get("x-result-truncated") == "true":
            raise EndpointError(
                f"The server at {self.url} cut the answer at its row limit (KG_SPARQL_LIMIT); "
                "ask for less (LIMIT, a filter), or stop the server and query the store itself."
            )
        return answer

    def _refusal(self, answer: httpx.Response) -> StoreError:
        """The server's problem detail as a store error: the query's fault (4xx) or not."""
        try:
            detail = str(answer.json().get("detail", "")) or answer.reason_phrase
        except ValueError:
            detail = answer.text.strip()[:300] or answer.reason_phrase
        status = answer.status_code
        text = f"The SPARQL endpoint at {self.url} answered {status}: {detail.rstrip('.')}."
        if status in (400, 406):
            return StoreFormatError(text)
        return EndpointError(text)

    def select(self, sparql: str) -> list[dict[str, str]]:
        data = self._post(sparql, RESULTS_JSON).json()
        return [{k: b["value"] for k, b in row.items()} for row in data["results"]["bindings"]]

    def query(
        self, sparql: str, limit: int | None = None, stop: threading.Event | None = None
    ) -> QueryResult:
        """The server applies its own limit and timeout; `limit` cuts its rows, `stop` is
        not seen (the request ends with the server's answer)."""
        found = self._query(sparql)
        return replace(found, rows=found.rows[:limit]) if limit is not None else found

    def _query(self, sparql: str) -> QueryResult:
        answer = self._post(sparql, f"{RESULTS_JSON}, application/n-triples;q=0.9")
        if answer.headers.get("content-type", "").startswith("application/n-triples"):
            return QueryResult("graph", graph=Graph().parse(data=answer.text, format="nt"))
        data = answer.json()
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        rows = [{k: _term(b) for k, b in row.items()} for row in data["results"]["bindings"]]
        return QueryResult("select", variables=list(data["head"]["vars"]), rows=rows)

    def query_serialized(self, sparql: str, fmt: str) -> bytes:
        offered = [m for m in (RESULTS_FORMATS.get(fmt), GRAPH_MEDIA.get(fmt)) if m]
        if not offered:
            names = sorted({*RESULTS_FORMATS, *GRAPH_MEDIA})
            raise StoreFormatError(f"Unknown format {fmt!r}; use one of {', '.join(names)}.")
        return self._post(sparql, ", ".join(offered)).content

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in rows)

    def count(self, graph: str | None = None) -> int:
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")[0]["n"])

    def _refuse_write(self) -> NoReturn:
        raise StoreError(
            f"Writes go to the server's own store, not through {self.url}{self._writes_hint}."
        )

    def add_graph(self, name: str, graph: Graph) -> int:
        self._refuse_write()

    def replace_graphs(self, graphs: dict[str, Graph]) -> int:
        self._refuse_write()

    def drop_graph(self, name: str) -> bool:
        self._refuse_write()

    def import_data(self, data: bytes, fmt: str, graph: str | None = None) -> list[str]:
        self._refuse_write()

    def to_graph(self, name: str | None = None) -> Graph:
        pattern = f"GRAPH <{name}> {{ ?s ?p ?o }}" if name else "?s ?p ?o"
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}")
        assert result.graph is not None
        return result.graph

    def export(self, fmt: str = "nq", graph: str | None = None) -> bytes:
        raise StoreError(
            f"An export reads the store itself, and {self.url} answers queries only: stop "
            "the server and export again, or export a CONSTRUCT query with `kg sparql`."
        )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

"""/sparql with real SPARQL clients: SPARQLWrapper and rdflib's SPARQLStore, unchanged."""

from __future__ import annotations

import csv
import http.server
import io
import threading
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import (
    CSV,
    JSON,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from tests.e2e.conftest import Server

GEO = "https://geokg.example.org/ontology#"
CHN = URIRef("https://geokg.example.org/state/CHN")
NAME_OF_CHN = f'PREFIX geo: <{GEO}> SELECT ?name WHERE {{ ?s geo:code "CHN" ; geo:name ?name }}'
CONSTRUCT_CHN = f"PREFIX geo: <{GEO}> CONSTRUCT {{ <{CHN}> ?p ?o }} WHERE {{ <{CHN}> ?p ?o }}"
INSERT = "INSERT DATA { <https://x.example/s> <https://x.example/p> 'injected' }"
INJECTED = "ASK { ?s ?p 'injected' }"


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_select_as_json(server: Server) -> None:
    result = wrapper(server, NAME_OF_CHN, JSON).queryAndConvert()
    assert isinstance(result, dict)
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["China"]


def test_select_as_xml(server: Server) -> None:
    result = wrapper(server, NAME_OF_CHN, XML).query().convert()
    text = result.toxml() if hasattr(result, "toxml") else ElementTree.tostring(result)
    assert "China" in str(text)


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_select_as_csv_and_tsv(server: Server, fmt: str, delimiter: str) -> None:
    raw = wrapper(server, NAME_OF_CHN, fmt).query().convert()
    text = raw.decode() if isinstance(raw, bytes) else str(raw)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0][0].lstrip("?") == "name" and "China" in rows[1][0]


def test_ask(server: Server) -> None:
    result = wrapper(server, f"ASK {{ <{CHN}> ?p ?o }}", JSON).queryAndConvert()
    assert isinstance(result, dict) and result["boolean"] is True


def test_construct_as_turtle(server: Server) -> None:
    raw = wrapper(server, CONSTRUCT_CHN, TURTLE).query().convert()
    graph = Graph().parse(data=raw, format="turtle")
    assert (CHN, URIRef(GEO + "code"), Literal("CHN")) in graph


@pytest.mark.parametrize("request_method", [URLENCODED, POSTDIRECTLY])
def test_post_form_and_direct(server: Server, request_method: str) -> None:
    client = wrapper(server, NAME_OF_CHN, JSON)
    client.setMethod(POST)
    client.setRequestMethod(request_method)
    result = client.queryAndConvert()
    assert isinstance(result, dict) and result["results"]["bindings"]


def test_rdflib_sparqlstore_queries_through_the_endpoint(server: Server) -> None:
    graph = Graph(store=SPARQLStore(server.url + "/sparql"))
    rows = list(graph.query(NAME_OF_CHN))
    assert [str(r[0]) for r in rows] == ["China"]  # type: ignore[index]
    found = graph.query(
        f"PREFIX geo: <{GEO}> SELECT ?s WHERE {{ ?s geo:code ?code }}",
        initBindings={"code": Literal("PRK")},
    )
    assert [str(r[0]) for r in found] == ["https://geokg.example.org/state/PRK"]  # type: ignore[index]
    assert (CHN, URIRef(GEO + "name"), Literal("China")) in graph
    constructed = graph.query(CONSTRUCT_CHN).graph
    assert constructed is not None and len(constructed) > 5


def test_updates_are_refused(server: Server) -> None:
    endpoint = server.url + "/sparql"
    for response in (
        httpx.post(endpoint, data={"update": INSERT}),
        httpx.post(endpoint, content=INSERT, headers={"content-type": "application/sparql-update"}),
        httpx.post(endpoint, content=INSERT, headers={"content-type": "application/sparql-query"}),
        httpx.get(endpoint, params={"query": INSERT}),
    ):
        assert 400 <= response.status_code < 500, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
    client = wrapper(server, INSERT, JSON)
    client.setMethod(POST)
    with pytest.raises((SPARQLWrapperException, Exception)):
        client.query()
    store = SPARQLUpdateStore(endpoint, endpoint)
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the data check below matters
        store.update(INSERT)
    ask = wrapper(server, INJECTED, JSON).queryAndConvert()
    assert isinstance(ask, dict) and ask["boolean"] is False


def test_federated_queries_are_refused_and_send_nothing(server: Server) -> None:
    """SERVICE, with an IRI or a bound variable, on loopback: a 403 before evaluation, and
    the address named is never asked (a local listener counts the requests)."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    listener = http.server.HTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{listener.server_port}/sparql"
    endpoint = server.url + "/sparql"
    queries = [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    ]
    try:
        for query in queries:
            for response in (
                httpx.get(endpoint, params={"query": query}),
                httpx.post(endpoint, data={"query": query}),
                httpx.post(
                    endpoint, content=query, headers={"content-type": "application/sparql-query"}
                ),
            ):
                assert response.status_code == 403, response.text
                assert response.json()["title"] == "Federated query refused"
    finally:
        listener.shutdown()
    assert hits == []


def rss_kib(pid: int) -> int:
    """The resident memory of a process, from /proc (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))


def test_the_row_limit_applies_while_rows_stream(server: Server) -> None:
    """Every triple joined with every triple is billions of rows: the answer is the first
    KG_SPARQL_LIMIT of them, at once, and the server does not build the rest in memory."""
    before = rss_kib(server.process.pid)
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    for _ in range(3):
        response = httpx.get(server.url + "/sparql", params={"query": cross}, timeout=60)
        assert response.status_code == 200, response.text
        assert response.headers["x-result-truncated"] == "true"
        assert len(response.json()["results"]["bindings"]) == 10_000
    assert httpx.get(server.url + "/health").status_code == 200
    assert rss_kib(server.process.pid) < before * 1.2 + 100_000, "rows were built past the limit"


def test_timeout_and_limit_settings_are_visible_as_errors(server: Server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": "SELEC nothing"})
    assert response.status_code == 400 and "parse" in response.json()["detail"]

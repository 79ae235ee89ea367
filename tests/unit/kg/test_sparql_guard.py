"""Federated SPARQL is refused before evaluation, and only a SERVICE keyword counts: the
same word inside a string, an IRI, a comment, a variable or a prefixed name does not."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.stores.base import StoreRefusedError
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.sparql_guard import MAX_NESTING, is_federated, keywords, nesting, too_deep

FEDERATED = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL {\n  SeRvIcE <x:y> { ?s ?q ?r } } }",
    "PREFIX ex: <http://example.org/>\nASK { SERVICE ex:endpoint { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { { SERVICE <http://a/> { ?s ?p ?o } } UNION { ?s ?p ?o } }",
]
LOCAL = [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://a/> { }' }",
    'SELECT * WHERE { ?s ?p """a long SERVICE\nstring""" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:SERVICE ?o ; ex:service ?x }",
    "SELECT ?service WHERE { ?service ?p ?o }  # SERVICE <http://a/> in a comment",
    "SELECT $SERVICE WHERE { $SERVICE ?p ?o FILTER(?p < 3 && ?o > 1) }",
]


@pytest.mark.parametrize("query", FEDERATED)
def test_service_clauses_are_found(query: str) -> None:
    assert is_federated(query)


@pytest.mark.parametrize("query", LOCAL)
def test_the_word_elsewhere_is_not_a_clause(query: str) -> None:
    assert not is_federated(query)


def test_keywords_skip_iris_and_prefixed_names() -> None:
    query = "PREFIX ex: <http://e/> SELECT ?x WHERE { ?x ex:p 'FILTER' } LIMIT 2"
    assert list(keywords(query)) == ["PREFIX", "SELECT", "WHERE", "LIMIT"]


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records what is asked of it: the store must ask nothing."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/sparql", hits
    server.shutdown()


def test_the_store_refuses_service_and_sends_nothing(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    store = OxigraphStore(tmp_path / "store")
    try:
        for query in (
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        ):
            with pytest.raises(StoreRefusedError, match="SERVICE"):
                store.query(query)
        assert store.query("ASK { ?s ?p ?o }").boolean is False
    finally:
        store.close()
    assert hits == []


def test_deep_nesting_is_refused_before_the_parser_sees_it(tmp_path: Path) -> None:
    """pyoxigraph's parser overflows its stack (SIGSEGV) at about 3,000 nested groups."""
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    assert nesting(deep) == 5000
    assert nesting("SELECT * WHERE { ?s ?p '{{{{' FILTER((1 + 2) > 0) }") == 3
    store = OxigraphStore(tmp_path / "store")
    try:
        with pytest.raises(StoreRefusedError, match="levels deep"):
            store.query(deep)
    finally:
        store.close()


def test_too_deep_agrees_with_nesting_without_lexing_a_shallow_query() -> None:
    deep = "SELECT * WHERE " + "{" * 101 + "}" * 101
    shallow = "SELECT * WHERE { ?s ?p '" + "{" * 200 + "' }"  # in a string: not nesting
    assert too_deep(deep) and nesting(deep) > MAX_NESTING
    assert not too_deep(shallow) and nesting(shallow) == 1
    assert not too_deep("SELECT * WHERE { ?s ?p ?o }")

"""KG_READ_API_KEY puts the open-ended query routes (/sparql, /cypher) behind a key, while
the domain routes stay open; the CLI beside such a server sends the key it is configured
with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import API_KEY, Server, clean_env, copy_store, kg, start_server

READ_KEY = "e2e-read-key"
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def keyed(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    env = clean_env(KG_API_KEY=API_KEY, KG_READ_API_KEY=READ_KEY)
    running = start_server(copy_store(loaded_store, "read-key-store"), workdir, env=env)
    yield running
    running.stop()


def sparql(server: Server, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.get(server.url + "/sparql", params={"query": ASK}, headers=headers or {})


def test_sparql_needs_the_read_key_or_the_write_key(keyed: Server) -> None:
    missing = sparql(keyed)
    assert missing.status_code == 401 and "X-API-Key" in missing.json()["detail"]
    assert sparql(keyed, {"X-API-Key": "guess"}).status_code == 403
    for key in (READ_KEY, API_KEY):
        answer = sparql(keyed, {"X-API-Key": key})
        assert answer.status_code == 200 and answer.json()["boolean"] is True
    posted = httpx.post(
        keyed.url + "/sparql", content=ASK, headers={"Content-Type": "application/sparql-query"}
    )
    assert posted.status_code == 401


def test_cypher_asks_for_the_key_before_anything_else(keyed: Server) -> None:
    body = {"query": "RETURN 1 AS one"}
    assert httpx.post(keyed.url + "/cypher", json=body).status_code == 401
    # with the key, this server (no Neo4j configured) says so: the key check came first
    answer = httpx.post(keyed.url + "/cypher", json=body, headers={"X-API-Key": READ_KEY})
    assert answer.status_code == 503 and "Neo4j" in answer.json()["detail"]


def test_domain_routes_stay_open(keyed: Server) -> None:
    timeline = httpx.get(keyed.url + "/timeline/CHN/PRK")
    assert timeline.status_code == 200 and timeline.json()["items"]


def test_the_cli_beside_the_server_sends_its_key(keyed: Server, workdir: Path) -> None:
    env = clean_env(KG_READ_API_KEY=READ_KEY)
    out = kg("--store", str(keyed.store), "sparql", ASK, cwd=workdir, env=env)
    assert '"boolean": true' in out.replace("True", "true")

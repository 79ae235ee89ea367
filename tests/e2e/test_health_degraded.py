"""A server whose Neo4j cannot be reached at start-up still answers from the record, and
says so on /health (degraded, with the reason) instead of failing requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import Server, clean_env, copy_store, free_port, start_server


@pytest.fixture(scope="module")
def no_neo4j(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    nowhere = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there
    env = clean_env(KG_NEO4J_URI=nowhere, KG_NEO4J_PASSWORD="x")
    running = start_server(copy_store(loaded_store, "no-neo4j-store"), workdir, env=env)
    yield running
    running.stop()


def test_health_is_degraded_and_reads_still_answer(no_neo4j: Server) -> None:
    health = httpx.get(no_neo4j.url + "/health").json()
    assert health["status"] == "degraded" and health["backend"] == "sparql"
    assert "could not be reached" in health["problems"][0]
    timeline = httpx.get(no_neo4j.url + "/timeline/CHN/PRK", timeout=30)
    assert timeline.status_code == 200 and timeline.json()["items"]
    cypher = httpx.post(no_neo4j.url + "/cypher", json={"query": "RETURN 1"})
    assert cypher.status_code == 503 and "could not be reached" in cypher.json()["detail"]


def test_health_is_ok_without_neo4j_configured(server: Server) -> None:
    health = httpx.get(server.url + "/health").json()
    assert health["status"] == "ok" and health["problems"] == []

"""Fixtures shared by the integration tests (the Neo4j endpoint and driver come from
tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kg.stores.neo4j_store import Neo4jProjection
from tests.conftest import Neo4jEndpoint


def require_loader(driver: Any, endpoint: Neo4jEndpoint) -> None:
    """The server-side loader must be there on the project's launcher (it registers it);
    another server (NEO4J_URI, a container) may lack it, and then its tests are skipped."""
    if Neo4jProjection(driver).server_loader:
        return
    if endpoint.source == "launcher":
        pytest.fail("the launcher's Neo4j has no geokg.project procedure", pytrace=False)
    pytest.skip(f"the Neo4j at {endpoint.uri} has no geokg.project (the launcher's loader)")


@pytest.fixture(params=["cypher", "loader"])
def projection(
    request: pytest.FixtureRequest, neo4j_driver: Any, neo4j_endpoint: Neo4jEndpoint
) -> Iterator[Neo4jProjection]:
    """An empty projection, once for each write path: parameterised Cypher (with a small
    batch size, so every write spans several batches) and the server-side loader."""
    loader = request.param == "loader"
    if loader:
        require_loader(neo4j_driver, neo4j_endpoint)
    p = Neo4jProjection(neo4j_driver, batch_size=7, server_loader=loader)
    p.clear()
    p.ensure_schema()
    yield p
    p.clear()


@pytest.fixture
def cypher_projection(neo4j_driver: Any) -> Iterator[Neo4jProjection]:
    """An empty projection that writes through Cypher only, in batches of 7 rows."""
    p = Neo4jProjection(neo4j_driver, batch_size=7, server_loader=False)
    p.clear()
    p.ensure_schema()
    yield p
    p.clear()

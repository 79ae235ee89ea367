"""Fixtures shared by the integration tests (the Neo4j endpoint and driver come from
tests/conftest.py), and the session's Apache Jena Fuseki for the record on a SPARQL server.
Under `CI=true` a Fuseki that cannot be started fails the run, as Neo4j does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest

from kg import fuseki_server, neo4j_server
from kg.settings import Settings
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.sparql_http import endpoints_for
from kg.stores.sparql_record_store import SparqlRecordStore
from tests.conftest import Neo4jEndpoint, in_ci


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


# --- Apache Jena Fuseki: the record on a SPARQL server (KG_RECORD_URL) ------------------------


def fuseki_unavailable(reason: str) -> NoReturn:
    """No Fuseki: a failure under CI (a skipped suite would look green), a skip elsewhere."""
    if in_ci():
        pytest.fail(f"CI=true and no Fuseki: {reason}", pytrace=False)
    pytest.skip(f"no Fuseki: {reason}")


@pytest.fixture(scope="session")
def fuseki_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dataset URL of one Fuseki for the session: FUSEKI_URL (a server you run, whose
    default graph is the union of its named graphs), else the project's launcher (fetched
    with Maven if needed) on a free port with a TDB2 database in a temporary folder."""
    given = os.environ.get("FUSEKI_URL")
    if given:
        yield given.rstrip("/")
        return
    settings = Settings(
        fuseki_home=tmp_path_factory.mktemp("fuseki"), fuseki_port=neo4j_server.free_port()
    )
    try:
        state = fuseki_server.start(settings)  # C2: the queries, not the start, take the time
    except Exception as exc:  # FusekiError, no Java or Maven: all mean "no Fuseki here"
        fuseki_server.stop(settings)
        fuseki_unavailable(f"{type(exc).__name__}: {exc}")
    try:
        yield state.dataset_url
    finally:
        fuseki_server.stop(settings)


def clear_record(dataset_url: str) -> None:
    """Empty the Fuseki dataset (every graph, in one update)."""
    answer = httpx.post(
        f"{dataset_url}/update",
        content=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
        timeout=60,
    )
    answer.raise_for_status()


def open_record(dataset_url: str, folder: Path | None) -> SparqlRecordStore:
    """A store on the (emptied) Fuseki dataset, with its caches in `folder` (memory: None)."""
    clear_record(dataset_url)
    return SparqlRecordStore(endpoints_for(dataset_url), folder)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the Fuseki fixtures is marked `fuseki` (`-m "not fuseki"`)."""
    for item in items:
        if "fuseki_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.fuseki)

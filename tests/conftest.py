"""Session-wide fixtures: one real Neo4j 5.26 for every test marked `neo4j`.

Where it comes from, first match wins:
1. `NEO4J_URI` (+ `NEO4J_USER`, `NEO4J_PASSWORD`): a server someone already runs;
2. testcontainers' `neo4j:5.26-community`, when a Docker engine answers;
3. the embedded launcher (neo4j-launcher/, built with Maven on first use) on free ports with a
   temporary data folder, stopped at the end of the session.
Under `CI=true` a Neo4j that cannot be had fails the run; elsewhere those tests are skipped.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlparse

import pytest

from kg import neo4j_server
from kg.settings import Settings

NEO4J_IMAGE = "neo4j:5.26-community"
TEST_PASSWORD = "geokg-test-pw"


@dataclass(frozen=True)
class Neo4jEndpoint:
    """How the tests reach Neo4j, and which of the three ways provided it."""

    uri: str
    user: str
    password: str
    source: str


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repository
DEVSET = SHARED / "devset"


def require_devset() -> Path:
    """The shared development set beside the repository; a skip naming where it was looked
    for when it is not there (a clone elsewhere, say in /tmp, has no ../shared: the held-out
    sets under tests/fixtures still guard the extractor there)."""
    if not DEVSET.is_dir():
        pytest.skip(f"the shared development set is not at {DEVSET}")
    return DEVSET


def unavailable(reason: str) -> NoReturn:
    """No Neo4j: a failure under CI (a skipped suite would look green), a skip elsewhere."""
    if in_ci():
        pytest.fail(f"CI=true and no Neo4j 5.26: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j 5.26: {reason}")


def docker_answers(timeout: float = 1.0) -> bool:
    """Cheap check that a Docker engine is there: `GET /_ping` on its socket answers OK."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    url = urlparse(host)
    try:
        if url.scheme == "unix":
            if not Path(url.path).exists():
                return False
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(url.path)
        elif url.scheme == "tcp" and url.hostname:
            sock = socket.create_connection((url.hostname, url.port or 2375), timeout=timeout)
        else:
            return False
        with sock:
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return b"OK" in sock.recv(1024)
    except OSError:
        return False


def _from_testcontainers(stack: ExitStack) -> Neo4jEndpoint:
    try:  # testcontainers 4.15 moved the module; older releases only have the first path
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:
        from testcontainers.neo4j import Neo4jContainer
    container = stack.enter_context(Neo4jContainer(NEO4J_IMAGE, password=TEST_PASSWORD))
    return Neo4jEndpoint(container.get_connection_url(), "neo4j", TEST_PASSWORD, "testcontainers")


def launcher_settings(home: Path) -> Settings:
    """Settings for a private launcher: free ports, a temporary data folder, a test password."""
    return Settings(
        neo4j_home=home,
        neo4j_bolt_port=neo4j_server.free_port(),
        neo4j_http_port=neo4j_server.free_port(),
        neo4j_password=TEST_PASSWORD,
    )


def _from_launcher(stack: ExitStack, home: Path) -> Neo4jEndpoint:
    settings = launcher_settings(home)
    stack.callback(neo4j_server.stop, settings)  # registered first: stops a half-started one too
    state = neo4j_server.start(settings, java_opts=neo4j_server.FAST_START_JVM_FLAGS)
    return Neo4jEndpoint(state.bolt_uri, "neo4j", TEST_PASSWORD, "launcher")


def _open_endpoint(stack: ExitStack, tmp: pytest.TempPathFactory) -> Neo4jEndpoint:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        user = os.environ.get("NEO4J_USER", "neo4j")
        return Neo4jEndpoint(uri, user, os.environ.get("NEO4J_PASSWORD", ""), "NEO4J_URI")
    if docker_answers():
        return _from_testcontainers(stack)
    return _from_launcher(stack, tmp.mktemp("neo4j-launcher"))


@pytest.fixture(scope="session")
def neo4j_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jEndpoint]:
    """The session's Neo4j 5.26 (see the module docstring for where it comes from)."""
    with ExitStack() as stack:
        try:
            endpoint = _open_endpoint(stack, tmp_path_factory)
        except Exception as exc:  # LauncherError, Docker errors: all mean "no Neo4j here"
            unavailable(f"{type(exc).__name__}: {exc}")
        yield endpoint


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_endpoint: Neo4jEndpoint) -> Iterator[Any]:
    """A `neo4j.Driver` connected to the session's Neo4j; closed at the end of the session."""
    from kg.stores.neo4j_connection import connect

    try:
        driver = connect(neo4j_endpoint.uri, neo4j_endpoint.user, neo4j_endpoint.password)
    except Exception as exc:  # the driver's own errors name the cause
        unavailable(f"cannot connect to {neo4j_endpoint.uri} ({neo4j_endpoint.source}): {exc}")
    try:
        yield driver
    finally:
        driver.close()


def clean_database(driver: Any) -> None:
    """Delete every node and relationship, then drop every constraint and (non-lookup) index."""
    with driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        for record in list(session.run("SHOW CONSTRAINTS YIELD name")):
            session.run(f"DROP CONSTRAINT `{record['name']}` IF EXISTS").consume()
        indexes = session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
        for record in list(indexes):
            session.run(f"DROP INDEX `{record['name']}` IF EXISTS").consume()


@pytest.fixture(scope="module")
def neo4j_clean(neo4j_driver: Any) -> Any:
    """The session driver, on a database emptied for this test module (data, constraints, indexes)."""
    clean_database(neo4j_driver)
    return neo4j_driver


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses a Neo4j fixture is marked `neo4j`, so `-m "not neo4j"` skips them."""
    for item in items:
        if {"neo4j_driver", "neo4j_clean", "neo4j_endpoint"} & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.neo4j)

"""KG_NEO4J_DATABASE reaches every Neo4j session geokg opens (the projection, the queries,
the timeline cache, read-only Cypher), and reads ask for READ access, so that a cluster
routes them to its read replicas (docs/neo4j.md, "Clusters and Aura")."""

from __future__ import annotations

import contextlib
from types import TracebackType
from typing import Any

from kg import wiring
from kg.queries.cached_queries import CachedQueries
from kg.settings import Settings
from kg.stores.neo4j_readonly import run_read_only
from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache


class FakeResult(list[Any]):
    def keys(self) -> list[str]:
        return []

    def consume(self) -> None:
        return None

    def data(self) -> list[Any]:
        return []


class FakeSession:
    def __init__(self, calls: list[dict[str, Any]], config: dict[str, Any]) -> None:
        calls.append(config)

    def run(self, *args: Any, **kwargs: Any) -> FakeResult:
        return FakeResult()

    def execute_read(self, work: Any) -> Any:
        return work(self)  # the session stands in for its transaction

    execute_write = execute_read

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


class FakeDriver:
    """Records the configuration of each session opened; every query answers no rows."""

    execute_query_bookmark_manager = object()

    def __init__(self) -> None:
        self.sessions: list[dict[str, Any]] = []

    def session(self, **config: Any) -> FakeSession:
        return FakeSession(self.sessions, config)

    def execute_query(self, *args: Any, **kwargs: Any) -> tuple[list[Any], None, None]:
        self.sessions.append({"database": kwargs.get("database_"), "execute_query": True})
        return [], None, None


SETTINGS = Settings(neo4j_uri="neo4j://cluster.example:7687", neo4j_database="geokg")


def test_the_queries_read_the_named_database_with_read_access() -> None:
    driver = FakeDriver()
    queries = wiring.neo4j_queries(SETTINGS, driver)  # type: ignore[arg-type]
    queries.states()
    assert isinstance(queries, CachedQueries) and isinstance(queries.cache, Neo4jTimelineCache)
    assert queries.cache.database == "geokg"
    assert driver.sessions and all(s["database"] == "geokg" for s in driver.sessions)
    reads = [s for s in driver.sessions if not s.get("execute_query")]
    assert reads[0]["default_access_mode"] == "READ"


def test_the_projection_and_the_ingest_use_case_write_to_the_named_database() -> None:
    driver = FakeDriver()
    with_database = wiring.projection(driver, SETTINGS.neo4j_database)  # type: ignore[arg-type]
    assert with_database.database == "geokg" and with_database.timelines.database == "geokg"
    with_database.graph_hashes()
    assert driver.sessions[-1]["database"] == "geokg"
    assert wiring.projection(driver).database is None  # unset: the server's default


def test_read_only_cypher_runs_in_a_read_session_of_the_named_database() -> None:
    driver = FakeDriver()
    with contextlib.suppress(Exception):  # the fake has no plan to judge; opened first
        run_read_only(driver, "RETURN 1", database="geokg")  # type: ignore[arg-type]
    assert driver.sessions[0] == {"database": "geokg", "default_access_mode": "READ"}


def test_unset_the_database_is_left_to_the_server() -> None:
    driver = FakeDriver()
    wiring.neo4j_queries(Settings(), driver).states()  # type: ignore[arg-type]
    assert {s["database"] for s in driver.sessions} == {None}

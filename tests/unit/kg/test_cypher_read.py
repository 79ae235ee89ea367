"""How CypherQueries sends a query: one auto-commit query in a fresh READ session per call,
retried once when the driver calls the error retryable, as a managed transaction would be.
The driver here is a recording stand-in (a lost connection cannot be caused on demand);
tests/integration/test_query_contract.py runs every query on a real Neo4j."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j.exceptions import ClientError, SessionExpired

from kg.queries.cypher_queries import CypherQueries


class _Record:
    def data(self) -> dict[str, Any]:
        return {"one": 1}


class _Driver:
    """Opens sessions that fail with the next of `failures` (then answer one record)."""

    execute_query_bookmark_manager = object()

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.sessions: list[dict[str, Any]] = []

    def session(self, **config: Any) -> _Driver:
        self.sessions.append(config)
        return self

    def __enter__(self) -> _Driver:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, cypher: str, params: dict[str, Any]) -> list[_Record]:
        if self.failures:
            raise self.failures.pop(0)
        return [_Record()]


def test_a_query_is_one_read_session_with_the_shared_bookmarks() -> None:
    driver = _Driver()
    assert CypherQueries(driver, database="geo")._read("RETURN 1 AS one") == [{"one": 1}]
    assert driver.sessions == [
        {
            "database": "geo",
            "default_access_mode": "READ",
            "bookmark_manager": _Driver.execute_query_bookmark_manager,
        }
    ]


def test_a_retryable_error_is_retried_once_in_a_new_session() -> None:
    driver = _Driver(SessionExpired("leader changed"))
    assert CypherQueries(driver)._read("RETURN 1 AS one") == [{"one": 1}]
    assert len(driver.sessions) == 2


def test_a_second_retryable_error_is_raised() -> None:
    driver = _Driver(SessionExpired("gone"), SessionExpired("still gone"))
    with pytest.raises(SessionExpired, match="still gone"):
        CypherQueries(driver)._read("RETURN 1 AS one")


def test_an_error_in_the_query_is_not_retried() -> None:
    driver = _Driver(ClientError("Invalid input"))
    with pytest.raises(ClientError):
        CypherQueries(driver)._read("RETURN")
    assert len(driver.sessions) == 1

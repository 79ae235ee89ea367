"""Run a user's Cypher on Neo4j read-only: an auto-commit transaction in READ access mode, so
Neo4j itself refuses any write; with a timeout and a row limit. Results come back as plain
JSON-ready values (nodes, relationships and paths as dicts), so callers never see the driver.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, Query, Result
from neo4j import exceptions as neo
from neo4j.graph import Node, Path, Relationship

from kg.stores.cypher_guard import judge


@dataclass(frozen=True)
class CypherRows:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


class CypherError(Exception):
    """A refused or failed query: `status` is the HTTP status that fits, the message is
    Neo4j's own (with its code)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title


def _entity(value: Node | Relationship) -> dict[str, Any]:
    if isinstance(value, Node):
        return {"id": value.element_id, "labels": sorted(value.labels)}
    return {
        "id": value.element_id,
        "type": value.type,
        "start": value.start_node.element_id if value.start_node else None,
        "end": value.end_node.element_id if value.end_node else None,
    }


def plain(value: Any) -> Any:
    """A driver value as JSON: nodes {id, labels, properties}, relationships {id, type, start,
    end, properties}, paths {nodes, relationships}, temporal values as ISO strings."""
    if isinstance(value, Node | Relationship):
        return {**_entity(value), "properties": plain(dict(value))}
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return str(value)  # points, durations and anything newer


def _error(exc: Exception) -> CypherError:
    code = getattr(exc, "code", None) or type(exc).__name__
    message = f"{getattr(exc, 'message', None) or exc} ({code})"
    if isinstance(exc, neo.Forbidden | neo.ForbiddenOnReadOnlyDatabase) or (
        "AccessMode" in code or "Forbidden" in code
    ):
        return CypherError(403, "Write refused", message)
    if "TransactionTimedOut" in code or "Terminated" in code:
        return CypherError(504, "Query timeout", message)
    if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
        return CypherError(503, "Query over the memory limit", message)
    if isinstance(exc, neo.ClientError):
        return CypherError(400, "Invalid query", message)
    if isinstance(exc, neo.ServiceUnavailable | neo.SessionExpired | neo.TransientError):
        return CypherError(503, "Neo4j unavailable", message)
    return CypherError(502, "Neo4j error", message)


def _check(session: Any, query: str, parameters: dict[str, Any]) -> None:
    """Plan the query without running it (EXPLAIN) and refuse it unless the plan is one a
    reader may run: LOAD CSV, dbms.* procedures, SHOW/TERMINATE and writes never start."""
    summary = session.run(Query("EXPLAIN " + query), parameters).consume()
    refusal = judge(summary.query_type, summary.plan)
    if refusal:
        raise CypherError(refusal.status, "Query refused", f"{refusal.message}.")


def run_read_only(
    driver: Driver,
    query: str,
    parameters: Mapping[str, Any] | None = None,
    timeout: float = 10.0,
    limit: int = 10_000,
    database: str | None = None,
) -> CypherRows:
    """Run `query` in a READ transaction with `timeout` seconds, once its plan passed
    `cypher_guard.judge`; at most `limit` rows (the rest is discarded and `truncated` is set).
    Raises CypherError."""
    params = dict(parameters or {})
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            _check(session, query, params)
            return _rows(session.run(Query(query, timeout=timeout), params), limit)
    except (neo.Neo4jError, neo.DriverError) as exc:
        raise _error(exc) from None
    except (ValueError, TypeError, OverflowError, UnicodeError) as exc:
        # the driver cannot send a parameter: an integer beyond 64 bits, a lone surrogate
        raise CypherError(400, "Invalid parameters", f"cannot send the parameters: {exc}") from None


def _rows(result: Result, limit: int) -> CypherRows:
    """At most `limit` rows of `result` as plain values (the rest is discarded, and said)."""
    columns = list(result.keys())
    rows: list[dict[str, Any]] = []
    truncated = False
    for record in result:
        if len(rows) == limit:
            truncated = True
            break
        rows.append({k: plain(v) for k, v in record.items()})
    result.consume()
    return CypherRows(columns, rows, truncated)

"""Read-only Cypher on the Neo4j projection (503 when Neo4j is not configured)."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter

from api.deps import Neo4jDep, ReadKeyDep, SettingsDep
from api.errors import ApiError
from api.openapi import problems
from api.schemas import CypherQuery, CypherResultPublic
from kg.stores.neo4j_readonly import CypherError, run_read_only

router = APIRouter(tags=["cypher"], dependencies=[ReadKeyDep])
RESPONSES: dict[int | str, dict[str, Any]] = problems(400, 401, 403, 502, 503, 504)


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query with parameters",
    description="The query is planned first (EXPLAIN) and refused (403) unless it only reads: "
    "no writes, no LOAD CSV, no SHOW/TERMINATE or administration commands, and only the "
    "schema and full-text procedures of db.*; it then runs in a READ transaction. With "
    "KG_READ_API_KEY set, the X-API-Key header must carry it (or KG_API_KEY). A timeout (KG_CYPHER_TIMEOUT) and a row limit (KG_CYPHER_LIMIT) "
    "apply; `truncated` says when rows were cut. Nodes and relationships are returned as "
    "dicts with `labels`/`type` and `properties`.",
    responses=RESPONSES,
)
async def cypher(body: CypherQuery, driver: Neo4jDep, settings: SettingsDep) -> CypherResultPublic:
    try:
        found = await anyio.to_thread.run_sync(
            lambda: run_read_only(
                driver,
                body.query,
                body.parameters,
                timeout=settings.cypher_timeout,
                limit=settings.cypher_limit,
                database=settings.neo4j_database,
            )
        )
    except CypherError as exc:
        raise ApiError(exc.status, str(exc), exc.title) from None
    return CypherResultPublic(
        columns=found.columns,
        rows=found.rows,
        truncated=found.truncated,
        limit=settings.cypher_limit,
    )

"""Read-only Cypher on the Neo4j projection (503 when Neo4j is not configured)."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter

from api.deps import Neo4jDep, SettingsDep
from api.errors import ApiError
from api.openapi import problems
from api.schemas import CypherQuery, CypherResultPublic
from kg.stores.neo4j_readonly import CypherError, run_read_only

router = APIRouter(tags=["cypher"])
RESPONSES: dict[int | str, dict[str, Any]] = problems(400, 403, 502, 503, 504)


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query with parameters",
    description="The query runs in a READ transaction, so Neo4j itself refuses writes (403 "
    "with Neo4j's message). A timeout (KG_CYPHER_TIMEOUT) and a row limit (KG_CYPHER_LIMIT) "
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

"""The application factory: settings in, a FastAPI app out; nothing happens at import."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from api.errors import install_error_handlers
from api.openapi import install_openapi
from api.routers import (
    articles,
    cypher,
    linked_data,
    lookup,
    neighbourhood,
    preview,
    relations,
    search,
    sparql,
    states,
    ui,
)
from api.schemas import HealthPublic
from kg import __version__, wiring
from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore
from kg.stores.worker_queries import workers_for

Backend = tuple[RecordStore, GraphQueries]
BackendFactory = Callable[[Settings], Backend]
log = logging.getLogger("geokg.api")

DESCRIPTION = """A knowledge graph of states, leaders, alliances and dated events read from
the news, with the source sentence behind every fact.

* Dates are accepted at any precision (`2024`, `2024-10`, `2024-10-06`).
* Every list is paginated (`limit`, `offset`; `next_offset` is null on the last page).
* Errors are `application/problem+json` (RFC 9457) with a one-sentence `detail`.
* `/sparql` speaks the SPARQL 1.1 Protocol (read-only); `/cypher` runs read-only Cypher when
  Neo4j is configured; `/id/...` dereferences every IRI the graph mints.
* `POST /articles` needs the `X-API-Key` header (the server's `KG_API_KEY`)."""

TAGS = [
    {"name": "states", "description": "States, their leaders, alliances and allies at a date"},
    {"name": "relations", "description": "What happened between two states, with sources"},
    {"name": "articles", "description": "Ingest news articles and read back their facts"},
    {"name": "sparql", "description": "SPARQL 1.1 Protocol, read-only"},
    {"name": "cypher", "description": "Read-only Cypher on the Neo4j projection"},
    {"name": "linked data", "description": "Every minted IRI as HTML, Turtle or JSON-LD"},
    {"name": "meta", "description": "Health and the web UI"},
]


def _driver(settings: Settings) -> Any:
    """The Neo4j driver when Neo4j is configured and reachable, else None (logged)."""
    if not settings.neo4j_uri:
        return None
    try:
        return wiring.neo4j_driver(settings)
    except wiring.Neo4jUnavailable as exc:  # /cypher says 503; the queries use SPARQL
        log.warning("%s", exc)
        return None


def open_backend(settings: Settings, read_only: bool = False) -> tuple[Backend, Any]:
    """The store of record always (read-only when asked), the Neo4j driver when Neo4j is
    configured and reachable (else None), and the queries: Cypher on that driver, else
    SPARQL over the store (kg.wiring makes the choice)."""
    store = wiring.open_read_only_store(settings) if read_only else wiring.open_store(settings)
    driver = _driver(settings)
    queries, _ = wiring.serving_queries(settings, store, driver)
    return (store, queries), driver


def _close(*resources: Any) -> None:
    for resource in resources:
        close = getattr(resource, "close", None)
        if callable(close):
            close()


def _lifespan(settings: Settings, backend_factory: BackendFactory | None, read_only: bool) -> Any:
    """Open the store, the query backend, the Neo4j driver and the ingest use case on
    start-up; close them on stop."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if backend_factory is not None:
            (store, queries), driver = backend_factory(settings), _driver(settings)
        else:
            (store, queries), driver = open_backend(settings, read_only)
        app.state.store, app.state.queries, app.state.neo4j = store, queries, driver
        app.state.backend = wiring.backend_name(queries)
        projection = wiring.projection(driver, settings.neo4j_database) if driver else None
        app.state.ingest = wiring.ingest_service(settings, store, projection)
        app.state.sparql_workers = workers_for(
            store, settings.sparql_workers, settings.sparql_memory_mb
        )
        try:
            yield
        finally:
            _close(app.state.sparql_workers, queries, driver, store)

    return lifespan


def health(request: Request) -> HealthPublic:
    state = request.app.state
    problems = []
    if state.settings.neo4j_uri and state.neo4j is None:
        problems.append(
            f"Neo4j at {state.settings.neo4j_uri} could not be reached at start-up: queries "
            "answer from the record (SPARQL), /cypher answers 503, posts are not projected"
        )
    if state.write_failure:  # reads still answer; the next write that succeeds clears it
        problems.append(f"the last write failed: {state.write_failure}")
    return HealthPublic(
        status="degraded" if problems else "ok",
        problems=problems,
        backend=state.backend,
        version=__version__,
        read_only=state.read_only,
        base_iri=state.settings.base_iri,
    )


def create_app(
    settings: Settings, backend_factory: BackendFactory | None = None, read_only: bool = False
) -> FastAPI:
    """Build the app; the store, the query backend and the Neo4j driver are opened on
    start-up, not here. `read_only` opens the store without its lock (several workers may
    share it) and makes POST /articles answer 503."""
    app = FastAPI(
        title="geokg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=_lifespan(settings, backend_factory, read_only),
        openapi_tags=TAGS,
    )
    app.state.settings = settings
    app.state.read_only = read_only
    app.state.store = app.state.queries = app.state.neo4j = app.state.state_index = None
    app.state.ingest = app.state.write_failure = app.state.sparql_workers = None
    app.state.write_slots = threading.BoundedSemaphore(settings.write_queue)
    app.state.backend = "sparql"
    install_error_handlers(app)
    install_openapi(app)
    app.get("/health", tags=["meta"], summary="Liveness and the backend in use")(health)
    routers = (states, lookup, search, relations, neighbourhood, preview, articles, sparql, cypher)
    for module in (*routers, linked_data, ui):
        app.include_router(module.router)
    return app

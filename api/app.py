"""The application factory: settings in, a FastAPI app out; nothing happens at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from api.errors import install_error_handlers
from api.openapi import install_openapi
from api.routers import articles, cypher, linked_data, lookup, relations, sparql, states, ui
from api.schemas import HealthPublic
from kg import __version__
from kg.queries.base import GraphQueries
from kg.queries.sparql_queries import SparqlQueries
from kg.settings import Settings
from kg.stores.base import RecordStore

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


def open_backend(settings: Settings, read_only: bool = False) -> Backend:
    """The store of record always (read-only when asked); the queries on Neo4j when it is
    configured and available, else SPARQL over the store."""
    from kg.backends import BackendError, open_queries, open_store

    if read_only:
        from kg.stores.oxigraph_readonly import ReadOnlyOxigraphStore

        store: RecordStore = ReadOnlyOxigraphStore(settings.store_path)
    else:
        store = open_store(settings)
    if settings.neo4j_uri:
        try:
            return store, open_queries(settings, "neo4j")
        except BackendError as exc:
            log.warning("Neo4j queries unavailable (%s); answering with SPARQL", exc)
    return store, SparqlQueries(store)


def _open_neo4j(settings: Settings) -> Any:
    """A Neo4j driver for /cypher and for projecting posted articles, or None."""
    if not settings.neo4j_uri:
        return None
    try:
        from kg.stores.neo4j_connection import connect

        return connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    except Exception as exc:  # the driver's errors name the cause; /cypher says 503
        log.warning("cannot reach Neo4j at %s: %s", settings.neo4j_uri, exc)
        return None


def _close(*resources: Any) -> None:
    for resource in resources:
        close = getattr(resource, "close", None)
        if callable(close):
            close()


def _lifespan(settings: Settings, backend_factory: BackendFactory | None, read_only: bool) -> Any:
    """Open the store, the query backend and the Neo4j driver on start-up; close on stop."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if backend_factory is not None:
            app.state.store, app.state.queries = backend_factory(settings)
        else:
            app.state.store, app.state.queries = open_backend(settings, read_only)
        app.state.neo4j = _open_neo4j(settings)
        sparql_backend = isinstance(app.state.queries, SparqlQueries)
        app.state.backend = "sparql" if sparql_backend else "neo4j"
        try:
            yield
        finally:
            _close(app.state.neo4j, app.state.queries, app.state.store)

    return lifespan


def health(request: Request) -> HealthPublic:
    state = request.app.state
    return HealthPublic(
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
    app.state.projection = None
    app.state.backend = "sparql"
    install_error_handlers(app)
    install_openapi(app)
    app.get("/health", tags=["meta"], summary="Liveness and the backend in use")(health)
    for module in (states, lookup, relations, articles, sparql, cypher, linked_data, ui):
        app.include_router(module.router)
    return app

"""The application factory: settings in, a FastAPI app out; nothing happens at import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routers import relations, sparql, states
from api.schemas import HealthPublic
from kg import __version__
from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore

Backend = tuple[RecordStore, GraphQueries]
BackendFactory = Callable[[Settings], Backend]

DESCRIPTION = """A knowledge graph of states, leaders, alliances and dated events read from
the news, with the source sentence behind every fact. Dates are accepted at any precision
(`2024`, `2024-10`, `2024-10-06`); errors are `application/problem+json` (RFC 9457)."""


def _default_factory(settings: Settings) -> Backend:
    """The store of record always; the queries on Neo4j when configured, else on the store."""
    from kg.backends import open_queries, open_store
    from kg.queries.sparql_queries import SparqlQueries

    store = open_store(settings)
    if settings.neo4j_uri:
        return store, open_queries(settings, "neo4j")
    return store, SparqlQueries(store)


def create_app(settings: Settings, backend_factory: BackendFactory | None = None) -> FastAPI:
    """Build the app; the store and the query backend are opened on start-up, not here."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store, app.state.queries = (backend_factory or _default_factory)(settings)
        try:
            yield
        finally:
            for resource in (app.state.queries, app.state.store):
                close = getattr(resource, "close", None)
                if callable(close):
                    close()

    app = FastAPI(title="geokg", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = None
    app.state.queries = None
    install_error_handlers(app)

    @app.get("/health", tags=["meta"], summary="Liveness and the backend in use")
    def health() -> HealthPublic:
        return HealthPublic(
            backend="neo4j" if settings.neo4j_uri else "sparql", version=__version__
        )

    app.include_router(states.router)
    app.include_router(relations.router)
    app.include_router(sparql.router)
    return app

"""The application factory: settings in, a FastAPI app out; nothing happens at import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routers import relations, states
from api.schemas import HealthPublic
from kg import __version__
from kg.queries.base import GraphQueries
from kg.settings import Settings

QueriesFactory = Callable[[Settings], GraphQueries]

DESCRIPTION = """A knowledge graph of states, leaders, alliances and dated events read from
the news, with the source sentence behind every fact. Dates are accepted at any precision
(`2024`, `2024-10`, `2024-10-06`); errors are `application/problem+json` (RFC 9457)."""


def _default_factory(settings: Settings) -> GraphQueries:
    from kg.backends import open_queries

    return open_queries(settings, "neo4j" if settings.neo4j_uri else "sparql")


def create_app(
    settings: Settings,
    queries: GraphQueries | None = None,
    queries_factory: QueriesFactory | None = None,
) -> FastAPI:
    """Build the app; the backend is opened on start-up (or passed in, for tests)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.queries is None:
            app.state.queries = (queries_factory or _default_factory)(settings)
        yield
        close = getattr(app.state.queries, "close", None)
        if callable(close):
            close()

    app = FastAPI(title="geokg", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.queries = queries
    install_error_handlers(app)

    @app.get("/health", tags=["meta"], summary="Liveness and the backend in use")
    def health() -> HealthPublic:
        return HealthPublic(
            backend="neo4j" if settings.neo4j_uri else "sparql", version=__version__
        )

    app.include_router(states.router)
    app.include_router(relations.router)
    return app

"""Open the store of record and the query backend named by the user or the settings, so the
CLI and the API choose a backend in one place."""

from __future__ import annotations

from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore

BACKENDS = ("sparql", "neo4j")


class BackendError(Exception):
    """A backend that is unknown or cannot be used here; the message is one sentence."""


def open_store(settings: Settings) -> RecordStore:
    """The embedded Oxigraph store at settings.store_path (StoreLockedError when another
    process holds it), keeping pair timelines unless settings.timeline_cache is off."""
    from kg.stores.oxigraph_store import OxigraphStore

    return OxigraphStore(settings.store_path, timeline_cache=settings.timeline_cache)


def open_queries(settings: Settings, backend: str = "sparql") -> GraphQueries:
    """The domain queries on `backend`; the caller closes them (closing the store too)."""
    if backend == "sparql":
        from kg.queries.sparql_queries import SparqlQueries

        return SparqlQueries(open_store(settings), owns_store=True)
    if backend == "neo4j":
        return _neo4j_queries(settings)
    raise BackendError(f"Unknown backend {backend!r}; use one of {', '.join(BACKENDS)}.")


def _neo4j_queries(settings: Settings) -> GraphQueries:
    """CypherQueries on a driver of their own (closed with them); BackendError when Neo4j is
    not configured or cannot be reached."""
    if not settings.neo4j_uri:
        raise BackendError("The neo4j backend needs KG_NEO4J_URI; set it or use --backend sparql.")
    from kg.queries.cypher_queries import CypherQueries
    from kg.stores.neo4j_connection import connect

    try:
        driver = connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    except Exception as exc:  # the driver's own errors name the cause
        raise BackendError(f"Cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from None
    return CypherQueries(driver, owns_driver=True)

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
    process holds it)."""
    from kg.stores.oxigraph_store import OxigraphStore

    return OxigraphStore(settings.store_path)


def open_queries(settings: Settings, backend: str = "sparql") -> GraphQueries:
    """The domain queries on `backend`; the caller closes them (closing the store too)."""
    if backend == "sparql":
        from kg.queries.sparql_queries import SparqlQueries

        return SparqlQueries(open_store(settings), owns_store=True)
    if backend == "neo4j":
        raise BackendError("The neo4j query backend is not available yet; use --backend sparql.")
    raise BackendError(f"Unknown backend {backend!r}; use one of {', '.join(BACKENDS)}.")

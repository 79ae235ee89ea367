"""Open the store of record and the query backend named by the user or the settings, so the
CLI and the API choose a backend in one place."""

from __future__ import annotations

from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore, StoreLockedError
from kg.stores.server_note import running_server

BACKENDS = ("sparql", "neo4j")


class BackendError(Exception):
    """A backend that is unknown or cannot be used here; the message is one sentence."""


def open_store(settings: Settings) -> RecordStore:
    """The embedded Oxigraph store at settings.store_path (StoreLockedError when another
    process holds it), keeping pair timelines unless settings.timeline_cache is off."""
    from kg.stores.oxigraph_store import OxigraphStore

    try:
        return OxigraphStore(settings.store_path, timeline_cache=settings.timeline_cache)
    except StoreLockedError as exc:
        note = running_server(settings.store_path)
        if note is None:
            raise
        raise StoreLockedError(
            f"The store at {settings.store_path} is in use by `kg serve` at {note.url} "
            f"(process {note.pid}): stop it to write here; meanwhile the query commands ask "
            f"it, and POST {note.url}/articles (with its KG_API_KEY) ingests through it."
        ) from exc


def open_reader(settings: Settings) -> RecordStore:
    """The store to read: the embedded store, or, while a `kg serve` serves that folder, the
    server's SPARQL endpoint (its process holds the store; reading beside it is unsafe)."""
    note = running_server(settings.store_path)
    if note is None:
        return open_store(settings)
    from kg.stores.sparql_endpoint_store import SparqlEndpointStore

    hint = f"; stop `kg serve` (process {note.pid}) to write to {settings.store_path}"
    # Only a server answering from the record: one on Neo4j would answer another backend.
    timelines = f"{note.url}/timeline" if note.backend == "sparql" else None
    return SparqlEndpointStore(f"{note.url}/sparql", writes_hint=hint, timeline_url=timelines)


def open_queries(settings: Settings, backend: str = "sparql") -> GraphQueries:
    """The domain queries on `backend`; the caller closes them (closing the store too)."""
    if backend == "sparql":
        from kg.queries.sparql_queries import SparqlQueries

        return SparqlQueries(open_reader(settings), owns_store=True)
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
    return CypherQueries(driver, owns_driver=True, timeline_cache=settings.timeline_cache)

"""Settings in, objects out: the one place that turns Settings into the store of record, the
query backend, the Neo4j driver and the projection. The CLI, the API and the benches open
what they use here; a Neo4j that cannot be reached is one error, Neo4jUnavailable, whose
message is one sentence. Nothing connects at import (the Neo4j driver is imported only when
Neo4j is asked for, so the embedded path never loads it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore, StoreLockedError
from kg.stores.server_note import ServerNote, running_server

if TYPE_CHECKING:
    from neo4j import Driver

    from kg.ingest_model import Extractor
    from kg.services.ingest import IngestService
    from kg.stores.neo4j_store import Neo4jProjection
    from kg.stores.retractions import Retractions

BACKENDS = ("sparql", "neo4j")


class BackendError(Exception):
    """A backend that is unknown or cannot be used here; the message is one sentence."""


class Neo4jUnavailable(BackendError):
    """Neo4j is not configured (no KG_NEO4J_URI) or cannot be reached; one sentence."""


def record_folder(settings: Settings) -> Path:
    """The local folder of the record: the embedded store's own, or, for a record server
    (KG_RECORD_URL), the one holding its caches, retraction list and server note."""
    if not settings.record_url:
        return settings.store_path
    from kg.stores.record_folder import default_folder

    return settings.record_cache_path or default_folder(settings.record_url)


def record_name(settings: Settings) -> str:
    """The record as a user names it: the server's dataset URL, or the embedded store's folder."""
    return settings.record_url or str(settings.store_path)


def _record_server(settings: Settings, read_only: bool = False) -> RecordStore:
    """The record on the SPARQL server of KG_RECORD_URL (RecordUnavailable when it does not
    answer); its caches in record_folder, locked unless `read_only`."""
    from kg.stores.sparql_http import endpoints_for
    from kg.stores.sparql_record_store import SparqlRecordStore

    assert settings.record_url
    endpoints = endpoints_for(
        settings.record_url,
        settings.record_query_url,
        settings.record_update_url,
        settings.record_gsp_url,
    )
    auth = (settings.record_user, settings.record_password or "") if settings.record_user else None
    return SparqlRecordStore(
        endpoints,
        None if read_only else record_folder(settings),
        timeline_cache=settings.timeline_cache,
        read_only=read_only,
        timeout=settings.record_timeout,
        auth=auth,
    )


def _embedded_store(settings: Settings) -> RecordStore:
    from kg.stores.oxigraph_store import OxigraphStore

    return OxigraphStore(settings.store_path, timeline_cache=settings.timeline_cache)


def open_store(settings: Settings) -> RecordStore:
    """The store of record: the SPARQL server of KG_RECORD_URL when set, else the embedded
    Oxigraph store at settings.store_path (StoreLockedError when another process holds it),
    keeping pair timelines unless settings.timeline_cache is off."""
    try:
        return _record_server(settings) if settings.record_url else _embedded_store(settings)
    except StoreLockedError as exc:
        note = running_server(record_folder(settings))
        if note is None:
            raise
        raise StoreLockedError(
            f"The store at {record_name(settings)} is in use by `kg serve` at {note.url} "
            f"(process {note.pid}): stop it to write here; meanwhile the query commands ask "
            f"it, and POST {note.url}/articles (with its KG_API_KEY) ingests through it."
        ) from exc


def open_read_only_store(settings: Settings) -> RecordStore:
    """The store opened without its lock (a snapshot several processes may share; a record
    server's store without caches)."""
    if settings.record_url:
        return _record_server(settings, read_only=True)
    from kg.stores.oxigraph_readonly import ReadOnlyOxigraphStore

    return ReadOnlyOxigraphStore(settings.store_path)


def open_reader(settings: Settings) -> RecordStore:
    """The store to read: the store of record, or, while a `kg serve` holds it, the
    server's SPARQL endpoint (its process holds the store; reading beside it is unsafe)."""
    return _reader(settings, running_server(record_folder(settings)))


def _reader(settings: Settings, note: ServerNote | None) -> RecordStore:
    if note is None:
        return open_store(settings)
    from kg.stores.sparql_endpoint_store import SparqlEndpointStore

    hint = f"; stop `kg serve` (process {note.pid}) to write to {record_name(settings)}"
    key = settings.read_api_key or settings.api_key  # the server may ask for either
    return SparqlEndpointStore(f"{note.url}/sparql", writes_hint=hint, api_key=key)


def reader_queries(settings: Settings) -> GraphQueries:
    """SPARQL over open_reader's store (closed with the queries), pair timelines through the
    cache beside it, or, beside a `kg serve` that answers from the record, through the
    server's GET /timeline (kg.stores.server_timelines): its own cache."""
    from kg.queries.cached_queries import CachedQueries, record_queries

    note = running_server(record_folder(settings))
    store = _reader(settings, note)
    if note is None or note.backend != "sparql":  # a server on Neo4j answers another backend
        return record_queries(store, owns_store=True)
    from kg.queries.sparql_queries import SparqlQueries
    from kg.stores.server_timelines import ServerTimelines

    key = settings.read_api_key or settings.api_key
    timelines = ServerTimelines(f"{note.url}/timeline", api_key=key)
    return CachedQueries(SparqlQueries(store, owns_store=True), timelines)


def neo4j_driver(settings: Settings) -> Driver:
    """A driver that has reached the Neo4j of the settings; the caller closes it.
    Neo4jUnavailable when KG_NEO4J_URI is unset or the server cannot be reached."""
    if not settings.neo4j_uri:
        raise Neo4jUnavailable("Neo4j is not configured: set KG_NEO4J_URI (see `kg neo4j start`).")
    from kg.stores.neo4j_connection import connect

    try:
        return connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    except Exception as exc:  # the driver's own errors name the cause
        raise Neo4jUnavailable(f"Cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from None


def neo4j_queries(settings: Settings, driver: Driver | None = None) -> GraphQueries:
    """CypherQueries on `driver` (left open), or on a driver of their own (closed with them),
    pair timelines through those kept in Neo4j unless KG_TIMELINE_CACHE is off."""
    from kg.queries.cached_queries import CachedQueries
    from kg.queries.cypher_queries import CypherQueries
    from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache

    owns = driver is None
    driver = driver or neo4j_driver(settings)
    database = settings.neo4j_database
    cypher = CypherQueries(driver, owns_driver=owns, database=database)
    if not settings.timeline_cache:
        return cypher
    return CachedQueries(cypher, Neo4jTimelineCache(driver, database))


def open_queries(settings: Settings, backend: str = "sparql") -> GraphQueries:
    """The domain queries on `backend`; the caller closes them (closing the store too).
    BackendError (Neo4jUnavailable for Neo4j) when the backend cannot be used."""
    if backend == "sparql":
        return reader_queries(settings)
    if backend == "neo4j":
        if not settings.neo4j_uri:
            raise Neo4jUnavailable(
                "The neo4j backend needs KG_NEO4J_URI; set it or use --backend sparql."
            )
        return neo4j_queries(settings)
    raise BackendError(f"Unknown backend {backend!r}; use one of {', '.join(BACKENDS)}.")


def serving_queries(
    settings: Settings, store: RecordStore, driver: Driver | None
) -> tuple[GraphQueries, str]:
    """What a server answers with, and its name: Cypher when Neo4j is configured and was
    reached (`driver`), else SPARQL over `store`; pair timelines through their caches."""
    from kg.queries.cached_queries import record_queries

    if driver is not None:
        return neo4j_queries(settings, driver), "neo4j"
    return record_queries(store), "sparql"


def backend_name(queries: GraphQueries) -> str:
    """'sparql' for queries that read the record, else 'neo4j' (their cache aside)."""
    from kg.queries.cached_queries import CachedQueries
    from kg.queries.sparql_queries import SparqlQueries

    inner = queries.inner if isinstance(queries, CachedQueries) else queries
    return "sparql" if isinstance(inner, SparqlQueries) else "neo4j"


def server_asked(queries: GraphQueries) -> str | None:
    """The running `kg serve` the queries ask, as its SPARQL endpoint (and its timelines'
    route, when asked); None when they read a store themselves."""
    from kg.queries.cached_queries import CachedQueries
    from kg.queries.sparql_queries import SparqlQueries
    from kg.stores.server_timelines import ServerTimelines
    from kg.stores.sparql_endpoint_store import SparqlEndpointStore

    cache = queries.cache if isinstance(queries, CachedQueries) else None
    inner = queries.inner if isinstance(queries, CachedQueries) else queries
    if not (isinstance(inner, SparqlQueries) and isinstance(inner.store, SparqlEndpointStore)):
        return None
    timelines = f" (timelines: {cache.url})" if isinstance(cache, ServerTimelines) else ""
    return f"{inner.store.url}{timelines}"


def projection(driver: Driver, database: str | None = None) -> Neo4jProjection:
    """The Neo4j projection over an open driver into `database` (KG_NEO4J_DATABASE; None:
    the server's default); it asks the server once for its loader."""
    from kg.stores.neo4j_store import Neo4jProjection

    return Neo4jProjection(driver, database=database)


@contextmanager
def opened_projection(settings: Settings) -> Iterator[Neo4jProjection | None]:
    """A Neo4jProjection when KG_NEO4J_URI is set, else None; its driver is closed after.
    Neo4jUnavailable when Neo4j is configured but cannot be reached."""
    if not settings.neo4j_uri:
        yield None
        return
    driver = neo4j_driver(settings)
    try:
        yield projection(driver, settings.neo4j_database)
    finally:
        driver.close()


def retractions(settings: Settings) -> Retractions:
    """The list of retracted articles kept in the record's folder (record_folder)."""
    from kg.stores.retractions import Retractions

    folder = record_folder(settings)
    folder.mkdir(parents=True, exist_ok=True)
    return Retractions(folder)


def ingest_service(
    settings: Settings, store: RecordStore, neo4j: Neo4jProjection | None = None
) -> IngestService:
    """The ingest use case writing to `store` and, when given, projecting into `neo4j`
    (whose pair timelines it reads again after a sync, unless KG_TIMELINE_CACHE is off)."""
    from kg.services.ingest import IngestService, Targets

    cached = None
    if neo4j is not None and settings.timeline_cache:
        from kg.queries.cached_queries import CachedQueries
        from kg.queries.cypher_queries import CypherQueries

        cypher = CypherQueries(neo4j.driver, database=neo4j.database)
        cached = CachedQueries(cypher, neo4j.timelines)
    targets = Targets(
        store=store,
        base_iri=settings.base_iri,
        projection=neo4j,
        neo4j_queries=cached,
        retractions=retractions(settings),
        extractor=extractor(settings),
    )
    return IngestService(targets)


def extractor(settings: Settings) -> Extractor | None:
    """The extractor ingest runs: the default one, or one with the optional parser backoff
    (KG_PARSER) or that keeps only facts at or above KG_MIN_CONFIDENCE (a partial of a
    module function, so worker processes can take it)."""
    if settings.min_confidence <= 0 and settings.parser == "none":
        return None
    from loaders.extraction.extractor import extract_configured

    return partial(extract_configured, settings.min_confidence, settings.parser)

"""FastAPI dependencies in one place: settings, the query backend, parsed dates, codes."""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request, Security
from fastapi.security import APIKeyHeader

from api.errors import ApiError
from api.openapi import DATE_SCHEMA
from api.state_codes import StateIndex
from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore
from ontology.dates import DateError, PartialDate, parse_partial

_DATE_TEXT = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


def get_store(request: Request) -> RecordStore:
    store = request.app.state.store
    if store is None:
        raise ApiError(503, "no RDF store is open", "Store unavailable")
    assert isinstance(store, RecordStore)
    return store


def get_queries(request: Request) -> GraphQueries:
    queries = request.app.state.queries
    assert isinstance(queries, GraphQueries)
    return queries


def get_writable_store(request: Request) -> RecordStore:
    """The store, for the routes that write; 503 when this server opened it read-only."""
    if request.app.state.read_only:
        raise ApiError(
            503,
            "this server opened the store read-only (several workers share it); "
            "post articles to a server started with one worker and without --read-only",
            "Store is read-only",
        )
    return get_store(request)


def get_neo4j(request: Request) -> Any:
    """The Neo4j driver; 503 when Neo4j is not configured or could not be reached."""
    settings = get_settings(request)
    if not settings.neo4j_uri:
        raise ApiError(503, "Neo4j is not configured on this server (set KG_NEO4J_URI)", "No Neo4j")
    driver = request.app.state.neo4j
    if driver is None:
        raise ApiError(503, f"Neo4j at {settings.neo4j_uri} could not be reached", "No Neo4j")
    return driver


api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="The server's KG_API_KEY; required to post articles",
)


def require_api_key(
    request: Request, key: Annotated[str | None, Security(api_key_header)] = None
) -> None:
    """401 without a key, 403 with a wrong one (compared in constant time), 503 when the
    server has no key configured (writes are then disabled)."""
    expected = get_settings(request).api_key
    if not expected:
        raise ApiError(
            503,
            "writes are disabled on this server: set KG_API_KEY to accept articles",
            "Writes disabled",
        )
    if not key:
        raise ApiError(
            401,
            "send the API key in the X-API-Key header",
            "API key required",
            headers={"WWW-Authenticate": 'APIKey header="X-API-Key"'},
        )
    if not hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(403, "the API key is not valid", "Invalid API key")


def require_read_key(request: Request) -> None:
    """For the open-ended query routes (/sparql, /cypher): when KG_READ_API_KEY is set, 401
    without a key and 403 with one that is neither it nor KG_API_KEY; open otherwise. The
    header is read here rather than declared as a security scheme: the key is optional, and
    the schema must not tell clients (or schemathesis) that every query needs one."""
    settings = get_settings(request)
    if not settings.read_api_key:
        return
    key = request.headers.get("x-api-key")
    if not key:
        raise ApiError(
            401,
            "this server asks for a key to run queries: send it in the X-API-Key header",
            "API key required",
            headers={"WWW-Authenticate": 'APIKey header="X-API-Key"'},
        )
    given = key.encode("utf-8")
    accepted = [k for k in (settings.read_api_key, settings.api_key) if k]
    if not any(hmac.compare_digest(given, k.encode("utf-8")) for k in accepted):
        raise ApiError(403, "the API key is not valid", "Invalid API key")


RETRY_AFTER_SECONDS = 2


def write_slot(request: Request) -> Iterator[None]:
    """A place among the writes this server holds (KG_WRITE_QUEUE); 429 with Retry-After
    when they are all taken, before the body is read. Writes run one at a time, so without
    a bound, waiting writes would hold the worker threads reads need."""
    slots = request.app.state.write_slots
    if not slots.acquire(blocking=False):
        raise ApiError(
            429,
            "this server is busy with other writes; send the article again in a moment",
            "Too many writes",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    try:
        yield
    finally:
        slots.release()


SettingsDep = Annotated[Settings, Depends(get_settings)]
QueriesDep = Annotated[GraphQueries, Depends(get_queries)]
StoreDep = Annotated[RecordStore, Depends(get_store)]
WritableStoreDep = Annotated[RecordStore, Depends(get_writable_store)]
Neo4jDep = Annotated[Any, Depends(get_neo4j)]
ApiKeyDep = Depends(require_api_key)
ReadKeyDep = Depends(require_read_key)
WriteSlotDep = Depends(write_slot)


def parse_date_param(value: str | None, name: str) -> PartialDate | None:
    """A query date at any precision ('2024', '2024-10', '2024-10-06'), or a 400."""
    if value is None:
        return None
    if not _DATE_TEXT.fullmatch(value):
        raise ApiError(
            400,
            f"{name}: {value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
            "Invalid date",
        )
    try:
        return parse_partial(value)
    except (DateError, ValueError) as exc:  # ValueError: a day or year the calendar lacks
        raise ApiError(400, f"{name}: {exc}", "Invalid date") from None


def get_state_index(request: Request) -> StateIndex:
    """Every state, read once per process: states come from the reference data, which no
    one can reload while this server holds the store (read-write) or serves a snapshot of it
    (read-only)."""
    index = request.app.state.state_index
    if index is None:
        queries = get_queries(request)
        index = StateIndex(queries.states(), queries)
        request.app.state.state_index = index
    assert isinstance(index, StateIndex)
    return index


StatesDep = Annotated[StateIndex, Depends(get_state_index)]


DATE_HELP = "A date at any precision: 2024, 2024-10 or 2024-10-06"
DateQuery = Annotated[
    str | None,
    Query(description=DATE_HELP, examples=["2024-10-06"], json_schema_extra=DATE_SCHEMA),
]
FromQuery = Annotated[
    str | None,
    Query(
        alias="from",
        description="Earliest date, any precision",
        examples=["1950"],
        json_schema_extra=DATE_SCHEMA,
    ),
]
_STATE = "ISO 3166-1 alpha-3 code, or the state's name or alias (North Korea, DPRK)"
StateCode = Annotated[str, Path(description=_STATE, examples=["PRK"], max_length=64)]
StateA = Annotated[str, Path(description=_STATE, examples=["CHN"], max_length=64)]
StateB = Annotated[str, Path(description=_STATE, examples=["PRK"], max_length=64)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Most items to return")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]

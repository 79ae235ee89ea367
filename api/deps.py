"""FastAPI dependencies in one place: settings, the query backend, parsed dates, codes."""

from __future__ import annotations

import difflib
from typing import Annotated

from fastapi import Depends, Query, Request

from api.errors import ApiError
from kg.queries.base import GraphQueries
from kg.settings import Settings
from kg.stores.base import RecordStore
from ontology.dates import DateError, PartialDate, parse_partial


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


SettingsDep = Annotated[Settings, Depends(get_settings)]
QueriesDep = Annotated[GraphQueries, Depends(get_queries)]
StoreDep = Annotated[RecordStore, Depends(get_store)]


def parse_date_param(value: str | None, name: str) -> PartialDate | None:
    """A query date at any precision ('2024', '2024-10', '2024-10-06'), or a 400."""
    if value is None or value == "":
        return None
    try:
        return parse_partial(value)
    except DateError as exc:
        raise ApiError(400, f"{name}: {exc}", "Invalid date") from None


def known_state(queries: GraphQueries, code: str) -> str:
    """Upper-case a state code and check it exists; 404 with close matches otherwise."""
    upper = code.strip().upper()
    if queries.state(upper) is not None:
        return upper
    codes = [s.code for s in queries.states()]
    names = {s.name.upper(): s.code for s in queries.states()}
    close = difflib.get_close_matches(upper, codes, n=3, cutoff=0.3)
    close += [names[n] for n in difflib.get_close_matches(upper, list(names), n=2, cutoff=0.8)]
    hint = f"; did you mean {', '.join(dict.fromkeys(close))}?" if close else ""
    raise ApiError(404, f"unknown state code {code!r}{hint}", "Unknown state")


DateQuery = Annotated[
    str | None,
    Query(
        description="A date at any precision: 2024, 2024-10 or 2024-10-06", examples=["2024-10-06"]
    ),
]
Limit = Annotated[int, Query(ge=1, le=1000, description="Most items to return")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]

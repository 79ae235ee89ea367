"""What happened between two states (or a state and an organization or non-state actor): the
relation summary, the timeline, event search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import (
    DateQuery,
    FromQuery,
    Limit,
    Offset,
    QueriesDep,
    StatesDep,
    parse_date_param,
)
from api.errors import ApiError
from api.openapi import problems
from api.schemas import Page
from api.state_codes import StateIndex
from kg.queries.checks import check_pair, check_period
from kg.queries.models import EventPublic, RelationSummary
from kg.queries.suggest import PAIR_KINDS
from ontology.dates import PartialDate
from ontology.namespace import EVENT_TYPES

router = APIRouter(tags=["relations"])

_PAIR = (
    "ISO 3166-1 alpha-3 code or the state's name or alias (North Korea, DPRK); or an "
    "organization's or non-state actor's code, name or alias (NATO, HAMAS, Ansar Allah)"
)
PairA = Annotated[str, Path(description=_PAIR, examples=["CHN"], max_length=64)]
PairB = Annotated[str, Path(description=_PAIR, examples=["PRK"], max_length=64)]

TypeQuery = Annotated[
    str | None,
    Query(
        alias="type",
        description="An event type (docs/data-model.md)",
        examples=["state_visit"],
        json_schema_extra={"enum": list(EVENT_TYPES)},
    ),
]


def _event_type(value: str | None) -> str | None:
    if value is not None and value not in EVENT_TYPES:
        raise ApiError(400, f"unknown event type {value!r}; one of {', '.join(EVENT_TYPES)}")
    return value


def _valid(check: Callable[..., None], *args: object) -> None:
    """A rule of kg.queries.checks; what it rejects is a 400 with the same sentence."""
    try:
        check(*args)
    except ValueError as exc:
        raise ApiError(400, str(exc), "Invalid query") from None


def _pair(a: str, b: str, states: StateIndex, what: str = "a timeline") -> tuple[str, str]:
    codes = states.known(a, PAIR_KINDS), states.known(b, PAIR_KINDS)
    _valid(check_pair, *codes, what)
    return codes


def _period(from_: str | None, to: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    start, end = parse_date_param(from_, "from"), parse_date_param(to, "to")
    _valid(check_period, start, end)
    return start, end


@router.get(
    "/relations/{a}/{b}",
    summary="Summary of the relations between two states (or a state and an actor)",
    description="Diplomatic relations, relations with their sources, shared alliances, event "
    "counts by type and the latest events.",
    responses=problems(400, 404),
)
def relation_summary(a: PairA, b: PairB, queries: QueriesDep, states: StatesDep) -> RelationSummary:
    return queries.relation_summary(*_pair(a, b, states, "a relation summary"))


@router.get(
    "/timeline/{a}/{b}",
    summary="Every event between two states (or actors), in date order, with sources",
    description="Events overlapping [from, to] (dates at any precision), optionally of one "
    "type; each event lists every article reporting it with the sentence it gives (an event "
    "dated more coarsely by one article, 'June 2024', is shown once at the finer date). `total` "
    "is null (the pair's events are not counted); follow `next_offset` until it is null.",
    responses=problems(400, 404),
)
def timeline(
    a: PairA,
    b: PairB,
    queries: QueriesDep,
    states: StatesDep,
    from_: FromQuery = None,
    to: DateQuery = None,
    event_type: TypeQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[EventPublic]:
    found = queries.timeline(
        *_pair(a, b, states),
        *_period(from_, to),
        _event_type(event_type),
        limit=limit + 1,
        offset=offset,
    )
    return _page(found, limit, offset)


@router.get(
    "/events",
    summary="Search events by state, type and period",
    description="`total` is null: the search does not count every match; follow "
    "`next_offset` until it is null.",
    responses=problems(400, 404),
)
def search_events(
    queries: QueriesDep,
    states: StatesDep,
    state: Annotated[
        str | None,
        Query(
            description="ISO alpha-3 code, or a state's name or alias; or an organization's "
            "or non-state actor's code, name or alias",
            examples=["PRK"],
            max_length=64,
        ),
    ] = None,
    event_type: TypeQuery = None,
    from_: FromQuery = None,
    to: DateQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[EventPublic]:
    code = states.known(state, PAIR_KINDS) if state else None
    found = queries.events(
        code,
        _event_type(event_type),
        *_period(from_, to),
        limit=limit + 1,
        offset=offset,
    )
    return _page(found, limit, offset)


def _page(found: list[EventPublic], limit: int, offset: int) -> Page[EventPublic]:
    """A page from up to limit + 1 events: one more than the page means there is a next."""
    return Page[EventPublic](
        items=found[:limit],
        limit=limit,
        offset=offset,
        total=None,
        next_offset=offset + limit if len(found) > limit else None,
    )

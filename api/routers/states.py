"""States, their leaders, alliances and allies at a date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import (
    DateQuery,
    Limit,
    Offset,
    QueriesDep,
    StateCode,
    StatesDep,
    parse_date_param,
)
from api.errors import ApiError
from api.openapi import problems
from api.schemas import Page, paginate
from kg.queries.models import AlliancePublic, AllyPublic, LeaderTermPublic, StatePublic
from ontology.namespace import OBLIGATIONS

router = APIRouter(tags=["states"])

ObligationQuery = Annotated[
    str | None,
    Query(
        description=f"One of {', '.join(OBLIGATIONS)}",
        examples=["defense"],
        json_schema_extra={"enum": list(OBLIGATIONS)},
    ),
]


@router.get("/states", summary="List states (current and former), by code")
def list_states(states: StatesDep, limit: Limit = 100, offset: Offset = 0) -> Page[StatePublic]:
    return paginate(states.states, limit, offset)


@router.get("/states/{code}", summary="One state by its ISO alpha-3 code", responses=problems(404))
def get_state(code: StateCode, states: StatesDep) -> StatePublic:
    return states.by_code[states.known(code)]


@router.get(
    "/states/{code}/leaders",
    summary="Heads of state and government, at a date (or all, in order)",
    responses=problems(400, 404),
)
def state_leaders(
    code: StateCode,
    queries: QueriesDep,
    states: StatesDep,
    at: DateQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[LeaderTermPublic]:
    state = states.known(code)
    return paginate(queries.leaders(state, parse_date_param(at, "at")), limit, offset)


@router.get(
    "/states/{code}/alliances",
    summary="Alliances a state belongs to, at a date; filter by obligation",
    responses=problems(400, 404),
)
def state_alliances(
    code: StateCode,
    queries: QueriesDep,
    states: StatesDep,
    at: DateQuery = None,
    obligation: ObligationQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[AlliancePublic]:
    state = states.known(code)
    if obligation is not None and obligation not in OBLIGATIONS:
        raise ApiError(
            400, f"obligation must be one of {', '.join(OBLIGATIONS)}", "Invalid obligation"
        )
    found = queries.alliances(state, parse_date_param(at, "at"), obligation)
    return paginate(found, limit, offset)


@router.get(
    "/states/{code}/allies",
    summary="States allied with this one, at a date",
    responses=problems(400, 404),
)
def state_allies(
    code: StateCode,
    queries: QueriesDep,
    states: StatesDep,
    at: DateQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[AllyPublic]:
    state = states.known(code)
    return paginate(queries.allies(state, parse_date_param(at, "at")), limit, offset)

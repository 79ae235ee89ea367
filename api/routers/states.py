"""States, their leaders, alliances and allies at a date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import DateQuery, Limit, Offset, QueriesDep, known_state, parse_date_param
from api.errors import ApiError
from api.schemas import Page, paginate
from kg.queries.models import AlliancePublic, AllyPublic, LeaderTermPublic, StatePublic
from ontology.namespace import OBLIGATIONS

router = APIRouter(tags=["states"])

CodePath = Annotated[str, "ISO 3166-1 alpha-3 code"]


@router.get("/states", summary="List states")
def list_states(queries: QueriesDep, limit: Limit = 100, offset: Offset = 0) -> Page[StatePublic]:
    return paginate(queries.states(), limit, offset)


@router.get("/states/{code}", summary="One state by its ISO alpha-3 code")
def get_state(code: str, queries: QueriesDep) -> StatePublic:
    state = queries.state(known_state(queries, code))
    assert state is not None
    return state


@router.get("/states/{code}/leaders", summary="Heads of state and government, at a date")
def state_leaders(
    code: str, queries: QueriesDep, at: DateQuery = None, limit: Limit = 100, offset: Offset = 0
) -> Page[LeaderTermPublic]:
    state = known_state(queries, code)
    return paginate(queries.leaders(state, parse_date_param(at, "at")), limit, offset)


@router.get("/states/{code}/alliances", summary="Alliances a state belongs to, at a date")
def state_alliances(
    code: str,
    queries: QueriesDep,
    at: DateQuery = None,
    obligation: Annotated[str | None, Query(description=f"One of {', '.join(OBLIGATIONS)}")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[AlliancePublic]:
    state = known_state(queries, code)
    if obligation is not None and obligation not in OBLIGATIONS:
        raise ApiError(
            400, f"obligation must be one of {', '.join(OBLIGATIONS)}", "Invalid obligation"
        )
    found = queries.alliances(state, parse_date_param(at, "at"), obligation)
    return paginate(found, limit, offset)


@router.get("/states/{code}/allies", summary="States allied with this one, at a date")
def state_allies(
    code: str, queries: QueriesDep, at: DateQuery = None, limit: Limit = 100, offset: Offset = 0
) -> Page[AllyPublic]:
    state = known_state(queries, code)
    return paginate(queries.allies(state, parse_date_param(at, "at")), limit, offset)

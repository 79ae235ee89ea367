"""A state or actor at a date as nodes and edges: what the web page's graph explorer draws."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import DateQuery, QueriesDep, StatesDep, parse_date_param
from api.errors import ApiError
from api.openapi import problems
from kg.queries.models import Neighbourhood
from kg.queries.neighbourhood import MAX_YEARS
from kg.queries.suggest import PAIR_KINDS
from ontology.dates import parse_partial

router = APIRouter(tags=["relations"])

CentreCode = Annotated[
    str,
    Path(
        description="A state's ISO alpha-3 code, name or alias; or an organization's or "
        "non-state actor's code, name or alias (NATO, HAMAS)",
        examples=["CHN"],
        max_length=64,
    ),
]
YearsQuery = Annotated[
    int,
    Query(ge=1, le=MAX_YEARS, description="How many years before `at` the events count from"),
]


@router.get(
    "/neighbourhood/{code}",
    summary="A state or actor at a date, as nodes and edges",
    description="The centre's relations that hold at `at` (ally, partner, rival, adversary, "
    "at_war, diplomatic_relations: from their `since`, or from the first article that "
    "reports one without it, to their `until`), the alliances it belongs to then, and its "
    "counterparts in the events of the `years` before (from `years` before the first day of "
    "`at` to its last), each edge weighted by the events with its target, by type. `at` "
    "defaults to today. The events of an edge: `/timeline/{centre}/{target}` with "
    "`from=events_from` and `to=events_to`.",
    responses=problems(400, 404, 422),
)
def neighbourhood(
    code: CentreCode,
    queries: QueriesDep,
    states: StatesDep,
    at: DateQuery = None,
    years: YearsQuery = 10,
) -> Neighbourhood:
    centre = states.known(code, PAIR_KINDS)
    when = parse_date_param(at, "at") or parse_partial(datetime.now(UTC).date().isoformat())
    found = queries.neighbourhood(centre, when, years)
    if found is None:
        raise ApiError(404, f"no state or actor has the code {centre!r}", "Unknown state")
    return found

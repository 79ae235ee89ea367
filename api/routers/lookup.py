"""Find an entity (state, organization, alliance, person) by its code, IRI or name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import QueriesDep
from api.errors import ApiError
from api.openapi import problems
from api.suggest import Suggestion, suggest
from kg.queries.models import EntityPublic
from kg.queries.suggest import no_entity_text

router = APIRouter(tags=["states"])

KeyQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=500,
        pattern=r"\S",
        description="A code (PRK, NATO), an IRI, a name or alias (North Korea, DPRK), or the "
        "first or last words of one when they name one entity only (Putin, Xi)",
        examples=["Putin"],
    ),
]


@router.get(
    "/lookup",
    summary="One entity by code, IRI or name",
    description="The best match: an IRI, then a code, then a name or alias (any case), then "
    "a name's first or last words if only one entity has them. 404 when nothing matches, or "
    "when those words fit several entities ('Kim'): the message names them.",
    responses=problems(404, 422),
)
def lookup(q: KeyQuery, queries: QueriesDep) -> EntityPublic:
    found = queries.entity(q)
    if found is None:
        raise ApiError(404, no_entity_text(q, *queries.entity_matches(q)))
    return found


@router.get(
    "/lookup/suggest",
    summary="Type-ahead: states, organizations and non-state actors for a few letters",
    description="The entities a pair (/timeline/{a}/{b}) accepts whose code, name or alias "
    "begins with `q`, or has a later word that does ('korea': North Korea, South Korea), best "
    "first: the code, a whole name, a start, a later word. An empty list when none fits.",
    responses=problems(422),
)
def lookup_suggest(
    q: Annotated[str, Query(max_length=100, description="What was typed", examples=["kor"])],
    limit: Annotated[int, Query(ge=1, le=50, description="Most suggestions")] = 10,
) -> list[Suggestion]:
    return suggest(q, limit)

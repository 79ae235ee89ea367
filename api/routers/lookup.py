"""Find an entity (state, organization, alliance, person) by its code, IRI or name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import QueriesDep
from api.errors import ApiError
from api.openapi import problems
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

"""Full-text search over events' evidence sentences, article titles and entity names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import QueriesDep
from api.errors import ApiError
from api.openapi import problems
from api.schemas import Page
from kg.queries.search_hits import MAX_LIMIT, MAX_OFFSET
from kg.queries.search_models import SearchHit
from kg.queries.search_words import MAX_QUERY_CHARS, MAX_WORDS

router = APIRouter(tags=["relations"])

SearchText = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        description=f"Words to find (at most {MAX_WORDS}; each in every hit, any form of it: "
        "'ceasefire' finds 'ceasefires'). Nothing typed is query syntax.",
        examples=["Korean War"],
    ),
]


@router.get(
    "/search",
    summary="Full-text search: events by their evidence, articles by title, entities by name",
    description="Every hit holds every word of `q` in one text: an event in a sentence of its "
    "evidence, an article in its title, a state, organization, alliance, person or non-state "
    "actor in its name or an alias. Hits come entities first, then events in date order, then "
    "articles by publication; each with the matched text (`snippet`) and where the words are "
    "in it (`marks`), and for an event its type, date and participants (two of them open "
    "/timeline/{a}/{b}). 400 for text with no word to search (common words such as 'the' are "
    "not searched) or more than "
    f"{MAX_WORDS} words; 422 for empty or too long text.",
    responses=problems(400, 422),
)
def search(
    q: SearchText,
    queries: QueriesDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most hits")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Hits to skip")] = 0,
) -> Page[SearchHit]:
    try:
        found = queries.search(q, limit, offset)
    except ValueError as exc:
        raise ApiError(400, str(exc), "Invalid search") from None
    more = offset + limit < found.total
    return Page[SearchHit](
        items=found.hits,
        limit=limit,
        offset=offset,
        total=found.total,
        next_offset=offset + limit if more else None,
    )

"""POST /articles/preview (API key): what ingest would extract from an article, with the
offsets of its mentions, dates, triggers and evidence to highlight, before anything is
stored; the web page's review step (api/static/review.js) shows it, then posts the same
article to POST /articles."""

from __future__ import annotations

from typing import Literal

import anyio
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.article_input import parse_article
from api.body import media_type, read_body
from api.deps import ApiKeyDep, SettingsDep, WriteSlotDep
from api.openapi import problems
from api.routers.articles import REQUEST_BODY
from api.schemas import ExtractedPublic
from kg import wiring
from kg.services.preview import Preview, TextSpan, preview

router = APIRouter(tags=["articles"])


class ArticlePreview(BaseModel):
    """An article's extraction as POST /articles would store it, and where in `text` each
    thing it found is: offsets are [start, end) in characters of `text`."""

    status: Literal["preview"] = Field(default="preview", description="nothing was stored")
    id: str = Field(description="the id POST /articles would give it")
    url: str | None = None
    title: str | None = None
    published: str | None = None
    text: str = Field(description="the article text the offsets point into")
    extraction: ExtractedPublic = Field(
        description="events and relations with their evidence sentence's offsets "
        "(start, end) and confidence"
    )
    mentions: list[TextSpan] = Field(description="states, organizations, persons, actors")
    dates: list[TextSpan]
    triggers: list[TextSpan | None] = Field(
        description="one per extracted event, in order: the word that announces it in its "
        "evidence sentence (the first of its type's patterns there), null if none matches"
    )


def _answer(found: Preview) -> ArticlePreview:
    ex, art = found.extraction, found.extraction.article
    return ArticlePreview(
        id=art.id,
        url=art.url,
        title=art.title,
        published=art.published.isoformat() if art.published else None,
        text=found.text,
        extraction=ExtractedPublic(
            states=ex.states,
            organizations=ex.organizations,
            leaders=ex.leaders,
            events=ex.events,
            relations=ex.relations,
            warnings=ex.warnings,
            extractor=ex.extractor,
        ),
        mentions=found.mentions,
        dates=found.dates,
        triggers=found.triggers,
    )


@router.post(
    "/articles/preview",
    summary="What an article would give, with offsets to highlight; stores nothing; X-API-Key",
    description="The extraction POST /articles would store for the same body (the same "
    "extractor and KG_MIN_CONFIDENCE), with the character offsets of the mentions, dates and "
    "event triggers in the article text; nothing is written. Needs the API key, and takes a "
    "place among the writes (an extraction costs what a post does).",
    dependencies=[ApiKeyDep, WriteSlotDep],
    responses=problems(401, 403, 413, 415, 422, 429, 503),
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def preview_article(request: Request, settings: SettingsDep) -> ArticlePreview:
    raw = await read_body(request, settings.max_body_bytes)
    article = parse_article(raw, media_type(request))
    extractor = wiring.extractor(settings)
    found = await anyio.to_thread.run_sync(preview, article, extractor)
    return _answer(found)

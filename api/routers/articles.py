"""Articles: POST one (API key) to extract and store its facts; GET it back with its facts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import APIRouter, BackgroundTasks, Depends, Path, Request, Response

from api.article_facts import read_article
from api.article_input import parse_article
from api.body import media_type, read_body
from api.deps import ApiKeyDep, SettingsDep, StoreDep, WritableStoreDep, WriteSlotDep
from api.errors import ApiError
from api.openapi import problems
from api.schemas import (
    ArticleIngested,
    ArticlePublic,
    ArticleRetracted,
    ArticleSubmission,
    ExtractedPublic,
)
from kg.ingest import ArticleReport
from kg.services.ingest import WARM_SECONDS, IngestResult, IngestService
from kg.services.retract import RetractResult
from kg.stores.base import StoreError
from loaders.article import Article

router = APIRouter(tags=["articles"])
log = logging.getLogger("geokg.api")
T = TypeVar("T")

TEXT_EXAMPLE = """url: https://news.example.org/2024/06/19/putin-pyongyang
published: 2024-06-19
title: Putin and Kim sign a mutual defense treaty

Russian President Vladimir Putin visited Pyongyang on June 19, 2024, where he and North
Korean leader Kim Jong-un signed a treaty on comprehensive strategic partnership."""

REQUEST_BODY = {
    "required": True,
    "content": {
        "text/plain": {
            "schema": {"type": "string", "pattern": r"\S"},
            "example": TEXT_EXAMPLE,
        },
        "text/html": {
            "schema": {"type": "string", "pattern": r"\S"},
            "example": "<p>Finland joined NATO on April 4, 2023.</p>",
        },
        "application/json": {"schema": ArticleSubmission.model_json_schema()},
    },
}
POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Already stored (unchanged) or replaced", "model": ArticleIngested},
    201: {"description": "A new article", "model": ArticleIngested},
    **problems(401, 403, 413, 415, 422, 429, 503),
}


def get_ingest(request: Request, store: WritableStoreDep) -> IngestService:
    """The app's ingest use case (kg.wiring made it on start-up over `store`); reaching it
    needs the store writable: 503 on a read-only server."""
    service = request.app.state.ingest
    assert isinstance(service, IngestService) and service.targets.store is store
    return service


IngestDep = Annotated[IngestService, Depends(get_ingest)]


def _writing(state: Any, write: Callable[[], T]) -> T:
    """Run a write; a store that refuses it (a full disk, a read-only folder, a record server
    away) is 503 with its sentence, and /health says degraded until a write succeeds."""
    try:
        done = write()
    except StoreError as exc:
        state.write_failure = str(exc)
        raise ApiError(503, str(exc), "Store unavailable") from None
    state.write_failure = None
    return done


def _ingest(service: IngestService, article: Article, state: Any) -> IngestResult:
    """The use case, with its failures as HTTP problems: 422 for facts that do not validate,
    503 when the store cannot be written."""
    result = _writing(state, lambda: service.ingest_one(article))
    if result.failed:
        reason = result.failed[0][1]
        raise ApiError(422, f"the extracted facts do not validate: {reason}") from None
    for warning in result.warnings:
        log.warning("%s", warning)
    return result


def _ingested(report: ArticleReport, projected: bool | None) -> ArticleIngested:
    ex = report.extraction
    assert ex is not None  # an article posted here is always extracted
    art = ex.article
    return ArticleIngested(
        id=report.article_id,
        iri=report.article_iri,
        href=f"/articles/{report.article_id}",
        status=report.status,
        url=art.url,
        title=art.title,
        published=art.published.isoformat() if art.published else None,
        events=report.events,
        new_events=report.new_events,
        corroborated_events=report.corroborated_events,
        projected_to_neo4j=projected,
        extraction=ExtractedPublic(
            states=ex.states,
            organizations=ex.organizations,
            leaders=ex.leaders,
            events=ex.events,
            relations=ex.relations,
            warnings=ex.warnings,
            extractor=ex.extractor,
        ),
    )


@router.post(
    "/articles",
    summary="Ingest one article (text, HTML or JSON); needs the X-API-Key header",
    description="Extracts states, leaders, events and relations with their evidence sentences "
    "and stores them in the article's named graph. The id is a hash of the URL (or of the text "
    "when there is no URL): posting the same article again gives the same id and no duplicate "
    "(status `unchanged`, or `replaced` when its text changed). 201 for a new article.",
    status_code=201,
    dependencies=[ApiKeyDep, WriteSlotDep],
    responses=POST_RESPONSES,
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def post_article(
    request: Request,
    response: Response,
    background: BackgroundTasks,
    settings: SettingsDep,
    service: IngestDep,
) -> ArticleIngested:
    raw = await read_body(request, settings.max_body_bytes)
    article = parse_article(raw, media_type(request))
    result = await anyio.to_thread.run_sync(_ingest, service, article, request.app.state)
    report = result.reports[0]
    if report.status != "new":
        response.status_code = 200
    # After the answer: the pair timelines the article changed, read again into the caches
    # (Neo4j's too when it was projected there), a few seconds at most each.
    background.add_task(service.refresh_caches, WARM_SECONDS, bool(result.projected))
    response.headers["Location"] = f"/articles/{report.article_id}"
    return _ingested(report, result.projected)


@router.get(
    "/articles/{article_id}",
    summary="One stored article with the events and relations read from it",
    responses=problems(404, 410),
)
def get_article(
    article_id: Annotated[
        str, Path(description="16 hex digits, as POST /articles returned", max_length=64)
    ],
    store: StoreDep,
    settings: SettingsDep,
    request: Request,
) -> ArticlePublic:
    found = read_article(store, settings.base_iri, article_id.strip().lower())
    if found is None:
        raise _missing(request, article_id)
    return found


def _missing(request: Request, article_id: str) -> ApiError:
    """410 Gone for a retracted article (saying when), 404 for one never stored."""
    service = request.app.state.ingest
    gone = service.targets.retractions if isinstance(service, IngestService) else None
    when = gone.when(article_id.strip().lower()) if gone is not None else None
    if when:
        return ApiError(410, f"article {article_id} was retracted at {when}", "Article retracted")
    return ApiError(
        404,
        f"no article with id {article_id!r}; ids are the 16 hex digits POST /articles returns",
        "Unknown article",
    )


def _retract(service: IngestService, article_id: str, state: Any) -> RetractResult:
    result = _writing(state, lambda: service.retract([article_id]))
    for warning in result.warnings:
        log.warning("%s", warning)
    return result


@router.delete(
    "/articles/{article_id}",
    summary="Retract an article: its facts out of the record and Neo4j; needs X-API-Key",
    description="Removes exactly the article's named graph (a fact another article also "
    "reports stays, with one source less) and brings Neo4j and the caches up to date. "
    "Afterwards GET /articles/{id} answers 410 Gone with the time of the retraction; posting "
    "the article again brings it back.",
    dependencies=[ApiKeyDep, WriteSlotDep],
    responses=problems(401, 403, 404, 410, 429, 503),
)
async def delete_article(
    article_id: Annotated[str, Path(description="16 hex digits", max_length=64)],
    request: Request,
    background: BackgroundTasks,
    service: IngestDep,
) -> ArticleRetracted:
    ref = article_id.strip().lower()
    result = await anyio.to_thread.run_sync(_retract, service, ref, request.app.state)
    if not result.retracted:
        raise _missing(request, article_id)
    done = result.retracted[0]
    background.add_task(service.refresh_caches, WARM_SECONDS, bool(result.projected))
    return ArticleRetracted(
        id=done.article_id,
        iri=done.article_iri,
        url=done.url,
        retracted_at=done.retracted_at,
        projected_to_neo4j=result.projected,
    )

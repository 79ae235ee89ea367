"""Articles: POST one (API key) to extract and store its facts; GET it back with its facts."""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, BackgroundTasks, Path, Request, Response

from api.article_facts import read_article
from api.article_input import parse_article
from api.body import media_type, read_body
from api.deps import ApiKeyDep, SettingsDep, StoreDep, WritableStoreDep
from api.errors import ApiError
from api.openapi import problems
from api.schemas import ArticleIngested, ArticlePublic, ArticleSubmission, ExtractedPublic
from kg.ingest import ArticleReport, ingest_article
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.timeline_warm import warm_neo4j_timelines, warm_timelines
from kg.settings import Settings
from kg.stores.base import RecordStore, StoreError
from loaders.article import Article
from ontology.shacl import ShaclViolationError

router = APIRouter(tags=["articles"])
log = logging.getLogger("geokg.api")
_write_lock = threading.Lock()  # one ingest at a time, so "new"/"unchanged" stay exact
# At most, after each post, for each store: a post that changes a state makes every pair
# stale, and a pair costs up to 10 ms (record) or 50 ms (Neo4j) at 1 M events.
WARM_SECONDS = 2.0

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
    **problems(401, 403, 413, 415, 422, 503),
}


def _projection(app: Any) -> Any:
    """The app's Neo4jProjection, made once: it asks the server once whether the
    server-side loader is installed, not on every post."""
    if app.state.neo4j is None:
        return None
    if getattr(app.state, "projection", None) is None:
        from kg.stores.neo4j_store import Neo4jProjection

        app.state.projection = Neo4jProjection(app.state.neo4j)
    return app.state.projection


def _project(projection: Any, store: RecordStore, report: ArticleReport) -> bool:
    """Project the article's graph and the refinement graphs written with it, as `kg sync`
    would (dropping those emptied); False (logged) when that fails."""
    from kg.sync import record_graph

    kept = [report.article_iri] + [g for g, keep in report.derived.items() if keep]
    try:
        epoch = store.known_hashes([])[1]
        graphs: dict[str, str] = {}
        hashes: dict[str, str] = {}
        for name in kept:
            graphs[name], hashes[name] = record_graph(store, name)
        projection.replace_graphs(graphs, dict(hashes))
        if dropped := [g for g, keep in report.derived.items() if not keep]:
            projection.drop_graphs(dropped)
        store.remember_hashes(hashes, epoch)  # the next `kg sync` need not read them
        return True
    except Exception:
        log.exception("projecting %s into Neo4j failed; `kg sync` will catch up", kept[0])
        return False


def _ingest(
    article: Article, store: RecordStore, settings: Settings, projection: Any
) -> tuple[ArticleReport, bool | None]:
    with _write_lock:
        try:
            report = ingest_article(article, store, settings.base_iri)
        except (ShaclViolationError, ValueError) as exc:
            raise ApiError(422, f"the extracted facts do not validate: {exc}") from None
        except StoreError as exc:
            raise ApiError(503, str(exc), "Store unavailable") from None
        projected = None
        if projection is not None and report.status != "unchanged":
            projected = _project(projection, store, report)
        return report, projected


def _warm(store: RecordStore, neo4j: Any, settings: Settings) -> None:
    """After the answer: read again the pair timelines the article changed (kept stale), so
    the next reader of those pairs gets them from the cache; in Neo4j too when it was
    projected there (a few seconds at most each: the rest on first use)."""
    try:
        warm_timelines(SparqlQueries(store), every=False, most_seconds=WARM_SECONDS)
        if neo4j is not None and settings.timeline_cache:
            from kg.queries.cypher_queries import CypherQueries

            queries = CypherQueries(neo4j)
            warm_neo4j_timelines(queries, every=False, most_seconds=WARM_SECONDS)
    except Exception:  # a failed read-ahead costs only speed: the next read does it
        log.exception("reading the changed pair timelines again failed")


def _ingested(report: ArticleReport, projected: bool | None) -> ArticleIngested:
    ex = report.extraction
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
    dependencies=[ApiKeyDep],
    responses=POST_RESPONSES,
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def post_article(
    request: Request,
    response: Response,
    background: BackgroundTasks,
    settings: SettingsDep,
    store: WritableStoreDep,
) -> ArticleIngested:
    raw = await read_body(request, settings.max_body_bytes)
    article = parse_article(raw, media_type(request))
    projection = _projection(request.app)
    report, projected = await anyio.to_thread.run_sync(
        _ingest, article, store, settings, projection
    )
    if report.status != "new":
        response.status_code = 200
    neo4j = request.app.state.neo4j if projected else None
    background.add_task(_warm, store, neo4j, settings)
    response.headers["Location"] = f"/articles/{report.article_id}"
    return _ingested(report, projected)


@router.get(
    "/articles/{article_id}",
    summary="One stored article with the events and relations read from it",
    responses=problems(404),
)
def get_article(
    article_id: Annotated[
        str, Path(description="16 hex digits, as POST /articles returned", max_length=64)
    ],
    store: StoreDep,
    settings: SettingsDep,
) -> ArticlePublic:
    found = read_article(store, settings.base_iri, article_id.strip().lower())
    if found is None:
        raise ApiError(
            404,
            f"no article with id {article_id!r}; ids are the 16 hex digits POST /articles returns",
            "Unknown article",
        )
    return found

"""Linked data: every IRI minted under the base IRI dereferences at /id/{path} as an HTML
page, Turtle, JSON-LD or N-Triples (by Accept, or ?format=)."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import SettingsDep, StoreDep
from api.errors import ApiError
from api.ld_html import render_page
from api.linked_data import describe, describe_graph, exists, iri_for
from api.negotiation import negotiate
from api.openapi import problems
from kg.queries.sparql_builders import iri_ref
from kg.stores.base import RecordStore, StoreError
from ontology.namespace import PREFIXES

router = APIRouter(tags=["linked data"])

LD_TYPES = {  # media type -> format
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
}
FORMAT_MEDIA = {"html": "text/html", "ttl": "text/turtle", "jsonld": "application/ld+json"}
FORMAT_MEDIA["nt"] = "application/n-triples"
RDFLIB_FORMAT = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The IRI's facts",
        "content": {
            media: {} if media.endswith("json") else {"schema": {"type": "string"}}
            for media in FORMAT_MEDIA.values()
        },
    },
    **problems(404, 406),
}


def _serialize(store: RecordStore, iri: str, fmt: str) -> bytes:
    graph = describe_graph(store, iri)
    if fmt == "jsonld":
        context = {**PREFIXES, "xsd": "http://www.w3.org/2001/XMLSchema#"}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=RDFLIB_FORMAT[fmt], encoding="utf-8")


def _choose(request: Request, fmt: str | None) -> tuple[str, str]:
    if fmt:
        return FORMAT_MEDIA[fmt], fmt
    return negotiate(request.headers.get("accept", ""), LD_TYPES, "text/html")


@router.get(
    "/id/{path:path}",
    summary="Dereference an IRI of the graph (HTML, Turtle, JSON-LD or N-Triples)",
    description="`/id/state/CHN` serves `{KG_BASE_IRI}state/CHN`: its triples from every "
    "named graph plus the Evidence and Article nodes behind them. Browsers get a page with "
    "links, sources and incoming links; RDF clients pick a format by Accept (or `?format=`).",
    response_class=Response,
    responses=RESPONSES,
)
async def dereference(
    path: Annotated[str, Path(description="The IRI after the base IRI", examples=["state/CHN"])],
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[
        str | None,
        Query(pattern="^(html|ttl|jsonld|nt)$", description="Overrides Accept"),
    ] = None,
) -> Response:
    media, fmt = _choose(request, format)
    iri = iri_for(settings.base_iri, path)
    try:
        iri_ref(iri)
    except ValueError:
        raise ApiError(404, f"{iri!r} is not an IRI of this graph", "Unknown IRI") from None
    try:
        known = await anyio.to_thread.run_sync(exists, store, iri)
    except StoreError:  # an IRI the store's parser refuses is no IRI of this graph
        known = False
    if not known:
        raise ApiError(404, f"the graph says nothing about {iri}", "Unknown IRI")
    headers = {"Vary": "Accept"}
    if fmt == "html":
        described = await anyio.to_thread.run_sync(describe, store, iri)
        html = render_page(described, settings.base_iri)
        return HTMLResponse(html, headers=headers)
    body = await anyio.to_thread.run_sync(_serialize, store, iri, fmt)
    return Response(body, media_type=media, headers=headers)

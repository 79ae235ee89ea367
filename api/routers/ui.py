"""The web UI: one static page (vanilla JS, no build step, nothing fetched from elsewhere)
over the REST routes, with its scripts and style sheets, and the libraries it vendors
(vis-timeline for the pair timeline, Cytoscape.js for the graph explorer)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from api.errors import ApiError

router = APIRouter(tags=["meta"])
STATIC = Path(__file__).resolve().parent.parent / "static"
INDEX = STATIC / "index.html"
# What /static/ serves: these files only, never a path from the request.
ASSETS = {"timeline.js": "text/javascript", "timeline.css": "text/css"}
ASSETS |= {"timeline-plot.js": "text/javascript", "timeline-pair.js": "text/javascript"}
ASSETS |= {"search.js": "text/javascript"}
ASSETS |= {"explorer.js": "text/javascript", "explorer.css": "text/css"}
ASSETS |= {"review.js": "text/javascript", "review.css": "text/css"}
# Libraries built elsewhere, vendored by web/package.json (`npm ci && npm run vendor`).
VENDORED = {"cytoscape.min.js": "text/javascript"}
VENDORED |= {"vis-timeline-graph2d.min.js": "text/javascript"}
VENDORED |= {"vis-timeline-graph2d.min.css": "text/css"}


@router.get(
    "/",
    summary="The web UI: a drawn timeline between two states, and a state's alliances and leaders",
    response_class=HTMLResponse,
)
def index() -> HTMLResponse:
    return HTMLResponse(INDEX.read_text(encoding="utf-8"))


@router.get("/static/{name}", include_in_schema=False)
def asset(name: str) -> Response:
    media_type = ASSETS.get(name)
    if media_type is None:
        raise ApiError(404, f"no such file {name!r}", "Not found")
    text = (STATIC / name).read_text(encoding="utf-8")
    return Response(text, media_type=f"{media_type}; charset=utf-8")


@router.get("/static/vendor/{name}", include_in_schema=False)
def vendored(name: str) -> Response:
    """A vendored library, cacheable for a day: it changes only with a new geokg."""
    media_type = VENDORED.get(name)
    if media_type is None:
        raise ApiError(404, f"no such file {name!r}", "Not found")
    text = (STATIC / "vendor" / name).read_text(encoding="utf-8")
    headers = {"Cache-Control": "public, max-age=86400"}
    return Response(text, media_type=f"{media_type}; charset=utf-8", headers=headers)

"""The web UI: one static page (vanilla JS) over the REST routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["meta"])
INDEX = Path(__file__).resolve().parent.parent / "static" / "index.html"


@router.get(
    "/",
    summary="The web UI: a timeline between two states, and a state's alliances and leaders",
    response_class=HTMLResponse,
)
def index() -> HTMLResponse:
    return HTMLResponse(INDEX.read_text(encoding="utf-8"))

"""Every route of the API is in docs/api.md's route table, so a newcomer reading the docs
sees all that the server answers (the OpenAPI page at /docs has the details)."""

from __future__ import annotations

import re
from pathlib import Path

from api.app import create_app
from kg.settings import get_settings

DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def _documented_paths() -> set[str]:
    """The paths named in the first column of the route table ({id} for any parameter)."""
    rows = [line.split("|")[1] for line in DOC.read_text().splitlines() if line.startswith("| `")]
    paths = {p.split("?")[0] for row in rows for p in re.findall(r"(/[^`\s,]*)", row)}
    return {re.sub(r"\{[^}]*\}", "{id}", p) for p in paths}


def test_every_route_is_in_the_route_table() -> None:
    app = create_app(get_settings())
    routes = {re.sub(r"\{[^}]*\}", "{id}", p) for p in app.openapi()["paths"]}
    missing = routes - _documented_paths()
    assert not missing, f"docs/api.md's route table lacks {sorted(missing)}"
    assert "/lookup" in routes and "/timeline/{id}/{id}" in routes

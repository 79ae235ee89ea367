"""`kg search`: full-text search of events' evidence sentences, article titles and entity
names, on either backend, as a table or as the API's JSON (GET /search)."""

from __future__ import annotations

import typer

from cli.common import Backend, OutputFormat, print_table
from cli.query_cmd import BACKEND, FORMAT, emit, opened_queries
from kg.queries.search_hits import MAX_LIMIT, MAX_OFFSET
from kg.queries.search_models import SearchHit


def _where(hit: SearchHit) -> str:
    """What opens the hit: an event's pair (kg timeline A B), an entity's code, a URL."""
    if hit.kind == "event":
        return " ".join(hit.participants[:2])
    return hit.code or hit.url or hit.iri


def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Words to find: 'Korean War', ceasefire."),
    limit: int = typer.Option(20, "--limit", min=1, max=MAX_LIMIT, help="Most hits."),
    offset: int = typer.Option(0, "--offset", min=0, max=MAX_OFFSET, help="Hits to skip."),
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """Events by their evidence sentences, articles by title, entities by name or alias:
    every word in one text, any form of it ('ceasefire' finds 'ceasefires')."""
    with opened_queries(ctx, backend) as q:
        found = q.search(text, limit, offset)
    if emit(fmt, found):
        return
    rows = [[h.kind, h.date or h.type or "", h.label, _where(h), h.snippet] for h in found.hits]
    shown = f"{offset + 1}-{offset + len(found.hits)} of {found.total}" if found.hits else "none"
    title = f"Search {' '.join(found.words)!r}: {shown}"
    print_table(title, ["kind", "date", "what", "opens", "matched text"], rows)


def register(app: typer.Typer) -> None:
    app.command("search")(search)

"""`kg neo4j start|stop|status`: the local Neo4j 5.26 (placeholder until the launcher lands)."""

from __future__ import annotations

import typer

neo4j_app = typer.Typer(
    help="The local Neo4j 5.26 server (no Docker needed).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")

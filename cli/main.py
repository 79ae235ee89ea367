"""Entry point of the `kg` command: global options, then one sub-module per capability."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.markup import escape

from cli import common
from kg.settings import get_settings

app = typer.Typer(
    name="kg",
    help="geokg: a knowledge graph of states, leaders, alliances and dated events from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    store: Path | None = typer.Option(
        None, "--store", help="Embedded store folder (KG_STORE_PATH)."
    ),
    base_iri: str | None = typer.Option(None, "--base-iri", help="Base IRI (KG_BASE_IRI)."),
    neo4j_uri: str | None = typer.Option(
        None, "--neo4j-uri", help="Neo4j Bolt URI (KG_NEO4J_URI)."
    ),
) -> None:
    """Read settings once; the global options override the environment."""
    try:
        ctx.obj = get_settings(store_path=store, base_iri=base_iri, neo4j_uri=neo4j_uri)
    except ValidationError as exc:  # KG_MIN_CONFIDENCE=abc, KG_PARSER=spacy not installed
        raise common.CliError(_settings_problem(exc)) from None


def _settings_problem(exc: ValidationError) -> str:
    """A settings error as one sentence naming the variable: "KG_PARSER: ..."."""
    first = exc.errors()[0]
    name = "KG_" + str(first["loc"][0]).upper() if first["loc"] else "a setting"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{name}: {message} (docs/settings.md)"


# Each capability adds its commands in its own module, so they stay small.
COMMAND_MODULES = (
    "admin_cmd",  # demo
    "store_cmd",  # validate, export, import, sparql, upgrade, warm
    "reference_cmd",  # load-reference, reference-diff
    "query_cmd",  # leaders, alliances, allies, timeline, relations, events
    "search_cmd",  # search
    "cypher_cmd",  # cypher (read-only)
    "extract_cmd",  # extract
    "ingest_cmd",  # ingest, sync
    "retract_cmd",  # retract
    "neo4j_cmd",  # neo4j start|stop|status
    "fuseki_cmd",  # fuseki start|stop|status
    "serve_cmd",  # serve
)


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"cli.{name}":
                continue  # capability not built yet
            raise
        module.register(app)


def run() -> None:
    """Console-script entry point: turn expected failures into one sentence and an exit code."""
    _register()
    try:
        app()
    except common.CliError as exc:
        common.err_console.print(f"[red]error:[/red] {escape(str(exc))}")  # [x] is text
        sys.exit(exc.code)

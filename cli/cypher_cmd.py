"""`kg cypher QUERY [--param NAME=VALUE]`: read-only Cypher against the configured Neo4j."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cli.common import CliError, OutputFormat, print_json, print_table, settings_of
from kg.settings import Settings
from kg.wiring import Neo4jUnavailable, neo4j_driver

if TYPE_CHECKING:  # the driver is imported when a query runs
    from kg.stores.neo4j_readonly import CypherRows


def _parse_param(text: str) -> tuple[str, Any]:
    """NAME=VALUE; VALUE is read as JSON when it parses (numbers, lists), else as a string."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise CliError(f"--param {text!r} is not NAME=VALUE.", code=2)
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return name.strip(), value


def _read_query(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"Cannot read the query file {path}: {exc.strerror}.") from None


def cypher(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="A Cypher query, or @FILE to read it from a file."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE (JSON or text)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
) -> None:
    """Run a read-only Cypher query on Neo4j (writes are refused by Neo4j itself)."""
    settings = settings_of(ctx)
    if not settings.neo4j_uri:
        raise CliError("Neo4j is not configured: set KG_NEO4J_URI (see `kg neo4j start`).")
    if query.startswith("@"):
        query = _read_query(query[1:])
    found = _run(settings, query, dict(_parse_param(p) for p in param))
    if fmt == OutputFormat.json:
        print_json({"columns": found.columns, "rows": found.rows, "truncated": found.truncated})
        return
    rows = [[json.dumps(r.get(c), default=str) for c in found.columns] for r in found.rows]
    print_table("Cypher", found.columns, rows)


def _run(settings: Settings, query: str, params: dict[str, Any]) -> CypherRows:
    """The query's answer from a read-only session, within the settings' limits; a refusal
    or an unreachable Neo4j as one sentence."""
    from kg.stores.neo4j_readonly import CypherError, run_read_only

    try:
        driver = neo4j_driver(settings)
    except Neo4jUnavailable as exc:
        raise CliError(str(exc)) from None
    try:
        limits = (settings.cypher_timeout, settings.cypher_limit, settings.neo4j_database)
        return run_read_only(driver, query, params, *limits)
    except CypherError as exc:
        raise CliError(str(exc), code=1) from None
    finally:
        driver.close()


def register(app: typer.Typer) -> None:
    app.command("cypher")(cypher)

"""Helpers shared by the CLI modules: consoles, errors, output formats."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from kg.settings import Settings

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


class CliError(Exception):
    """An expected failure: printed as one sentence, exit code `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Backend(StrEnum):
    sparql = "sparql"
    neo4j = "neo4j"


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings object the main callback stored on the context."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return settings


def print_json(data: Any) -> None:
    """Print JSON exactly (no rich markup), so scripts can parse it."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Print rows as a rich table; an empty result says so."""
    if not rows:
        console.print(f"{title}: nothing found.")
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)

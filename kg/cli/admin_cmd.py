"""Commands that set the project up: `kg demo` (grows as capabilities land)."""

from __future__ import annotations

import typer

from kg.cli.common import console, settings_of


def demo(ctx: typer.Context) -> None:
    """Set up the embedded store and show what geokg can do."""
    settings = settings_of(ctx)
    settings.store_path.mkdir(parents=True, exist_ok=True)
    console.print(f"Embedded store ready at {settings.store_path.resolve()}")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)

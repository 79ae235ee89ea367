"""`kg demo`: the embedded store with reference data and the bundled demo articles, the
China-North Korea timeline, then the API."""

from __future__ import annotations

from pathlib import Path

import typer

import kg
from cli.common import CliError, console, print_table, settings_of
from cli.query_cmd import EVENT_COLUMNS, event_rows
from kg import wiring
from kg.queries.cached_queries import record_queries
from kg.reference import load_reference
from kg.stores.base import StoreError
from kg.stores.server_note import announced, base_url
from loaders.sources import iter_articles

DEMO_DIR = Path(kg.__file__).resolve().parent / "demo"  # package data of kg


def demo(
    ctx: typer.Context,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Start the API afterwards."),
) -> None:
    """Load reference data and the demo articles, print the CHN-PRK timeline, serve the API."""
    settings = settings_of(ctx)
    try:
        with wiring.open_store(settings) as store:
            loaded = load_reference(store, settings)
            console.print(f"Reference data: {loaded.triples} triples in {loaded.seconds:.1f} s")
            service = wiring.ingest_service(settings, store)
            summary = service.write(iter_articles([str(DEMO_DIR)])).summary
            console.print(
                f"Demo articles: {summary.articles} ingested, {summary.events} events "
                f"({summary.corroborated_events} corroborated), {len(summary.rejected)} rejected"
            )
            service.refresh_record_cache(None)  # the pairs the articles changed
            events = record_queries(store).timeline("CHN", "PRK")
            print_table("Timeline CHN-PRK", EVENT_COLUMNS, event_rows(events))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    where = settings.record_url or settings.store_path.resolve()
    console.print(f"{'Record server' if settings.record_url else 'Embedded store'}: {where}")
    if serve:
        _serve(settings.host, settings.port, ctx)


def _serve(host: str, port: int, ctx: typer.Context) -> None:
    from api.server import run
    from cli.serve_cmd import export_settings

    settings = settings_of(ctx)
    export_settings(settings, read_only=False)
    console.print(
        f"API on http://{host}:{port}/ (OpenAPI at /docs); Ctrl-C stops it. Meanwhile "
        "`kg timeline CHN PRK` and the other query commands, run from here, ask it."
    )
    with announced(wiring.record_folder(settings), base_url(host, port), read_only=False):
        run(host, port, workers=1, access_log=False, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)

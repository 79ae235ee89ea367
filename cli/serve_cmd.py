"""`kg serve`: the HTTP API under uvicorn, built in each worker by `api.main:app_from_env`."""

from __future__ import annotations

import os

import typer

from cli.common import CliError, console, settings_of
from kg import wiring
from kg.settings import Settings
from kg.stores.base import StoreError
from kg.stores.server_note import announced, base_url


def export_settings(settings: Settings, read_only: bool) -> None:
    """Hand the settings the global options changed to the API's processes (built from the
    environment by api.main:app_from_env)."""
    os.environ["KG_STORE_PATH"] = str(settings.store_path.resolve())
    os.environ["KG_BASE_IRI"] = settings.base_iri
    if settings.neo4j_uri:
        os.environ["KG_NEO4J_URI"] = settings.neo4j_uri
    os.environ["KG_API_READ_ONLY"] = "1" if read_only else "0"


def _check_store(settings: Settings, read_only: bool) -> None:
    """Fail now, in one sentence, rather than in every worker's start-up."""
    if read_only and not settings.record_url:
        if not (settings.store_path / "CURRENT").exists():
            raise CliError(
                f"There is no store at {settings.store_path} to serve read-only; "
                "run `kg load-reference` (or `kg ingest`) first."
            )
        return
    opener = wiring.open_read_only_store if read_only else wiring.open_store
    try:
        opener(settings).close()
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _say_serving(settings: Settings, url: str, workers: int, read_only: bool) -> None:
    mode = "read-only" if read_only else "read-write"
    console.print(
        f"API on {url} (OpenAPI at /docs), {workers} worker(s), store "
        f"{wiring.record_name(settings)} {mode}; Ctrl-C stops it."
    )
    if read_only and settings.api_key:
        console.print("POST /articles answers 503 while the store is open read-only.")


def serve(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host", help="Address to listen on (KG_HOST)."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on (KG_PORT)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
    read_only: bool = typer.Option(
        False,
        "--read-only",
        help="Open the store read-only (implied by --workers > 1); POST /articles then "
        "answers 503.",
    ),
    access_log: bool = typer.Option(True, "--access-log/--no-access-log", help="Log requests."),
) -> None:
    """Serve the HTTP API (OpenAPI at /docs, web UI at /)."""
    settings = settings_of(ctx)
    read_only = read_only or workers > 1
    _check_store(settings, read_only)
    export_settings(settings, read_only)
    host, port = host or settings.host, port or settings.port
    _say_serving(settings, f"http://{host}:{port}/", workers, read_only)
    from api.server import run

    # The note lets `kg timeline` and the other read commands ask this server meanwhile.
    with announced(wiring.record_folder(settings), base_url(host, port), read_only):
        run(host, port, workers, access_log)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)

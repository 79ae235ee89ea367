"""`kg fuseki start|stop|status|build`: a local Apache Jena Fuseki 5.6 to hold the record on
a SPARQL server (KG_RECORD_URL), no Docker needed; port, heap and data folder come from
settings (KG_FUSEKI_* variables)."""

from __future__ import annotations

import typer

from cli.common import CliError, console, settings_of
from kg import fuseki_server as server

fuseki_app = typer.Typer(
    help="A local Apache Jena Fuseki (a SPARQL server for the record).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(fuseki_app, name="fuseki")


@fuseki_app.command()
def build() -> None:
    """Fetch Fuseki with Maven (the first run downloads it from Maven Central; then cached)."""
    try:
        path = server.build()
    except server.FusekiError as exc:
        raise CliError(str(exc)) from None
    console.print(f"Fuseki fetched in {path}")


@fuseki_app.command()
def start(
    ctx: typer.Context,
    timeout: float = typer.Option(120.0, help="Seconds to wait for Fuseki to answer."),
    fast_start: bool = typer.Option(
        False, "--fast-start", help="C1 JIT only: starts faster, runs heavy queries slower."
    ),
) -> None:
    """Start Fuseki in the background (fetching it first if needed) and wait for it."""
    settings = settings_of(ctx)
    was_running = server.status(settings).running
    try:
        opts = server.FAST_START_JVM_FLAGS if fast_start else ()
        state = server.start(settings, timeout=timeout, java_opts=opts)
    except server.FusekiError as exc:
        raise CliError(str(exc)) from None
    verb = "already running" if was_running else "started"
    console.print(f"Fuseki {verb} (pid {state.pid}), data in {state.home}")
    console.print(f"  Dataset: {state.dataset_url}  (export KG_RECORD_URL={state.dataset_url})")
    console.print(f"  Log:     {state.log_file}")


@fuseki_app.command()
def stop(ctx: typer.Context) -> None:
    """Stop the Fuseki this data folder runs (SIGTERM; SIGKILL as last resort)."""
    settings = settings_of(ctx)
    verb = "stopped" if server.stop(settings) else "was not running"
    console.print(f"Fuseki {verb} ({settings.fuseki_home.resolve()}).")


@fuseki_app.command()
def status(ctx: typer.Context) -> None:
    """Say whether the local Fuseki runs, and where; exit code 1 when it does not."""
    state = server.status(settings_of(ctx))
    if not state.running:
        console.print(f"Fuseki is not running (data folder {state.home}).")
        raise typer.Exit(code=1)
    console.print(f"Fuseki running (pid {state.pid}), data in {state.home}")
    console.print(f"  Dataset: {state.dataset_url}")

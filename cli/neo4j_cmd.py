"""`kg neo4j start|stop|status|build`: the local Neo4j 5.26 launcher (no Docker needed).

Ports, heap, page cache, password and data folder come from settings (KG_NEO4J_* variables).
"""

from __future__ import annotations

import typer

from cli.common import CliError, console, settings_of
from kg import neo4j_server as server
from kg.settings import Settings

neo4j_app = typer.Typer(
    help="The local Neo4j 5.26 server (no Docker needed).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")


def _version(settings: Settings, bolt_uri: str) -> str:
    """The version the running server at `bolt_uri` reports over Bolt."""
    from kg.stores.neo4j_connection import server_version
    from kg.wiring import Neo4jUnavailable, neo4j_driver

    try:
        driver = neo4j_driver(settings.model_copy(update={"neo4j_uri": bolt_uri}))
    except Neo4jUnavailable as exc:
        user = settings.neo4j_user
        raise CliError(f"Neo4j runs but does not let {user!r} in: {exc}") from None
    try:
        return server_version(driver)
    finally:
        driver.close()


@neo4j_app.command()
def build() -> None:
    """Build the launcher with Maven (first run downloads Neo4j from Maven Central; then cached)."""
    try:
        path = server.build()
    except server.LauncherError as exc:
        raise CliError(str(exc)) from None
    console.print(f"Neo4j launcher built in {path}")


@neo4j_app.command()
def start(
    ctx: typer.Context,
    timeout: float = typer.Option(180.0, help="Seconds to wait for Bolt to answer."),
    fast_start: bool = typer.Option(
        False,
        "--fast-start",
        help="C1 JIT only: starts about twice as fast, runs heavy queries slower.",
    ),
) -> None:
    """Start Neo4j in the background (builds the launcher first if needed) and wait for Bolt."""
    settings = settings_of(ctx)
    was_running = server.status(settings).running
    try:
        opts = server.FAST_START_JVM_FLAGS if fast_start else ()
        state = server.start(settings, timeout=timeout, java_opts=opts)
    except server.LauncherError as exc:
        raise CliError(str(exc)) from None
    version = _version(settings, state.bolt_uri)
    verb = "already running" if was_running else "started"
    console.print(f"Neo4j {version} {verb} (pid {state.pid}), data in {state.home}")
    console.print(f"  Bolt:    {state.bolt_uri}  (user {settings.neo4j_user})")
    console.print(f"  Browser: {state.http_uri}")
    console.print(f"  Log:     {state.log_file}")


@neo4j_app.command()
def stop(ctx: typer.Context) -> None:
    """Stop the Neo4j this data folder runs (SIGTERM, clean shutdown; SIGKILL as last resort)."""
    settings = settings_of(ctx)
    if server.stop(settings):
        console.print(f"Neo4j stopped ({settings.neo4j_home.resolve()}).")
    else:
        console.print(f"Neo4j was not running ({settings.neo4j_home.resolve()}).")


@neo4j_app.command()
def status(ctx: typer.Context) -> None:
    """Say whether the local Neo4j runs, and where; exit code 1 when it does not."""
    state = server.status(settings_of(ctx))
    if not state.running:
        console.print(f"Neo4j is not running (data folder {state.home}).")
        raise typer.Exit(code=1)
    console.print(f"Neo4j running (pid {state.pid}), data in {state.home}")
    console.print(f"  Bolt:    {state.bolt_uri}")
    console.print(f"  Browser: {state.http_uri}")

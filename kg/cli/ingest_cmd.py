"""`kg ingest` (articles into the record, then Neo4j when configured) and `kg sync`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kg.backends import open_store
from kg.cli.common import CliError, console, print_json, settings_of
from kg.cli.store_cmd import cli_errors
from kg.ingest import ArticleReport, IngestSummary, ingest_all
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.timeline_warm import warm_neo4j_timelines, warm_timelines
from kg.settings import Settings
from kg.stores.base import RecordStore
from kg.sync import SyncReport, sync
from loaders.sources import iter_articles

if TYPE_CHECKING:  # the embedded path must not import the Neo4j driver
    from kg.stores.neo4j_store import Neo4jProjection

WARM_SECONDS = 2.0  # the least time ingest spends reading changed pair timelines again


@contextmanager
def _projection(settings: Settings) -> Iterator[Neo4jProjection | None]:
    """A Neo4jProjection when KG_NEO4J_URI is set, else None; the driver is closed after."""
    if not settings.neo4j_uri:
        yield None
        return
    from kg.stores.neo4j_connection import connect
    from kg.stores.neo4j_store import Neo4jProjection

    try:
        driver = connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    except Exception as exc:  # the driver's own errors name the cause
        raise CliError(f"Cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from None
    try:
        yield Neo4jProjection(driver)
    finally:
        driver.close()


def _sync(
    store: RecordStore, settings: Settings, rebuild: bool, started: float
) -> SyncReport | None:
    """Project what the record holds that Neo4j lacks, then read again the pair timelines
    Neo4j kept that the writes made stale, for at most a quarter of the time since `started`
    (the rest on first use)."""
    with _projection(settings) as projection:
        if projection is None:
            return None
        from kg.queries.cypher_queries import CypherQueries
        from kg.stores.neo4j_store import PROJECTION_ERRORS, projection_error_text

        try:
            report = sync(store, projection, rebuild=rebuild)
        except PROJECTION_ERRORS as exc:
            raise CliError(projection_error_text(exc)) from None
        if settings.timeline_cache:
            budget = max(WARM_SECONDS, 0.25 * (time.perf_counter() - started))
            try:
                warm_neo4j_timelines(
                    CypherQueries(projection.driver), every=False, most_seconds=budget
                )
            except PROJECTION_ERRORS as exc:  # costs only speed: read on first use
                console.print(f"[yellow]warning[/yellow] {projection_error_text(exc)}")
        return report


def _print_summary(
    summary: IngestSummary, seconds: float, synced: SyncReport | None, sync_seconds: float
) -> None:
    """The articles' figures (rate over reading, extracting and writing the record), then
    Neo4j's with its own time: a first sync also projects the reference data."""
    rate = summary.articles / seconds if seconds > 0 else 0.0
    console.print(
        f"{summary.articles} articles ({summary.new} new, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged) in {seconds:.1f} s ({rate:.1f} articles/s); "
        f"{summary.events} events: {summary.new_events} new, "
        f"{summary.corroborated_events} corroborated by another article"
        + (
            f", {summary.known_events} recorded before from the same article."
            if summary.known_events
            else "."
        )
    )
    if synced is not None:
        console.print(
            f"Neo4j: {len(synced.projected)} graphs projected, {len(synced.dropped)} dropped, "
            f"{len(synced.unchanged)} already up to date, in {sync_seconds:.1f} s."
        )
    for source, reason in summary.rejected:
        console.print(f"[yellow]rejected[/yellow] {source}: {reason}")


def ingest(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, globs or http(s) URLs."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per article."),
) -> None:
    """Load, extract, validate and store articles; project them into Neo4j when configured."""
    settings = settings_of(ctx)
    started = time.perf_counter()
    with cli_errors(), open_store(settings) as store:
        summary = _run_ingest(store, settings, inputs, quiet=as_json, verbose=verbose)
        # The pairs it changed, read again, for at most a quarter of the time it took (a
        # large batch into a large store could change every pair): the rest on first use.
        budget = max(WARM_SECONDS, 0.25 * (time.perf_counter() - started))
        warm_timelines(SparqlQueries(store), every=False, most_seconds=budget)
        ingested = time.perf_counter()
        synced = _sync(store, settings, rebuild=False, started=started)
    ingest_s, sync_s = ingested - started, time.perf_counter() - ingested
    if as_json:
        times = {"seconds": round(ingest_s + sync_s, 3), "neo4j_seconds": round(sync_s, 3)}
        print_json({**summary.__dict__, **times})
    else:
        _print_summary(summary, ingest_s, synced, sync_s)
    if summary.articles == 0 and summary.rejected:
        raise typer.Exit(1)


def _describe(outcome: ArticleReport | tuple[str, str]) -> str:
    if isinstance(outcome, tuple):
        return f"rejected {outcome[0]}: {outcome[1]}"
    article = outcome.extraction.article
    return (
        f"{outcome.status} {article.url or article.source or outcome.article_id} -> "
        f"{outcome.article_iri} ({outcome.events} events, "
        f"{outcome.corroborated_events} corroborated)"
    )


def _run_ingest(
    store: RecordStore, settings: Settings, inputs: list[str], quiet: bool, verbose: bool
) -> IngestSummary:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
    )
    with Progress(*columns, TimeElapsedColumn(), console=console, disable=quiet) as bar:
        task = bar.add_task("ingesting", total=None)

        def tick(outcome: ArticleReport | tuple[str, str]) -> None:
            bar.advance(task)
            rate = bar.tasks[0].completed / max(bar.tasks[0].elapsed or 1e-9, 1e-9)
            bar.update(task, description=f"ingesting ({rate:.1f} articles/s)")
            if verbose:
                bar.console.print(_describe(outcome), markup=False, highlight=False, soft_wrap=True)

        return ingest_all(iter_articles(inputs), store, settings.base_iri, on_article=tick)


def sync_command(
    ctx: typer.Context,
    rebuild: bool = typer.Option(False, "--rebuild", help="Clear Neo4j and project everything."),
) -> None:
    """Bring Neo4j up to date with the RDF store of record."""
    settings = settings_of(ctx)
    if not settings.neo4j_uri:
        raise CliError("Neo4j is not configured: set KG_NEO4J_URI (see `kg neo4j start`).")
    started = time.perf_counter()
    with cli_errors(), open_store(settings) as store:
        report = _sync(store, settings, rebuild, started)
    assert report is not None
    console.print(
        f"{len(report.projected)} graphs projected ({report.triples} triples), "
        f"{len(report.dropped)} dropped, {len(report.unchanged)} unchanged."
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("sync")(sync_command)

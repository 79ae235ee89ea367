"""`kg ingest` (articles into the record, then Neo4j when configured) and `kg sync`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import CliError, console, print_json, settings_of
from cli.ingest_engine import READ_HERE, SCHEDULER, map_engine
from cli.store_cmd import cli_errors
from kg import wiring
from kg.ingest import ArticleReport, IngestSummary, WorkerDied
from kg.ingest_workers import Engine, available_cores
from kg.services.ingest import IngestResult, IngestService, ProjectionFailed
from kg.settings import Settings
from kg.sync import SyncReport
from loaders.sources import iter_inputs

if TYPE_CHECKING:  # the embedded path must not import the Neo4j driver
    from kg.stores.neo4j_store import Neo4jProjection


@contextmanager
def opened_service(settings: Settings) -> Iterator[IngestService]:
    """The ingest use case on the settings' store and Neo4j (when configured)."""
    with cli_errors(), wiring.open_store(settings) as store, _neo4j(settings) as projection:
        yield wiring.ingest_service(settings, store, projection)


@contextmanager
def _neo4j(settings: Settings) -> Iterator[Neo4jProjection | None]:
    """The projection, if any; a Neo4j that cannot be reached, or refuses the projection,
    is one sentence (exit code 2)."""
    try:
        with wiring.opened_projection(settings) as projection:
            yield projection
    except (wiring.Neo4jUnavailable, ProjectionFailed) as exc:
        raise CliError(str(exc)) from None


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


JOBS = typer.Option(
    None,
    "--jobs",
    "-j",
    min=1,
    help="Worker processes that load and extract (default: the number of cores); one "
    "process writes, in input order, so the record is the same for any number.",
)


def ingest(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, globs or http(s) URLs."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per article."),
    jobs: int | None = JOBS,
    scheduler: str | None = SCHEDULER,
    read_here: bool = READ_HERE,
) -> None:
    """Load, extract, validate and store articles; project them into Neo4j when configured."""
    settings = settings_of(ctx)
    started = time.perf_counter()
    run = _Run(jobs or available_cores(), started, quiet=as_json, verbose=verbose)
    with map_engine(scheduler, jobs, read_here) as engine, opened_service(settings) as service:
        result = _run_ingest(service, inputs, run, engine)
    summary = result.summary
    for warning in result.warnings:  # what cost only speed (pairs read on first use)
        console.print(f"[yellow]warning[/yellow] {warning}")
    if as_json:
        seconds = result.record_seconds + result.neo4j_seconds
        times = {"seconds": round(seconds, 3), "neo4j_seconds": round(result.neo4j_seconds, 3)}
        print_json({**summary.__dict__, **times})
    else:
        _print_summary(summary, result.record_seconds, result.synced, result.neo4j_seconds)
    if summary.articles == 0 and summary.rejected:
        raise typer.Exit(1)


def _describe(outcome: ArticleReport | tuple[str, str]) -> str:
    if isinstance(outcome, tuple):
        return f"rejected {outcome[0]}: {outcome[1]}"
    article = outcome.extraction.article if outcome.extraction else None
    shown = (article.url or article.source) if article else None
    return (
        f"{outcome.status} {shown or outcome.article_id} -> "
        f"{outcome.article_iri} ({outcome.events} events, "
        f"{outcome.corroborated_events} corroborated)"
    )


@dataclass(frozen=True)
class _Run:
    jobs: int
    started: float
    quiet: bool
    verbose: bool


def _run_ingest(
    service: IngestService, inputs: list[str], run: _Run, engine: Engine | None
) -> IngestResult:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
    )
    with Progress(*columns, TimeElapsedColumn(), console=console, disable=run.quiet) as bar:
        task = bar.add_task("ingesting", total=None)

        def tick(outcome: ArticleReport | tuple[str, str]) -> None:
            bar.advance(task)
            rate = bar.tasks[0].completed / max(bar.tasks[0].elapsed or 1e-9, 1e-9)
            bar.update(task, description=f"ingesting ({rate:.1f} articles/s)")
            if run.verbose:
                bar.console.print(_describe(outcome), markup=False, highlight=False, soft_wrap=True)

        try:
            return service.ingest(iter_inputs(inputs), tick, run.started, run.jobs, engine)
        except WorkerDied as exc:
            raise CliError(str(exc)) from None
        except ProjectionFailed as exc:  # the record holds the run: say so before the error
            if exc.result is not None and not run.quiet:
                _print_summary(exc.result.summary, exc.result.record_seconds, None, 0.0)
            raise CliError(str(exc)) from None


def sync_command(
    ctx: typer.Context,
    rebuild: bool = typer.Option(False, "--rebuild", help="Clear Neo4j and project everything."),
) -> None:
    """Bring Neo4j up to date with the RDF store of record."""
    settings = settings_of(ctx)
    if not settings.neo4j_uri:
        raise CliError("Neo4j is not configured: set KG_NEO4J_URI (see `kg neo4j start`).")
    started = time.perf_counter()
    with opened_service(settings) as service:
        report, warnings = service.sync(rebuild, started)
    for warning in warnings:
        console.print(f"[yellow]warning[/yellow] {warning}")
    console.print(
        f"{len(report.projected)} graphs projected ({report.triples} triples), "
        f"{len(report.dropped)} dropped, {len(report.unchanged)} unchanged."
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("sync")(sync_command)

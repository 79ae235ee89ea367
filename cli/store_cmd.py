"""Commands on the store of record: `kg validate`, `kg export`, `kg import`, `kg sparql`,
`kg upgrade` and `kg warm` (`kg load-reference` is in cli/reference_cmd.py)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer

from cli.common import Backend, CliError, console, err_console, print_table, settings_of
from cli.sparql_answer import sparql_answer
from kg.queries.timeline_warm import (
    NEO4J_WORKERS,
    WarmReport,
    warm_neo4j_timelines,
    warm_timelines,
)
from kg.stores.base import (
    RDF_FORMATS,
    QueryResult,
    RecordStore,
    RecordUnavailable,
    StoreError,
    StoreFormatError,
)
from kg.stores.sparql_endpoint_store import SparqlEndpointStore
from kg.stores.sparql_guard import MAX_NESTING, NESTING_TEXT, nesting
from kg.upgrade import upgrade
from kg.wiring import BackendError, open_queries, open_reader, open_store

SHOWN_VIOLATIONS = 10
CACHE_OFF = "The timeline cache is off (KG_TIMELINE_CACHE=false): nothing to fill."


class ExportFormat(StrEnum):
    nq = "nq"
    trig = "trig"
    ttl = "ttl"
    jsonld = "jsonld"


class SparqlFormat(StrEnum):
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"
    turtle = "turtle"
    table = "table"


@contextmanager
def cli_errors() -> Iterator[None]:
    """Store and backend failures as CliError: one sentence; bad input and a record server
    that does not answer (as an unreachable Neo4j) exit 2, else 1."""
    try:
        yield
    except (
        StoreFormatError,
        RecordUnavailable,
    ) as exc:  # a parser's message may span lines: one sentence
        raise CliError(" ".join(str(exc).split()), code=2) from None
    except (StoreError, BackendError) as exc:
        raise CliError(" ".join(str(exc).split()), code=1) from None


@contextmanager
def opened_store(ctx: typer.Context, reading: bool = False) -> Iterator[RecordStore]:
    """The store of the settings (for `reading`, perhaps the endpoint of the server holding
    it), closed afterwards, with failures turned into CliError."""
    with cli_errors():
        settings = settings_of(ctx)
        store = open_reader(settings) if reading else open_store(settings)
        if isinstance(store, SparqlEndpointStore):
            err_console.print(f"Asking {store.url}: a running `kg serve` holds the store.")
        try:
            yield store
        finally:
            store.close()


def validate_cmd(ctx: typer.Context) -> None:
    """Check the whole store (the union of its graphs) against the SHACL shapes."""
    from ontology.shacl import validate

    with opened_store(ctx, reading=True) as store:
        graph = store.to_graph()
    results = validate(graph)
    violations = [v for v in results if v.severity == "Violation"]
    others = len(results) - len(violations)
    console.print(
        f"{len(violations)} SHACL violations and {others} warnings in {len(graph)} triples.",
        highlight=False,
    )
    for v in results[:SHOWN_VIOLATIONS]:
        console.print(f"  {v.severity}: {v}", highlight=False, markup=False, soft_wrap=True)
    if len(results) > SHOWN_VIOLATIONS:
        console.print(f"  ... and {len(results) - SHOWN_VIOLATIONS} more.")
    if violations:
        raise typer.Exit(1)


def export_cmd(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(ExportFormat.nq, "--format", help="RDF format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File (default: stdout)."),
    graph: str | None = typer.Option(None, "--graph", help="Only this named graph."),
) -> None:
    """Write the store (every named graph; ttl: their union) as RDF."""
    with opened_store(ctx) as store:
        data = store.export(fmt.value, graph)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        console.print(f"Wrote {len(data)} bytes of {fmt.value} to {output}.", highlight=False)


def _format_of(path: Path, fmt: str | None) -> str:
    name = fmt or path.suffix.lstrip(".").lower()
    name = {"nquads": "nq", "json": "jsonld", "turtle": "ttl"}.get(name, name)
    if name not in RDF_FORMATS:
        raise CliError(
            f"Cannot tell the RDF format of {path}; give --format ({', '.join(RDF_FORMATS)})."
        )
    return name


def import_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="An RDF file: .nq, .trig, .jsonld, .ttl or .nt."),
    fmt: str | None = typer.Option(None, "--format", help="Override the format."),
    graph: str | None = typer.Option(None, "--graph", help="Graph for triples outside one."),
) -> None:
    """Load RDF; each named graph in the file replaces the store's graph of that name."""
    if not file.is_file():
        raise CliError(f"{file} is not a readable file.")
    name = _format_of(file, fmt)
    with opened_store(ctx) as store:
        written = store.import_data(file.read_bytes(), name, graph)
        total = store.count()
    console.print(
        f"Imported {len(written)} graphs from {file}; the store holds {total} quads.",
        highlight=False,
    )


def _query_text(query: str) -> str:
    if not query.startswith("@"):
        return query
    path = Path(query[1:])
    if not path.is_file():
        raise CliError(f"{path} is not a readable query file.")
    return path.read_text(encoding="utf-8")


def _print_result_table(result: QueryResult) -> None:
    if result.kind == "ask":
        typer.echo("true" if result.boolean else "false")
    elif result.kind == "graph":
        assert result.graph is not None
        rows = [[s.n3(), p.n3(), o.n3()] for s, p, o in sorted(result.graph)]
        print_table("Triples", ["subject", "predicate", "object"], rows)
    else:
        rows = [[str(r[v]) if v in r else "" for v in result.variables] for r in result.rows]
        print_table(f"{len(rows)} rows", result.variables, rows)


def sparql_cmd(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="A SPARQL query, or @FILE to read one."),
    fmt: SparqlFormat = typer.Option(SparqlFormat.json, "--format", help="Output format."),
    timeout: float | None = typer.Option(
        None,
        "--timeout",
        min=0,
        help="Seconds before the query is stopped (default: KG_SPARQL_TIMEOUT; 0: no limit).",
    ),
) -> None:
    """Run a read-only SPARQL query over the union of all graphs."""
    text = _query_text(query)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in argv arrive as lone surrogates
        raise CliError("The query is not UTF-8 text.", code=2) from None
    if nesting(text) > MAX_NESTING:  # the store refuses it too; say it before opening it
        raise CliError(NESTING_TEXT)
    settings = settings_of(ctx)
    seconds = settings.sparql_timeout if timeout is None else timeout
    with opened_store(ctx, reading=True) as store:
        answer = sparql_answer(store, text, fmt.value, seconds, settings.sparql_memory_mb)
    if isinstance(answer, QueryResult):
        _print_result_table(answer)
        return
    sys.stdout.buffer.write(answer if answer.endswith(b"\n") else answer + b"\n")
    sys.stdout.flush()


def upgrade_cmd(ctx: typer.Context) -> None:
    """Add the dyads and refinement graphs ingest now derives to old or imported graphs."""
    # `kg sync` then carries them to Neo4j (docs/data-model.md, "Dyads" and "Refinements").
    with opened_store(ctx) as store, cli_errors():
        report = upgrade(store)
    if not report.graphs and not report.refinements:
        console.print("The store is up to date: nothing to upgrade.")
        return
    console.print(
        f"Upgraded {len(report.graphs)} graphs: {report.events} events got their dyads; "
        f"{len(report.refinements)} refinement graphs written or dropped. "
        "Run `kg sync` to bring Neo4j along, and `kg warm` to fill the timeline cache again."
    )


def _warm(
    ctx: typer.Context, backend: Backend, workers: int, progress: Callable[[int, int], None]
) -> WarmReport:
    """Fill one backend's timeline cache; a store with the cache off is a CLI error."""
    from kg.queries.cached_queries import CachedQueries, record_queries

    if backend == Backend.neo4j:
        if not settings_of(ctx).timeline_cache:
            raise CliError(CACHE_OFF, code=1)
        queries = open_queries(settings_of(ctx), "neo4j")
        assert isinstance(queries, CachedQueries)
        try:
            return warm_neo4j_timelines(queries, progress=progress, workers=workers)
        finally:
            queries.close()
    with opened_store(ctx) as store:
        cached = record_queries(store)
        if not isinstance(cached, CachedQueries):
            raise CliError(CACHE_OFF, code=1)
        return warm_timelines(cached, progress=progress)


def warm_cmd(
    ctx: typer.Context,
    backend: Backend = typer.Option(Backend.sparql, "--backend", help="Whose cache to fill."),
    workers: int = typer.Option(
        NEO4J_WORKERS, "--workers", min=1, max=32, help="Neo4j: pairs read at a time."
    ),
) -> None:
    """Read every pair's timeline into the timeline cache, so each answers in a millisecond."""
    from rich.progress import Progress

    started = time.perf_counter()
    with cli_errors(), Progress(console=console) as bar:
        task = bar.add_task("reading pair timelines", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = _warm(ctx, backend, workers, progress)
    where = "Neo4j" if backend == Backend.neo4j else "the record"
    console.print(
        f"{report.pairs} pairs: {report.read} read from {where} into the timeline cache, "
        f"{report.pairs - report.read} kept already ({time.perf_counter() - started:.1f} s)."
    )
    if not report.complete:
        raise CliError("A write came while the pairs were read: run `kg warm` again.", code=1)
    console.print("Every pair's timeline now answers from the cache; writes keep it so.")


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_cmd)
    app.command("export")(export_cmd)
    app.command("import")(import_cmd)
    app.command("sparql")(sparql_cmd)
    app.command("upgrade")(upgrade_cmd)
    app.command("warm")(warm_cmd)

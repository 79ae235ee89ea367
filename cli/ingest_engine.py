"""`kg ingest --scheduler tcp://HOST:8786`: the map engine that prepares the articles on a
Dask cluster (kg.ingest_dask), connected before the store is opened, or None for `--jobs`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import typer

from cli.common import CliError
from kg.ingest_workers import Engine

SCHEDULER = typer.Option(
    None,
    "--scheduler",
    metavar="tcp://HOST:8786",
    help="A Dask scheduler: its workers load and extract (pip install 'geokg\\[dask]'); "
    "this process writes, in input order, so the record is the one --jobs writes.",
)
READ_HERE = typer.Option(
    False,
    "--read-here",
    help="With --scheduler: read the files here and send their articles, for workers "
    "that do not see the inputs at the same paths.",
)


@contextmanager
def map_engine(scheduler: str | None, jobs: int | None, read_here: bool) -> Iterator[Engine | None]:
    """The cluster's engine while the ingest runs (None: `--jobs`); a scheduler that cannot
    be reached, or Dask missing, is one sentence (exit code 2)."""
    if scheduler is None:
        yield None
        return
    if jobs is not None:
        raise CliError("--jobs and --scheduler do not go together: the cluster's workers extract.")
    from kg.ingest_dask import ClusterUnavailable, on_dask

    with ExitStack() as stack:
        try:
            engine = stack.enter_context(on_dask(scheduler, read_on_workers=not read_here))
        except ClusterUnavailable as exc:
            raise CliError(str(exc)) from None
        yield engine

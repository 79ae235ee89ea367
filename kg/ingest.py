"""The record step of ingest: article -> extraction -> validated triples -> the article's named
graph in the record (or a graph built elsewhere, an ArticleGraph, validated and written the
same way). Preparing an item needs no store (kg.prepare, in worker processes with
`jobs` > 1: kg.ingest_workers); one writer puts them in the record in input order, many new
articles per transaction (kg.ingest_batch), so an interrupted run leaves whole articles
only, and running it again ends with the same store as one clean run. The whole use case
(projection, caches, the report) is kg.services.ingest, which calls this."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from kg.ingest_batch import BatchWriter, Redo, corroborated
from kg.ingest_model import (
    ArticleGraph,
    ArticleReport,
    Extractor,
    IngestSummary,
    Input,
    Item,
    Outcome,
    Rejected,
    Status,
)
from kg.ingest_workers import Engine, WorkerDied, prepared_items
from kg.input_keys import environment
from kg.prepare import Prepared, default_extractor, prepare, prepare_outcome
from kg.stores.base import RecordStore
from kg.stores.record_caches import input_cache
from loaders.article import Article

__all__ = [
    "ArticleGraph",
    "ArticleReport",
    "Extractor",
    "IngestSummary",
    "Input",
    "Item",
    "Outcome",
    "Status",
    "WorkerDied",
    "corroborated",
    "default_extractor",
    "ingest_all",
    "ingest_article",
    "ingest_graph",
]


def _write_one(store: RecordStore, item: Prepared) -> ArticleReport:
    found: list[Outcome] = []
    writer = BatchWriter(store, found.append)
    writer.add(item)
    writer.flush()
    assert isinstance(found[0], ArticleReport)
    return found[0]


def ingest_article(
    article: Article, store: RecordStore, base_iri: str, extractor: Extractor | None = None
) -> ArticleReport:
    """Extract one article and write its named graph, replacing an earlier version of it;
    an identical re-ingest writes nothing. Raises ShaclViolationError or ValueError for a
    graph that does not validate (nothing is written then)."""
    return _write_one(store, prepare(article, base_iri, extractor or default_extractor()))


def ingest_graph(item: ArticleGraph, store: RecordStore, base_iri: str) -> ArticleReport:
    """Validate a ready-made article graph with SHACL and write it as ingest_article does."""
    return _write_one(store, prepare(item, base_iri, default_extractor()))


def _writer(
    store: RecordStore,
    summary: IngestSummary,
    on_article: Callable[[ArticleReport | Rejected], None] | None,
    redo: Redo,
) -> BatchWriter:
    """The run's writer: each outcome counted in `summary`, then handed to `on_article`."""

    def emit(outcome: Outcome) -> None:
        summary.count(outcome)
        if on_article:
            on_article(outcome)

    return BatchWriter(store, emit, redo)


def _known(store: RecordStore, skip_unchanged: bool) -> frozenset[str]:
    """The input keys the store kept (none unless `skip_unchanged`); the fingerprint keys
    need is computed here, before worker processes fork, so they need not."""
    environment()
    cache = input_cache(store) if skip_unchanged else None
    return cache.input_keys() if cache is not None else frozenset()


def ingest_all(
    items: Iterable[Input],
    store: RecordStore,
    base_iri: str,
    on_article: Callable[[ArticleReport | Rejected], None] | None = None,
    extractor: Extractor | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
    skip_unchanged: bool = False,
) -> IngestSummary:
    """Write every article to the record, prepared by `jobs` processes (1: this one) or by
    `engine` (a cluster: kg.ingest_dask); inputs that fail to load or validate are reported,
    not fatal. WorkerDied (one sentence) when a worker dies: what came before it is whole.
    `skip_unchanged`: an article whose input the store knows is not extracted (kg.input_keys)."""
    summary, extract = IngestSummary(), extractor or default_extractor()
    redo = partial(prepare_outcome, base_iri=base_iri, extract=extract)
    writer = _writer(store, summary, on_article, redo)
    known = _known(store, skip_unchanged)
    if engine is None:
        outcomes = prepared_items(items, base_iri, extract, jobs, known)
    else:
        outcomes = engine(items, base_iri, extract, known)
    try:
        for outcome in outcomes:
            writer.add(outcome)
    except WorkerDied:
        writer.flush()  # what came before the failure is written whole
        raise
    writer.flush()
    return summary

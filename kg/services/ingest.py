"""The ingest use case, once for the command line and the HTTP API: write articles (or graphs
a dataset loader built) to the record, project them into Neo4j, keep the timeline caches
current, and report. Pure orchestration: every read and write goes through the objects in
Targets, which kg.wiring builds from the settings.

- `ingest(items)` is `kg ingest`: every article into the record (SHACL-validated, one named
  graph each, replaced exactly; an unchanged article costs a hash check), the pair timelines
  it made stale read again, then Neo4j brought up to date by content hash (so a run killed
  half-way is caught up by the next one), and Neo4j's stale pair timelines read again.
- `ingest_one(item)` is `POST /articles`: one article, then exactly its graphs projected (a
  failed projection is a warning: the next `sync` catches up); `refresh_caches` afterwards.
- `sync(rebuild)` is `kg sync`.

Writes to the record are serialized by the service's lock, so "new" and "unchanged" stay
exact when several callers share one service (the API's request threads)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.ingest import ArticleReport, Extractor, IngestSummary, Input, Item, ingest_all
from kg.ingest_workers import Engine
from kg.stores.base import RecordStore
from kg.stores.record_caches import hashes_of, known_hashes, remember_hashes
from kg.sync import Projection, SyncReport, record_graph, sync

if TYPE_CHECKING:  # the embedded path must not import the Neo4j driver
    from kg.queries.cached_queries import CachedQueries
    from kg.services.retract import RetractResult
    from kg.stores.retractions import Retractions

log = logging.getLogger("geokg.ingest")
# The least time spent reading changed pair timelines again after a write, per store: a
# write that changes a state makes every pair stale, and a pair costs up to 10 ms (record)
# or 50 ms (Neo4j) at 1 M events; what is left is read when first asked for.
WARM_SECONDS = 2.0
Outcome = ArticleReport | tuple[str, str]


class ProjectionFailed(Exception):
    """Neo4j refused or dropped a projection; the message is one sentence (the record keeps
    what was written, graphs already projected are whole, and `kg sync` projects the rest).
    From `ingest`, `result` is what the record step did (so it can still be reported)."""

    result: IngestResult | None = None


@dataclass
class Targets:
    """What ingest writes through: the record, and Neo4j when configured."""

    store: RecordStore
    base_iri: str
    projection: Projection | None = None
    neo4j_queries: CachedQueries | None = None  # over Neo4j's pair timelines; None: not kept
    extractor: Extractor | None = None
    retractions: Retractions | None = None  # retracted article ids; None: not remembered


@dataclass
class IngestResult:
    """What one call did: per-article reports, inputs that failed (with reasons), counts,
    warnings (things that cost only speed or a later `kg sync`), and what Neo4j got."""

    summary: IngestSummary = field(default_factory=IngestSummary)
    reports: list[ArticleReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    synced: SyncReport | None = None  # ingest(): the catch-up sync (None: no Neo4j)
    projected: bool | None = None  # ingest_one(): projected (None: no Neo4j, or unchanged)
    record_seconds: float = 0.0
    neo4j_seconds: float = 0.0

    @property
    def stored(self) -> list[ArticleReport]:
        return [r for r in self.reports if r.status != "unchanged"]

    @property
    def unchanged(self) -> list[ArticleReport]:
        return [r for r in self.reports if r.status == "unchanged"]

    @property
    def failed(self) -> list[tuple[str, str]]:
        return self.summary.rejected

    @property
    def events(self) -> int:
        return self.summary.events

    @property
    def relations(self) -> int:
        return sum(len(r.extraction.relations) for r in self.reports if r.extraction)


def budget(started: float) -> float:
    """Seconds to spend reading stale timelines: a quarter of the time since `started`, and
    WARM_SECONDS at least (a large batch into a large store could change every pair)."""
    return max(WARM_SECONDS, 0.25 * (time.perf_counter() - started))


class IngestService:
    """The ingest use case over one set of targets; see the module's docstring."""

    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self._lock = threading.RLock()  # ingest_one holds it around write

    def write(
        self,
        items: Iterable[Input],
        on_article: Callable[[Outcome], None] | None = None,
        jobs: int = 1,
        engine: Engine | None = None,
        skip_unchanged: bool = False,
    ) -> IngestResult:
        """The record step only: every item into the record, each reported; prepared by
        `jobs` worker processes (kg.ingest_workers) or by `engine` (a cluster:
        kg.ingest_dask), written here. WorkerDied when a worker dies or a task fails.
        `skip_unchanged`: kg.ingest.ingest_all's (reports without extraction)."""
        result = IngestResult()

        def collect(outcome: Outcome) -> None:
            if not isinstance(outcome, tuple):
                result.reports.append(outcome)
            if on_article is not None:
                on_article(outcome)

        t = self.targets
        with self._lock:
            result.summary = ingest_all(
                items, t.store, t.base_iri, collect, t.extractor, jobs, engine, skip_unchanged
            )
            if t.retractions is not None:  # an article ingested again is no longer gone
                t.retractions.restore(r.article_id for r in result.reports)
        return result

    def retract(self, refs: Iterable[str]) -> RetractResult:
        """`kg retract` and `DELETE /articles/{id}` (kg.services.retract): the articles out
        of the record, then Neo4j synced; the caches are read again by refresh_caches."""
        from kg.services.retract import retract_articles

        with self._lock:
            return retract_articles(self, list(refs))

    def ingest(
        self,
        items: Iterable[Input],
        on_article: Callable[[Outcome], None] | None = None,
        started: float | None = None,
        jobs: int = 1,
        engine: Engine | None = None,
    ) -> IngestResult:
        """`kg ingest`: write (`jobs` worker processes or `engine` preparing), read the
        stale pairs again, then sync Neo4j and read its stale pairs again. ProjectionFailed
        when Neo4j refuses the sync (the record is written by then: its `result`)."""
        started = time.perf_counter() if started is None else started
        result = self.write(items, on_article, jobs, engine, skip_unchanged=True)
        self.refresh_record_cache(budget(started))
        result.record_seconds = time.perf_counter() - started
        if self.targets.projection is not None:
            try:
                result.synced, warnings = self.sync(started=started)
            except ProjectionFailed as exc:  # the record is written: say what it holds
                exc.result = result
                raise
            result.warnings += warnings
        result.neo4j_seconds = time.perf_counter() - started - result.record_seconds
        return result

    def ingest_one(self, item: Item) -> IngestResult:
        """`POST /articles`: one item into the record, then exactly the graphs it wrote into
        Neo4j (when configured and the article changed). The caches are read again later, by
        refresh_caches, so the caller can answer first."""
        with self._lock:
            result = self.write([item])
            report = result.reports[0] if result.reports else None
            if report is not None and report.status != "unchanged" and self.targets.projection:
                result.projected = self._project(report, result.warnings)
        return result

    def sync(
        self, rebuild: bool = False, started: float | None = None
    ) -> tuple[SyncReport, list[str]]:
        """Project what the record holds that Neo4j lacks (everything, with `rebuild`), then
        read again the pair timelines Neo4j kept that the writes made stale, for at most a
        quarter of the time since `started`. ProjectionFailed when Neo4j refuses."""
        projection = self.targets.projection
        if projection is None:
            raise ValueError("sync needs a projection (Neo4j is not configured)")
        from kg.stores.neo4j_store import PROJECTION_ERRORS, projection_error_text

        started = time.perf_counter() if started is None else started
        try:
            with self._lock:
                store = self.targets.store
                report = sync(store, projection, rebuild=rebuild, hashes=hashes_of(store))
        except PROJECTION_ERRORS as exc:
            raise ProjectionFailed(projection_error_text(exc)) from None
        return report, self.refresh_neo4j_cache(budget(started))

    def refresh_caches(self, seconds: float = WARM_SECONDS, neo4j: bool = True) -> list[str]:
        """Read again the pair timelines writes made stale, in the record's cache and (with
        `neo4j`) in Neo4j's, for at most `seconds` each; warnings for what failed."""
        warnings: list[str] = []
        try:
            self.refresh_record_cache(seconds)
            if neo4j:
                warnings += self.refresh_neo4j_cache(seconds)
        except Exception as exc:  # costs only speed: the next read does it
            log.exception("reading the changed pair timelines again failed")
            warnings.append(f"reading the changed pair timelines again failed: {exc}")
        return warnings

    def refresh_record_cache(self, seconds: float | None) -> None:
        """The record's stale pair timelines read again (None: every one, however long)."""
        from kg.queries.cached_queries import CachedQueries, record_queries
        from kg.queries.timeline_warm import warm_timelines

        queries = record_queries(self.targets.store)
        if isinstance(queries, CachedQueries):
            warm_timelines(queries, every=False, most_seconds=seconds)

    def refresh_neo4j_cache(self, seconds: float) -> list[str]:
        """Neo4j's stale pair timelines read again; a failure is a warning (speed only)."""
        queries = self.targets.neo4j_queries
        if queries is None:
            return []
        from kg.queries.timeline_warm import warm_neo4j_timelines
        from kg.stores.neo4j_store import PROJECTION_ERRORS, projection_error_text

        try:
            warm_neo4j_timelines(queries, every=False, most_seconds=seconds)
        except PROJECTION_ERRORS as exc:
            return [projection_error_text(exc)]
        return []

    def _project(self, report: ArticleReport, warnings: list[str]) -> bool:
        """Project the article's graph and the refinement graphs written with it, as sync
        would (dropping those emptied); False, with a warning, when that fails."""
        store, projection = self.targets.store, self.targets.projection
        assert projection is not None
        kept = [report.article_iri] + [g for g, keep in report.derived.items() if keep]
        try:
            epoch = known_hashes(store, [])[1]
            graphs: dict[str, str] = {}
            hashes: dict[str, str] = {}
            for name in kept:
                graphs[name], hashes[name] = record_graph(store, name)
            projection.replace_graphs(graphs, dict(hashes))
            if dropped := [g for g, keep in report.derived.items() if not keep]:
                projection.drop_graphs(dropped)
            remember_hashes(store, hashes, epoch)  # the next sync need not read them
            return True
        except Exception as exc:
            log.exception("projecting %s into Neo4j failed; `kg sync` will catch up", kept[0])
            warnings.append(f"projecting {kept[0]} into Neo4j failed ({exc}); `kg sync` catches up")
            return False

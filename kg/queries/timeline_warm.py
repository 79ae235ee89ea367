"""Reading pair timelines into a timeline cache ahead of the questions, so every pair answers
from the cache: the embedded store's, all of them once (`kg warm`, for a store the cache does
not know whole) or those a write marked stale (the end of `kg ingest`); and the one kept in
Neo4j, every pair it lacks (`kg warm --backend neo4j`) or the stale ones (the end of `kg ingest`
and `kg sync`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.queries.sparql_builders import PREFIXES
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.timeline_batch import read_timelines
from kg.stores.base import RecordStore
from kg.stores.timeline_cache import PageFilter

if TYPE_CHECKING:  # the embedded path (kg ingest) must not import the Neo4j driver
    from kg.queries.cypher_queries import CypherQueries

DYADS_QUERY = PREFIXES + "SELECT DISTINCT ?code WHERE { ?d a geo:Dyad ; geo:code ?code }"
NEO4J_DYADS_CYPHER = "MATCH (d:Dyad) WHERE d.code IS NOT NULL RETURN DISTINCT d.code AS code"
NOTHING = PageFilter(limit=0)
NEO4J_WORKERS = 4  # Neo4j pairs read at a time: 1.6x one at a time (docs/benchmarks.md)
RECORD_PAIRS = 16  # record pairs read together (kg.queries.timeline_batch)


@dataclass(frozen=True)
class WarmReport:
    """Pairs looked at, pairs read from the record into the cache, and whether the cache now
    holds every pair (False when the store keeps no timelines or a write came meanwhile)."""

    pairs: int
    read: int
    complete: bool


def warm_timelines(
    queries: SparqlQueries,
    every: bool = True,
    progress: Callable[[int, int], None] | None = None,
    most_seconds: float | None = None,
) -> WarmReport:
    """Read into the cache each pair it lacks (every pair of the record, or only the stale
    ones), stopping after `most_seconds` (what is left is read when first asked for);
    `progress(done, total)` after each pair."""
    store = queries.store
    epoch = store.timeline_epoch()
    if epoch is None:
        return WarmReport(0, 0, False)
    if every:
        dyads = sorted(r["code"] for r in store.select(DYADS_QUERY))
    else:
        dyads = store.stale_timelines()
    read, done = _read_record_pairs(store, dyads, progress, most_seconds)
    return WarmReport(len(dyads), read, done and every and store.complete_timelines(epoch))


def _read_record_pairs(
    store: RecordStore,
    dyads: list[str],
    progress: Callable[[int, int], None] | None,
    most_seconds: float | None,
) -> tuple[int, bool]:
    """The record's pairs the cache lacks read into it, RECORD_PAIRS at a time (their links
    and nodes read once: kg.queries.timeline_batch); how many, and whether all were looked
    at before the time ran out."""
    stop = None if most_seconds is None else time.monotonic() + most_seconds
    read = 0
    for start in range(0, len(dyads), RECORD_PAIRS):
        if stop is not None and time.monotonic() > stop:
            return read, False
        read += read_timelines(store, dyads[start : start + RECORD_PAIRS])
        if progress is not None:
            progress(min(start + RECORD_PAIRS, len(dyads)), len(dyads))
    return read, True


def warm_neo4j_timelines(
    queries: CypherQueries,
    every: bool = True,
    progress: Callable[[int, int], None] | None = None,
    most_seconds: float | None = None,
    workers: int = NEO4J_WORKERS,
) -> WarmReport:
    """Read into the timelines kept in Neo4j every pair they lack (or only the stale ones:
    kept once, then changed by a write), `workers` pairs at a time (each in sessions of its
    own), stopping after `most_seconds`; `complete` when every pair is kept at the end
    (False when a projection write came meanwhile)."""
    cache = queries.timelines
    if cache is None:
        return WarmReport(0, 0, False)
    dyads = sorted(r["code"] for r in queries._read(NEO4J_DYADS_CYPHER)) if every else cache.stale()
    read, done = _read_pairs(
        queries.timeline,
        dyads,
        lambda code: cache.read(code).events is None,
        progress,
        most_seconds,
        workers,
    )
    return WarmReport(len(dyads), read, done and every and cache.kept(dyads) == len(dyads))


def _read_pairs(
    timeline: Callable[..., object],
    dyads: list[str],
    lacks: Callable[[str], bool],
    progress: Callable[[int, int], None] | None,
    most_seconds: float | None,
    workers: int = 1,
) -> tuple[int, bool]:
    """Read each pair the cache `lacks` through `timeline` (a miss reads the whole pair and
    keeps it), `workers` at a time: how many were read, and whether all were looked at
    before the time ran out."""
    stop = None if most_seconds is None else time.monotonic() + most_seconds

    def one(code: str) -> bool | None:  # None: out of time
        if stop is not None and time.monotonic() > stop:
            return None
        if not lacks(code):
            return False
        a, b = code.split("|")
        timeline(a, b, limit=0)
        return True

    with ThreadPoolExecutor(max(workers, 1)) as pool:
        outcomes = pool.map(one, dyads) if workers > 1 else map(one, dyads)
        read = 0
        for done, outcome in enumerate(outcomes, 1):
            if outcome is None:
                pool.shutdown(cancel_futures=True)
                return read, False
            read += outcome
            if progress is not None:
                progress(done, len(dyads))
    return read, True

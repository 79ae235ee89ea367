"""Reading pair timelines into a timeline cache ahead of the questions, so every pair answers
from the cache: the embedded store's, all of them once (`kg warm`, for a store the cache does
not know whole) or those a write marked stale (the end of `kg ingest`); and the one kept in
Neo4j (`kg warm --backend neo4j`), every pair it lacks."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.queries.sparql_builders import PREFIXES
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.timeline_cache import PageFilter

if TYPE_CHECKING:  # the embedded path (kg ingest) must not import the Neo4j driver
    from kg.queries.cypher_queries import CypherQueries

DYADS_QUERY = PREFIXES + "SELECT DISTINCT ?code WHERE { ?d a geo:Dyad ; geo:code ?code }"
NEO4J_DYADS_CYPHER = "MATCH (d:Dyad) WHERE d.code IS NOT NULL RETURN DISTINCT d.code AS code"
NOTHING = PageFilter(limit=0)


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
    read, stop = 0, None if most_seconds is None else time.monotonic() + most_seconds
    for done, code in enumerate(dyads, 1):
        if stop is not None and time.monotonic() > stop:
            return WarmReport(len(dyads), read, False)
        if store.cached_timeline(code, NOTHING)[0] is None:
            a, b = code.split("|")
            queries.timeline(a, b, limit=0)  # a miss reads the whole pair and keeps it
            read += 1
        if progress is not None:
            progress(done, len(dyads))
    return WarmReport(len(dyads), read, every and store.complete_timelines(epoch))


def warm_neo4j_timelines(
    queries: CypherQueries, progress: Callable[[int, int], None] | None = None
) -> WarmReport:
    """Read into the timelines kept in Neo4j every pair they lack; `complete` when every
    pair is kept at the end (False when a projection write came meanwhile)."""
    cache = queries.timelines
    if cache is None:
        return WarmReport(0, 0, False)
    dyads = sorted(r["code"] for r in queries._read(NEO4J_DYADS_CYPHER))
    read = 0
    for done, code in enumerate(dyads, 1):
        if cache.read(code).events is None:
            a, b = code.split("|")
            queries.timeline(a, b, limit=0)  # a miss reads the whole pair and keeps it
            read += 1
        if progress is not None:
            progress(done, len(dyads))
    return WarmReport(len(dyads), read, cache.kept(dyads) == len(dyads))

"""Reading pair timelines into a timeline cache ahead of the questions, so every pair answers
from the cache (kg.queries.cached_queries): all of them once (`kg warm`, for a cache that does
not know the record whole), or those a write marked stale (the end of `kg ingest` and
`kg sync`). The record's pairs are read 16 at a time (kg.queries.timeline_batch: their links
and nodes read once), Neo4j's one at a time by 4 threads (each in sessions of its own)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kg.queries.cached_queries import CachedQueries

NEO4J_WORKERS = 4  # Neo4j pairs read at a time: 1.6x one at a time (docs/benchmarks.md)
RECORD_PAIRS = 16  # record pairs read together (kg.queries.timeline_batch)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WarmReport:
    """Pairs looked at, pairs read into the cache, and whether the cache now holds every
    pair (False when it keeps no timelines or a write came meanwhile)."""

    pairs: int
    read: int
    complete: bool


def warm_timelines(
    queries: CachedQueries,
    every: bool = True,
    progress: Progress | None = None,
    most_seconds: float | None = None,
    workers: int = 1,
    together: int = RECORD_PAIRS,
) -> WarmReport:
    """Read into the cache each pair it lacks (every pair of the backend, or only the stale
    ones), `together` pairs a read and `workers` reads at a time, stopping after
    `most_seconds` (what is left is read when first asked for); `progress(done, total)`
    after each read."""
    ticket = queries.cache.ticket()
    if ticket is None:
        return WarmReport(0, 0, False)
    dyads = queries.dyads() if every else queries.cache.stale()
    groups = [dyads[i : i + together] for i in range(0, len(dyads), max(together, 1))]
    read, done = _read_groups(queries.read_pairs, groups, progress, most_seconds, workers)
    complete = done and every and queries.cache.complete(ticket, dyads)
    return WarmReport(len(dyads), read, complete)


def warm_neo4j_timelines(
    queries: CachedQueries,
    every: bool = True,
    progress: Progress | None = None,
    most_seconds: float | None = None,
    workers: int = NEO4J_WORKERS,
) -> WarmReport:
    """warm_timelines for the timelines kept in Neo4j: a pair a read, `workers` at a time."""
    return warm_timelines(queries, every, progress, most_seconds, workers, together=1)


def _read_groups(
    read_pairs: Callable[[Sequence[str]], int],
    groups: list[list[str]],
    progress: Progress | None,
    most_seconds: float | None,
    workers: int,
) -> tuple[int, bool]:
    """`read_pairs` on each group, `workers` at a time: how many pairs were read, and
    whether every group was read before the time ran out."""
    stop = None if most_seconds is None else time.monotonic() + most_seconds
    total = sum(map(len, groups))

    def one(group: list[str]) -> tuple[int, int] | None:  # None: out of time
        if stop is not None and time.monotonic() > stop:
            return None
        return read_pairs(group), len(group)

    with ThreadPoolExecutor(max(workers, 1)) as pool:
        outcomes = pool.map(one, groups) if workers > 1 else map(one, groups)
        read = done = 0
        for outcome in outcomes:
            if outcome is None:
                pool.shutdown(cancel_futures=True)
                return read, False
            read, done = read + outcome[0], done + outcome[1]
            if progress is not None:
                progress(done, total)
    return read, True

"""The timeline-cache interface: each pair's whole timeline as a query backend last answered
it, kept so that a page of it costs a look-up instead of the reads behind every event
(docs/architecture.md, decision 9). Implementations: beside the store of record in SQLite
(kg.stores.sqlite_timeline_cache), inside Neo4j (kg.stores.neo4j_timeline_cache), and a
running server's, asked over HTTP (kg.stores.server_timelines). kg.queries.cached_queries
reads through any of them.

A cache is never the record: what a write may change is marked before the write and again
after it, and an answer is kept only with the ticket it was read at, so one that a write
overtook is not kept."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedEvent:
    """One event of a pair's timeline: its sort and filter keys, and its answer as JSON."""

    earliest: str
    latest: str
    type: str
    body: str


@dataclass(frozen=True)
class PageFilter:
    """What a timeline request keeps: one type, and events sharing a day with [start, end]
    (ISO dates; None is open), `limit` events from `offset` (None: all)."""

    event_type: str | None = None
    start: str | None = None
    end: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class CachedPage:
    """A cache's answer for one pair: the JSON of the events a filter keeps (None: not kept
    or stale, read the backend), and the ticket to hand back to `keep` (None: what is read
    now must not be kept: a write runs, or this cache keeps nothing)."""

    events: list[str] | None
    ticket: int | None


def page_indexes(events: Sequence[CachedEvent], keep: PageFilter) -> list[int]:
    """The positions of the events `keep` selects (one type; events sharing a day with
    [start, end]; `limit` from `offset`), as the embedded cache's SQL selects them
    (kg.stores.sqlite_timelines)."""
    found = [
        i
        for i, e in enumerate(events)
        if (keep.event_type is None or e.type == keep.event_type)
        and (keep.end is None or e.earliest <= keep.end)
        and (keep.start is None or e.latest >= keep.start)
    ]
    stop = None if keep.limit is None else keep.offset + keep.limit
    return found[keep.offset : stop]


class TimelineCache(ABC):
    """dyad code ('CHN|PRK') -> the pair's events in timeline order."""

    @abstractmethod
    def page(self, dyad: str, keep: PageFilter) -> CachedPage:
        """The events `keep` selects of the pair kept for `dyad`, and the ticket to keep
        a whole answer read from now on."""

    @abstractmethod
    def keep(self, dyad: str, events: Sequence[CachedEvent], ticket: int) -> bool:
        """Keep a pair's whole timeline read at `ticket`; False (nothing kept) when a write
        came since."""

    @abstractmethod
    def writing(self, graphs: Sequence[str] | None) -> AbstractContextManager[None]:
        """Around one write of these named graphs (None: of anything): the pairs it may
        change are marked before it and after it, even when it fails."""

    @abstractmethod
    def stale(self) -> list[str]:
        """The pairs kept once that a write has changed since: worth reading again."""

    @abstractmethod
    def forget(self) -> None:
        """Forget every pair kept (for a store something else may have written)."""

    def ticket(self) -> int | None:
        """Where a read of every pair starts (`complete` takes it back); None: this cache
        keeps nothing."""
        return None

    def complete(self, ticket: int, dyads: Sequence[str]) -> bool:
        """After every pair (`dyads`) was read since `ticket`: whether the cache now holds
        them all (and may say so: a pair it lacks then has no events)."""
        return False

    def is_complete(self) -> bool:
        """Whether the cache holds every pair of its backend."""
        return False

    def close(self) -> None:
        """Release what the cache holds open (never a driver or a store it was given)."""
        return None

"""The pair timelines kept beside the store of record (a TimelineCache): the SQLite table of
kg.stores.sqlite_timelines in the store's folder, marked around every write of the record by
the pairs the written graphs reach before the write and after it (kg.stores.timeline_keys),
which the record itself says (`Marks`: the embedded store reads its indexes,
kg.stores.oxigraph_marks; a record server answers queries, kg.stores.record_caches). A write
that may reach any pair forgets them all."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from kg.stores.sqlite_timelines import SqliteTimelines
from kg.stores.timeline_cache import CachedEvent, CachedPage, PageFilter, TimelineCache


class Marks(Protocol):
    """What the record says about a write: the pairs the graphs `names` reach as they stand
    now (None: maybe any pair), and whether it holds any event at all."""

    def touched(self, names: list[str]) -> list[str] | None: ...

    def has_events(self) -> bool: ...


class SqliteTimelineCache(TimelineCache):
    """`table`'s pair timelines, marked by the pairs `marks` finds; the record's writes go
    through `writing`, one at a time (the store's write lock)."""

    def __init__(self, table: SqliteTimelines, marks: Marks) -> None:
        self.table = table
        self._marks = marks
        self.settle()

    def page(self, dyad: str, keep: PageFilter) -> CachedPage:
        epoch = self.table.epoch  # before the read: a write after it moves the epoch
        return CachedPage(self.table.page(dyad, keep), epoch)

    def keep(self, dyad: str, events: Sequence[CachedEvent], ticket: int) -> bool:
        return self.table.put(dyad, events, ticket)

    @contextmanager
    def writing(self, graphs: Sequence[str] | None) -> Iterator[None]:
        names = list(graphs or [])
        before = self._before(names) if graphs is not None else None
        if graphs is None:
            self.table.forget()
        try:
            yield
        finally:  # the pairs the new content reaches (events given a dyad only now)
            self._after(names, before)

    def _before(self, names: list[str]) -> list[str] | None:
        """Mark what the write may change; [] when nothing is tracked, None after forgetting
        every pair (the write reaches beyond events)."""
        if not names or self.table.tracks_nothing():
            self.table.begin_write([])  # a new epoch: no read in flight is kept after it
            return []
        touched = self._marks.touched(names)
        if touched is None:
            self.table.forget()
        else:
            self.table.begin_write(touched)
        return touched

    def _after(self, names: list[str], before: list[str] | None) -> None:
        tracking = names and before is not None and not self.table.tracks_nothing()
        touched = self._marks.touched(names) if tracking else []
        if before is None or touched is None:
            self.table.forget()
            self.settle()
            return
        self.table.end_write(sorted({*before, *touched}))

    def settle(self) -> None:
        """A cache that knows nothing of a record with no events is complete: it holds all
        of that record's (no) pairs."""
        if self.table.complete:
            return
        epoch = self.table.epoch
        if not self._marks.has_events():
            self.table.make_complete(epoch)

    def stale(self) -> list[str]:
        return self.table.stale()

    def forget(self) -> None:
        self.table.forget()
        self.settle()

    def ticket(self) -> int | None:
        return self.table.epoch

    def complete(self, ticket: int, dyads: Sequence[str]) -> bool:
        return self.table.make_complete(ticket)

    def is_complete(self) -> bool:
        return bool(self.table.complete)

    def close(self) -> None:
        self.table.close()

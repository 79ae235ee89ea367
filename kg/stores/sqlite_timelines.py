"""The table behind the embedded cache of pair timelines (kg.stores.sqlite_timeline_cache):
each pair's whole timeline as the store of record last answered it, kept beside the store,
so a page of a timeline read before costs a few rows of SQLite instead of the RDF reads
behind every event shown (about 20 µs per quad read; 29 ms a first page at 1 M events).

It is a cache, never the record. Entries are marked stale *before* a write that may change
them and again after it, and kept only from an answer no write has overtaken (the epoch) nor
read during a write, so a crash leaves no stale entry that looks current; a stale or unknown
pair is answered from the record, as before. A missing or unreadable file is an empty,
incomplete cache (docs/data-model.md, "The timeline cache")."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.stores.sqlite_cache import SqliteCache
from kg.stores.timeline_cache import CachedEvent, PageFilter

FILE_NAME = "geokg-timelines.sqlite"  # inside the store's folder, so it travels with it
FORMAT = "2"  # bump when what an entry holds changes: older files are emptied on open
_TABLES = """
CREATE TABLE IF NOT EXISTS pair (
    dyad TEXT PRIMARY KEY, events INTEGER NOT NULL, stale INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS event (
    dyad TEXT NOT NULL, pos INTEGER NOT NULL, earliest TEXT NOT NULL, latest TEXT NOT NULL,
    type TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (dyad, pos)
);
"""


def _prepare(db: sqlite3.Connection) -> None:
    # WAL: a kept timeline need not reach the disk at once (losing one costs a read); what a
    # write marks does (synchronous FULL), before the record's write it precedes.
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if found is None or found[0] != FORMAT:
        with db:
            db.execute("BEGIN")
            db.execute("DROP TABLE IF EXISTS event")
            db.execute("DROP TABLE IF EXISTS pair")
            db.execute("DELETE FROM meta")
            db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    db.executescript(_TABLES)


class SqliteTimelines(SqliteCache):
    """dyad code ('CHN|PRK') -> the pair's events in timeline order; in memory when `folder`
    is None. A write marks the pairs it may change stale (kept, to be read again) rather than
    dropping them; a *complete* cache holds every pair the record has, so a pair it lacks has
    no events."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, FILE_NAME, _prepare)
        found = self._db.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
        self._complete: bool | None = None if found is None else found[0] == "1"
        self._was_complete = False
        self._writing = False  # between begin_write and end_write: nothing read is kept

    @property
    def complete(self) -> bool | None:
        """Whether every pair of the record is here (None: not known yet, a new file)."""
        return self._complete

    def tracks_nothing(self) -> bool:
        """No pair kept and not complete (nor during a write): a write has nothing to mark."""
        with self._lock:
            empty = self._db.execute("SELECT 1 FROM pair LIMIT 1").fetchone() is None
            return empty and not (self._complete or self._was_complete)

    def page(self, dyad: str, keep: PageFilter) -> list[str] | None:
        """The JSON of the events `keep` selects, in order; None when the pair is not kept
        or stale (read it from the record), [] for a pair a complete cache does not have."""
        where, args = ["dyad = ?"], [dyad]
        if keep.event_type is not None:
            where.append("type = ?")
            args.append(keep.event_type)
        if keep.end is not None:
            where.append("earliest <= ?")
            args.append(keep.end)
        if keep.start is not None:
            where.append("latest >= ?")
            args.append(keep.start)
        sql = f"SELECT body FROM event WHERE {' AND '.join(where)} ORDER BY pos"
        sql += f" LIMIT {-1 if keep.limit is None else int(keep.limit)} OFFSET {int(keep.offset)}"
        with self._lock:
            row = self._db.execute("SELECT stale FROM pair WHERE dyad = ?", (dyad,)).fetchone()
            if row is None:
                return [] if self._complete else None
            if row[0]:
                return None
            return [found[0] for found in self._db.execute(sql, args)]

    def put(self, dyad: str, events: Sequence[CachedEvent], epoch: int) -> bool:
        """Keep a pair's whole timeline read at `epoch`; False (nothing kept) when a write
        came since."""
        rows = [(dyad, i, e.earliest, e.latest, e.type, e.body) for i, e in enumerate(events)]
        with self._lock:
            if epoch != self._epoch or self._writing:  # a read during a write may be either
                return False
            self._db.execute("PRAGMA synchronous=NORMAL")
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM event WHERE dyad = ?", (dyad,))
                self._db.executemany("INSERT INTO event VALUES (?, ?, ?, ?, ?, ?)", rows)
                self._db.execute("INSERT OR REPLACE INTO pair VALUES (?, ?, 0)", (dyad, len(rows)))
            return True

    def stale(self) -> list[str]:
        """The pairs a write has marked since they were last read."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT dyad FROM pair WHERE stale = 1")]

    def begin_write(self, dyads: Iterable[str]) -> None:
        """Before a write: mark these pairs stale and the cache not complete, on disk before
        this returns (a crash during the write leaves nothing that looks current)."""
        with self._lock:
            self._epoch += 1  # no read in flight is kept after this
            self._writing = True
            self._was_complete = bool(self._complete)
            self._mark(list(dyads), keep_new=self._was_complete, complete=False)

    def end_write(self, dyads: Iterable[str]) -> None:
        """After a write: mark the pairs it reached, before and after (a read during the write
        may have kept either state), and make the cache complete again if it was."""
        with self._lock:
            self._epoch += 1
            self._mark(list(dyads), keep_new=self._was_complete, complete=self._was_complete)
            self._was_complete = self._writing = False

    def _mark(self, dyads: list[str], keep_new: bool, complete: bool) -> None:
        # A complete cache keeps a row for a pair new to the record: without one, it would
        # answer that the pair has no events.
        mark = "INSERT INTO pair VALUES (?, 0, 1) ON CONFLICT (dyad) DO UPDATE SET stale = 1"
        if not keep_new:
            mark = "UPDATE pair SET stale = 1 WHERE dyad = ?"
        if not dyads and complete == self._complete:
            return
        self._db.execute("PRAGMA synchronous=FULL")
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(mark, [(d,) for d in dyads])
            self._db.executemany("DELETE FROM event WHERE dyad = ?", [(d,) for d in dyads])
            self._set_complete(complete)

    def _set_complete(self, complete: bool) -> None:
        value = "1" if complete else "0"
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', ?)", (value,))
        self._complete = complete

    def forget(self) -> None:
        """Forget every pair, on disk before this returns (a write of anything but events)."""
        with self._lock:
            self._epoch += 1
            self._was_complete = self._writing = False
            self._db.execute("PRAGMA synchronous=FULL")
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM event")
                self._db.execute("DELETE FROM pair")
                self._set_complete(False)

    def make_complete(self, epoch: int) -> bool:
        """Say every pair of the record is kept (after reading them all at `epoch`, or of a
        record with no events); False when a write came since."""
        with self._lock:
            if epoch != self._epoch or self._writing:
                return False
            with self._db:
                self._db.execute("BEGIN")
                self._set_complete(True)
            return True

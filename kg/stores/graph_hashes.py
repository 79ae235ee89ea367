"""The content hash of each record graph as `kg sync` last read it, kept beside the store, so a
sync that finds nothing changed need not read every graph again (about 1 ms a graph).

It is a cache, never the record: an entry is forgotten *before* its graph is written, so a
crash between the two leaves no entry (the graph is read again), never a stale one; and an
entry is only set from a read that no write has overtaken (the epoch). A missing or unreadable
file means every graph is read, as before."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from kg.stores.sqlite_cache import SqliteCache

FILE_NAME = "geokg-graph-hashes.sqlite"  # inside the store's folder, so it travels with it
_SCHEMA = "CREATE TABLE IF NOT EXISTS graph_hash (graph TEXT PRIMARY KEY, hash TEXT NOT NULL)"
# Which ingest input (kg.input_keys) last gave which article graph, with that graph's hash
# and its events: valid while the graph's hash above is that one (checked on every use).
_INPUTS = (
    "CREATE TABLE IF NOT EXISTS input_key (key TEXT PRIMARY KEY, graph TEXT NOT NULL, "
    "hash TEXT NOT NULL, events INTEGER NOT NULL)"
)
_CHUNK = 500  # names per IN (...) lookup, well under SQLite's variable limit
Made = tuple[str, str, int]  # what an input made: (graph, its hash, its events)


def _prepare(db: sqlite3.Connection) -> None:
    db.execute(_SCHEMA)
    db.execute(_INPUTS)


class GraphHashes(SqliteCache):
    """graph IRI -> hash of its N-Triples; in memory when `folder` is None."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, FILE_NAME, _prepare)

    def get(self, names: Iterable[str]) -> dict[str, str]:
        wanted, found = list(names), dict[str, str]()
        with self._lock:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT graph, hash FROM graph_hash WHERE graph IN ({marks})"
                found.update(self._db.execute(query, chunk).fetchall())
        return found

    def known(self, names: Iterable[str]) -> tuple[dict[str, str], int]:
        """The hashes kept of these graphs, and the epoch (read first) to hand to `put`."""
        epoch = self.epoch
        return self.get(names), epoch

    def forget(self, names: Iterable[str]) -> None:
        """Call before writing these graphs."""
        rows = [(name,) for name in names]
        with self._lock:
            self._epoch += 1
            self._db.executemany("DELETE FROM graph_hash WHERE graph = ?", rows)

    def put(self, hashes: Mapping[str, str], epoch: int) -> bool:
        """Remember hashes read at `epoch`; False (nothing kept) when a write came since."""
        with self._lock:
            if epoch != self._epoch:
                return False
            with self._db:  # one transaction
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO graph_hash (graph, hash) VALUES (?, ?)",
                    list(hashes.items()),
                )
            return True

    def input_keys(self) -> frozenset[str]:
        """Every input key kept (some may no longer hold: check with `inputs`)."""
        with self._lock:
            return frozenset(k for (k,) in self._db.execute("SELECT key FROM input_key"))

    def inputs(self, keys: Iterable[str]) -> dict[str, Made]:
        """What each of these input keys made, as kept."""
        wanted, found = list(keys), dict[str, Made]()
        with self._lock:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                query = f"SELECT * FROM input_key WHERE key IN ({','.join('?' * len(chunk))})"
                found.update((k, (g, h, n)) for k, g, h, n in self._db.execute(query, chunk))
        return found

    def put_inputs(self, made: Mapping[str, Made]) -> None:
        """Keep what each input key made (after its graph and hash are written)."""
        rows = [(k, g, h, n) for k, (g, h, n) in made.items()]
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO input_key VALUES (?, ?, ?, ?)", rows)

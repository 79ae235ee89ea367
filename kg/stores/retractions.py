"""Which articles were retracted, and when, kept beside the store (not in the record): a
retracted article leaves no triple behind, so the record after a retraction is exactly the
record before the article came, and its id can still answer 410 Gone. Re-ingesting the
article takes it off the list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from kg.stores.sqlite_cache import SqliteCache

FILE_NAME = "geokg-retractions.sqlite"  # inside the store's folder, so it travels with it
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS retraction "
    "(article TEXT PRIMARY KEY, url TEXT, retracted_at TEXT NOT NULL)"
)


def _prepare(db: sqlite3.Connection) -> None:
    db.execute(_SCHEMA)


class Retractions(SqliteCache):
    """article id -> (url, UTC time of the retraction); in memory when `folder` is None."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, FILE_NAME, _prepare)

    def add(self, article_id: str, url: str | None, when: datetime | None = None) -> str:
        """Record a retraction; returns its time as ISO 8601 (UTC, seconds)."""
        stamp = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO retraction (article, url, retracted_at) VALUES (?, ?, ?)",
                (article_id, url, stamp),
            )
        return stamp

    def when(self, article_id: str) -> str | None:
        """When `article_id` was retracted, or None if it was not (or came back since)."""
        with self._lock:
            row = self._db.execute(
                "SELECT retracted_at FROM retraction WHERE article = ?", (article_id,)
            ).fetchone()
        return str(row[0]) if row else None

    def restore(self, article_ids: Iterable[str]) -> None:
        """Take articles off the list (they were ingested again)."""
        rows = [(a,) for a in article_ids]
        with self._lock:
            self._db.executemany("DELETE FROM retraction WHERE article = ?", rows)

"""What the caches kept beside the store (graph hashes, pair timelines) share: one SQLite file
in the store's folder (or memory), one connection serialised by a lock (the API uses it from
worker threads), and an epoch that every forget moves, so an answer read before a write is
never kept after it. A file that is not a database is only a lost cache: it is started again."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

Prepare = Callable[[sqlite3.Connection], None]


def _connect(path: str, prepare: Prepare) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    prepare(db)
    return db


class SqliteCache:
    """The file `file_name` in `folder` (in memory when None), made ready by `prepare`."""

    def __init__(self, folder: Path | None, file_name: str, prepare: Prepare) -> None:
        self._lock = threading.Lock()
        self._epoch = 0
        path = ":memory:" if folder is None else str(folder / file_name)
        try:
            self._db = _connect(path, prepare)
        except sqlite3.DatabaseError:
            Path(path).unlink()
            self._db = _connect(path, prepare)

    @property
    def epoch(self) -> int:
        """Changes on every forget: an answer read at another epoch may be out of date."""
        return self._epoch

    def close(self) -> None:
        with self._lock:
            self._db.close()

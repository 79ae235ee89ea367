"""The embedded store opened read-only, so several API worker processes can share one folder.

RocksDB's read-only mode takes no lock on the folder, so any number of processes may open it
at once; each sees the data as it was when it opened (a fixed snapshot) and every write fails.
pyoxigraph documents that a read-only open while another process writes is undefined, so this
is for serving a store nothing else is writing (`kg serve --workers N`); see docs/api.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.stores.base import StoreError
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.record_caches import RecordCaches
from kg.stores.search_index import SearchIndex


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only."""


class ReadOnlyOxigraphStore(OxigraphStore):
    """OxigraphStore over `pyoxigraph.Store.read_only(path)`: queries work, writes raise."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # The writer's hashes and timelines may be behind a snapshot: none are read here; a
        # search index of this snapshot is built when first used.
        self._caches = RecordCaches(None, SearchIndex(None, self.select))
        if not (path / "CURRENT").exists():
            raise StoreError(
                f"There is no store at {path} to open read-only; load data first "
                "(for example `kg load-reference`)."
            )
        try:
            self._store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"Cannot open the store at {path} read-only: {exc}.") from None

    def _update(self, sparql: str | Callable[[], str], graphs: Iterable[str]) -> None:
        raise ReadOnlyStoreError(
            f"The store at {self.path} is open read-only; writes need a read-write server."
        )

    def close(self) -> None:
        self._caches.close()
        self._store = None

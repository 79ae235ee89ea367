"""The embedded store flushes RocksDB's memtables every FLUSH_STATEMENTS statements written,
so a long `kg ingest` does not hold everything it wrote in memory (issue 31); what it wrote
reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.stores import oxigraph_store
from kg.stores.oxigraph_store import OxigraphStore

GRAPH = "https://x.test/g/{}"


def _lines(n: int, k: int) -> list[str]:
    return [f'<https://x.test/s/{k}> <https://x.test/p> "{i}" .' for i in range(n)]


class _Counted:
    """A pyoxigraph Store whose flushes are counted."""

    def __init__(self, store: object) -> None:
        self.inner, self.flushes = store, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def flush(self) -> None:
        self.flushes += 1
        self.inner.flush()  # type: ignore[attr-defined]


def test_a_flush_every_so_many_statements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph_store, "FLUSH_STATEMENTS", 5)
    with OxigraphStore(tmp_path / "store") as store:
        counted = _Counted(store._store)
        store._store = counted  # type: ignore[assignment]
        store.update_statements({GRAPH.format(1): _lines(3, 1)}, {}, {})
        assert counted.flushes == 0
        store.update_statements({GRAPH.format(2): _lines(3, 2)}, {}, {})
        assert counted.flushes == 1
        store.update_statements(
            {}, {GRAPH.format(2): _lines(4, 3)}, {GRAPH.format(2): _lines(1, 2)}
        )
        assert counted.flushes == 2
        assert store.count(GRAPH.format(1)) == 3 and store.count(GRAPH.format(2)) == 6
        store._store = counted.inner  # type: ignore[assignment]


def test_an_in_memory_store_never_flushes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph_store, "FLUSH_STATEMENTS", 1)
    with OxigraphStore(None) as store:
        counted = _Counted(store._store)
        store._store = counted  # type: ignore[assignment]
        store.update_statements({GRAPH.format(1): _lines(3, 1)}, {}, {})
        assert counted.flushes == 0
        store._store = counted.inner  # type: ignore[assignment]

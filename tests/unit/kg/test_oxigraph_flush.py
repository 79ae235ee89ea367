"""The embedded store flushes RocksDB's memtables every FLUSH_STATEMENTS statements written,
by any write path, and gives the memory back to the system, so a long `kg ingest` or a server
taking posts does not hold everything it wrote in memory (issues 31 and 32); what it wrote
reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.stores import oxigraph_store
from kg.stores.free_memory import return_free_memory
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


def test_add_and_replace_count_toward_the_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write path counts: a server's posts and imports flush as ingest's batches do."""
    monkeypatch.setattr(oxigraph_store, "FLUSH_STATEMENTS", 5)
    with OxigraphStore(tmp_path / "store") as store:
        counted = _Counted(store._store)
        store._store = counted  # type: ignore[assignment]
        store.replace_graphs({GRAPH.format(1): _graph(3, 1)})
        assert counted.flushes == 0
        store.add_graph(GRAPH.format(2), _graph(3, 2))
        assert counted.flushes == 1
        store._store = counted.inner  # type: ignore[assignment]


def _graph(n: int, k: int) -> Graph:
    return Graph().parse(data="\n".join(_lines(n, k)), format="nt")


def test_each_flush_gives_the_freed_memory_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each flush the memtables' freed memory goes back to the system (how much RSS
    that saves depends on the allocator's state: measured in docs/reliability.md, not here)."""
    given_back: list[int] = []
    monkeypatch.setattr(oxigraph_store, "FLUSH_STATEMENTS", 5)
    monkeypatch.setattr(oxigraph_store, "return_free_memory", lambda: given_back.append(1) or True)
    with OxigraphStore(tmp_path / "store") as store:
        store.update_statements({GRAPH.format(1): _lines(3, 1)}, {}, {})
        assert given_back == []
        store.update_statements({GRAPH.format(2): _lines(3, 2)}, {}, {})
        assert given_back == [1]


def test_memory_can_be_given_back_here() -> None:
    """glibc (Debian, the CI machine) has malloc_trim; where a C library has none the store
    still flushes, and says nothing."""
    assert return_free_memory() is True

"""The record's cache of graph hashes: forgotten before any write, never set from a read a
write has overtaken, kept in the store's folder across opens, and rebuilt when unreadable."""

from __future__ import annotations

import threading
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.stores.graph_hashes import FILE_NAME, GraphHashes
from kg.stores.oxigraph_readonly import ReadOnlyOxigraphStore
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.record_caches import known_hashes, remember_hashes
from ontology.namespace import GEO


def _graph(text: str) -> Graph:
    g = Graph()
    g.add((URIRef("urn:s"), GEO.name, Literal(text)))
    return g


def test_a_read_overtaken_by_a_write_is_not_kept() -> None:
    hashes = GraphHashes(None)
    epoch = hashes.epoch
    hashes.forget(["urn:g"])  # a write between the read and put
    assert hashes.put({"urn:g": "old"}, epoch) is False
    assert hashes.get(["urn:g"]) == {}
    assert hashes.put({"urn:g": "new"}, hashes.epoch) is True
    assert hashes.get(["urn:g", "urn:other"]) == {"urn:g": "new"}


def test_lookups_of_many_names_are_chunked() -> None:
    hashes = GraphHashes(None)
    names = [f"urn:g{i}" for i in range(2500)]
    hashes.put({n: n[::-1] for n in names}, hashes.epoch)
    assert len(hashes.get(names)) == 2500


def test_the_cache_is_kept_in_the_store_folder_across_opens(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.add_graph("urn:g", _graph("a"))
    remember_hashes(store, {"urn:g": "h1"}, known_hashes(store, ["urn:g"])[1])
    store.close()
    assert (tmp_path / "store" / FILE_NAME).is_file()
    reopened = OxigraphStore(tmp_path / "store")
    assert known_hashes(reopened, ["urn:g"])[0] == {"urn:g": "h1"}
    reopened.drop_graph("urn:g")
    assert known_hashes(reopened, ["urn:g"])[0] == {}
    reopened.close()


def test_an_unreadable_cache_file_is_started_again(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / FILE_NAME).write_bytes(b"not a database at all" * 100)
    store = OxigraphStore(tmp_path / "store")
    assert known_hashes(store, ["urn:g"])[0] == {}
    remember_hashes(store, {"urn:g": "h"}, known_hashes(store, [])[1])
    assert known_hashes(store, ["urn:g"])[0] == {"urn:g": "h"}
    store.close()


def test_a_read_only_store_keeps_no_hashes(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.add_graph("urn:g", _graph("a"))
    remember_hashes(store, {"urn:g": "h"}, known_hashes(store, [])[1])
    store.close()
    reader = ReadOnlyOxigraphStore(tmp_path / "store")
    assert known_hashes(reader, ["urn:g"]) == ({}, 0)
    reader.close()


def test_writes_from_another_thread_forget_too() -> None:
    store = OxigraphStore()
    store.add_graph("urn:g", _graph("a"))
    remember_hashes(store, {"urn:g": "h"}, known_hashes(store, [])[1])
    worker = threading.Thread(target=store.replace_graph, args=("urn:g", _graph("b")))
    worker.start()
    worker.join()
    assert known_hashes(store, ["urn:g"])[0] == {}
    store.close()

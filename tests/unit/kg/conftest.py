"""Fixtures the kg unit tests share: the bundled reference data, loaded once."""

from __future__ import annotations

import pytest

from kg.queries.cached_queries import CachedQueries, record_queries
from kg.reference import load_reference
from kg.settings import get_settings
from kg.stores.base import RecordStore
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.sqlite_timeline_cache import SqliteTimelineCache
from kg.stores.timeline_cache import PageFilter

BASE = "https://kg.test/"


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The reference data under BASE as N-Quads, to import into a fresh in-memory store."""
    settings = get_settings(store_path=tmp_path_factory.mktemp("ref") / "store", base_iri=BASE)
    with OxigraphStore(None) as s:
        load_reference(s, settings)
        return s.export("nq")


def timelines(store: RecordStore) -> SqliteTimelineCache:
    """The pair timelines kept beside `store` (kg.stores.record_caches)."""
    caches = store.caches()
    assert caches is not None and caches.timelines is not None
    return caches.timelines


def kept(store: RecordStore, dyad: str) -> list[str] | None:
    """The whole timeline kept for `dyad` beside `store`, as JSON (None: not kept)."""
    return timelines(store).page(dyad, PageFilter()).events


def cached(store: RecordStore) -> CachedQueries:
    """SPARQL over `store`, its pair timelines through the cache beside it."""
    queries = record_queries(store)
    assert isinstance(queries, CachedQueries)
    return queries

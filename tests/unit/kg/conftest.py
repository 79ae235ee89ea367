"""Fixtures the kg unit tests share: the bundled reference data, loaded once."""

from __future__ import annotations

import pytest

from kg.reference import load_reference
from kg.settings import get_settings
from kg.stores.oxigraph_store import OxigraphStore

BASE = "https://kg.test/"


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The reference data under BASE as N-Quads, to import into a fresh in-memory store."""
    settings = get_settings(store_path=tmp_path_factory.mktemp("ref") / "store", base_iri=BASE)
    with OxigraphStore(None) as s:
        load_reference(s, settings)
        return s.export("nq")

"""Fixtures shared by the integration tests (the Neo4j endpoint and driver come from
tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kg.stores.neo4j_store import Neo4jProjection


@pytest.fixture
def projection(neo4j_driver: Any) -> Iterator[Neo4jProjection]:
    """An empty projection with a small batch size, so every write spans several batches."""
    p = Neo4jProjection(neo4j_driver, batch_size=7)
    p.clear()
    p.ensure_schema()
    yield p
    p.clear()

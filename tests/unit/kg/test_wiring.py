"""kg.wiring: settings in, the store, the queries, the Neo4j driver and the ingest use case
out; a Neo4j that is not configured or cannot be reached is one error with one sentence, and
the embedded path never loads the Neo4j driver."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg import wiring
from kg.queries.cached_queries import CachedQueries
from kg.queries.sparql_queries import SparqlQueries
from kg.services.ingest import IngestService
from kg.settings import get_settings
from kg.stores.oxigraph_readonly import ReadOnlyOxigraphStore
from kg.stores.oxigraph_store import OxigraphStore

ROOT = Path(__file__).resolve().parents[3]


def test_the_store_is_the_embedded_one_with_the_timeline_cache_as_set(tmp_path: Path) -> None:
    with wiring.open_store(get_settings(store_path=tmp_path / "a")) as store:
        assert isinstance(store, OxigraphStore) and store.caches().timelines is not None
    with wiring.open_store(get_settings(store_path=tmp_path / "b", timeline_cache=False)) as s:
        assert s.caches().timelines is None  # type: ignore[union-attr]
    with wiring.open_read_only_store(get_settings(store_path=tmp_path / "a")) as ro:
        assert isinstance(ro, ReadOnlyOxigraphStore)


def test_the_sparql_backend_reads_the_store_and_closes_it(tmp_path: Path) -> None:
    settings = get_settings(store_path=tmp_path / "store")
    queries = wiring.open_queries(settings, "sparql")
    assert isinstance(queries, CachedQueries) and isinstance(queries.inner, SparqlQueries)
    assert queries.states() == []
    queries.close()
    wiring.open_store(settings).close()  # the lock was let go


def test_neo4j_not_configured_or_unknown_backends_are_one_sentence(tmp_path: Path) -> None:
    settings = get_settings(store_path=tmp_path / "store", neo4j_uri=None)
    with pytest.raises(wiring.Neo4jUnavailable, match=r"needs KG_NEO4J_URI.*--backend sparql\.$"):
        wiring.open_queries(settings, "neo4j")
    with pytest.raises(wiring.Neo4jUnavailable, match=r"^Neo4j is not configured: set KG_NEO"):
        wiring.neo4j_driver(settings)
    with pytest.raises(wiring.BackendError, match=r"^Unknown backend 'graphdb'; use one of"):
        wiring.open_queries(settings, "graphdb")
    with wiring.opened_projection(settings) as projection:
        assert projection is None


def test_a_neo4j_that_cannot_be_reached_is_neo4j_unavailable(tmp_path: Path) -> None:
    settings = get_settings(store_path=tmp_path / "s", neo4j_uri="bolt://127.0.0.1:9")
    with pytest.raises(wiring.Neo4jUnavailable) as caught:
        wiring.neo4j_driver(settings)
    assert str(caught.value).startswith("Cannot reach Neo4j at bolt://127.0.0.1:9: ")
    assert isinstance(caught.value, wiring.BackendError)  # what the CLI's error handler knows
    with pytest.raises(wiring.Neo4jUnavailable), wiring.opened_projection(settings):
        pass


def test_without_a_driver_a_server_answers_with_sparql(tmp_path: Path) -> None:
    settings = get_settings(store_path=tmp_path / "store")
    with wiring.open_store(settings) as store:
        queries, name = wiring.serving_queries(settings, store, None)
        assert name == "sparql" and isinstance(queries, CachedQueries)
        assert isinstance(queries.inner, SparqlQueries) and queries.inner.store is store
        service = wiring.ingest_service(settings, store)
        assert isinstance(service, IngestService)
        assert service.targets.store is store and service.targets.base_iri == settings.base_iri
        assert service.targets.projection is None and service.targets.neo4j_queries is None


def test_the_embedded_path_never_imports_the_neo4j_driver(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kg import wiring\n"
        "from kg.settings import get_settings\n"
        f"s = get_settings(store_path={str(tmp_path / 'store')!r})\n"
        "with wiring.open_store(s) as store:\n"
        "    wiring.ingest_service(s, store).ingest([])\n"
        "wiring.open_queries(s).close()\n"
        "assert 'neo4j' not in sys.modules, 'neo4j was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]

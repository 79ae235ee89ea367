"""The record on a real Apache Jena Fuseki (KG_RECORD_URL, kg.stores.sparql_record_store):
the same articles ingested into Fuseki and into the embedded store export the same N-Quads;
a re-ingest replaces exactly, a retraction removes exactly, an unchanged article is
unchanged; a write is atomic to readers; the timeline cache follows writes; a server that
is down or refuses is one sentence (exit code 2 from the CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg import wiring
from kg.neo4j_server import free_port
from kg.queries.cached_queries import record_queries
from kg.queries.sparql_queries import SparqlQueries
from kg.reference import load_reference
from kg.services.ingest import IngestService
from kg.settings import Settings
from kg.stores.base import RecordStore, RecordUnavailable, StoreError, StoreLockedError
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.sparql_http import endpoints_for
from kg.stores.sparql_record_store import SparqlRecordStore
from loaders.article import Article
from loaders.sources import iter_articles
from tests.integration.conftest import open_record
from tests.unit.kg.conftest import kept, timelines

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "kg" / "demo"
URL = "https://news.example.org/record-server"
FIRST = "China and North Korea signed a treaty of friendship on July 11, 1961."
SECOND = "Xi Jinping met Kim Jong-un in Beijing on June 20, 2019, for a summit meeting."


def _service(store: RecordStore, folder: Path) -> IngestService:
    return wiring.ingest_service(Settings(store_path=folder), store)


@pytest.fixture(scope="module")
def both(
    fuseki_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[IngestService]]:
    """The ingest use case on Fuseki and on an embedded store, both with reference data and
    the demo articles (the tests below write only the article at URL, and take it out)."""
    folder = tmp_path_factory.mktemp("record")
    stores = [open_record(fuseki_url, folder / "f"), OxigraphStore()]
    services = [_service(store, folder / name) for store, name in zip(stores, "fe", strict=True)]
    for service in services:
        load_reference(service.targets.store, Settings())
        summary = service.ingest(iter_articles([str(DEMO)])).summary
        assert summary is not None and summary.new == len(list(DEMO.glob("*.txt")))
    yield services
    for store in stores:
        store.close()


def _quads(service: IngestService) -> list[str]:
    return sorted(service.targets.store.export("nq").decode("utf-8").splitlines())


def _article(text: str) -> Article:
    return Article(text=text, url=URL, title="Record server", published=date(2024, 6, 1))


def test_ingest_exports_as_the_embedded_store(both: list[IngestService]) -> None:
    fuseki, embedded = both
    assert _quads(fuseki) == _quads(embedded)
    again = fuseki.ingest(iter_articles([str(DEMO)])).summary  # by the hashes kept aside
    assert again is not None and again.unchanged == again.articles and again.new == 0
    assert SparqlQueries(fuseki.targets.store).timeline("CHN", "PRK") == SparqlQueries(
        embedded.targets.store
    ).timeline("CHN", "PRK")


def test_reingest_replaces_and_retract_removes_exactly(both: list[IngestService]) -> None:
    before = [q for q in _quads(both[1]) if "record-server" not in q]
    for text in (FIRST, SECOND):  # the second version replaces the first whole
        statuses = [s.write([_article(text)]).reports[0].status for s in both]
        assert statuses[0] == statuses[1]
        assert _quads(both[0]) == _quads(both[1])
    assert "1961" not in "".join(q for q in _quads(both[0]) if "record-server" in q)
    for service in both:
        done = service.retract([URL])
        assert [r.url for r in done.retracted] == [URL]
    assert _quads(both[0]) == _quads(both[1]) == before


def test_a_replaced_graph_is_never_seen_half_written(both: list[IngestService]) -> None:
    fuseki_store = both[0].targets.store
    name, p = "https://geokg.example.org/test/atomic", URIRef("https://geokg.example.org/p")
    versions = []
    for size in (300, 7):
        graph = Graph()
        for i in range(size):
            graph.add((URIRef(f"{name}/{size}/{i}"), p, Literal(i)))
        versions.append(graph)
    fuseki_store.replace_graph(name, versions[0])
    done, seen = threading.Event(), set()

    def read() -> None:
        while not done.is_set():
            seen.add(fuseki_store.count(name))

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(1, 21):
        fuseki_store.replace_graph(name, versions[i % 2])
    done.set()
    reader.join()
    assert seen <= {300, 7} and fuseki_store.count(name) == 300
    assert fuseki_store.drop_graph(name) and not fuseki_store.has_graph(name)


def test_the_timeline_cache_follows_writes(both: list[IngestService]) -> None:
    fuseki, embedded = (record_queries(s.targets.store) for s in both)
    first = fuseki.timeline("CHN", "PRK")
    assert fuseki.timeline("CHN", "PRK") == first == embedded.timeline("CHN", "PRK")
    store = both[0].targets.store
    assert kept(store, "CHN|PRK") is not None  # kept
    for service in both:
        service.write([_article(FIRST + " " + SECOND)])
    assert "CHN|PRK" in timelines(store).stale()
    assert fuseki.timeline("CHN", "PRK") == embedded.timeline("CHN", "PRK") != first


def test_one_folder_is_one_writer(fuseki_url: str, tmp_path: Path) -> None:
    with SparqlRecordStore(endpoints_for(fuseki_url), tmp_path), pytest.raises(StoreLockedError):
        SparqlRecordStore(endpoints_for(fuseki_url), tmp_path)
    SparqlRecordStore(endpoints_for(fuseki_url), tmp_path).close()  # released on close


def test_a_server_that_is_down_is_one_sentence(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/geokg"
    with pytest.raises(RecordUnavailable, match=r"^Cannot reach the SPARQL server at .*\.$"):
        SparqlRecordStore(endpoints_for(url), tmp_path)
    settings = Settings(record_url=url, record_cache_path=tmp_path / "r")
    for opened in (wiring.open_store, wiring.open_reader, wiring.open_read_only_store):
        with pytest.raises(RecordUnavailable, match=r"^Cannot reach the SPARQL server at "):
            opened(settings)
    env = {**os.environ, "KG_RECORD_URL": url, "KG_RECORD_CACHE_PATH": str(tmp_path / "r")}
    done = subprocess.run(
        [sys.executable, "-m", "cli", "timeline", "CHN", "PRK"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)  # as an unreachable Neo4j
    assert done.stderr.startswith("error: Cannot reach the SPARQL server at "), done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2


def test_a_server_that_refuses_is_one_sentence(fuseki_url: str, both: list[IngestService]) -> None:
    fuseki_store = both[0].targets.store
    wrong = fuseki_url.rsplit("/", 1)[0] + "/no-such-dataset"
    with pytest.raises(StoreError, match=r"no endpoint at .*no-such-dataset/query \(404\)"):
        SparqlRecordStore(endpoints_for(wrong))
    with pytest.raises(StoreError, match=r"^The SPARQL server at .* refused the request: "):
        fuseki_store.query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(StoreError, match="SPARQL updates are refused"):
        fuseki_store.query("DROP ALL")
    with pytest.raises(StoreError, match="Federated queries"):
        fuseki_store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")

"""The ingest use case on the embedded store, with real objects: what `kg ingest` and
`POST /articles` both run. Each article is one named graph, validated before it is written;
running it again writes nothing; inputs that fail are reported with their reasons; graphs a
dataset loader built go the same way as extracted articles; the timeline cache is current
when it returns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal

from kg.ingest import ArticleGraph
from kg.queries.cached_queries import record_queries
from kg.services.ingest import IngestService, Targets
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.errors import LoadError
from loaders.extraction.extractor import extract
from loaders.rdf.article_graph import article_graph
from ontology.identifiers import article_iri
from ontology.namespace import GEO
from tests.unit.kg.conftest import timelines

BASE = "https://kg.test/"
VISIT = Article(
    url="https://news.test/visit",
    published=date(2024, 6, 20),
    text="Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024, "
    "for a state visit to North Korea.",
)
SAME_VISIT = Article(
    url="https://other.test/putin-trip",
    published=date(2024, 6, 21),
    text="Vladimir Putin visited North Korea on June 19, 2024, his first trip to "
    "Pyongyang in 24 years.",
)
CLASH = Article(
    url="https://news.test/clash",
    published=date(2020, 6, 17),
    text="Indian and Chinese troops clashed in the Galwan Valley on June 15, 2020.",
)


@pytest.fixture
def store(tmp_path: Path, reference: bytes) -> Iterator[OxigraphStore]:
    """An embedded store on disk (so it keeps the timeline cache) with the reference data."""
    with OxigraphStore(tmp_path / "store") as s:
        s.import_data(reference, "nq")
        yield s


@pytest.fixture
def service(store: OxigraphStore) -> IngestService:
    return IngestService(Targets(store=store, base_iri=BASE))


def test_articles_are_stored_counted_and_corroborated(
    service: IngestService, store: OxigraphStore
) -> None:
    result = service.ingest([VISIT, SAME_VISIT, CLASH])
    assert [r.status for r in result.reports] == ["new", "new", "new"]
    assert len(result.stored) == 3 and result.unchanged == [] and result.failed == []
    assert result.summary.articles == 3 and result.summary.new == 3
    assert result.events == result.summary.events >= 3
    assert result.summary.corroborated_events >= 1  # the visit, reported twice
    for article in (VISIT, SAME_VISIT, CLASH):
        assert str(article_iri(BASE, article.id)) in store.graphs()
    assert result.synced is None and result.projected is None  # no Neo4j configured


def test_running_it_again_costs_a_hash_check_and_writes_nothing(
    service: IngestService, store: OxigraphStore
) -> None:
    service.ingest([VISIT, CLASH])
    before = store.export("nq")
    again = service.ingest([VISIT, CLASH])
    assert [r.status for r in again.reports] == ["unchanged", "unchanged"]
    assert again.stored == [] and len(again.unchanged) == 2
    assert store.export("nq") == before


def test_a_corrected_article_replaces_exactly_its_own_graph(
    service: IngestService, store: OxigraphStore
) -> None:
    service.ingest([VISIT, CLASH])
    clash_graph = store.export("nq", str(article_iri(BASE, CLASH.id)))
    corrected = replace(VISIT, text=VISIT.text.replace("June 19", "June 18"))
    result = service.ingest_one(corrected)
    assert [r.status for r in result.reports] == ["replaced"]
    assert store.export("nq", str(article_iri(BASE, CLASH.id))) == clash_graph
    dates = store.select(
        f"SELECT ?d WHERE {{ GRAPH <{article_iri(BASE, VISIT.id)}> {{ ?e <{GEO.date}> ?d }} }}"
    )
    assert [row["d"] for row in dates] == ["2024-06-18"]


def test_inputs_that_fail_are_reported_with_their_reasons_and_the_rest_is_stored(
    service: IngestService, store: OxigraphStore
) -> None:
    bad = article_graph(extract(CLASH), BASE)
    event = next(bad.subjects(GEO.code, Literal("armed_clash")))
    bad.remove((event, GEO.earliest, None))  # an event without its day bounds: SHACL refuses
    unreadable = LoadError("feed.xml is not a feed.", "feed.xml")
    items = [unreadable, ArticleGraph("00000000deadbeef", bad, source="gdelt row 7"), VISIT]
    result = service.ingest(items)
    assert [source for source, _ in result.failed] == ["feed.xml", "gdelt row 7"]
    assert "not a feed" in result.failed[0][1] and "earliest" in result.failed[1][1]
    assert [r.article_id for r in result.stored] == [VISIT.id]
    assert str(article_iri(BASE, "00000000deadbeef")) not in store.graphs()


def test_a_graph_a_dataset_loader_built_is_stored_as_the_article_would_be(
    tmp_path: Path, reference: bytes, service: IngestService, store: OxigraphStore
) -> None:
    built = ArticleGraph(CLASH.id, article_graph(extract(CLASH), BASE), source="rows.csv")
    result = service.ingest([built])
    assert [(r.status, r.extraction) for r in result.reports] == [("new", None)]
    assert result.events == 1 and result.relations == 0
    with OxigraphStore(tmp_path / "other") as other:
        other.import_data(reference, "nq")
        IngestService(Targets(store=other, base_iri=BASE)).ingest([CLASH])
        assert sorted(other.export("nq").splitlines()) == sorted(store.export("nq").splitlines())


def test_the_timeline_cache_is_current_when_it_returns(
    service: IngestService, store: OxigraphStore
) -> None:
    queries = record_queries(store)
    assert queries.timeline("PRK", "RUS") == []  # read once: kept, then made stale below
    service.ingest([VISIT])
    assert timelines(store).stale() == []
    one = service.ingest_one(SAME_VISIT)  # the HTTP path leaves the refresh to its caller
    assert one.reports[0].corroborated_events == 1 and timelines(store).stale() != []
    assert service.refresh_caches() == [] and timelines(store).stale() == []
    assert [e.date for e in queries.timeline("PRK", "RUS")] == ["2024-06-19"]


def test_sync_needs_a_projection(service: IngestService) -> None:
    with pytest.raises(ValueError, match="projection"):
        service.sync()

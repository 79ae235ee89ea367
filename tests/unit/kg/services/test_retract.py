"""Retraction on the embedded store, with real objects: an article retracted leaves the
record exactly as it was before the article came (exports compared byte for byte), facts
another article also asserts stay with one source less, refinements it made are undone,
and its id is remembered until it is ingested again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kg.queries.sparql_queries import SparqlQueries
from kg.services.ingest import IngestService, Targets
from kg.services.retract import NOT_A_REFERENCE, article_ref
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.retractions import Retractions
from loaders.article import Article
from ontology.identifiers import article_iri

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
MONTH_VISIT = Article(
    url="https://monthly.test/putin",
    published=date(2024, 7, 30),
    text="Russian President Vladimir Putin visited North Korea in June 2024.",
)
CLASH = Article(
    url="https://news.test/clash",
    published=date(2020, 6, 17),
    text="Indian and Chinese troops clashed in the Galwan Valley on June 15, 2020.",
)


@pytest.fixture
def store(tmp_path: Path, reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path / "store") as s:
        s.import_data(reference, "nq")
        yield s


@pytest.fixture
def service(store: OxigraphStore, tmp_path: Path) -> Iterator[IngestService]:
    gone = Retractions(tmp_path / "store")
    yield IngestService(Targets(store=store, base_iri=BASE, retractions=gone))
    gone.close()


def sources(store: OxigraphStore, a: str, b: str) -> list[list[str]]:
    events = SparqlQueries(store).timeline(a, b)
    return [sorted(s.article for s in e.sources) for e in events]


def test_a_corroborating_article_retracted_leaves_the_record_as_it_was(
    store: OxigraphStore, service: IngestService
) -> None:
    service.ingest([VISIT, CLASH])
    before, timeline = store.export("nq"), sources(store, "RUS", "PRK")
    assert service.ingest([SAME_VISIT]).reports[0].corroborated_events == 1
    assert len(sources(store, "RUS", "PRK")[0]) == 2
    result = service.retract([SAME_VISIT.url or ""])
    assert [r.article_id for r in result.retracted] == [SAME_VISIT.id] and not result.refused
    assert store.export("nq") == before
    assert sources(store, "RUS", "PRK") == timeline  # the event stays, with one source less


def test_a_refinement_the_article_made_is_undone(
    store: OxigraphStore, service: IngestService
) -> None:
    service.ingest([MONTH_VISIT])
    before, graphs = store.export("nq"), store.graphs()
    assert service.ingest([VISIT]).reports[0].derived, "the day refines the month"
    assert len(store.graphs()) > len(graphs) + 1
    service.retract([str(article_iri(BASE, VISIT.id))])
    assert store.graphs() == graphs and store.export("nq") == before


def test_references_and_refusals(service: IngestService) -> None:
    service.ingest([VISIT])
    result = service.retract([VISIT.id, "0123456789abcdef", "not a reference"])
    assert [r.url for r in result.retracted] == [VISIT.url]
    refused = dict(result.refused)
    assert refused["0123456789abcdef"] == "'0123456789abcdef' is not in the record"
    assert NOT_A_REFERENCE in refused["not a reference"]
    again = dict(service.retract([VISIT.id]).refused)
    assert f"was retracted at {result.retracted[0].retracted_at}" in again[VISIT.id]


def test_an_article_ingested_again_is_no_longer_retracted(service: IngestService) -> None:
    service.ingest([VISIT])
    service.retract([VISIT.id])
    gone = service.targets.retractions
    assert gone is not None and gone.when(VISIT.id) is not None
    assert service.ingest([VISIT]).reports[0].status == "new"
    assert gone.when(VISIT.id) is None


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("0123456789abcdef", "0123456789abcdef"),
        (f"{BASE}article/0123456789abcdef", "0123456789abcdef"),
        ("https://news.test/visit", VISIT.id),
        (f"{BASE}article/short", None),
        ("javascript:alert(1)", None),
        ("0123456789ABCDEF0", None),
    ],
)
def test_article_references(ref: str, expected: str | None) -> None:
    assert article_ref(BASE, ref) == expected

"""One event dated at two precisions by two articles ("in June 2024", "on June 19, 2024") is
one event in the timeline, with both sources, whatever order the articles come in; the
record still keeps what each article said."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kg.ingest import ingest_article
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from ontology.identifiers import article_iri
from ontology.namespace import GEO
from tests.unit.kg.conftest import BASE

ROUGH = Article(
    url="https://news.test/ratified",
    published=date(2024, 11, 12),
    text="The treaty was signed when Russian President Vladimir Putin visited Pyongyang in June 2024.",
)
EXACT = Article(
    url="https://news.test/arrived",
    published=date(2024, 6, 20),
    text=(
        "Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024, "
        "for a state visit to North Korea."
    ),
)
ANOTHER_DAY = Article(
    url="https://news.test/early-june",
    published=date(2024, 6, 5),
    text="Russian President Vladimir Putin visited Pyongyang on June 3, 2024.",
)


@pytest.fixture
def store(reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        s.import_data(reference, "nq")
        yield s


def _visits(store: OxigraphStore) -> list[tuple[str, set[str]]]:
    events = SparqlQueries(store).timeline("PRK", "RUS", event_type="state_visit")
    return [(e.date, {s.article for s in e.sources}) for e in events]


def _iri(article: Article) -> str:
    return str(article_iri(BASE, article.id))


def test_a_coarse_report_and_a_precise_one_are_one_event_with_both_sources(
    store: OxigraphStore,
) -> None:
    ingest_article(ROUGH, store, BASE)
    assert _visits(store) == [("2024-06", {_iri(ROUGH)})]
    report = ingest_article(EXACT, store, BASE)
    assert report.corroborated_events == 1 and report.new_events == 0
    assert _visits(store) == [("2024-06-19", {_iri(ROUGH), _iri(EXACT)})]
    # The record keeps the coarse event as its article said it.
    rough = store.to_graph(_iri(ROUGH))
    assert any(
        str(e).endswith("/state_visit/PRK-RUS/2024-06") for e in rough.subjects(GEO.source, None)
    )
    summary = SparqlQueries(store).relation_summary("PRK", "RUS")
    assert summary.event_counts == {"state_visit": 1, "treaty_signed": 1}


def test_the_order_of_the_articles_does_not_matter(reference: bytes) -> None:
    exports = []
    for order in ([ROUGH, EXACT], [EXACT, ROUGH]):
        with OxigraphStore(None) as s:
            s.import_data(reference, "nq")
            for article in order:
                ingest_article(article, s, BASE)
            exports.append(sorted(s.export("nq").decode().splitlines()))
    assert exports[0] == exports[1]


def test_two_precise_candidates_leave_the_coarse_event_apart(store: OxigraphStore) -> None:
    for article in (ROUGH, EXACT, ANOTHER_DAY):
        ingest_article(article, store, BASE)
    assert _visits(store) == [
        ("2024-06", {_iri(ROUGH)}),
        ("2024-06-03", {_iri(ANOTHER_DAY)}),
        ("2024-06-19", {_iri(EXACT)}),
    ]
    assert not [g for g in store.graphs() if "/graph/refinement/state_visit/" in g]


def test_correcting_the_precise_article_undoes_the_refinement_exactly(
    store: OxigraphStore, reference: bytes
) -> None:
    ingest_article(EXACT, store, BASE)
    ingest_article(ROUGH, store, BASE)
    corrected = Article(
        url=EXACT.url, published=EXACT.published, text=EXACT.text.replace("June 19", "July 19")
    )
    assert ingest_article(corrected, store, BASE).status == "replaced"
    assert _visits(store) == [("2024-06", {_iri(ROUGH)}), ("2024-07-19", {_iri(EXACT)})]
    with OxigraphStore(None) as clean:  # the same store as ingesting only these two
        clean.import_data(reference, "nq")
        ingest_article(ROUGH, clean, BASE)
        ingest_article(corrected, clean, BASE)
        assert sorted(clean.export("nq").splitlines()) == sorted(store.export("nq").splitlines())

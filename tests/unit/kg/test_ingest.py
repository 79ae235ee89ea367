"""Ingest: each article is its own named graph, written whole or not at all; re-ingesting
is a no-op, a corrected article replaces exactly its own facts, and an event reported by
two articles keeps both sources."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kg.ingest import ingest_all, ingest_article
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.errors import LoadError
from loaders.extraction.extractor import extract
from loaders.extraction.model import EventRecord, Extraction
from ontology.identifiers import article_iri
from ontology.namespace import GEO

BASE = "https://kg.test/"

VISIT = Article(
    url="https://news.test/visit",
    published=date(2024, 6, 20),
    text=(
        "Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024, "
        "for a state visit to North Korea."
    ),
)
SAME_VISIT_ELSEWHERE = Article(
    url="https://other.test/putin-trip",
    published=date(2024, 6, 21),
    text=(
        "Vladimir Putin visited North Korea on June 19, 2024, his first trip to "
        "Pyongyang in 24 years."
    ),
)
CLASH = Article(
    url="https://news.test/clash",
    published=date(2020, 6, 17),
    text="Indian and Chinese troops clashed in the Galwan Valley on June 15, 2020.",
)


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        yield s


def _sources(store: OxigraphStore) -> dict[str, set[str]]:
    rows = store.select(f"SELECT ?e ?a WHERE {{ ?e a <{GEO.Event}> ; <{GEO.source}> ?a }}")
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["e"], set()).add(row["a"])
    return found


def test_an_article_lands_in_its_own_named_graph(store: OxigraphStore) -> None:
    report = ingest_article(VISIT, store, BASE)
    assert report.status == "new"
    assert report.events >= 1
    assert store.graphs() == [str(article_iri(BASE, VISIT.id))]


def test_ingesting_the_same_article_twice_changes_nothing(store: OxigraphStore) -> None:
    ingest_article(VISIT, store, BASE)
    before = store.export("nq")
    again = ingest_article(VISIT, store, BASE)
    assert again.status == "unchanged"
    assert again.new_events == 0 and again.corroborated_events == 0
    assert again.known_events == again.events  # every event: recorded before by this article
    assert store.export("nq") == before


def test_a_corrected_article_replaces_exactly_its_own_facts(store: OxigraphStore) -> None:
    ingest_article(VISIT, store, BASE)
    ingest_article(CLASH, store, BASE)
    clash_graph = store.export("nq", graph=str(article_iri(BASE, CLASH.id)))
    corrected = Article(
        url=VISIT.url,
        published=VISIT.published,
        text=VISIT.text.replace("June 19", "June 18"),
    )
    report = ingest_article(corrected, store, BASE)
    assert report.status == "replaced"
    assert report.new_events >= 1  # the visit on the 18th
    assert report.new_events + report.known_events + report.corroborated_events == report.events
    events = set(_sources(store))
    assert not any(e.endswith("/2024-06-19") for e in events), events
    assert any(e.endswith("/2024-06-18") for e in events), events
    assert store.export("nq", graph=str(article_iri(BASE, CLASH.id))) == clash_graph


def test_an_event_reported_by_two_articles_keeps_both_sources(store: OxigraphStore) -> None:
    first = ingest_article(VISIT, store, BASE)
    second = ingest_article(SAME_VISIT_ELSEWHERE, store, BASE)
    assert first.new_events >= 1
    assert second.corroborated_events >= 1
    visit = next(e for e in _sources(store) if "/state_visit/" in e)
    assert _sources(store)[visit] == {
        str(article_iri(BASE, VISIT.id)),
        str(article_iri(BASE, SAME_VISIT_ELSEWHERE.id)),
    }
    # Dropping one article leaves the event with the other source.
    store.drop_graph(str(article_iri(BASE, VISIT.id)))
    assert _sources(store)[visit] == {str(article_iri(BASE, SAME_VISIT_ELSEWHERE.id))}


def test_inputs_that_fail_are_reported_and_the_rest_still_load(store: OxigraphStore) -> None:
    broken = LoadError("empty.txt is empty.", "empty.txt")
    summary = ingest_all([broken, VISIT], store, BASE)
    assert summary.articles == 1
    assert summary.rejected == [("empty.txt", "empty.txt is empty.")]


def test_a_graph_that_fails_validation_writes_nothing(store: OxigraphStore) -> None:
    def undated_event(article: Article) -> Extraction:
        bad = EventRecord(
            type="no_such_type", participants=["CHN"], date="2024",
            evidence=article.text, start=0, end=len(article.text), confidence=0.5,
        )  # fmt: skip
        return Extraction(article=article, states=["CHN"], events=[bad])

    summary = ingest_all([CLASH], store, BASE, extractor=undated_event)
    assert summary.articles == 0
    assert len(summary.rejected) == 1
    assert "no_such_type" in summary.rejected[0][1]
    assert store.count() == 0


def test_the_default_extractor_is_the_rule_based_one(store: OxigraphStore) -> None:
    report = ingest_article(CLASH, store, BASE)
    assert report.extraction.model_dump(exclude={"article"}) == extract(CLASH).model_dump(
        exclude={"article"}
    )

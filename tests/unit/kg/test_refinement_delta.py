"""Refinement graphs written by difference (kg.refinement_delta) stay exactly those the whole
record implies: after every write of a sequence of articles that report one visit at a year,
a month and days (corroborating, refining, making the finer event ambiguous, corrected and
retracted), the stored refinement graphs equal store_refinement_graphs recomputed from
scratch, and an unchanged article reads nothing but its hash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from rdflib import Graph

from kg.ingest import ingest_article
from kg.refinement import refined_event
from kg.refinement_record import store_refinement_graphs
from kg.stores.oxigraph_store import OxigraphStore
from kg.sync import graph_hash
from loaders.article import Article
from tests.unit.kg.conftest import BASE

VISIT = "Russian President Vladimir Putin visited Pyongyang {when}."


def article(n: int, when: str) -> Article:
    return Article(
        url=f"https://news.test/{n}", published=date(2024, 12, 1), text=VISIT.format(when=when)
    )


SEQUENCE = [
    article(1, "in 2024"),
    article(2, "in June 2024"),
    article(3, "in June 2024"),  # corroborates the month
    article(4, "on June 19, 2024"),  # refines the month and the year
    article(5, "in 2024"),  # lends more to the day, by difference
    article(6, "on June 19, 2024"),
    article(2, "in July 2024"),  # corrected: its month moves away
    article(7, "on June 3, 2024"),  # two days in June: the month stays apart
    article(4, "in 2024"),  # corrected again
    article(7, "in 2023"),
    article(3, "on June 19, 2024"),
]


@pytest.fixture
def store(reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        s.import_data(reference, "nq")
        yield s


def stored_refinements(store: OxigraphStore) -> dict[str, str]:
    names = [n for n in store.graphs() if refined_event(n) is not None]
    return {n: graph_hash(store.to_graph(n)) for n in names}


def implied(store: OxigraphStore) -> dict[str, str]:
    graphs = store_refinement_graphs(store)
    return {n: graph_hash(g) for n, g in graphs.items() if len(g)}


def test_refinement_graphs_written_by_difference_equal_a_full_recompute(
    store: OxigraphStore,
) -> None:
    seen = set()
    for item in SEQUENCE:
        ingest_article(item, store, BASE)
        assert stored_refinements(store) == implied(store), item.url
        seen |= set(stored_refinements(store))
    assert len(seen) >= 2  # the year and the month were both refined at some point


def test_an_unchanged_article_reads_only_its_hash(store: OxigraphStore) -> None:
    for item in SEQUENCE[:6]:
        ingest_article(item, store, BASE)
    before = store.export("nq")
    queries: list[str] = []
    select, to_graph = store.select, store.to_graph
    store.select = lambda q: queries.append(q) or select(q)  # type: ignore[method-assign]
    store.to_graph = lambda n=None: queries.append(f"read {n}") or to_graph(n)  # type: ignore[method-assign]
    report = ingest_article(SEQUENCE[5], store, BASE)
    assert report.status == "unchanged" and queries == []
    assert store.export("nq") == before


def test_a_store_without_kept_hashes_still_finds_the_article_unchanged(
    store: OxigraphStore,
) -> None:
    ingest_article(SEQUENCE[0], store, BASE)
    hashes = store.caches().hashes
    assert hashes is not None
    hashes.forget([n for n in store.graphs()])  # as after a crash, or an older store
    assert ingest_article(SEQUENCE[0], store, BASE).status == "unchanged"
    assert isinstance(store.to_graph(), Graph)

"""The per-run index of the events each dyad links (kg.group_index) answers what the record
holds: every event of the asked groups and no other group's, as read at first and as kept
current by the run's own writes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.group_index import GroupIndex, group_prefix
from kg.ingest import ingest_article
from kg.prepare import Prepared, default_extractor, prepare
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from ontology.namespace import GEO_IRI
from tests.unit.kg.conftest import BASE
from tests.unit.kg.test_refinement_delta import SEQUENCE, article

_EVERY_EVENT = f"SELECT DISTINCT ?e WHERE {{ ?e a <{GEO_IRI}Event> }}"


@pytest.fixture
def store(reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        s.import_data(reference, "nq")
        yield s


def _prepared(item: Article) -> Prepared:
    found = prepare(item, BASE, default_extractor())
    assert isinstance(found, Prepared)
    return found


def _in_record(store: OxigraphStore, prefixes: set[str]) -> set[str]:
    every = {row["e"] for row in store.select(_EVERY_EVENT)}
    return {e for e in every if group_prefix(e) in prefixes}


def test_the_index_answers_the_groups_asked_as_the_record_holds_them(
    store: OxigraphStore,
) -> None:
    for item in SEQUENCE[:6]:
        ingest_article(item, store, BASE)
    date = SEQUENCE[0].published
    ingest_article(
        Article("Xi Jinping visited Hanoi in 2023.", "https://news.test/50", published=date),
        store,
        BASE,
    )
    ingest_article(
        Article("Putin met Kim Jong Un in 2023.", "https://news.test/51", published=date),
        store,
        BASE,
    )
    index, keys = GroupIndex(store), _prepared(SEQUENCE[3]).facts.group_keys()
    prefixes = {p for e in keys if (p := group_prefix(e)) is not None}
    assert len(_in_record(store, prefixes)) >= 3  # the year, the month and the day
    assert index.events(keys) == _in_record(store, prefixes)
    assert len(_in_record(store, set(map(group_prefix, _every(store))))) > len(index.events(keys))
    later = _prepared(article(9, "on June 3, 2024"))
    ingest_article(article(9, "on June 3, 2024"), store, BASE)
    index.added([later.facts])  # the run's own write, without a read
    assert index.events(keys) == _in_record(store, prefixes)


def _every(store: OxigraphStore) -> set[str]:
    return {row["e"] for row in store.select(_EVERY_EVENT)}

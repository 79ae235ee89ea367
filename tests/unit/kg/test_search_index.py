"""The full-text index beside the embedded store: after every kind of write (articles, a
corroborating and a refining report, a correction, a retraction, an import, a reference
reload) it answers as an index read afresh from the record; a crash during a write leaves it
stale on disk, and a stale or missing index is rebuilt before it answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kg.ingest import ingest_article
from kg.queries.search_hits import ordered
from kg.queries.search_sparql import sparql_search
from kg.queries.search_words import fts_query, search_words
from kg.reference import load_reference
from kg.settings import get_settings
from kg.stores.oxigraph_readonly import ReadOnlyOxigraphStore
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.search_index import FILE_NAME, SearchIndex
from kg.upgrade import upgrade
from loaders.article import Article
from loaders.sources import iter_articles
from ontology.identifiers import article_iri
from tests.unit.kg.conftest import BASE
from tests.unit.kg.test_timeline_cache import DEMO, EXACT, ROUGH

CHEERED = Article(
    url="https://news.test/cheered",
    published=date(2024, 6, 20),
    text="Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024, for a state "
    "visit, to cheering crowds.",
)
QUERIES = ("armistice", "Korean War", "treaty", "Putin visited", "North Korea", "Pyongyang")
QUERIES += ("June", "Kim Jong-un", "messages", "China's", "Panmunjom armistice", "crowds")


def assert_in_step(store: OxigraphStore) -> int:
    """Every query answers as an index read afresh from the record does; returns how many
    hits there were."""
    assert store.caches().search.current
    fresh = SearchIndex(None, store.select)
    fresh.rebuild()
    found = 0
    for text in QUERIES:
        kept = sparql_search(store, text, limit=100)
        again = ordered(fresh.matches(fts_query(search_words(text))))
        assert [(h.kind, h.iri) for h in kept.hits] == again, text
        found += kept.total
    return found


@pytest.fixture
def store(tmp_path: Path, reference: bytes) -> OxigraphStore:
    """A store on disk with the reference data (kg load-reference)."""
    opened = OxigraphStore(tmp_path / "store")
    opened.import_data(reference, "nq")
    return opened


def test_every_kind_of_write_keeps_the_index_in_step(store: OxigraphStore) -> None:
    assert store.caches().search.current  # a new record's index needs no rebuild
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        ingest_article(item, store, BASE)
    assert assert_in_step(store) > 20
    for article in (ROUGH, EXACT, CHEERED):  # corroborates, then refines the 2024 visit
        ingest_article(article, store, BASE)
        assert_in_step(store)
    cheered = sparql_search(store, "cheering crowds").hits
    assert [(h.kind, h.date) for h in cheered] == [("event", "2024-06-19")]
    corrected = replace(CHEERED, text=CHEERED.text.replace("cheering", "silent"))
    ingest_article(corrected, store, BASE)
    assert sparql_search(store, "cheering crowds").total == 0
    assert sparql_search(store, "silent crowds").hits[0].iri == cheered[0].iri
    assert store.drop_graph(str(article_iri(BASE, ROUGH.id)))  # kg retract
    assert_in_step(store)
    moved = store.export("nq", graph=str(article_iri(BASE, corrected.id)))
    store.import_data(moved.replace(b"silent", b"joyful"), "nq")
    assert sparql_search(store, "joyful crowds").total == 1
    load_reference(store, get_settings(store_path=Path("unused"), base_iri=BASE))
    assert assert_in_step(store) > 20


def test_a_crash_during_a_write_leaves_it_stale_and_it_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with OxigraphStore(folder) as first:
        ingest_article(EXACT, first, BASE)
        pending = first.caches().search.writing([])
        pending.__enter__()  # and killed before the write ends
        assert not SearchIndex(folder, first.select).current  # stale on disk, mid-write
    with OxigraphStore(folder) as again:
        assert not again.caches().search.current
        assert sparql_search(again, "Putin arrived").total == 1  # rebuilt, then answered
        assert again.caches().search.current
    (folder / FILE_NAME).unlink()
    with OxigraphStore(folder) as again:
        assert sparql_search(again, "Putin arrived").total == 1
        assert upgrade(again) is not None and again.caches().search.current


def test_a_read_only_store_builds_its_own_from_its_snapshot(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as writer:
        ingest_article(EXACT, writer, BASE)
    with ReadOnlyOxigraphStore(tmp_path / "store") as reader:
        found = sparql_search(reader, "Pyongyang")
        assert [h.kind for h in found.hits] == ["event"] and found.hits[0].snippet
        assert found.hits[0].label.startswith("state visit")


@pytest.mark.parametrize("text", ["", "  ", "the of", "*", "x" * 201, "a b c d e f g h i j"])
def test_text_with_no_word_or_too_much_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        sparql_search(OxigraphStore(), text)


def test_a_page_of_hits() -> None:
    store = OxigraphStore()
    for day in range(1, 8):
        text = f"Putin visited Pyongyang on June {day}, 2021, for talks."
        ingest_article(Article(url=f"https://news.test/{day}", published=date(2021, 6, 8), text=text), store, BASE)  # fmt: skip
    whole = sparql_search(store, "Putin visited", limit=100)
    assert whole.total == len(whole.hits) >= 7
    pages = [sparql_search(store, "Putin visited", limit=3, offset=o).hits for o in (0, 3, 6)]
    assert [h for page in pages for h in page] == whole.hits[:9]
    with pytest.raises(ValueError):
        sparql_search(store, "Putin", limit=101)

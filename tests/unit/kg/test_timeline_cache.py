"""The pair timelines the embedded store keeps beside the record: a cached answer is the
answer the record gives, after every kind of write; a write that overtakes a read keeps
nothing; and a pair read before is answered without a SPARQL query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kg.ingest import ingest_article
from kg.queries.cached_queries import CachedQueries, record_queries
from kg.queries.models import EventPublic
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.timeline_warm import warm_timelines
from kg.reference import load_reference
from kg.settings import get_settings
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.sqlite_timelines import FILE_NAME
from kg.stores.sqlite_timelines import SqliteTimelines as TimelineCache
from kg.stores.timeline_cache import CachedEvent, PageFilter
from loaders.article import Article
from loaders.sources import iter_articles
from ontology.dates import parse_partial
from ontology.identifiers import article_iri
from ontology.namespace import GEO_IRI
from tests.unit.kg.conftest import BASE, kept, timelines
from tests.unit.kg.conftest import cached as queries

DEMO = Path(__file__).resolve().parents[3] / "kg" / "demo"
ROUGH = Article(
    url="https://news.test/ratified",
    published=date(2024, 11, 12),
    text="The treaty was signed when Russian President Vladimir Putin visited Pyongyang in June 2024.",
)
EXACT = Article(
    url="https://news.test/arrived",
    published=date(2024, 6, 20),
    text="Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024, for a state visit.",
)


def _event(n: int, kind: str = "talks") -> CachedEvent:
    day = f"2020-01-{n:02d}"
    return CachedEvent(day, day, kind, f'{{"n": {n}}}')


def test_a_cached_pair_is_paged_and_filtered_like_the_record() -> None:
    cache = TimelineCache(None)
    assert cache.page("CHN|PRK", PageFilter()) is None  # never read: not cached
    assert cache.put("CHN|PRK", [_event(1), _event(2, "war"), _event(3)], cache.epoch)
    assert cache.put("KOR|PRK", [], cache.epoch)  # a pair without events is an answer too
    assert cache.page("KOR|PRK", PageFilter()) == []
    assert cache.page("CHN|PRK", PageFilter()) == ['{"n": 1}', '{"n": 2}', '{"n": 3}']
    assert cache.page("CHN|PRK", PageFilter(limit=1, offset=1)) == ['{"n": 2}']
    assert cache.page("CHN|PRK", PageFilter(event_type="talks", offset=1)) == ['{"n": 3}']
    between = PageFilter(start="2020-01-02", end="2020-01-03")
    assert cache.page("CHN|PRK", between) == ['{"n": 2}', '{"n": 3}']


def test_a_write_marks_pairs_stale_and_refuses_a_read_it_overtook() -> None:
    cache = TimelineCache(None)
    read_at = cache.epoch
    cache.begin_write(["USA|JPN"])  # a write came while the pair was being read
    cache.end_write(["USA|JPN"])
    assert not cache.put("CHN|PRK", [_event(1)], read_at)
    assert cache.page("CHN|PRK", PageFilter()) is None
    assert cache.put("CHN|PRK", [_event(1)], cache.epoch)
    cache.begin_write(["CHN|PRK"])
    assert cache.page("CHN|PRK", PageFilter()) is None and cache.stale() == ["CHN|PRK"]
    cache.end_write(["CHN|PRK"])
    assert cache.put("CHN|PRK", [_event(2)], cache.epoch) and cache.stale() == []
    assert cache.page("CHN|PRK", PageFilter()) == ['{"n": 2}']
    cache.forget()
    assert cache.page("CHN|PRK", PageFilter()) is None and cache.tracks_nothing()


def test_nothing_read_during_a_write_is_kept() -> None:
    """The record may be either side of the write then, whatever pairs the write names."""
    cache = TimelineCache(None)
    cache.begin_write([])
    assert not cache.put("CHN|PRK", [_event(1)], cache.epoch)
    assert not cache.make_complete(cache.epoch)
    cache.end_write([])
    assert cache.put("CHN|PRK", [_event(1)], cache.epoch)


def test_a_complete_cache_answers_for_pairs_it_lacks_and_keeps_new_ones_stale() -> None:
    cache = TimelineCache(None)
    assert cache.complete is None and cache.make_complete(cache.epoch)
    assert cache.page("CHN|PRK", PageFilter()) == []  # complete: a pair it lacks has no events
    cache.begin_write(["CHN|PRK"])  # the pair's first event is being written
    assert cache.complete is False and cache.page("CHN|PRK", PageFilter()) is None
    cache.end_write(["CHN|PRK"])
    assert cache.complete is True and cache.stale() == ["CHN|PRK"]
    assert cache.page("CHN|PRK", PageFilter()) is None  # to be read from the record
    assert cache.put("CHN|PRK", [_event(1)], cache.epoch)
    assert cache.page("CHN|PRK", PageFilter()) == ['{"n": 1}']
    read_at = cache.epoch
    cache.forget()  # a write of anything but events: nothing is known any more
    assert cache.complete is False and not cache.make_complete(read_at)


def test_a_write_cut_short_leaves_the_cache_incomplete_on_disk(tmp_path: Path) -> None:
    cache = TimelineCache(tmp_path)
    cache.make_complete(cache.epoch)
    cache.put("CHN|PRK", [_event(1)], cache.epoch)
    cache.begin_write(["KOR|PRK"])  # and the process dies here, before end_write
    cache.close()
    again = TimelineCache(tmp_path)
    assert again.complete is False and again.page("KOR|PRK", PageFilter()) is None
    assert again.page("CHN|PRK", PageFilter()) == ['{"n": 1}']  # not reached by the write


def test_a_damaged_file_is_an_empty_cache(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"not a database at all" * 100)
    cache = TimelineCache(tmp_path)
    assert cache.tracks_nothing() and cache.put("CHN|PRK", [_event(1)], cache.epoch)
    cache.close()
    assert TimelineCache(tmp_path).page("CHN|PRK", PageFilter()) == ['{"n": 1}']


@pytest.fixture(params=["complete"])
def twins(
    reference: bytes, request: pytest.FixtureRequest
) -> Iterator[tuple[OxigraphStore, OxigraphStore]]:
    """The same record twice: one store keeps timelines, the other answers from the record.
    The cache starts complete (a record without events); "partial" starts it again once
    the record has events, as for a store older than its cache."""
    with OxigraphStore(None) as cached, OxigraphStore(None, timeline_cache=False) as plain:
        for store in (cached, plain):
            store.import_data(reference, "nq")
        assert kept(cached, "FIN|NZL") == []  # complete: no query
        if request.param == "partial":
            _both((cached, plain), ROUGH)
            timelines(cached).forget()
            assert kept(cached, "FIN|NZL") is None
        yield cached, plain


def _pairs(store: OxigraphStore) -> list[tuple[str, str]]:
    rows = store.select(f"SELECT DISTINCT ?c WHERE {{ ?d a <{GEO_IRI}Dyad> ; <{GEO_IRI}code> ?c }}")
    return sorted((a, b) for a, b in (r["c"].split("|") for r in rows))


def _requests(events: list[EventPublic]) -> list[dict[str, object]]:
    """The whole timeline, pages, and filters that cut it somewhere."""
    asks: list[dict[str, object]] = [{}, {"limit": 1}, {"limit": 2, "offset": 1}, {"offset": 9}]
    for e in events[:2]:
        year = parse_partial(e.earliest[:4])
        asks += [
            {"event_type": e.type},
            {"start": year},
            {"end": year},
            {"start": year, "end": year},
        ]
        asks += [{"event_type": e.type, "limit": 1, "offset": 1}]
    return asks


def assert_same_timelines(cached: OxigraphStore, plain: OxigraphStore) -> int:
    """Every pair, every request, cold then warm: what the cache answers is the record's."""
    checked = 0
    assert _pairs(cached) == _pairs(plain)
    for a, b in _pairs(plain):
        whole = record_queries(plain).timeline(a, b)
        for ask in _requests(whole):
            expected = record_queries(plain).timeline(a, b, **ask)  # type: ignore[arg-type]
            for _ in ("cold", "warm"):
                assert record_queries(cached).timeline(a, b, **ask) == expected, (a, b, ask)  # type: ignore[arg-type]
                checked += 1
    return checked


def _both(twins: tuple[OxigraphStore, OxigraphStore], article: Article) -> None:
    for store in twins:
        ingest_article(article, store, BASE)


@pytest.mark.parametrize("twins", ["complete", "partial"], indirect=True)
def test_every_kind_of_write_leaves_the_cached_timelines_right(
    twins: tuple[OxigraphStore, OxigraphStore],
) -> None:
    cached, plain = twins
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        _both(twins, item)
    assert assert_same_timelines(cached, plain) > 100
    _both(twins, ROUGH)  # corroborates the 2024 visit, at a coarser date
    assert assert_same_timelines(cached, plain)
    _both(twins, EXACT)  # refines it: one event with both sources
    assert assert_same_timelines(cached, plain)
    corrected = Article(
        url=EXACT.url, published=EXACT.published, text=EXACT.text.replace("19", "18")
    )
    _both(twins, corrected)
    assert assert_same_timelines(cached, plain)
    for store in twins:
        assert store.drop_graph(str(article_iri(BASE, ROUGH.id)))
    assert assert_same_timelines(cached, plain)
    moved = plain.export("nq", graph=str(article_iri(BASE, corrected.id)))
    for store in twins:  # an imported graph (N-Quads of one article under its own name)
        store.import_data(moved.replace(b"06-18", b"06-17"), "nq")
    assert assert_same_timelines(cached, plain)


def test_reference_data_forgets_every_pair(twins: tuple[OxigraphStore, OxigraphStore]) -> None:
    cached, plain = twins
    _both(twins, EXACT)
    assert assert_same_timelines(cached, plain)
    assert kept(cached, "PRK|RUS") is not None
    settings = get_settings(store_path=Path("unused"), base_iri=BASE)
    load_reference(cached, settings)
    assert kept(cached, "PRK|RUS") is None


def test_a_pair_read_before_needs_no_query(twins: tuple[OxigraphStore, OxigraphStore]) -> None:
    cached, _ = twins
    _both(twins, EXACT)
    first = record_queries(cached).timeline("PRK", "RUS", limit=5)
    calls: list[str] = []
    select = cached.select
    cached.select = lambda sparql: calls.append(sparql) or select(sparql)  # type: ignore[method-assign]
    assert record_queries(cached).timeline("RUS", "PRK", limit=5) == first and first
    assert calls == []
    with pytest.raises(ValueError):  # bad arguments are refused as before, cached or not
        record_queries(cached).timeline("PRK", "RUS", event_type="visits")


def test_upgrade_forgets_what_another_writer_may_have_left(
    twins: tuple[OxigraphStore, OxigraphStore],
) -> None:
    """A store another program wrote (or an older geokg) may hold timelines it did not keep
    right: `kg upgrade` starts the cache again."""
    from kg.upgrade import upgrade

    cached, _ = twins
    _both(twins, EXACT)
    record_queries(cached).timeline("PRK", "RUS")
    assert kept(cached, "PRK|RUS") is not None
    upgrade(cached)
    assert kept(cached, "PRK|RUS") is None


def test_a_read_that_a_write_overtakes_is_not_kept(
    twins: tuple[OxigraphStore, OxigraphStore],
) -> None:
    """The write lands while the pair is being read from the record: that answer is not
    kept (the pair is read again), so this read and the next see the write."""
    cached, _ = twins
    _both(twins, ROUGH)
    q = SparqlQueries(cached)  # the record's reads, under the cache's
    read = q._events

    def read_then_write(sparql: str) -> list[EventPublic]:
        answer = read(sparql)
        q._events = read  # type: ignore[method-assign]
        ingest_article(EXACT, cached, BASE)  # refines the June visit while we read it
        return answer

    q._events = read_then_write  # type: ignore[method-assign]
    overtaken = CachedQueries(q, timelines(cached), owns_cache=False).timeline("PRK", "RUS")
    assert [e.date for e in overtaken if e.type == "state_visit"] == ["2024-06-19"]
    now = record_queries(cached).timeline("PRK", "RUS")
    assert [e.date for e in now if e.type == "state_visit"] == ["2024-06-19"]


@pytest.mark.parametrize("twins", ["partial"], indirect=True)
def test_warming_reads_every_pair_once_and_makes_the_cache_complete(
    twins: tuple[OxigraphStore, OxigraphStore],
) -> None:
    cached, plain = twins
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        _both(twins, item)
    record_queries(cached).timeline("CHN", "PRK")  # one pair kept already
    report = warm_timelines(queries(cached))
    assert (
        report.complete and report.pairs == len(_pairs(plain)) and report.read == report.pairs - 1
    )
    calls: list[str] = []
    select = cached.select
    cached.select = lambda sparql: calls.append(sparql) or select(sparql)  # type: ignore[method-assign]
    for a, b in [*_pairs(plain), ("FIN", "NZL")]:
        assert record_queries(cached).timeline(a, b) == record_queries(plain).timeline(a, b)
    assert calls == []  # every answer came from the cache
    cached.select = select  # type: ignore[method-assign]
    _both(twins, EXACT)
    stale = timelines(cached).stale()
    assert stale == ["PRK|RUS"]
    again = warm_timelines(queries(cached), every=False)  # what `kg ingest` does after
    assert (again.pairs, again.read, again.complete) == (1, 1, False)
    assert timelines(cached).stale() == [] and assert_same_timelines(cached, plain)


def test_a_store_written_without_the_cache_does_not_keep_an_old_one(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    settings = get_settings(store_path=store_path, base_iri=BASE)
    with OxigraphStore(store_path) as store:
        load_reference(store, settings)
        ingest_article(ROUGH, store, BASE)
        before = record_queries(store).timeline("PRK", "RUS")  # kept on disk
    with OxigraphStore(store_path, timeline_cache=False) as store:  # KG_TIMELINE_CACHE=false
        ingest_article(EXACT, store, BASE)
        after = record_queries(store).timeline("PRK", "RUS")
    assert after != before
    with OxigraphStore(store_path) as store:
        assert record_queries(store).timeline("PRK", "RUS") == after


@pytest.mark.parametrize("twins", ["partial"], indirect=True)
def test_warming_stops_at_its_time_budget_and_leaves_the_rest_stale(
    twins: tuple[OxigraphStore, OxigraphStore],
) -> None:
    cached, plain = twins
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        _both(twins, item)
    report = warm_timelines(queries(cached), most_seconds=0.0)
    assert (report.read, report.complete) == (0, False) and report.pairs > 0
    assert assert_same_timelines(cached, plain)  # the pairs not read are read when asked for

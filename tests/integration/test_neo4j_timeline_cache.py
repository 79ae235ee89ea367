"""The pair timelines kept in Neo4j (kg.stores.neo4j_timeline_cache), on a real Neo4j 5.26: a
timeline read once is kept and answered from there, equal to the Cypher answer; a projection
write makes stale exactly the pairs it changes (every pair when it touches a state or a
person), on both write paths, and reading the stale ones again keeps them current; nothing is
served or kept while a write runs, nor kept from a read a write overtook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import Graph

from kg.queries.cached_queries import CachedQueries
from kg.queries.cypher_queries import CypherQueries
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.timeline_warm import warm_neo4j_timelines
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.neo4j_timeline_cache import EVERY, Neo4jTimelineCache
from kg.stores.oxigraph_store import OxigraphStore
from kg.sync import sync
from ontology import identifiers as ids
from tests.unit.kg.sample_graphs import ARTICLE_A, ARTICLE_B, B, all_graphs, article_b

pytestmark = pytest.mark.neo4j

STATES = str(ids.reference_graph_iri(B, "states"))
PAIRS = (("CHN", "PRK"), ("KOR", "USA"))


@pytest.fixture
def record(projection: Neo4jProjection) -> Iterator[OxigraphStore]:
    """The sample graphs in an embedded store, synced into Neo4j (on either write path), and
    no pair kept (nor stale: the pairs other tests read)."""
    projection.driver.execute_query("MATCH (c:TimelineCache) DELETE c")
    store = OxigraphStore()
    store.replace_graphs(all_graphs())
    sync(store, projection)
    yield store
    store.close()


def kept(driver: Any) -> dict[str, int]:
    """The pairs kept (current) in Neo4j -> how many events each holds."""
    rows = driver.execute_query(
        "MATCH (c:TimelineKept) RETURN c.dyad AS d, size(c.bodies) AS n"
    ).records
    return {r["d"]: r["n"] for r in rows}


def stale(driver: Any) -> list[str]:
    """The pairs kept once and changed since: their events gone, the pair still named."""
    rows = driver.execute_query(
        "MATCH (c:TimelineCache) WHERE c.dyad <> $every AND NOT c:TimelineKept "
        "RETURN c.dyad AS d, c.bodies IS NULL AS empty ORDER BY d",
        every=EVERY,
    ).records
    assert all(r["empty"] for r in rows)
    return [r["d"] for r in rows]


def cached(driver: Any) -> CachedQueries:
    """Cypher queries, pair timelines through those kept in Neo4j (kg.wiring's)."""
    return CachedQueries(CypherQueries(driver), Neo4jTimelineCache(driver))


def keep_pairs(driver: Any) -> CachedQueries:
    """Queries with the timelines of PAIRS read once, so Neo4j keeps them."""
    queries = cached(driver)
    for a, b in PAIRS:
        queries.timeline(a, b)
    return queries


def same_everywhere(store: OxigraphStore, through: CachedQueries, a: str, b: str) -> list[Any]:
    """The pair's timeline from the cache, equal to Neo4j's Cypher and the record's SPARQL."""
    direct = CypherQueries(through.inner.driver)  # type: ignore[attr-defined]
    answer = through.timeline(a, b)
    assert answer == direct.timeline(a, b) == SparqlQueries(store).timeline(a, b)
    return answer


def test_a_timeline_read_once_is_kept_and_then_answered_from_neo4j_cache(
    record: OxigraphStore, neo4j_driver: Any
) -> None:
    queries = cached(neo4j_driver)
    first = same_everywhere(record, queries, "CHN", "PRK")
    assert kept(neo4j_driver) == {"CHN|PRK": len(first)} and len(first) >= 4
    # Proof the next answer is the kept one: change what is kept, and the answer follows.
    neo4j_driver.execute_query(
        "MATCH (c:TimelineCache {dyad: 'CHN|PRK'}) SET c.bodies = c.bodies[0..1], "
        "c.earliest = c.earliest[0..1], c.latest = c.latest[0..1], c.types = c.types[0..1]"
    )
    assert queries.timeline("PRK", "CHN") == first[:1]


def test_filters_and_pages_from_the_cache_equal_the_cypher_answers(
    record: OxigraphStore, neo4j_driver: Any
) -> None:
    from ontology.dates import parse_partial

    queries, direct = cached(neo4j_driver), CypherQueries(neo4j_driver)
    queries.timeline("CHN", "PRK")  # kept: the calls below answer from the cache
    calls: list[dict[str, Any]] = [
        {"event_type": "statement"},
        {"event_type": "war"},
        {"start": parse_partial("1950"), "end": parse_partial("1953")},
        {"start": parse_partial("2019-06-15")},
        {"end": parse_partial("1950")},
        {"limit": 2},
        {"limit": 2, "offset": 1},
        {"limit": 0},
        {"offset": 100},
    ]
    for call in calls:
        assert queries.timeline("CHN", "PRK", **call) == direct.timeline("CHN", "PRK", **call), call
    assert set(kept(neo4j_driver)) == {"CHN|PRK"}


def test_a_corrected_article_makes_stale_only_the_pairs_it_changes(
    record: OxigraphStore, projection: Neo4jProjection, neo4j_driver: Any
) -> None:
    queries = keep_pairs(neo4j_driver)
    corrected = article_b()
    talks = [t for t in corrected if "talks" in str(t[0])]
    assert talks
    for triple in talks:
        corrected.remove(triple)
    record.replace_graph(str(ARTICLE_B), corrected)
    sync(record, projection)
    assert set(kept(neo4j_driver)) == {"KOR|USA"}  # article B reports only CHN-PRK events
    assert stale(neo4j_driver) == Neo4jTimelineCache(neo4j_driver).stale() == ["CHN|PRK"]
    answer = same_everywhere(record, queries, "CHN", "PRK")
    assert not any(e.type == "talks" for e in answer)
    record.drop_graph(str(ARTICLE_A))  # the Korean War: every pair of its participants
    sync(record, projection)
    assert kept(neo4j_driver) == {} and stale(neo4j_driver) == ["CHN|PRK", "KOR|USA"]
    for a, b in PAIRS:
        same_everywhere(record, queries, a, b)
    assert stale(neo4j_driver) == []


def test_a_change_to_a_state_makes_every_pair_stale(
    record: OxigraphStore, projection: Neo4jProjection, neo4j_driver: Any
) -> None:
    queries = keep_pairs(neo4j_driver)
    projection.replace_graph(STATES, record.to_graph(STATES))  # the same states, written again
    assert kept(neo4j_driver) == {}
    same_everywhere(record, queries, "KOR", "USA")
    projection.clear()
    assert kept(neo4j_driver) == {}


def test_nothing_is_served_or_kept_while_a_write_runs(
    record: OxigraphStore, neo4j_driver: Any
) -> None:
    queries, cache = cached(neo4j_driver), Neo4jTimelineCache(neo4j_driver)
    whole = queries.timeline("CHN", "PRK")
    with cache.writing([str(ARTICLE_B)]):
        assert cache.read("CHN|PRK").events is None  # kept, but not served during a write
        assert queries.timeline("KOR", "USA") == same_everywhere(record, queries, "KOR", "USA")
        assert set(kept(neo4j_driver)) == {"CHN|PRK"}  # nothing new kept meanwhile
    assert set(kept(neo4j_driver)) == set()  # article B reaches CHN-PRK: stale after
    assert queries.timeline("CHN", "PRK") == whole


def test_a_read_that_a_write_overtook_is_not_kept(record: OxigraphStore, neo4j_driver: Any) -> None:
    cache = Neo4jTimelineCache(neo4j_driver)
    read = cache.read("CHN|PRK")
    with cache.writing([]):
        pass
    assert not cache.keep("CHN|PRK", [], read.version)
    assert kept(neo4j_driver) == {}
    marks = neo4j_driver.execute_query(
        "MATCH (w:TimelineCache {dyad: $every}) RETURN properties(w) AS p", every=EVERY
    ).records[0]["p"]
    assert set(marks) == {"dyad", "version", "writing"}  # the lock left nothing behind
    assert cache.keep("CHN|PRK", [], cache.read("CHN|PRK").version)
    assert kept(neo4j_driver) == {"CHN|PRK": 0}


def test_a_write_that_fails_still_makes_stale_what_it_reached(
    record: OxigraphStore, neo4j_driver: Any
) -> None:
    keep_pairs(neo4j_driver)
    cache = Neo4jTimelineCache(neo4j_driver)
    with pytest.raises(RuntimeError), cache.writing([str(ARTICLE_B)]):
        raise RuntimeError("the projection failed half-way")
    assert set(kept(neo4j_driver)) == {"KOR|USA"}
    assert not cache.read("KOR|USA").writing  # the flag is down: entries serve again
    assert cache.read("KOR|USA").events is not None


def test_a_new_article_makes_the_pairs_of_its_events_stale(
    record: OxigraphStore, projection: Neo4jProjection, neo4j_driver: Any
) -> None:
    """A graph never projected before (on the loader path: marked in its one transaction)
    that corroborates a CHN-PRK event and reports a new one."""
    from tests.unit.kg.sample_graphs import _article, _event

    queries = keep_pairs(neo4j_driver)
    before = queries.timeline("CHN", "PRK")
    article = ids.article_iri(B, "cccccccccccccccc")
    graph = Graph()
    _article(graph, article, "https://news.example/c", "2025-01-02")
    _event(graph, article, "statement", ["CHN", "PRK"], "2024-10-06", "Messages again.")
    _event(graph, article, "talks", ["CHN", "PRK"], "2025-01", "Talks in January.")
    record.replace_graph(str(article), graph)
    sync(record, projection)
    assert set(kept(neo4j_driver)) == {"KOR|USA"}
    after = same_everywhere(record, queries, "CHN", "PRK")
    assert len(after) == len(before) + 1
    statement = next(e for e in after if e.date == "2024-10-06")
    assert "https://news.example/c" in {s.url for s in statement.sources}


def test_the_stale_pairs_read_again_are_current_and_nothing_else_is_read(
    record: OxigraphStore, projection: Neo4jProjection, neo4j_driver: Any
) -> None:
    queries = keep_pairs(neo4j_driver)
    projection.replace_graph(STATES, record.to_graph(STATES))  # every pair made stale
    assert stale(neo4j_driver) == ["CHN|PRK", "KOR|USA"]
    report = warm_neo4j_timelines(queries, every=False)
    assert (report.pairs, report.read) == (2, 2)
    assert stale(neo4j_driver) == [] and set(kept(neo4j_driver)) == {"CHN|PRK", "KOR|USA"}
    pairs = neo4j_driver.execute_query("MATCH (d:Dyad) RETURN count(DISTINCT d.code) AS n")
    assert pairs.records[0]["n"] > 2  # the pairs never read stay unread
    for a, b in PAIRS:
        same_everywhere(record, queries, a, b)
    with Neo4jTimelineCache(neo4j_driver).writing(None):
        assert Neo4jTimelineCache(neo4j_driver).stale() == []  # none offered during a write


def test_a_warm_of_several_pairs_at_a_time_keeps_every_pair_right(
    record: OxigraphStore, neo4j_driver: Any
) -> None:
    queries = cached(neo4j_driver)
    report = warm_neo4j_timelines(queries, workers=3)
    pairs = neo4j_driver.execute_query("MATCH (d:Dyad) RETURN DISTINCT d.code AS code").records
    assert report.complete and report.read == report.pairs == len(pairs) > 2
    assert set(kept(neo4j_driver)) == {r["code"] for r in pairs}
    for r in pairs:
        same_everywhere(record, queries, *r["code"].split("|"))
    assert warm_neo4j_timelines(queries, workers=3).read == 0

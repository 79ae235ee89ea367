"""The domain queries in SPARQL on small hand-made graphs shaped as docs/data-model.md."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from ontology.dates import parse_partial
from tests.unit.kg.sample_graphs import ARTICLE_A, ARTICLE_B, all_graphs


@pytest.fixture(scope="module")
def q() -> Iterator[SparqlQueries]:
    store = OxigraphStore()
    store.replace_graphs(all_graphs())
    yield SparqlQueries(store, owns_store=True)
    store.close()


def at(text: str):
    return parse_partial(text)


def test_states_sorted_and_by_code(q: SparqlQueries) -> None:
    codes = [s.code for s in q.states()]
    assert codes == sorted(codes) and "CHN" in codes
    sun = q.state("sun")
    assert sun is not None and sun.former and sun.end == "1991-12-26"
    assert q.state("XXX") is None


def test_leaders_at_a_date(q: SparqlQueries) -> None:
    [kim] = q.leaders("PRK", at("1950-06-25"))
    assert (kim.name, kim.role, kim.offices) == ("Kim Il-sung", "premier", ["head_of_government"])
    [xi] = q.leaders("CHN", at("2024-10-06"))
    assert xi.name == "Xi Jinping" and xi.end is None and xi.offices == ["head_of_state"]


def test_leaders_at_a_year_overlap_both_terms(q: SparqlQueries) -> None:
    assert [t.name for t in q.leaders("CHN", at("2013"))] == ["Hu Jintao", "Xi Jinping"]
    [second] = [t for t in q.leaders("PRK", at("1980")) if t.role == "president"]
    assert second.offices == ["head_of_government", "head_of_state"]


def test_leaders_without_date_are_sorted_by_start(q: SparqlQueries) -> None:
    starts = [t.start for t in q.leaders("CHN")]
    assert starts == ["1949-10-01", "2003-03-15", "2013-03-14"]


def test_before_a_state_existed_there_is_nothing(q: SparqlQueries) -> None:
    assert q.leaders("PRK", at("1900")) == []
    assert q.alliances("PRK", at("1900")) == []
    assert q.allies("PRK", at("1900")) == []
    assert q.leaders("SUN", at("2000")) == []


def test_alliances_respect_membership_dates(q: SparqlQueries) -> None:
    [fin] = q.alliances("FIN", at("2024-01-01"))
    assert fin.name == "North Atlantic Treaty" and fin.organization == "NATO"
    assert fin.member_since == "2023-04-04" and fin.obligations == ["defense"]
    assert q.alliances("SWE", at("2024-01-01")) == []
    assert [a.name for a in q.alliances("SWE", at("2024"))] == ["North Atlantic Treaty"]
    assert q.alliances("FIN", at("2022")) == []


def test_alliances_by_obligation(q: SparqlQueries) -> None:
    assert len(q.alliances("CHN", obligation="consultation")) == 1
    assert q.alliances("FIN", obligation="consultation") == []
    with pytest.raises(ValueError, match="unknown obligation"):
        q.alliances("FIN", obligation="hugs")


def test_allies(q: SparqlQueries) -> None:
    assert [a.state for a in q.allies("FIN", at("2024-01-01"))] == ["USA"]
    assert [a.state for a in q.allies("FIN", at("2024-06"))] == ["SWE", "USA"]
    [prk] = q.allies("CHN")
    assert prk.state == "PRK" and prk.via[0].startswith("Sino-North Korean")


def test_timeline_orders_mixed_precision(q: SparqlQueries) -> None:
    events = q.timeline("PRK", "CHN")
    assert [e.date for e in events] == ["1949-10-06", "1950", "1950/1953", "2019-06", "2024-10-06"]
    war = events[2]
    assert (war.earliest, war.latest) == ("1950-01-01", "1953-12-31")
    assert war.participants == ["CHN", "KOR", "PRK", "USA"]


def test_timeline_of_any_two_participants_and_pages(q: SparqlQueries) -> None:
    """The Korean War has four participants: every pair of them finds it; a page is a slice
    of the full, ordered timeline; one state twice is refused (events(state) lists its own)."""
    for a, b in (("USA", "KOR"), ("KOR", "CHN"), ("usa", " prk ")):
        assert "war" in [e.type for e in q.timeline(a, b)]
    full = q.timeline("CHN", "PRK")
    assert q.timeline("CHN", "PRK", limit=2, offset=1) == full[1:3]
    assert q.timeline("CHN", "PRK", limit=0) == []
    assert q.timeline("CHN", "PRK", offset=len(full)) == []
    with pytest.raises(ValueError, match="needs two different states, not PRK twice"):
        q.timeline("PRK", " prk")


def test_timeline_filters(q: SparqlQueries) -> None:
    dates = [e.date for e in q.timeline("CHN", "PRK", start=at("1952"), end=at("2019-06-30"))]
    assert dates == ["1950/1953", "2019-06"]
    assert [e.type for e in q.timeline("CHN", "PRK", event_type="war")] == ["war"]
    assert q.timeline("CHN", "SWE") == []
    with pytest.raises(ValueError, match="unknown event type"):
        q.timeline("CHN", "PRK", event_type="party")


def test_one_event_two_sources(q: SparqlQueries) -> None:
    [statement] = q.timeline("CHN", "PRK", event_type="statement")
    assert [s.article for s in statement.sources] == [str(ARTICLE_A), str(ARTICLE_B)]
    first = statement.sources[0]
    assert first.evidence == "Xi and Kim exchanged messages." and first.confidence == 0.9
    assert first.published == "2024-10-06" and isinstance(first.char_start, int)


def test_relation_summary(q: SparqlQueries) -> None:
    summary = q.relation_summary("prk", "chn")
    assert (summary.a, summary.b) == ("PRK", "CHN")
    assert summary.diplomatic_relations_since == "1949-10-06"
    [ally] = summary.relations
    assert (ally.type, ally.a, ally.b, ally.since) == ("ally", "CHN", "PRK", "1961")
    assert [a.member_since for a in summary.alliances] == ["1961-07-11"]
    assert summary.event_counts["war"] == 1 and sum(summary.event_counts.values()) == 5
    assert [e.date for e in summary.latest_events][-1] == "2024-10-06"
    assert len(summary.latest_events) == 5


def test_relation_summary_of_unrelated_pair(q: SparqlQueries) -> None:
    summary = q.relation_summary("FIN", "PRK")
    assert summary.relations == [] and summary.event_counts == {} and summary.alliances == []
    assert summary.diplomatic_relations_since is None


def test_events_filter_and_page(q: SparqlQueries) -> None:
    every = q.events()
    assert len(every) == 5
    assert q.events(limit=2, offset=1) == every[1:3]
    assert [e.type for e in q.events(state="USA")] == ["war"]
    assert [e.date for e in q.events(start=at("2019"))] == ["2019-06", "2024-10-06"]
    assert q.events(event_type="talks", end=at("1949")) == []
    with pytest.raises(ValueError):
        q.events(limit=-1)


def test_entity_by_code_iri_and_alias(q: SparqlQueries) -> None:
    chn = q.entity("chn")
    assert chn is not None and chn.types == ["State"] and "PRC" in chn.aliases
    prk = q.entity("dprk")
    assert prk is not None and prk.code == "PRK"
    nato = q.entity("NATO")
    assert nato is not None and nato.types == ["Organization"]
    swe = q.entity("https://geokg.example.org/state/SWE")
    assert swe is not None and swe.name == "Sweden"
    xi = q.entity("XI JINPING")
    assert xi is not None and xi.types == ["Person"]
    assert q.entity("Atlantis") is None and q.entity("") is None


def test_entity_by_the_first_or_last_words_of_one_name_only(q: SparqlQueries) -> None:
    """'Xi' or ' jinping ' is Xi Jinping; 'Korea' ends two names, so it names neither; a
    word inside a name, or part of a word, does not count."""
    for key, iri in (
        ("Xi", "xi-jinping"),
        (" jinping ", "xi-jinping"),
        ("kim", "kim-il-sung"),
        ("MAO", "mao-zedong"),
    ):
        found = q.entity(key)
        assert found is not None and found.iri.endswith(f"/person/{iri}"), key
    assert q.entity("Korea") is None  # North Korea and South Korea
    assert q.entity("North") is None  # North Korea, and NATO's names
    assert q.entity("jin") is None and q.entity("il") is None


def test_entity_matches_lists_what_several_names_share(q: SparqlQueries) -> None:
    """For someone whose words fit several entities: which ones, best first, and how many."""
    koreas, total = q.entity_matches("Korea")
    assert total == 2 and sorted(e.code or "" for e in koreas) == ["KOR", "PRK"]
    first, total = q.entity_matches("Korea", most=1)
    assert total == 2 and first == koreas[:1]
    exact, total = q.entity_matches("dprk")  # an exact match hides the name-part ones
    assert total == 1 and exact[0].code == "PRK"
    assert q.entity_matches("Atlantis") == ([], 0) and q.entity_matches(" ") == ([], 0)


def test_hostile_input_cannot_change_a_query(q: SparqlQueries) -> None:
    assert q.leaders('CHN" } ; DROP ALL ; #') == []
    with pytest.raises(ValueError, match="not a state or organization code"):
        q.timeline('CHN" } ; DROP ALL ; #', "PRK")
    assert q.entity('x" } UNION { ?x ?p ?o } #') is None
    assert q.entity("http://x/> ?p ?o } #") is None
    for not_an_iri in ("0f:x", "\x940f:\U0008c99e", "x:[", "x:a%zz"):  # found by schemathesis
        assert q.entity(not_an_iri) is None
    assert len(q.states()) == 7

"""The query contract (docs/architecture.md, decision 2): the same data in the embedded store and in Neo4j
(projected by `sync`) gives identical answers from SparqlQueries and CypherQueries, for every
method of GraphQueries, over many arguments, including the inputs both must refuse. It runs
again with the record on Apache Jena Fuseki (a SparqlRecordStore, the `@fuseki` cases): Neo4j
projected from Fuseki, and every answer from Fuseki held to Cypher's and to the embedded
store's, so the three backends answer alike.

Two datasets: the small hand-made graphs of the unit tests, and the bundled reference data
with article graphs built from the demo articles of kg/demo and, when ../shared is there, the
devset articles (the extractor's output, and the gold annotations as second articles), and an
article whose events have non-state actors as participants (HAMAS-ISR, HOUTHIS-USA)."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.queries.base import GraphQueries
from kg.queries.cached_queries import CachedQueries, record_queries
from kg.queries.cypher_queries import CypherQueries
from kg.refinement_record import refinement_graphs_of
from kg.stores.base import RecordStore
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache
from kg.stores.oxigraph_store import OxigraphStore
from kg.sync import record_graph, sync
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.extraction.model import EventRecord, Extraction, LeaderMention, RelationRecord
from loaders.rdf.article_graph import article_graph
from loaders.rdf.reference_graph import reference_graphs
from loaders.text_loader import read_text_file
from ontology.dates import parse_partial
from ontology.identifiers import DEFAULT_BASE_IRI
from ontology.namespace import EVENT_TYPES, OBLIGATIONS
from ontology.reference_data import load_reference
from tests.integration.conftest import open_record
from tests.unit.kg.actor_graphs import actor_article
from tests.unit.kg.sample_graphs import all_graphs

pytestmark = pytest.mark.neo4j

DEVSET = Path(__file__).resolve().parents[3] / "shared" / "devset"
DEMO = Path(__file__).resolve().parents[2] / "kg" / "demo"
DATES = (None, "1950", "1961-07", "1991-12-26", "2003", "2013-03-14", "2022-02-24", "2024")


def _code(code: str) -> str:
    """Gold codes as IRI-safe codes ('ARAB LEAGUE' -> 'ARAB_LEAGUE')."""
    return code.strip().upper().replace(" ", "_")


def _record(item: dict[str, Any], text: str) -> dict[str, Any]:
    start = max(text.find(item["evidence"]), 0)
    found = {**item, "start": start, "end": start + len(item["evidence"]), "confidence": 0.8}
    if "participants" in found:
        found["participants"] = [_code(c) for c in found["participants"]]
    else:
        found["a"], found["b"] = _code(found["a"]), _code(found["b"])
    return found


def gold_extraction(path: Path) -> Extraction:
    """An Extraction from a devset article and its gold annotation."""
    read = read_text_file(path)
    article = replace(read, url=f"{read.url or path.name}#gold")
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return Extraction(
        article=article,
        states=gold["states"],
        organizations=[_code(c) for c in gold["organizations"]],
        leaders=[LeaderMention(**m) for m in gold["leaders"]],
        events=[EventRecord(**_record(e, article.text)) for e in gold["events"]],
        relations=[RelationRecord(**_record(r, article.text)) for r in gold["relations"]],
    )


def devset_extractions() -> list[Extraction]:
    """The extractor's output for each devset article, and its gold annotation as a second
    article (URL + '#gold'), so events both report are one node with two sources."""
    files = sorted(p for p in DEVSET.glob("*.txt") if p.with_suffix(".gold.json").exists())
    return [extract(read_text_file(p)) for p in files] + [gold_extraction(p) for p in files]


def demo_extractions() -> list[Extraction]:
    """The extractor's output for the demo articles of the repository (there without
    ../shared, as on a fresh clone)."""
    return [extract(read_text_file(p)) for p in sorted(DEMO.glob("*.txt"))]


# Two articles introduce a leader the reference data lacks (issue 28, item 4), in two roles.
TEXT_PERSON_ARTICLES = (
    (date(2024, 6, 3), "Kenyan President Amani Wekesa met Xi Jinping in Beijing on Monday."),
    (
        date(2031, 2, 5),
        "Prime Minister Amani Wekesa of Kenya visited Japan on Tuesday. "
        "Wekesa met Japanese officials in Tokyo.",
    ),
)


def text_person_extractions() -> list[Extraction]:
    return [
        extract(
            Article(url=f"https://news.example.org/wekesa/{i}", title=None, published=d, text=t)
        )
        for i, (d, t) in enumerate(TEXT_PERSON_ARTICLES)
    ]


def reference_dataset() -> dict[str, Graph]:
    graphs = {str(k): g for k, g in reference_graphs(load_reference(), DEFAULT_BASE_IRI).items()}
    for extraction in devset_extractions() + demo_extractions() + text_person_extractions():
        graph = article_graph(extraction, DEFAULT_BASE_IRI)
        graphs[str(graph.identifier)] = graph
    actors = actor_article(DEFAULT_BASE_IRI)
    graphs[str(actors.identifier)] = actors
    return graphs | refinement_graphs_of(graphs.values())  # as `kg ingest` writes them


DATASETS: dict[str, Callable[[], dict[str, Graph]]] = {
    "sample": all_graphs,
    "reference": reference_dataset,
}
RECORDS = ("", "@fuseki")  # the embedded store; the record on Fuseki
FUSEKI_STRIDE = 7  # prime to the lists' lengths, so that the arguments a spread meets vary
_BUILT: dict[str, dict[str, Graph]] = {}


def dataset(name: str) -> dict[str, Graph]:
    """The dataset's graphs, built once per session (the extractor runs over the devset)."""
    if name not in _BUILT:
        _BUILT[name] = DATASETS[name]()
    return _BUILT[name]


@dataclass
class Contract:
    sparql: GraphQueries  # pair timelines kept beside the record as read
    cypher: GraphQueries  # pair timelines kept in Neo4j as read
    direct: CypherQueries  # every timeline read from the graph
    embedded: GraphQueries | None = None  # beside a record on Fuseki: the embedded store
    stride: int = 1  # on Fuseki, every stride-th argument (each query costs a round trip)
    checked: set[str] = field(default_factory=set)
    calls: int = 0
    answered: int = 0  # calls whose answer was not empty
    mismatches: list[str] = field(default_factory=list)

    def same(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call both backends; record a mismatch (or a ValueError on one side only)."""
        self.checked.add(method)
        self.calls += 1
        call = f"{method}{args}{kwargs}"
        try:
            expected = getattr(self.sparql, method)(*args, **kwargs)
        except ValueError:
            try:
                getattr(self.cypher, method)(*args, **kwargs)
                self.mismatches.append(f"{call}: SPARQL refused it, Cypher did not")
            except ValueError:
                pass
            return None
        alone = getattr(self.embedded, method)(*args, **kwargs) if self.embedded else expected
        if alone != expected:
            self.mismatches.append(f"{call}:\n  fuseki={expected!r}\n  embedded={alone!r}")
        got = getattr(self.cypher, method)(*args, **kwargs)
        if got != expected:
            self.mismatches.append(f"{call}:\n  sparql={expected!r}\n  cypher={got!r}")
        if method == "timeline" and (direct := self.direct.timeline(*args, **kwargs)) != got:
            self.mismatches.append(f"{call}:\n  kept={got!r}\n  read={direct!r}")
        self.answered += bool(expected[0] if isinstance(expected, tuple) else expected)
        return expected

    def some(self, items: list[Any]) -> list[Any]:
        """Every `stride`-th item: a spread of the arguments, each query form kept."""
        return items[:: self.stride]

    def assert_clean(self) -> None:
        found, self.mismatches = self.mismatches, []
        assert not found, f"{len(found)} mismatches:\n" + "\n".join(found[:20])


def _projected_alike(record: RecordStore, embedded: RecordStore) -> None:
    """Every graph of the record reads as the embedded store's, to the hash Neo4j keeps."""
    names = embedded.graphs()
    assert record.graphs() == names
    for name in names:
        assert record_graph(record, name)[1] == record_graph(embedded, name)[1], name


@pytest.fixture(scope="module", params=[d + r for d in sorted(DATASETS) for r in RECORDS])
def contract(request: pytest.FixtureRequest, neo4j_driver: Any) -> Iterator[Contract]:
    name, _, server = request.param.partition("@")
    embedded = OxigraphStore()
    embedded.replace_graphs(dataset(name))
    store: RecordStore = embedded
    if server:  # the same graphs written to Fuseki; Neo4j projected from there
        store = open_record(request.getfixturevalue("fuseki_url"), None)
        store.replace_graphs(dataset(name))
        _projected_alike(store, embedded)
    projection = Neo4jProjection(neo4j_driver)
    sync(store, projection, rebuild=True)
    direct = CypherQueries(neo4j_driver)
    alone = record_queries(embedded) if server else None
    stride = FUSEKI_STRIDE if server else 1
    kept = CachedQueries(CypherQueries(neo4j_driver), Neo4jTimelineCache(neo4j_driver))
    yield Contract(record_queries(store), kept, direct, alone, stride)
    projection.clear()
    store.close()
    embedded.close()


def _at(text: str | None) -> Any:
    return parse_partial(text) if text else None


def _pairs(c: Contract) -> list[tuple[str, str]]:
    found = {("CHN", "PRK"), ("USA", "JPN"), ("FIN", "SWE"), ("XXX", "CHN"), ("chn", " prk ")}
    found |= {("CHN", "CHN"), ("PRK", "prk")}  # one state twice: both refuse
    found |= {("HAMAS", "ISR"), ("ISR", "hamas"), ("HOUTHIS", "USA"), ("HAMAS", "HOUTHIS")}
    met = set()
    for e in c.sparql.events(limit=10_000):
        met.update((a, b) for a in e.participants for b in e.participants if a < b)
    return sorted(found | set(c.some(sorted(met))))


def _focus(c: Contract) -> list[str]:
    codes = [s.code for s in c.sparql.states()]
    named = ["CHN", "PRK", "KOR", "USA", "JPN", "RUS", "UKR", "FIN", "SWE", "SUN", "IND", "ISR"]
    return sorted({*named, *codes[:: max(1, len(codes) // 25)]})


def test_states(contract: Contract) -> None:
    contract.same("states")
    codes = contract.some([s.code for s in contract.sparql.states()])
    for code in [*codes, "XXX", "chn", " ", 'C" })']:
        contract.same("state", code)
    contract.assert_clean()


def test_state_of_an_empty_code_is_none(contract: Contract) -> None:
    assert contract.cypher.state("") is None
    assert contract.sparql.state("") is None


def test_leaders_alliances_allies(contract: Contract) -> None:
    for code, at in contract.some([(c, d) for c in _focus(contract) for d in DATES]):
        contract.same("leaders", code, _at(at))
        contract.same("allies", code, _at(at))
        for obligation in (None, *OBLIGATIONS):
            contract.same("alliances", code, _at(at), obligation)
    contract.same("alliances", "CHN", None, "hugs")
    contract.same("leaders", 'CHN" } ; DROP ALL ; #')
    contract.assert_clean()


def test_timeline_and_relation_summary(contract: Contract) -> None:
    spans = [(None, None), ("1950", "1953"), ("2019", None), (None, "2000-06-30"), ("2001", "2000")]
    for a, b in _pairs(contract):
        contract.same("relation_summary", a, b)
        for start, end in spans:
            contract.same("timeline", a, b, _at(start), _at(end))
        for kind in ("war", "statement", "summit_meeting", "party"):
            contract.same("timeline", b, a, event_type=kind)
        for limit, offset in ((1, 0), (2, 1), (0, 0), (5, 100), (-1, 0), (1, -1)):
            contract.same("timeline", a, b, limit=limit, offset=offset)
    contract.assert_clean()


def test_diplomatic_relations_since_is_as_precise_as_the_sources(contract: Contract) -> None:
    """The reference dataset dates CHN-PRK relations to 1949 in one source (an event read from
    '75 years of ties') and to 6 October 1949 in another, the sample only to the day: both
    backends say the day."""
    summary = contract.same("relation_summary", "CHN", "PRK")
    assert summary.diplomatic_relations_since == "1949-10-06"
    contract.assert_clean()


@pytest.mark.parametrize("contract", ["reference", "reference@fuseki"], indirect=True)
def test_an_event_dated_at_two_precisions_is_one_event_on_both_backends(
    contract: Contract,
) -> None:
    """The demo dates the 2024 treaty to June 2024 in one article and to 19 June 2024 in
    another: both backends show it once, on the day, with both articles as sources."""
    treaties = contract.same("timeline", "PRK", "RUS", event_type="treaty_signed")
    assert [e.date for e in treaties if e.date.startswith("2024-06")] == ["2024-06-19"]
    june = next(e for e in treaties if e.date == "2024-06-19")
    assert len({s.article for s in june.sources}) >= 2
    counts = contract.same("relation_summary", "PRK", "RUS").event_counts
    assert counts["treaty_signed"] == len(treaties)
    contract.assert_clean()


def test_dyads_and_whole_timelines(contract: Contract) -> None:
    """Every pair, and their whole timelines read together (as a cache is filled)."""
    dyads = contract.same("dyads")
    assert dyads
    contract.same("whole_timelines", contract.some(dyads)[:60])
    contract.assert_clean()


def test_timeline_is_every_event_with_both_participants(contract: Contract) -> None:
    """The dyad key finds exactly the events whose participants include both states, in
    order, and paging cuts that same list."""
    checked = 0
    for a, b in _pairs(contract):
        if a.strip().upper() == b.strip().upper() or "XXX" in (a, b):
            continue
        a, b = a.strip().upper(), b.strip().upper()
        expected = [e for e in contract.sparql.events(a, limit=100_000) if b in e.participants]
        for queries in (contract.sparql, contract.cypher, contract.direct):
            assert queries.timeline(a, b) == expected, (a, b)
            assert queries.timeline(b, a, limit=2, offset=1) == expected[1:3], (a, b)
        checked += len(expected)
    assert checked >= 10  # the datasets have real pairs with events


def test_events(contract: Contract) -> None:
    states = (None, "CHN", "USA", "NATO", "XXX", "HAMAS", "houthis")
    for state, kind in contract.some([(s, k) for s in states for k in (None, *EVENT_TYPES)]):
        contract.same("events", state, kind)
    for state in states:
        for start, end in (
            ("1950", None),
            (None, "1990"),
            ("2022", "2024-06"),
            ("2024-07", "2024-06"),
        ):
            contract.same("events", state, None, _at(start), _at(end))
    for limit, offset in ((1, 0), (2, 1), (3, 2), (0, 0), (100, 50), (-1, 0), (1, -1)):
        contract.same("events", limit=limit, offset=offset)
    contract.assert_clean()


def test_entity(contract: Contract) -> None:
    keys = ["chn", "NATO", "dprk", "XI JINPING", "Atlantis", "", "  ", 'x" } UNION { ?x ?p ?o } #']
    keys += ["http://x/> ?p ?o } #", "https://geokg.example.org/state/SWE", "UN", "EU"]
    keys += ["Putin", "xi", " jinping ", "Kim", "Kim Jong", "Korea", "North", "jin", "Biden"]
    keys += ["0f:x", "\x940f:\U0008c99e", "x:[", "x:a%zz"]  # not IRIs, though they have a colon
    keys += ["HAMAS", "Hamas", "Ansar Allah", "daesh", "ISIL", "Wagner", "Taliban", "Islamic"]
    keys += ["https://geokg.example.org/actor/PKK", "Transnistria", "Liberation", "Front"]
    for state in contract.sparql.states()[::7]:
        keys += [state.code, state.name, state.iri, state.name.upper()]
    for key in contract.some(keys):
        contract.same("entity", key)
        contract.same("entity_matches", key)
    contract.same("entity_matches", "Kim", 2)
    contract.assert_clean()


@pytest.mark.parametrize("contract", ["reference", "reference@fuseki"], indirect=True)
def test_an_actor_and_a_state_have_one_timeline_on_both_backends(contract: Contract) -> None:
    """`kg timeline HAMAS ISR`: the same events from SPARQL, from Cypher, and kept in Neo4j."""
    events = contract.same("timeline", "HAMAS", "ISR")
    assert [(e.type, e.date, e.participants) for e in events] == [
        ("military_intervention", "2023-10-07", ["HAMAS", "ISR"])
    ]
    assert contract.same("timeline", "ISR", "HAMAS") == events
    assert contract.same("relation_summary", "HAMAS", "ISR").relations[0].type == "at_war"
    found = contract.same("entity", "Ansar Allah")
    assert found is not None and found.code == "HOUTHIS" and found.types == ["NonStateActor"]
    contract.assert_clean()


@pytest.mark.parametrize("contract", ["reference", "reference@fuseki"], indirect=True)
def test_a_person_known_only_from_articles_is_found_with_their_roles(contract: Contract) -> None:
    """`kg lookup "Amani Wekesa"`: a text-minted person, flagged, with each article's role."""
    for key in (
        "Amani Wekesa",
        "amani wekesa",
        "Wekesa",
        "https://geokg.example.org/person/amani-wekesa",
    ):
        found = contract.same("entity", key)
        assert found is not None and found.name == "Amani Wekesa" and found.from_text
    roles = [(r.state, r.role, r.as_of) for r in found.reported_roles]
    assert roles == [("KEN", "president", "2024-06-03"), ("KEN", "prime minister", "2031-02-05")]
    xi = contract.same("entity", "Xi Jinping")
    assert xi is not None and not xi.from_text and xi.reported_roles == []
    contract.assert_clean()


def test_neighbourhood(contract: Contract) -> None:
    """A state or actor at a date (the graph explorer): the same nodes and edges from both
    backends, for states, organizations, actors and codes nobody has, at many dates and
    windows; what is not a code, and a window out of range, refused by both."""
    centres = [*_focus(contract), "NATO", "HAMAS", "houthis", "XXX"]
    cases = [(c, d) for c in centres for d in DATES if d]
    windows = (1, 10, 100)  # a window a case, in turn: each code and date meets several
    for i, (code, at) in enumerate(contract.some(cases)):
        contract.same("neighbourhood", code, _at(at), windows[i % len(windows)])
    for years in (0, 101, -5):
        contract.same("neighbourhood", "CHN", _at("1961"), years)
    contract.same("neighbourhood", 'CHN" } ; DROP ALL ; #', _at("2024"))
    contract.same("neighbourhood", "0001", _at("0001"), 100)
    contract.assert_clean()


@pytest.mark.parametrize("contract", ["reference", "reference@fuseki"], indirect=True)
def test_a_neighbourhood_moves_with_its_date(contract: Contract) -> None:
    """China in 1961 belongs to the Sino-Soviet alliance (1950-1980), fought the Korean War
    with the United States and both Koreas in the ten years before, and has relations with
    North Korea since 1949; by 1990 the Sino-Soviet alliance is gone."""
    then = contract.same("neighbourhood", "CHN", _at("1961"), 10)
    edges = {(e.kind, e.type, e.target): e for e in then.edges}
    soviet = next(n.id for n in then.nodes if n.name.startswith("Sino-Soviet"))
    assert ("membership", "member", soviet) in edges
    assert edges[("relation", "diplomatic_relations", "PRK")].event_counts["war"] >= 1
    assert {"KOR", "USA"} <= {e.target for e in then.edges if e.event_counts.get("war")}
    later = contract.same("neighbourhood", "CHN", _at("1990"), 10)
    assert soviet not in {e.target for e in later.edges}
    # an undated relation holds from its first report (2024-02-01): before it, events only
    actor = contract.same("neighbourhood", "HAMAS", _at("2024"), 1)
    assert [(e.type, e.target, e.events) for e in actor.edges] == [("at_war", "ISR", 1)]
    actor = contract.same("neighbourhood", "HAMAS", _at("2023-10"), 1)
    assert [(e.type, e.target, e.events) for e in actor.edges] == [("events", "ISR", 1)]
    contract.assert_clean()


SEARCHES = ("armistice", "Korean War", "North Korea", "treaty", "Wekesa", "NATO", "China's")
SEARCHES += ("Kim Jong-un", "Putin visited", "sanctions", "1953", "Hamas", "ceasefire", "summit")
SEARCHES += ("the", 'title:x OR "', "NEAR(a b)", "x" * 201, "alliance", "ALLIANCE", "visits")


def test_search(contract: Contract) -> None:
    """Full-text search: the same hits (kind, label, snippet and marks, an event's date and
    participants) in the same order from every backend, whole and paged; text with no word,
    or too long, and a page out of range refused by both."""
    for text in SEARCHES:
        whole = contract.same("search", text, 100)
        if whole is not None and whole.total > 2:
            contract.same("search", text, 2, 1)
            contract.same("search", text, 3, whole.total - 1)
    for limit, offset in ((101, 0), (1, -1), (-1, 0)):
        contract.same("search", "treaty", limit, offset)
    contract.assert_clean()


@pytest.mark.parametrize("contract", ["reference", "reference@fuseki"], indirect=True)
def test_search_finds_the_korean_war_and_its_armistice(contract: Contract) -> None:
    """Issue 29: "Korean War" and "armistice" find events by their evidence, and the demo
    article by its title; an event hit carries the pair that opens its timeline."""
    war = contract.same("search", "Korean War", 100)
    events = [h for h in war.hits if h.kind == "event"]
    assert {"CHN", "PRK"} <= set(events[0].participants) and events[0].marks
    assert any(h.type == "war" and h.earliest == "1950-06-25" for h in events)
    armistice = contract.same("search", "armistice", 100)
    assert {h.kind for h in armistice.hits} == {"event", "article"}
    assert "1953-07-27" in {h.date for h in armistice.hits}
    contract.assert_clean()


def test_every_method_was_checked_with_real_answers(contract: Contract) -> None:
    """Runs last in the module: the contract covered every public method and was not vacuous."""
    public = {n for n, _ in inspect.getmembers(GraphQueries, inspect.isfunction) if n[0] != "_"}
    assert public <= contract.checked, sorted(public - contract.checked)
    assert contract.answered > 50
    print(f"contract: {contract.calls} calls, {contract.answered} with answers")

"""The CLI beside a running `kg serve`: the server holds the store's lock, so the read commands
ask it over its SPARQL endpoint and answer exactly as they would from the store itself; the
write commands refuse in a sentence that names the server."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import Graph

from kg.queries.cached_queries import CachedQueries
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.server_note import NOTE_NAME, read_note
from kg.stores.server_timelines import ServerTimelines
from kg.stores.sparql_endpoint_store import SparqlEndpointStore
from kg.stores.timeline_cache import CachedPage, PageFilter
from ontology.dates import parse_partial
from tests.e2e.conftest import KG, ROOT, Server, clean_env, copy_store, start_server

LIMIT = 3000  # above what any domain query here returns, below the store's size
QUERIES = [
    ["timeline", "CHN", "PRK"],
    ["timeline", "china", "North Korea", "--from", "1950", "--to", "2000"],
    ["timeline", "PRK", "RUS", "--type", "treaty_signed"],
    ["relations", "CHN", "PRK"],
    ["leaders", "PRK"],
    ["leaders", "RUS", "--at", "2024-06-19"],
    ["alliances", "FIN", "--at", "2024-01-01"],
    ["allies", "PRK", "--at", "2024-07"],
    ["events", "--state", "PRK", "--limit", "100"],
    ["lookup", "Putin"],
]


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KG, "--store", str(store), *args],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def twin(loaded_store: Path) -> Path:
    """The same data as the served store, not served: what the answers must equal."""
    return copy_store(loaded_store, "twin-store")


@pytest.fixture(scope="module")
def served(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    env = clean_env(KG_SPARQL_LIMIT=str(LIMIT))
    running = start_server(copy_store(loaded_store, "served-store"), workdir, env=env)
    yield running
    running.stop()


@pytest.mark.parametrize("args", QUERIES, ids=[" ".join(q) for q in QUERIES])
def test_a_query_command_asks_the_server_and_answers_as_the_store_would(
    served: Server, twin: Path, args: list[str]
) -> None:
    through_server = run(served.store, *args, "--format", "json")
    assert through_server.returncode == 0, through_server.stderr
    assert f"Asking {served.url}/sparql" in through_server.stderr
    from_store = run(twin, *args, "--format", "json")
    assert from_store.returncode == 0, from_store.stderr
    assert "Asking" not in from_store.stderr
    assert json.loads(through_server.stdout) == json.loads(from_store.stdout)


def test_every_domain_query_is_the_same_through_the_endpoint(served: Server, twin: Path) -> None:
    with OxigraphStore(twin, timeline_cache=False) as store:
        local = SparqlQueries(store)
        remote = SparqlQueries(SparqlEndpointStore(f"{served.url}/sparql"), owns_store=True)
        states = [s.code for s in local.states()]
        assert [s.model_dump() for s in remote.states()] == [s.model_dump() for s in local.states()]
        events = local.events(limit=1000)
        pairs = {pair for e in events for pair in combinations(sorted(e.participants), 2)}
        assert len(pairs) >= 9
        for a, b in sorted(pairs):
            assert remote.timeline(a, b) == local.timeline(a, b), (a, b)
            assert remote.relation_summary(a, b) == local.relation_summary(a, b), (a, b)
        for code in [*states[:: max(1, len(states) // 25)], "PRK", "RUS", "FIN"]:
            for at in (None, parse_partial("1950"), parse_partial("2024-07")):
                assert remote.leaders(code, at) == local.leaders(code, at), code
                assert remote.alliances(code, at) == local.alliances(code, at), code
                assert remote.allies(code, at) == local.allies(code, at), code
        for key in ("PRK", "DPRK", "Putin", "Kim", "nobody at all", "NATO"):
            assert remote.entity_matches(key) == local.entity_matches(key), key
        remote.close()


def test_a_timeline_is_asked_of_the_servers_timeline_route(served: Server, twin: Path) -> None:
    """The server keeps pair timelines in its cache; the CLI reads them there (GET /timeline),
    not over /sparql, and gets what the store itself would answer."""
    log_before = served.log.read_text(errors="replace")
    through_server = run(served.store, "timeline", "China", "PRK", "--limit", "3", "--offset", "1")
    assert through_server.returncode == 0, through_server.stderr
    assert f"(timelines: {served.url}/timeline)" in through_server.stderr
    new_lines = served.log.read_text(errors="replace")[len(log_before) :]
    assert "GET /timeline/CHN/PRK?" in new_lines and "offset=1" in new_lines, new_lines
    assert "POST /sparql" in new_lines  # the state names are still resolved over SPARQL


def test_timelines_through_the_route_page_and_filter_as_the_store_does(
    served: Server, twin: Path
) -> None:
    remote = SparqlEndpointStore(f"{served.url}/sparql")
    server = ServerTimelines(f"{served.url}/timeline")
    with OxigraphStore(twin, timeline_cache=False) as store, remote:
        local, through = SparqlQueries(store), CachedQueries(SparqlQueries(remote), server)
        whole = local.timeline("CHN", "PRK")
        assert len(whole) >= 4
        assert server.page("CHN|PRK", PageFilter()).events is not None
        assert through.timeline("PRK", "CHN") == whole
        for limit, offset in ((1, 0), (2, 1), (None, 3), (0, 0), (5, len(whole))):
            page = through.timeline("CHN", "PRK", limit=limit, offset=offset)
            assert page == whole[offset : None if limit is None else offset + limit]
        start, end = parse_partial("1950"), parse_partial("1953")
        assert through.timeline("CHN", "PRK", start, end) == local.timeline(
            "CHN", "PRK", start, end
        )
        war = through.timeline("CHN", "PRK", event_type="war")
        assert war and war == local.timeline("CHN", "PRK", event_type="war")
        assert all(e.sources for e in whole)  # what the pages carry, compared above


def test_a_pair_the_route_declines_is_read_over_sparql(served: Server, twin: Path) -> None:
    remote = SparqlEndpointStore(f"{served.url}/sparql")
    server = ServerTimelines(f"{served.url}/timeline")
    with OxigraphStore(twin, timeline_cache=False) as store, remote:
        assert server.page("CHN|ZZZ", PageFilter()) == CachedPage(None, None)  # a 404 there
        through = CachedQueries(SparqlQueries(remote), server)
        for pair in (("CHN", "ZZZ"), ("CHN", "PRK")):
            assert through.timeline(*pair) == SparqlQueries(store).timeline(*pair)


def test_sparql_goes_through_the_server_in_every_format(served: Server, twin: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    construct = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 50"
    for query, fmt in ((count, "csv"), (count, "table"), ("ASK { ?s ?p ?o }", "json")):
        through_server = run(served.store, "sparql", query, "--format", fmt)
        from_store = run(twin, "sparql", query, "--format", fmt)
        assert through_server.returncode == from_store.returncode == 0, through_server.stderr
        if fmt == "json":  # the server writes JSON with rdflib, the store with Oxigraph
            assert json.loads(through_server.stdout) == json.loads(from_store.stdout)
        else:
            assert through_server.stdout == from_store.stdout
    triples = run(served.store, "sparql", construct, "--format", "turtle")
    assert triples.returncode == 0, triples.stderr
    assert len(Graph().parse(data=triples.stdout, format="turtle")) == 50


def test_what_the_server_refuses_is_a_sentence(served: Server) -> None:
    malformed = run(served.store, "sparql", "SELEC ?s WHERE { ?s ?p ?o }")
    assert malformed.returncode == 2
    assert "does not parse" in malformed.stderr and "Traceback" not in malformed.stderr
    too_many = run(served.store, "sparql", "SELECT * WHERE { ?s ?p ?o }")
    assert too_many.returncode == 1
    assert "row limit (KG_SPARQL_LIMIT)" in too_many.stderr


def test_a_write_beside_the_server_names_it_and_changes_nothing(served: Server) -> None:
    before = run(served.store, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    article = ROOT / "tests" / "fixtures" / "articles" / "articles.jsonl"
    for args in (["ingest", str(article)], ["load-reference"], ["upgrade"]):
        refused = run(served.store, *args)
        assert refused.returncode == 1, refused.stdout
        assert f"in use by `kg serve` at {served.url}" in refused.stderr
        assert "Traceback" not in refused.stderr
    after = run(served.store, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert after.stdout == before.stdout


def test_a_stopped_server_takes_its_note_away(loaded_store: Path, workdir: Path) -> None:
    running = start_server(copy_store(loaded_store, "stopped-store"), workdir)
    note = read_note(running.store)
    assert note is not None and note.url == running.url and note.pid == running.process.pid
    running.stop()  # SIGTERM, as a service manager stops it
    assert not (running.store / NOTE_NAME).exists()
    alone = run(running.store, "lookup", "Putin")
    assert alone.returncode == 0 and "Asking" not in alone.stderr


def test_a_read_only_server_is_asked_too(ro_server: Server, twin: Path) -> None:
    through_server = run(ro_server.store, "timeline", "CHN", "PRK", "--format", "json")
    assert f"Asking {ro_server.url}/sparql" in through_server.stderr
    assert json.loads(through_server.stdout) == json.loads(
        run(twin, "timeline", "CHN", "PRK", "--format", "json").stdout
    )

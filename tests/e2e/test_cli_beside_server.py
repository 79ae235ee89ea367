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

from kg.queries.sparql_queries import SparqlQueries
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.server_note import NOTE_NAME, read_note
from kg.stores.sparql_endpoint_store import SparqlEndpointStore
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

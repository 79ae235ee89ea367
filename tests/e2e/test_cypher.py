"""/cypher against a real Neo4j 5.26: reads answer as JSON rows; writes are refused by Neo4j
itself (READ transaction) and the database is unchanged, as the driver confirms."""

from __future__ import annotations

import http.server
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j.exceptions import ClientError

from kg.stores.graph_hashes import FILE_NAME
from tests.e2e.conftest import API_KEY, Server, clean_env, copy_store, kg, start_server

pytestmark = pytest.mark.neo4j

WRITES = [
    "CREATE (n:Probe {name: 'should not exist'}) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (s:State {code: 'CHN'}) SET s.name = 'changed'",
    "MERGE (n:Probe {name: 'merged'})",
    "CREATE INDEX probe_name IF NOT EXISTS FOR (n:Probe) ON (n.name)",
]


@pytest.fixture(scope="module")
def neo4j_api(
    neo4j_clean: Any, neo4j_endpoint: Any, loaded_store: Path, workdir: Path
) -> Iterator[Server]:
    """A server on a store projected into the session's (emptied) Neo4j; small row limit."""
    env = clean_env(
        KG_NEO4J_URI=neo4j_endpoint.uri,
        KG_NEO4J_USER=neo4j_endpoint.user,
        KG_NEO4J_PASSWORD=neo4j_endpoint.password,
        KG_API_KEY=API_KEY,
        KG_CYPHER_LIMIT="25",
        KG_CYPHER_TIMEOUT="2",
    )
    store = copy_store(loaded_store, "neo4j-store")
    kg("--store", str(store), "sync", "--rebuild", cwd=workdir, env=env)
    running = start_server(store, workdir, env=env)
    yield running
    running.stop()


def cypher(server: Server, query: str, **parameters: Any) -> httpx.Response:
    body = {"query": query, "parameters": parameters}
    return httpx.post(server.url + "/cypher", json=body, timeout=30)


def counts(driver: Any) -> tuple[int, int, int, int]:
    """Nodes, relationships, Probe nodes and indexes, as the driver sees them."""

    def one(query: str) -> int:
        return int(driver.execute_query(query).records[0]["n"])

    return (
        one("MATCH (n) RETURN count(n) AS n"),
        one("MATCH ()-[r]->() RETURN count(r) AS n"),
        one("MATCH (p:Probe) RETURN count(p) AS n"),
        one("SHOW INDEXES YIELD name RETURN count(name) AS n"),
    )


def test_read_with_parameters(neo4j_api: Server) -> None:
    response = cypher(
        neo4j_api, "MATCH (s:State {code: $code}) RETURN s.name AS name, s", code="CHN"
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["name", "s"] and body["truncated"] is False
    row = body["rows"][0]
    assert row["name"] == "China"
    assert "State" in row["s"]["labels"] and row["s"]["properties"]["code"] == "CHN"


def test_relationships_and_paths_are_plain_json(neo4j_api: Server) -> None:
    query = "MATCH p = (e:Event)-[r:participant]->(s:State {code: 'PRK'}) RETURN r, p LIMIT 1"
    row = cypher(neo4j_api, query).json()["rows"][0]
    assert row["r"]["type"] == "participant" and row["r"]["start"] and row["r"]["end"]
    assert len(row["p"]["nodes"]) == 2 and len(row["p"]["relationships"]) == 1


def test_rest_answers_from_neo4j(neo4j_api: Server) -> None:
    with httpx.Client(base_url=neo4j_api.url, timeout=30) as client:
        assert client.get("/health").json()["backend"] == "neo4j"
        leaders = client.get("/states/PRK/leaders", params={"at": "1950-06-25"}).json()
        assert [leader["name"] for leader in leaders["items"]] == ["Kim Il-sung"]
        events = client.get("/timeline/CHN/PRK").json()["items"]
        assert events and events[0]["sources"][0]["evidence"]
        alliances = client.get("/states/FIN/alliances", params={"at": "2024-01-01"}).json()
        assert "NATO" in {a["organization"] for a in alliances["items"]}


def test_row_limit(neo4j_api: Server) -> None:
    body = cypher(neo4j_api, "UNWIND range(1, 100) AS x RETURN x").json()
    assert len(body["rows"]) == 25 and body["truncated"] is True and body["limit"] == 25


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_and_change_nothing(
    neo4j_api: Server, neo4j_driver: Any, query: str
) -> None:
    before = counts(neo4j_driver)
    response = cypher(neo4j_api, query)
    assert response.status_code in (400, 403), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert counts(neo4j_driver) == before
    if response.status_code == 403:
        assert "read" in response.json()["detail"].lower()
    name = neo4j_driver.execute_query("MATCH (s:State {code: 'CHN'}) RETURN s.name AS n")
    assert name.records[0]["n"] == "China"


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every path asked of it: nothing may reach it."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/probe.csv", hits
    server.shutdown()


ATTACKS = {
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row": "LOAD CSV",
    "LOAD CSV FROM 'file:///proc/self/environ' AS row RETURN row": "LOAD CSV",
    "CALL () { LOAD CSV FROM 'file:///etc/hostname' AS r RETURN r } RETURN r": "LOAD CSV",
    "CALL dbms.listConfig()": "dbms.listConfig",
    "CALL dbms.listConfig() YIELD name, value RETURN name, value": "dbms.listConfig",
    "CALL dbms.listConnections()": "dbms.listConnections",
    "CALL dbms.killConnections(['bolt-1', 'bolt-2', 'bolt-3'])": "dbms.killConnections",
    "CALL dbms.showCurrentUser()": "dbms.showCurrentUser",
    "SHOW USERS": "administration",
    "SHOW DATABASES": "administration",
    "CREATE USER probe SET PASSWORD 'probe-password'": "administration",
    "SHOW SETTINGS": "SHOW",
    "SHOW TRANSACTIONS": "SHOW",
    "SHOW PROCEDURES": "SHOW",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'": "TERMINATE",
    "MATCH (s:State) CALL (s) { SET s.name = 'x' } IN TRANSACTIONS RETURN 1": "IN TRANSACTIONS",
}


@pytest.mark.parametrize("query", ATTACKS)
def test_attacks_on_the_server_are_refused_before_they_run(
    neo4j_api: Server, neo4j_driver: Any, query: str
) -> None:
    before = counts(neo4j_driver)
    response = cypher(neo4j_api, query)
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "Query refused" and ATTACKS[query] in body["detail"]
    assert "root:" not in response.text and "KG_API_KEY" not in response.text
    assert counts(neo4j_driver) == before
    users = neo4j_driver.execute_query("SHOW USERS YIELD user RETURN collect(user) AS u")
    assert "probe" not in users.records[0]["u"]


def test_load_csv_sends_no_request(neo4j_api: Server, listener: tuple[str, list[str]]) -> None:
    url, hits = listener
    for query in (f"LOAD CSV FROM '{url}' AS row RETURN row", "LOAD CSV FROM $u AS row RETURN row"):
        response = cypher(neo4j_api, query, u=url)
        assert response.status_code == 403, response.text
    assert hits == []


def test_the_launcher_itself_refuses_load_csv(
    neo4j_driver: Any, neo4j_endpoint: Any, listener: tuple[str, list[str]]
) -> None:
    """Behind the API's check, the launcher's Neo4j is configured to refuse LOAD CSV of a file
    or from any address, even in a write session of its admin user."""
    if neo4j_endpoint.source != "launcher":
        pytest.skip("only the project's launcher is configured by this project")
    url, hits = listener
    for source in ("file:///etc/passwd", url):
        with pytest.raises(ClientError, match=r"allow_csv_import_from_file_urls|blocked"):
            neo4j_driver.execute_query(f"LOAD CSV FROM '{source}' AS row RETURN row")
    assert hits == []


def test_the_api_keeps_answering_after_a_kill_connections_attempt(neo4j_api: Server) -> None:
    ids = cypher(neo4j_api, "CALL dbms.listConnections()")
    assert ids.status_code == 403
    for _ in range(3):
        killed = cypher(neo4j_api, "CALL dbms.killConnections($ids)", ids=["bolt-1", "bolt-2"])
        assert killed.status_code == 403
        assert cypher(neo4j_api, "RETURN 1 AS one").json()["rows"] == [{"one": 1}]


def test_bad_query_and_timeout(neo4j_api: Server) -> None:
    bad = cypher(neo4j_api, "MATC (n) RETURN n")
    assert bad.status_code == 400 and "SyntaxError" in bad.json()["detail"]
    slow = cypher(
        neo4j_api, "UNWIND range(1, 300000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"
    )
    assert slow.status_code == 504, slow.text


def _kept_sources(driver: Any, dyad: str) -> str | None:
    """The pair's timeline as kept (current) in Neo4j, its JSON joined; None when not kept."""
    records, _, _ = driver.execute_query(
        "MATCH (c:TimelineKept {dyad: $dyad}) RETURN c.bodies AS bodies", dyad=dyad
    )
    return " ".join(records[0]["bodies"]) if records else None


def test_posted_article_reaches_neo4j(neo4j_api: Server, neo4j_driver: Any) -> None:
    from kg.queries.cached_queries import CachedQueries
    from kg.queries.cypher_queries import CypherQueries
    from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache

    kept = CachedQueries(CypherQueries(neo4j_driver), Neo4jTimelineCache(neo4j_driver))
    kept.timeline("PRK", "RUS")  # kept in Neo4j before the post
    before = _kept_sources(neo4j_driver, "PRK|RUS")
    assert before is not None and "e2e/neo4j-visit" not in before
    text = (
        "url: https://news.example.org/e2e/neo4j-visit\npublished: 2024-06-19\n\n"
        "Russian President Vladimir Putin visited Pyongyang on June 19, 2024, where he met "
        "North Korean leader Kim Jong-un."
    )
    posted = httpx.post(
        neo4j_api.url + "/articles",
        content=text,
        headers={"Content-Type": "text/plain", "X-API-Key": API_KEY},
        timeout=30,
    )
    assert posted.status_code in (200, 201), posted.text
    assert posted.json()["projected_to_neo4j"] is True
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Article {uri: $iri}) RETURN count(a) AS n", iri=posted.json()["iri"]
    )
    assert records[0]["n"] == 1
    graphs, _, _ = neo4j_driver.execute_query(
        "MATCH (g:ProjectedGraph) WHERE g.iri = $iri RETURN g.hash AS hash",
        iri=posted.json()["iri"],
    )
    # Stored with the hash `kg sync` compares, and the record keeps the same hash for it, so
    # the next sync does not even read the graph.
    assert [len(r["hash"]) for r in graphs] == [64]
    with sqlite3.connect(neo4j_api.store / FILE_NAME) as kept:
        rows = kept.execute(
            "SELECT hash FROM graph_hash WHERE graph = ?", (posted.json()["iri"],)
        ).fetchall()
    assert rows == [(graphs[0]["hash"],)]
    # After the answer, the pair the post made stale is read again and kept with its source.
    for _ in range(100):
        after = _kept_sources(neo4j_driver, "PRK|RUS")
        if after is not None and "e2e/neo4j-visit" in after:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"PRK|RUS not kept again with the posted source: {after!r:.200}")


def _post(server: Server, url: str, published: str, text: str) -> dict[str, Any]:
    body = f"url: {url}\npublished: {published}\n\n{text}"
    headers = {"Content-Type": "text/plain", "X-API-Key": API_KEY}
    posted = httpx.post(server.url + "/articles", content=body, headers=headers, timeout=30)
    assert posted.status_code in (200, 201), posted.text
    assert posted.json()["projected_to_neo4j"] is True
    result: dict[str, Any] = posted.json()
    return result


def test_posted_reports_at_two_precisions_are_one_event_in_neo4j(
    neo4j_api: Server, neo4j_driver: Any
) -> None:
    """A visit dated to a month by one post and to the day by the next is one event in
    Neo4j's answers too, with both sources; a correction of the precise post undoes it."""
    lula = "Brazilian President Luiz Inacio Lula da Silva"
    rough = _post(neo4j_api, "https://news.example.org/e2e/lula-month", "2023-12-01",
                  f"{lula} made a state visit to Indonesia in March 2023.")  # fmt: skip
    precise = f"{lula} arrived in Jakarta on March 14, 2023, for a state visit to Indonesia."
    exact = _post(neo4j_api, "https://news.example.org/e2e/lula-day", "2023-03-15", precise)

    def visits() -> list[tuple[str, set[str]]]:
        found = httpx.get(neo4j_api.url + "/timeline/BRA/IDN", timeout=30).json()["items"]
        return [(e["date"], {s["article"] for s in e["sources"]}) for e in found]

    assert visits() == [("2023-03-14", {rough["iri"], exact["iri"]})]
    _post(neo4j_api, "https://news.example.org/e2e/lula-day", "2023-03-15",
          precise.replace("March 14", "April 14"))  # fmt: skip
    assert visits() == [("2023-03", {rough["iri"]}), ("2023-04-14", {exact["iri"]})]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (c)-[r:refinedBy]->() WHERE c.uri CONTAINS '/BRA-IDN/' RETURN count(r) AS n"
    )
    assert records[0]["n"] == 0  # its refinement graph was dropped from Neo4j too


def test_schemathesis_with_neo4j(neo4j_api: Server) -> None:
    """The whole schema again, with /cypher live and the REST routes answered by Cypher."""
    pytest.importorskip("schemathesis")
    from tests.e2e.test_schemathesis import run_schemathesis

    run_schemathesis(neo4j_api)

"""The command line against a real Neo4j: `kg ingest` projects what it stores, `kg timeline`
answers the same on both backends, and `kg cypher` reads but never writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Neo4jEndpoint

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"
DEMO = ROOT / "kg" / "demo"
ACTORS = ROOT / "tests" / "fixtures" / "actors"


def _kg(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if ok:
        assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.fixture(scope="module")
def env(
    tmp_path_factory: pytest.TempPathFactory, neo4j_endpoint: Neo4jEndpoint, neo4j_clean: Any
) -> dict[str, str]:
    """A store with reference data, the demo articles, the real articles about non-state
    actors (and the devset when present), ingested with Neo4j configured."""
    env = {
        **os.environ,
        "KG_STORE_PATH": str(tmp_path_factory.mktemp("cli") / "store"),
        "KG_NEO4J_URI": neo4j_endpoint.uri,
        "KG_NEO4J_USER": neo4j_endpoint.user,
        "KG_NEO4J_PASSWORD": neo4j_endpoint.password,
    }
    _kg(env, "load-reference")
    inputs = [str(DEMO), str(ACTORS)] + ([str(DEVSET)] if DEVSET.is_dir() else [])
    _kg(env, "ingest", *inputs)
    return env


@pytest.mark.neo4j
def test_timeline_is_the_same_on_both_backends(env: dict[str, str]) -> None:
    answers = {
        backend: json.loads(
            _kg(env, "timeline", "CHN", "PRK", "--backend", backend, "--format", "json").stdout
        )
        for backend in ("sparql", "neo4j")
    }
    assert answers["neo4j"] == answers["sparql"]
    by_type = {(e["type"], e["date"]) for e in answers["neo4j"]}
    assert (
        "war",
        "1950-06-25/1953-07-27",
    ) in by_type  # the Korean War, as the named-events table dates it
    assert any(t == "message_exchange" and d == "2024-10-06" for t, d in by_type)
    exchange = next(e for e in answers["neo4j"] if e["type"] == "message_exchange")
    assert all(s["evidence"] for s in exchange["sources"])


def _both(env: dict[str, str], *args: str) -> Any:
    answers = [
        json.loads(_kg(env, *args, "--backend", backend, "--format", "json").stdout)
        for backend in ("sparql", "neo4j")
    ]
    assert answers[1] == answers[0]
    return answers[0]


@pytest.mark.neo4j
def test_an_armed_group_and_a_state_have_the_same_timeline_on_both_backends(
    env: dict[str, str],
) -> None:
    """Issue 28: `kg timeline HAMAS ISR` over what the extractor found in real articles."""
    events = _both(env, "timeline", "HAMAS", "ISR")
    assert ("military_intervention", "2023-10-07") in {(e["type"], e["date"]) for e in events}
    assert all(set(e["participants"]) >= {"HAMAS", "ISR"} for e in events)
    assert _both(env, "timeline", "HEZBOLLAH", "ISR"), "the 2006 war and the 2024 ceasefire"
    assert _both(env, "lookup", "Ansar Allah")["code"] == "HOUTHIS"


@pytest.mark.neo4j
def test_ingesting_again_changes_nothing_and_times_neo4j_apart(env: dict[str, str]) -> None:
    again = json.loads(_kg(env, "ingest", str(DEMO), "--json").stdout)
    assert again["unchanged"] == again["articles"] > 0 and again["new"] == 0
    assert 0 <= again["neo4j_seconds"] <= again["seconds"]
    text = " ".join(_kg(env, "ingest", str(DEMO)).stdout.split())
    assert "Neo4j: 0 graphs projected, 0 dropped" in text and "already up to date, in" in text


@pytest.mark.neo4j
def test_cypher_reads_with_parameters(env: dict[str, str]) -> None:
    out = _kg(
        env, "cypher", "MATCH (s:State {code: $code}) RETURN s.name AS name",
        "--param", "code=PRK", "--format", "json",
    ).stdout  # fmt: skip
    assert json.loads(out)["rows"] == [{"name": "North Korea"}]


@pytest.mark.neo4j
def test_cypher_refuses_writes(env: dict[str, str], neo4j_driver: Any) -> None:
    count = "MATCH (n) RETURN count(n) AS n"
    before = neo4j_driver.execute_query(count).records[0]["n"]
    done = _kg(env, "cypher", "CREATE (:Intruder) RETURN 1", ok=False)
    assert done.returncode == 1
    assert "writes are refused: Cypher here is read-only" in done.stderr
    assert "Traceback" not in done.stderr
    loads = _kg(env, "cypher", "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", ok=False)
    assert loads.returncode == 1 and "LOAD CSV is refused" in loads.stderr
    assert "root:" not in loads.stdout + loads.stderr
    assert neo4j_driver.execute_query(count).records[0]["n"] == before


@pytest.mark.neo4j
def test_warm_reads_every_pair_into_the_timelines_kept_in_neo4j(
    env: dict[str, str], neo4j_driver: Any
) -> None:
    first = " ".join(_kg(env, "warm", "--backend", "neo4j").stdout.split())
    pairs = neo4j_driver.execute_query("MATCH (d:Dyad) RETURN count(DISTINCT d.code) AS n").records[
        0
    ]["n"]
    kept = neo4j_driver.execute_query("MATCH (c:TimelineKept) RETURN count(c) AS n").records[0]["n"]
    assert pairs > 5 and kept == pairs
    assert f"{pairs} pairs:" in first and "from Neo4j into the timeline cache" in first
    again = " ".join(_kg(env, "warm", "--backend", "neo4j").stdout.split())
    assert f"{pairs} pairs: 0 read from Neo4j into the timeline cache, {pairs} kept" in again
    answers = [
        json.loads(_kg(env, "timeline", "PRK", "RUS", "--backend", b, "--format", "json").stdout)
        for b in ("sparql", "neo4j")
    ]
    assert answers[0] == answers[1] and answers[0]
    off = _kg({**env, "KG_TIMELINE_CACHE": "false"}, "warm", "--backend", "neo4j", ok=False)
    assert off.returncode == 1 and "timeline cache is off" in off.stderr


@pytest.mark.neo4j
def test_ingest_reads_again_the_kept_timelines_it_changed(
    env: dict[str, str], neo4j_driver: Any, tmp_path: Path
) -> None:
    """Last in this module: it adds an article. The pair read before it is current again when
    `kg ingest` returns, with the new event, and equal to the record's answer."""
    _kg(env, "timeline", "JPN", "USA", "--backend", "neo4j")  # kept in Neo4j now
    article = tmp_path / "us_japan_2026.txt"
    article.write_text(
        "url: https://news.example/2026/11/us-japan-talks\npublished: 2026-11-20\n"
        "title: US and Japan hold talks\n\n"
        "U.S. and Japanese officials held talks in Tokyo on November 19, 2026.\n"
    )
    assert json.loads(_kg(env, "ingest", str(article), "--json").stdout)["new_events"] == 1
    stale = "MATCH (c:TimelineCache) WHERE c.dyad <> '*' AND NOT c:TimelineKept RETURN c.dyad"
    assert neo4j_driver.execute_query(stale).records == []
    kept = neo4j_driver.execute_query(
        "MATCH (c:TimelineKept {dyad: 'JPN|USA'}) RETURN c.latest AS latest"
    ).records
    assert kept and max(kept[0]["latest"]) >= "2026-11-19"
    answers = [
        json.loads(_kg(env, "timeline", "JPN", "USA", "--backend", b, "--format", "json").stdout)
        for b in ("sparql", "neo4j")
    ]
    assert answers[0] == answers[1] and any(e["date"] == "2026-11-19" for e in answers[0])

"""An ingest killed half-way and run again ends with the same stores as one clean run:
each article is written in one transaction, and the Neo4j projection catches up by
content hash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache
from tests.conftest import Neo4jEndpoint

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "kg" / "demo"
KG = [sys.executable, "-m", "cli"]


def _articles(path: Path, copies: int = 8) -> Path:
    """A JSON Lines file of the demo articles, each under several URLs (so events are
    corroborated many times), long enough to kill half-way."""
    texts = sorted(DEMO.glob("*.txt"))
    with path.open("w") as out:
        for i in range(copies):
            for text in texts:
                body = text.read_text().split("\n\n", 1)[1]
                row = {"url": f"https://resume.test/{i}/{text.stem}", "text": body,
                       "published": "2024-11-20", "title": text.stem}  # fmt: skip
                out.write(json.dumps(row) + "\n")
    return path


def _env(store: Path, endpoint: Neo4jEndpoint | None) -> dict[str, str]:
    env = {**os.environ, "KG_STORE_PATH": str(store), "PYTHONUNBUFFERED": "1"}
    env.pop("KG_NEO4J_URI", None)
    if endpoint is not None:
        env |= {"KG_NEO4J_URI": endpoint.uri, "KG_NEO4J_USER": endpoint.user,
                "KG_NEO4J_PASSWORD": endpoint.password}  # fmt: skip
    return env


def _kg(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([*KG, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def _ingest_then_kill(env: dict[str, str], source: Path, after: int) -> int:
    """Start `kg ingest -v` and SIGKILL it once `after` articles were reported written."""
    proc = subprocess.Popen(
        [*KG, "ingest", "-v", str(source)], env=env, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    written = 0
    for line in proc.stdout:
        written += line.startswith("new ")
        if written >= after:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    return written


def _nquads(env: dict[str, str], store: Path, out: Path) -> list[str]:
    _kg(env, "export", "--format", "nq", "--output", str(out))
    return sorted(out.read_text().splitlines())


def _neo4j_snapshot(driver: Any) -> tuple[list[Any], list[Any]]:
    def norm(props: dict[str, Any]) -> dict[str, Any]:
        return {k: sorted(map(str, v)) if isinstance(v, list) else str(v) for k, v in props.items()}

    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:TimelineCache "  # the cache of timelines, not the projection
        "RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.uri AS a, type(r) AS t, b.uri AS b, properties(r) AS props"
    )
    node_rows = sorted(
        json.dumps([r["uri"], sorted(r["labels"]), norm(r["props"])], sort_keys=True) for r in nodes
    )
    rel_rows = sorted(
        json.dumps([r["a"], r["t"], r["b"], norm(r["props"])], sort_keys=True) for r in rels
    )
    return node_rows, rel_rows


@pytest.mark.neo4j
def test_killed_ingest_resumes_to_the_same_stores(
    tmp_path: Path, neo4j_endpoint: Neo4jEndpoint, neo4j_driver: Any, neo4j_clean: Any
) -> None:
    source = _articles(tmp_path / "articles.jsonl")
    clean_env = _env(tmp_path / "clean", None)
    _kg(clean_env, "load-reference")
    _kg(clean_env, "ingest", str(source))

    env = _env(tmp_path / "killed", neo4j_endpoint)
    _kg(env, "load-reference")
    written = _ingest_then_kill(env, source, after=10)
    assert written == 10, "the run ended before it could be interrupted"
    _kg(env, "ingest", str(source))

    assert _nquads(env, tmp_path / "killed", tmp_path / "k.nq") == _nquads(
        clean_env, tmp_path / "clean", tmp_path / "c.nq"
    )
    resumed = _neo4j_snapshot(neo4j_driver)
    assert resumed[0], "nothing was projected into Neo4j"
    # the killed run left the timeline cache's write flag up; the run after it lowered it
    assert not Neo4jTimelineCache(neo4j_driver).read("CHN|PRK").writing
    _kg(env, "sync", "--rebuild")
    assert _neo4j_snapshot(neo4j_driver) == resumed

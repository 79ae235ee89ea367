"""`kg retract` end to end, with Neo4j: ingest A, take a snapshot; ingest B, which reports
some of A's events again; retract B. The record exports byte for byte as the snapshot, and
Neo4j holds the same nodes, labels, properties and relationships as it did."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Neo4jEndpoint

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "kg" / "demo"
B_TEXT = """url: https://news.example.org/retract-me
published: 2024-10-07
title: Xi and Kim mark 75 years of ties

Chinese President Xi Jinping and North Korean leader Kim Jong-un exchanged messages on
October 6, 2024, marking 75 years of diplomatic relations. China and North Korea fought
side by side in the Korean War from 1950 to 1953.
"""
# The timeline cache's own bookkeeping: kept pairs may differ, the graph may not.
CACHE = "NOT any(label IN labels(n) WHERE label STARTS WITH 'Timeline')"


def _kg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def neo4j_dump(driver: Any) -> list[str]:
    """Every node (labels, properties) and relationship (ends by uri, type, properties),
    outside the timeline cache, as sorted JSON lines."""
    nodes, _, _ = driver.execute_query(
        f"MATCH (n) WHERE {CACHE} RETURN labels(n) AS l, properties(n) AS p"
    )
    rels, _, _ = driver.execute_query(
        f"MATCH (n)-[r]->(m) WHERE {CACHE} "
        "RETURN n.uri AS a, type(r) AS t, m.uri AS b, properties(r) AS p"
    )
    lines = [json.dumps([sorted(r["l"]), r["p"]], sort_keys=True, default=str) for r in nodes]
    lines += [json.dumps(r.data(), sort_keys=True, default=str) for r in rels]
    return sorted(lines)


@pytest.mark.neo4j
def test_retracting_b_gives_back_the_record_and_neo4j_of_a(
    tmp_path: Path, neo4j_endpoint: Neo4jEndpoint, neo4j_clean: Any
) -> None:
    env = {
        **os.environ,
        "KG_STORE_PATH": str(tmp_path / "store"),
        "KG_NEO4J_URI": neo4j_endpoint.uri,
        "KG_NEO4J_USER": neo4j_endpoint.user,
        "KG_NEO4J_PASSWORD": neo4j_endpoint.password,
    }
    _kg(env, "load-reference")
    _kg(env, "ingest", str(DEMO))
    record, graph = _kg(env, "export", "--format", "nq").stdout, neo4j_dump(neo4j_clean)
    article_b = tmp_path / "b.txt"
    article_b.write_text(B_TEXT, encoding="utf-8")
    report = _kg(env, "ingest", str(article_b)).stdout
    corroborated = re.search(r"(\d+) corroborated", report)
    assert corroborated and int(corroborated.group(1)) > 0, report
    assert neo4j_dump(neo4j_clean) != graph, "B added sources to A's events"

    done = json.loads(_kg(env, "retract", "https://news.example.org/retract-me", "--json").stdout)
    assert [r["url"] for r in done["retracted"]] == ["https://news.example.org/retract-me"]
    assert _kg(env, "export", "--format", "nq").stdout == record
    assert neo4j_dump(neo4j_clean) == graph
    timeline = json.loads(_kg(env, "timeline", "CHN", "PRK", "--format", "json").stdout)
    assert timeline and all("retract-me" not in json.dumps(event["sources"]) for event in timeline)

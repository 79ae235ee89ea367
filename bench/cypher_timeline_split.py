"""Where a whole pair timeline's time goes on Neo4j: the server's planning and first record
(`result_available_after`), streaming the rest (`result_consumed_after`), the client's wait
beyond both (Bolt, the driver's decoding), and building the answer's Python objects; plus the
query's database hits (PROFILE). Random pairs of the store query_scale.py cached:

    .venv/bin/python bench/cypher_timeline_split.py --events 100000 --runs 300
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cypher_read_paths import _db_hits, cached_level, cached_level_parser
from query_scale import _pair, neo4j_running, neo4j_settings

from kg.queries import cypher_texts as ct
from kg.queries.cypher_events import event_query_args, events_from_page


def _one(driver: Any, a: str, b: str) -> dict[str, float]:
    """One whole timeline, as CypherQueries reads it (auto-commit, READ session)."""
    pair, params = event_query_args((a, b))
    cypher = ct.event_page(False, len(params["codes"]), pair)
    began = time.perf_counter()
    with driver.session(default_access_mode="READ") as session:
        result = session.run(cypher, params)
        rows = [r.data() for r in result]
        summary = result.consume()
    got = time.perf_counter()
    events = events_from_page(rows)
    built = time.perf_counter()
    server = float(summary.result_available_after or 0) + float(summary.result_consumed_after or 0)
    return {
        "total ms": (built - began) * 1000,
        "server: first record ms": float(summary.result_available_after or 0),
        "server: streaming ms": float(summary.result_consumed_after or 0),
        "client wait beyond server ms": (got - began) * 1000 - server,
        "building EventPublic ms": (built - got) * 1000,
        "events": float(len(events)),
    }


def _profile(driver: Any, a: str, b: str) -> tuple[int, dict[str, int]]:
    pair, params = event_query_args((a, b))
    cypher = "PROFILE " + ct.event_page(False, len(params["codes"]), pair)
    with driver.session() as session:
        plan = session.run(cypher, params).consume().profile
    by_operator: dict[str, int] = {}

    def walk(node: dict[str, Any]) -> None:
        name = str(node.get("operatorType", "?")).split("@")[0]
        by_operator[name] = by_operator.get(name, 0) + int(node.get("dbHits", 0))
        for child in node.get("children", []):
            walk(child)

    walk(plan)
    return _db_hits(plan), by_operator


def main() -> None:
    args = cached_level_parser(__doc__.splitlines()[0], 300, 50).parse_args()
    level, pool = cached_level(args)
    rng = random.Random(args.seed)
    parts: dict[str, list[float]] = {}
    hits: list[int] = []
    operators: dict[str, int] = {}
    with neo4j_running(neo4j_settings(level, args), False) as driver:
        for i in range(args.warmup + args.runs):
            _, a, b = _pair(rng, pool)
            split = _one(driver, a, b)
            if i < args.warmup:
                continue
            for key, value in split.items():
                parts.setdefault(key, []).append(value)
            if i % 30 == 0:
                total, by_op = _profile(driver, a, b)
                hits.append(total)
                for op, n in by_op.items():
                    operators[op] = operators.get(op, 0) + n
    for key, values in parts.items():
        print(f"{key:32} p50 {statistics.median(values):8.3f}  mean {statistics.mean(values):8.3f}")
    print(f"{'dbHits':32} p50 {statistics.median(hits):8.0f}  ({len(hits)} profiled)")
    for op, n in sorted(operators.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {op:30} {n / len(hits):10.0f} dbHits a query")


if __name__ == "__main__":
    main()

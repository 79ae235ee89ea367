"""Where a whole pair timeline's time goes when Neo4j has it kept (kg.stores.
neo4j_timeline_cache): the round trip of `RETURN 1` in the same kind of session, reading the
kept node (server time, and the client's wait beyond it), and building the EventPublic
answers from its JSON; random pairs of the store query_scale.py cached, each read once first:

    .venv/bin/python bench/neo4j_cache_split.py --events 1000000 --runs 300
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cypher_read_paths import cached_level, cached_level_parser
from query_scale import _pair, neo4j_running, neo4j_settings

from kg.queries.cypher_queries import CypherQueries
from kg.queries.models import EventPublic
from kg.stores.neo4j_timeline_cache import READ_CYPHER
from ontology.identifiers import dyad_code


def _timed(driver: Any, cypher: str, **params: Any) -> tuple[float, float, list[dict[str, Any]]]:
    """Milliseconds end to end and on the server, and the rows."""
    began = time.perf_counter()
    with driver.session(
        default_access_mode="READ", bookmark_manager=driver.execute_query_bookmark_manager
    ) as session:
        result = session.run(cypher, params)
        rows = [r.data() for r in result]
        summary = result.consume()
    total = (time.perf_counter() - began) * 1000
    server = float(summary.result_available_after or 0) + float(summary.result_consumed_after or 0)
    return total, server, rows


def _one(queries: CypherQueries, a: str, b: str) -> dict[str, float]:
    ref, _, _ = _timed(queries.driver, "RETURN 1 AS one")
    total, server, rows = _timed(queries.driver, READ_CYPHER, dyad=dyad_code(a, b))
    began = time.perf_counter()
    events = [EventPublic.model_validate_json(body) for body in rows[0]["bodies"] or ()]
    built = (time.perf_counter() - began) * 1000
    began = time.perf_counter()
    queries.timeline(a, b)
    whole = (time.perf_counter() - began) * 1000
    return {
        "RETURN 1 ms": ref,
        "timeline(a, b), kept ms": whole,
        "read kept node ms": total,
        "  server ms": server,
        "  client beyond server ms": total - server,
        "building EventPublic ms": built,
        "events": float(len(events)),
        "bytes of JSON": float(sum(len(b) for b in rows[0]["bodies"] or ())),
    }


def main() -> None:
    args = cached_level_parser(__doc__.splitlines()[0], 300, 50).parse_args()
    level, pool = cached_level(args)
    rng = random.Random(args.seed)
    parts: dict[str, list[float]] = {}
    with neo4j_running(neo4j_settings(level, args), False) as driver:
        queries = CypherQueries(driver)
        for i in range(args.warmup + args.runs):
            _, a, b = _pair(rng, pool)
            queries.timeline(a, b)  # kept from here on
            split = _one(queries, a, b)
            if i >= args.warmup:
                for key, value in split.items():
                    parts.setdefault(key, []).append(value)
    for key, values in parts.items():
        print(
            f"{key:32} p50 {statistics.median(values):10.3f}  mean {statistics.mean(values):10.3f}"
        )


if __name__ == "__main__":
    main()

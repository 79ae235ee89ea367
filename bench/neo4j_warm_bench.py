"""What `kg warm --backend neo4j` costs on a large projection: every pair's timeline read from
the graph and kept in Neo4j, from nothing kept (as after a rebuild into a fresh database).

Uses the Neo4j database bench/query_scale.py built for one scale (run that first; this one
never builds). In one process, on that database:
1. every kept pair deleted, then `warm_neo4j_timelines` over every pair, timed (pairs/s, ms
   per pair, events kept), once for each `--workers` count (taking turns: 1,4,1,4);
2. a sample of random pairs read from the cache, checked equal to the uncached Cypher answer,
   with the p50 of both and of `RETURN 1` (the reference) in the same run.

    .venv/bin/python bench/neo4j_warm_bench.py --events 1000000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from query_scale import DATA_VERSION, Level, neo4j_running, neo4j_settings

from kg.queries.cached_queries import CachedQueries
from kg.queries.cypher_queries import DYADS_CYPHER as NEO4J_DYADS_CYPHER
from kg.queries.cypher_queries import CypherQueries
from kg.queries.timeline_warm import warm_neo4j_timelines
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/geokg-query-scale"))
    parser.add_argument("--sample", type=int, default=200, help="pairs checked after the warm")
    parser.add_argument(
        "--workers", default="4", help="pairs read at a time, one warm each: e.g. 1,4,1,4"
    )
    parser.add_argument("--heap", default="2g", help="Neo4j heap")
    parser.add_argument("--pagecache", default="4g", help="Neo4j page cache")
    parser.add_argument("--fast-start", action="store_true", help="C1-only JVM (faster start)")
    return parser.parse_args()


def _ms(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - began) * 1000, out


def warm(cached: CachedQueries, workers: int) -> None:
    driver = cached.inner.driver  # type: ignore[attr-defined]
    driver.execute_query("MATCH (c:TimelineCache) WHERE c.dyad <> '*' DELETE c")
    step = [0.0]

    def progress(done: int, total: int) -> None:
        if done / total >= step[0]:
            print(f"  {done}/{total} pairs, {time.perf_counter() - began:.0f} s", flush=True)
            step[0] += 0.1

    began = time.perf_counter()
    report = warm_neo4j_timelines(cached, progress=progress, workers=workers)
    seconds = time.perf_counter() - began
    events = driver.execute_query(
        "MATCH (c:TimelineKept) RETURN count(c) AS pairs, sum(size(c.bodies)) AS events"
    ).records[0]
    print(
        f"warm, {workers} at a time: {report.pairs} pairs, {report.read} read, complete={report.complete}, "
        f"{seconds:.1f} s ({report.read / seconds:.1f} pairs/s, "
        f"{1000 * seconds / max(report.read, 1):.1f} ms per pair); "
        f"kept {events['pairs']} pairs holding {events['events']} events"
    )


def sample(cached: CypherQueries, direct: CypherQueries, n: int, seed: int) -> int:
    """Random pairs, cached vs uncached, taking turns: p50 of each and of RETURN 1."""
    codes = sorted(r["code"] for r in direct._read(NEO4J_DYADS_CYPHER))
    rng = random.Random(seed)
    times: dict[str, list[float]] = {"RETURN 1": [], "cache": [], "graph": []}
    mismatches = 0
    for code in (rng.choice(codes) for _ in range(n)):
        a, b = code.split("|")
        ref, _ = _ms(direct._read, "RETURN 1 AS one")
        hit, kept = _ms(cached.timeline, a, b)
        miss, read = _ms(direct.timeline, a, b)
        times["RETURN 1"].append(ref)
        times["cache"].append(hit)
        times["graph"].append(miss)
        mismatches += kept != read
    p50 = {name: statistics.median(ts) for name, ts in times.items()}
    ref = p50["RETURN 1"]
    print(f"{n} random pairs, whole timeline, p50 (x RETURN 1): {mismatches} mismatches")
    for name, value in p50.items():
        print(f"  {name:9} {value:7.2f} ms ({value / ref:.1f}x)")
    return mismatches


def main() -> None:
    args = arguments()
    level = Level(args.events, args.cache / f"v{DATA_VERSION}-seed{args.seed}-{args.events}")
    if level.loaded() is None:
        sys.exit(f"No database at {level.folder}: run bench/query_scale.py --scales {args.events}")
    with neo4j_running(neo4j_settings(level, args), args.fast_start) as driver:
        Neo4jProjection(driver).ensure_schema()
        direct = CypherQueries(driver)
        cached = CachedQueries(direct, Neo4jTimelineCache(driver))
        for workers in (int(w) for w in args.workers.split(",")):
            warm(cached, workers)
        mismatches = sample(cached, direct, args.sample, args.seed)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()

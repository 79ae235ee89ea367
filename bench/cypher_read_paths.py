"""How CypherQueries sends its reads, A/B on one Neo4j, calls interleaved in random order:

    .venv/bin/python bench/query_scale.py --scales 100000 --runs 20   # builds the cached store
    .venv/bin/python bench/cypher_read_paths.py --events 100000 --runs 1000

"managed" is a managed transaction through `driver.execute_query` (BEGIN+RUN+PULL, then
COMMIT: two round trips), "auto-commit" is `CypherQueries._read` (one auto-commit query in a
READ session: one round trip). Each is timed on `RETURN 1` and on the first page of a random
pair's timeline, whose answers must be equal; the page's database hits (PROFILE) are reported
too. Reuses the store query_scale.py cached for that scale and seed."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query_scale import DATA_VERSION, PAGE, Level, _pair, neo4j_running, neo4j_settings
from query_scale_data import bench_states, event_pool

from kg.queries import cypher_texts as ct
from kg.queries.cypher_events import event_query_args
from kg.queries.cypher_queries import CypherQueries


class ManagedReads(CypherQueries):
    """CypherQueries as before: every read a managed transaction through execute_query."""

    def _read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            cypher, params, database_=self.database, routing_="r"
        )
        return [record.data() for record in records]


def _ms(call: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    answer = call()
    return (time.perf_counter() - began) * 1000, answer


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(c) for c in plan.get("children", []))


def page_db_hits(driver: Any, a: str, b: str) -> int:
    pair, params = event_query_args((a, b), limit=PAGE)
    with driver.session() as session:
        plan = session.run("PROFILE " + ct.event_page(False, 0, pair), params).consume().profile
    return _db_hits(plan)


def run(driver: Any, pool: list[Any], runs: int, warmup: int, seed: int) -> dict[str, Any]:
    paths = {"managed": ManagedReads(driver), "auto-commit": CypherQueries(driver)}
    times: dict[str, list[float]] = {f"{p} {q}": [] for p in paths for q in ("RETURN 1", "page")}
    rng, hits = random.Random(seed), []
    for i in range(warmup + runs):
        _, a, b = _pair(rng, pool)
        answers = {}
        for name in rng.sample(list(paths), len(paths)):
            q = paths[name]
            ref_ms, _ = _ms(partial(q._read, "RETURN 1 AS one"))
            page_ms, answers[name] = _ms(partial(q.timeline, a, b, limit=PAGE))
            if i >= warmup:
                times[f"{name} RETURN 1"].append(ref_ms)
                times[f"{name} page"].append(page_ms)
        if answers["managed"] != answers["auto-commit"]:
            raise SystemExit(f"answers differ for {a} {b}")
        if i % 50 == 0:
            hits.append(page_db_hits(driver, a, b))
    out: dict[str, Any] = {k: statistics.median(v) for k, v in times.items()}
    out["page dbHits p50"] = statistics.median(hits)
    return out


def cached_level_parser(description: str, runs: int, warmup: int) -> argparse.ArgumentParser:
    """The options of a bench over the Neo4j store query_scale.py cached for a scale."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--warmup", type=int, default=warmup)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/geokg-query-scale"))
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="4g")
    return parser


def cached_level(args: argparse.Namespace) -> tuple[Level, list[Any]]:
    """The cached level those options name, and its event pool; exits when it is not built."""
    args.fast_start = False
    level = Level(args.events, args.cache / f"v{DATA_VERSION}-seed{args.seed}-{args.events}")
    if level.loaded() is None:
        raise SystemExit(f"no cached store at {level.folder}: run bench/query_scale.py first")
    pool, _ = event_pool(args.events, bench_states(seed=args.seed), args.seed)
    return level, pool


def main() -> None:
    args = cached_level_parser(__doc__.splitlines()[0], 1000, 100).parse_args()
    level, pool = cached_level(args)
    with neo4j_running(neo4j_settings(level, args), False) as driver:
        result = run(driver, pool, args.runs, args.warmup, args.seed)
    for name, value in result.items():
        print(f"{name:24} {value:8.3f}" if "dbHits" not in name else f"{name:24} {value:8.0f}")


if __name__ == "__main__":
    main()

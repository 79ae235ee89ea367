"""Full-text search latency (p50, p99) of both backends on the synthetic stores of
bench/query_scale.py (built there, or here, and cached under --cache), each run paired with a
trivial query on the same backend (`ASK {}` on Oxigraph, `RETURN 1` on Neo4j):

    .venv/bin/python bench/search_bench.py --events 100000 --runs 100

The synthetic evidence sentences read "CHN and PRK: state visit (2021-06-03)." Three kinds of
search: an event type's words (about 1/18 of the events match; the page is the first 20 of
them), a state code with a type word (a few hundred), and a state's name (one entity). The
embedded index is rebuilt first (a bulk-loaded store has none): its time is printed too."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query_scale import (
    DATA_VERSION,
    Level,
    _ms,
    build,
    neo4j_running,
    neo4j_settings,
    percentile,
)
from query_scale_data import bench_states, event_pool

from kg import wiring
from kg.queries.cypher_queries import CypherQueries
from kg.queries.sparql_queries import SparqlQueries
from kg.settings import Settings
from kg.stores.neo4j_store import Neo4jProjection

TYPES = ("state visit", "sanctions", "summit meeting", "armed clash", "talks", "war")
NAMES = ("Finland", "North Korea", "Brazil", "Japan")


def texts(rng: random.Random, codes: list[str]) -> dict[str, Callable[[], str]]:
    return {
        "type words": lambda: rng.choice(TYPES),
        "code + type word": lambda: f"{rng.choice(codes)} {rng.choice(TYPES).split()[-1]}",
        "entity name": lambda: rng.choice(NAMES),
    }


def run(name: str, make: Callable[[], str], backends: dict[str, Any], args: Any) -> None:
    """`runs` searches (after `warmup`), the same text on both backends, taking turns."""
    times: dict[str, list[float]] = {b: [] for b in backends}
    refs: dict[str, list[float]] = {b: [] for b in backends}
    totals, mismatches = [], 0
    for i in range(args.warmup + args.runs):
        text, answers = make(), {}
        for b in list(backends)[:: 1 if i % 2 else -1]:
            queries, ref = backends[b]
            ref_ms, _ = _ms(ref)
            ms, answers[b] = _ms(lambda q=queries, t=text: q.search(t, 20, 0))
            if i >= args.warmup:
                times[b].append(ms)
                refs[b].append(ref_ms)
        mismatches += len({repr(a) for a in answers.values()}) > 1
        totals.append(answers["oxigraph"].total)
    for b in backends:
        p50, ref = statistics.median(times[b]), statistics.median(refs[b])
        print(
            f"| {args.events:,} | {name} | {b} | {p50:.2f} | {percentile(times[b], 99):.2f} "
            f"| {ref:.3f} | {p50 / ref:.0f} | {statistics.fmean(totals):.0f} | {mismatches} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag, kind, default in (("--events", int, 100_000), ("--runs", int, 100)):
        parser.add_argument(flag, type=kind, default=default)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/geokg-query-scale"))
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="4g")
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()
    args.keep_nquads, args.fast_start = False, False
    level = Level(args.events, args.cache / f"v{DATA_VERSION}-seed{args.seed}-{args.events}")
    pool, sources = event_pool(args.events, bench_states(seed=args.seed), args.seed)
    with neo4j_running(neo4j_settings(level, args), False) as driver:
        if level.loaded() is None:
            level.folder.mkdir(parents=True, exist_ok=True)
            level.marker.write_text(json.dumps(build(level, pool, sources, driver, args), indent=2))
        began = time.perf_counter()
        Neo4jProjection(driver).ensure_schema()  # the full-text index, populated
        print(f"Neo4j schema (full-text index) ready in {time.perf_counter() - began:.1f} s")
        store = wiring.open_store(Settings(store_path=level.oxigraph))
        began = time.perf_counter()
        store.caches().search.rebuild()  # type: ignore[union-attr]
        print(f"embedded index rebuilt in {time.perf_counter() - began:.1f} s")
        cypher = CypherQueries(driver)
        backends = {
            "oxigraph": (SparqlQueries(store), lambda: store.query("ASK {}")),
            "neo4j": (cypher, lambda: cypher._read("RETURN 1 AS one")),
        }
        codes = sorted({c for e in pool for c in e.participants})
        print("| events | search | backend | p50 ms | p99 ms | ref p50 ms | p50/ref | hits | mismatches |")  # fmt: skip
        print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
        for name, make in texts(random.Random(args.seed), codes).items():
            run(name, make, backends, args)
        store.close()


if __name__ == "__main__":
    main()

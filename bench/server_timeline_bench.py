"""What asking a running server's GET /timeline is worth to the CLI beside it, against asking
the same pair over its /sparql (what the CLI did before), in one process, taking turns.

The bench serves a copy of STORE with `kg serve` (its timeline cache on), reads each chosen
pair once untimed through the route (so the server keeps it) and once over /sparql, then
times both paths on the same pairs, as `kg timeline` asks them (SparqlQueries over a
SparqlEndpointStore); both answers must be equal. Reference: `ASK {}` through /sparql, one
HTTP round trip. The copy is deleted afterwards.

    .venv/bin/python bench/server_timeline_bench.py /tmp/geokg-query-scale/v2-seed7-100000/oxigraph
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_load import start_server

from kg.neo4j_server import free_port
from kg.queries.cached_queries import CachedQueries
from kg.queries.sparql_queries import DYADS_QUERY, SparqlQueries
from kg.stores.server_timelines import ServerTimelines
from kg.stores.sparql_endpoint_store import SparqlEndpointStore


@contextmanager
def _served(store: Path) -> Iterator[str]:
    """`kg serve` on a copy of `store` (timeline cache on); its base URL while the block runs."""
    with tempfile.TemporaryDirectory(prefix="geokg-serve-", dir="/tmp") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(store, copy)
        (copy / "LOCK").unlink(missing_ok=True)
        port = free_port()
        env = {"KG_TIMELINE_CACHE": "true", "KG_SPARQL_LIMIT": "1000000"}
        process = start_server(copy, 1, port, Path(tmp) / "serve.log", env=env, timeout=300)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=60)


def _ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    out = fn()
    return (time.perf_counter() - began) * 1000, out


def _report(name: str, times: list[float], ref: float) -> None:
    cut = statistics.quantiles(times, n=100)
    p50, p99 = statistics.median(times), cut[98]
    print(f"| {name} | {p50:.2f} | {p99:.2f} | {p50 / ref:.1f}x |")


def _measure(url: str, count: int, seed: int) -> tuple[int, dict[str, list[float]]]:
    """Time both paths, taking turns, on `count` random pairs the server has read once."""
    through = ServerTimelines(f"{url}/timeline")
    fast = CachedQueries(SparqlQueries(SparqlEndpointStore(f"{url}/sparql")), through)
    sparql = SparqlEndpointStore(f"{url}/sparql")
    slow = SparqlQueries(sparql)
    codes = sorted(r["code"] for r in sparql.select(DYADS_QUERY))
    pairs = [c.split("|") for c in random.Random(seed).sample(codes, min(count, len(codes)))]
    for a, b in pairs:  # untimed: the server keeps each pair, the disk is read once
        fast.timeline(a, b)
        slow.timeline(a, b)
    times: dict[str, list[float]] = {"ask": [], "route": [], "sparql": [], "n": []}
    for a, b in pairs:
        times["ask"].append(_ms(partial(sparql.query, "ASK {}"))[0])
        t_route, via_route = _ms(partial(fast.timeline, a, b))
        t_sparql, via_sparql = _ms(partial(slow.timeline, a, b))
        assert via_route == via_sparql, (a, b)
        times["route"].append(t_route)
        times["sparql"].append(t_sparql)
        times["n"].append(len(via_route))
    fast.store.close()
    sparql.close()
    return len(pairs), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with _served(args.store) as url:
        count, times = _measure(url, args.pairs, args.seed)
    ref = statistics.median(times["ask"])
    print(f"{count} pairs, {statistics.mean(times['n']):.1f} events a pair on average")
    print("| path | p50 ms | p99 ms | p50 / ASK {} |\n|---|---|---|---|")
    _report("`ASK {}` through /sparql", times["ask"], ref)
    _report("whole timeline, GET /timeline (the CLI now)", times["route"], ref)
    _report("whole timeline over /sparql (the CLI before)", times["sparql"], ref)
    ratio = statistics.median(times["sparql"]) / statistics.median(times["route"])
    print(f"over /sparql / via the route, p50: {ratio:.1f}x")


if __name__ == "__main__":
    main()

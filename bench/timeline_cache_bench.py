"""What the embedded store's pair timelines (kg.stores.timeline_cache) are worth.

For random pairs of a store built by bench/query_scale.py, in one process, taking turns:
the record's answer without the cache (what every read cost before), a pair's first read with
it (the whole pair read and kept, then the page cut from it), and a second read (from the
cache), each as a first page of 20 and as the whole timeline; every cached answer must equal
the record's. Each pair is read once untimed first, so no variant pays for the disk alone.
Reference: `ASK {}` on the same store.

    .venv/bin/python bench/timeline_cache_bench.py /tmp/geokg-query-scale/v2-seed7-100000/oxigraph
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg import wiring
from kg.queries import sparql_event_builders as qe
from kg.queries.cached_queries import record_queries
from kg.queries.sparql_queries import SparqlQueries
from kg.settings import Settings
from kg.stores.oxigraph_store import OxigraphStore
from ontology.namespace import GEO_IRI


def _ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    out = fn()
    return (time.perf_counter() - began) * 1000, out


def _pairs(store: OxigraphStore, count: int, seed: int) -> list[tuple[str, str]]:
    sparql = f"SELECT DISTINCT ?c WHERE {{ ?d a <{GEO_IRI}Dyad> ; <{GEO_IRI}code> ?c }}"
    codes = sorted({r["c"] for r in store.select(sparql)})
    rng = random.Random(seed)
    chosen = rng.sample(codes, min(count, len(codes)))
    return [(c.split("|")[0], c.split("|")[1]) for c in chosen]


def probe(store: OxigraphStore, pairs: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Milliseconds of each way of reading each pair, and the pair's size."""
    times: dict[str, list[float]] = defaultdict(list)
    q, c = SparqlQueries(store), record_queries(store)
    caches = store.caches()
    assert caches is not None and caches.timelines is not None
    for a, b in pairs:
        q._events(qe.event_keys_query((a, b)))  # untimed: the pair's pages in the OS cache
        for name, limit in (("first page of 20", 20), ("whole timeline", None)):
            record_ms, expected = _ms(lambda: q._events(qe.event_keys_query((a, b), limit=limit)))  # noqa: B023
            caches.timelines.forget()
            cold_ms, cold = _ms(lambda: c.timeline(a, b, limit=limit))  # noqa: B023
            warm_ms, warm = _ms(lambda: c.timeline(a, b, limit=limit))  # noqa: B023
            assert cold == expected and warm == expected, (a, b, limit)
            times[f"{name}: record, no cache"].append(record_ms)
            times[f"{name}: first read, cached after"].append(cold_ms)
            times[f"{name}: read again, from the cache"].append(warm_ms)
        times["events of the pair"].append(len(expected))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an OxigraphStore folder from query_scale.py")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store = wiring.open_store(Settings(store_path=args.store))
    pairs = _pairs(store, args.warmup + args.pairs, args.seed)
    probe(store, pairs[: args.warmup])
    ref = statistics.median(_ms(lambda: store.query("ASK {}"))[0] for _ in range(500))
    times = probe(store, pairs[args.warmup :])
    caches = store.caches()
    if caches is not None and caches.timelines is not None:
        caches.timelines.forget()
    print(f"reference ASK {{}} p50 {ref:.3f} ms; {len(times['events of the pair'])} pairs")
    for name, samples in times.items():
        p50, p99 = statistics.median(samples), statistics.quantiles(samples, n=100)[98]
        if name == "events of the pair":
            print(f"  {name:45s} mean {statistics.mean(samples):6.1f}  p50 {p50:5.0f}")
            continue
        print(f"  {name:45s} p50 {p50:7.3f} ms ({p50 / ref:5.0f}x)  p99 {p99:7.3f} ms")
    store.close()


if __name__ == "__main__":
    main()

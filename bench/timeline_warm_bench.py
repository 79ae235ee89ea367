"""A store whose timeline cache is complete (`kg warm`): what filling it costs, what a read of
any pair then costs, and what writes cost while the cache is kept complete.

Builds (or reuses) the embedded store of bench/query_scale.py's synthetic data at one scale,
Oxigraph only, under the same cache folder. Then, in one process:
1. `warm_timelines` over every pair, timed (pairs/s, ms per pair);
2. random pairs read through `SparqlQueries.timeline` (first page of 20, and whole), checked
   equal to the record's answer and counted for SPARQL queries (there must be none), with
   `ASK {}` on the same store as the reference;
3. K synthetic articles written with the cache complete (marking their pairs stale, then
   reading those again, as `kg ingest` does), dropped, then the same K with the cache off
   (which deletes the cache file: run `kg warm` on the store before using it again).

    .venv/bin/python bench/timeline_warm_bench.py --events 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from query_scale import DATA_VERSION
from query_scale_data import article_specs, article_triples, bench_states, event_pool
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg import wiring
from kg.queries import sparql_event_builders as qe
from kg.queries.cached_queries import CachedQueries, record_queries
from kg.queries.sparql_queries import DYADS_QUERY, SparqlQueries
from kg.queries.timeline_warm import warm_timelines
from kg.reference import load_reference
from kg.settings import Settings
from kg.stores.base import RecordStore
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.oxigraph_terms import to_ox
from ontology.identifiers import DEFAULT_BASE_IRI


def _ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    out = fn()
    return (time.perf_counter() - began) * 1000, out


def _nt(term: Node) -> str:
    return f"<{term}>" if isinstance(term, URIRef) else str(to_ox(term))


def build(folder: Path, events: int, seed: int) -> Path:
    """The scale's OxigraphStore (query_scale's layout), bulk-loaded once."""
    store_path = folder / "oxigraph"
    if (store_path / "CURRENT").exists():
        return store_path
    folder.mkdir(parents=True, exist_ok=True)
    pool, sources = event_pool(events, bench_states(seed=seed), seed)
    nquads = folder / "articles.nq"
    with nquads.open("w", encoding="utf-8") as out:
        for spec in article_specs(sources, seed):
            name, graph = article_triples(spec, pool, DEFAULT_BASE_IRI)
            out.writelines(f"{_nt(s)} {_nt(p)} {_nt(o)} <{name}> .\n" for s, p, o in graph)
    with wiring.open_store(Settings(store_path=store_path)) as store:
        store.store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        load_reference(store, Settings())
    nquads.unlink()
    return store_path


def cached(store: RecordStore) -> CachedQueries:
    """SPARQL over the store, its pair timelines through the cache kept beside it."""
    queries = record_queries(store)
    assert isinstance(queries, CachedQueries)
    return queries


def reads(store: OxigraphStore, pairs: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Milliseconds per read from the complete cache, and of `ASK {}`; every answer checked."""
    q, c = SparqlQueries(store), cached(store)
    times: dict[str, list[float]] = {"ASK {}": [], "first page of 20": [], "whole timeline": []}
    calls: list[str] = []
    select = store.select
    for a, b in pairs:
        for name, limit in (("first page of 20", 20), ("whole timeline", None)):
            expected = q._events(qe.event_keys_query((a, b), limit=limit))
            store.select = lambda sparql: calls.append(sparql) or select(sparql)  # type: ignore[method-assign]
            took, got = _ms(lambda: c.timeline(a, b, limit=limit))  # noqa: B023
            store.select = select  # type: ignore[method-assign]
            assert got == expected, (a, b, limit)
            times[name].append(took)
        times["ASK {}"].append(_ms(lambda: store.query("ASK {}"))[0])
    assert not calls, f"{len(calls)} SPARQL queries from a complete cache"
    return times


def writes(store_path: Path, events: int, seed: int, count: int) -> dict[str, float]:
    """Seconds per article graph written: with the cache off, then with it complete."""
    pool, sources = event_pool(events, bench_states(seed=seed), seed + 1)
    specs = article_specs(sources, seed + 1)
    graphs = {}
    for spec in specs:
        name, triples = article_triples(spec, pool, DEFAULT_BASE_IRI)
        graphs[name.replace("/article/", "/article/warm-bench-")] = triples
        if len(graphs) == count:
            break
    out: dict[str, float] = {}
    rdf = {name: Graph() for name in graphs}
    for name, triples in graphs.items():
        for t in triples:
            rdf[name].add(t)
    with wiring.open_store(
        Settings(store_path=store_path)
    ) as store:  # complete already: warmed by main()
        began = time.perf_counter()
        for name, graph in rdf.items():
            store.replace_graph(name, graph)
            warm_timelines(cached(store), every=False)
        out["cache complete: s per article (write, then its pairs read again)"] = (
            time.perf_counter() - began
        ) / count
        for name in rdf:
            store.drop_graph(name)
    # Last: a store opened with the cache off deletes the cache file.
    with wiring.open_store(Settings(store_path=store_path, timeline_cache=False)) as store:
        began = time.perf_counter()
        for name, graph in rdf.items():
            store.replace_graph(name, graph)
        out["cache off: s per article"] = (time.perf_counter() - began) / count
        for name in rdf:
            store.drop_graph(name)
    return out


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100000)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--articles", type=int, default=50, help="articles for the write test")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/geokg-query-scale"))
    args = parser.parse_args()
    folder = args.cache / f"v{DATA_VERSION}-seed{args.seed}-{args.events}"
    began = time.perf_counter()
    store_path = build(folder, args.events, args.seed)
    print(f"store: {store_path} ({time.perf_counter() - began:.0f} s to build or find)")
    with wiring.open_store(Settings(store_path=store_path)) as store:
        cached(store).cache.forget()
        warm_s, report = _ms(lambda: warm_timelines(cached(store)))
        print(
            f"warm: {report.pairs} pairs, {report.read} read, complete={report.complete}, "
            f"{warm_s / 1000:.1f} s ({report.pairs / (warm_s / 1000):.0f} pairs/s, "
            f"{warm_s / max(report.read, 1):.2f} ms a pair)"
        )
        codes = sorted(r["code"] for r in store.select(DYADS_QUERY))
        chosen = random.Random(args.seed).sample(codes, min(args.pairs, len(codes)))
        times = reads(store, [(c.split("|")[0], c.split("|")[1]) for c in chosen])
    ref = statistics.median(times["ASK {}"])
    for name, values in times.items():
        p50, p99 = statistics.median(values), _p(values, 0.99)
        print(f"{name:>18}: p50 {p50:.3f} ms ({p50 / ref:.1f}x ASK), p99 {p99:.3f} ms")
    for name, seconds in writes(store_path, args.events, args.seed, args.articles).items():
        print(f"{name}: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()

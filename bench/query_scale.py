"""Timeline and alliance query latency (p50, p99) of both backends at growing numbers of
synthetic events, side by side in one process, each against a trivial query on the same backend:

    .venv/bin/python bench/query_scale.py --scales 10000,100000,300000 --runs 200

(1,000,000 events work too, but loading them takes ~40 minutes on a 2-core machine; see
docs/benchmarks.md.)

Per scale: the reference graphs plus synthetic article graphs (bench/query_scale_data.py: the
shape real ingest writes, checked against the article-graph builder and the SHACL shapes) are
bulk-loaded into an on-disk OxigraphStore and projected into a Neo4j 5.26 of its own (the
launcher, on free ports) with Neo4jProjection.replace_graphs, ~100,000 triples a call as `sync`
does. Then each query runs `--warmup` times and `--runs` times on random arguments, the same
arguments on both backends (whose answers must be equal), backends taking turns; each run is
paired with `ASK {}` on Oxigraph and `RETURN 1` on Neo4j, so latencies can be quoted as ratios
to the noise of a shared machine. Generated stores are cached under --cache (per scale and
seed) and reused by later runs; --fresh rebuilds them."""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from neo4j import Driver
from rdflib import URIRef
from rdflib.term import Node

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query_scale_data import (
    EventSpec,
    article_specs,
    article_triples,
    bench_states,
    check_shape,
    event_pool,
)

from kg import neo4j_server, wiring
from kg.queries.base import GraphQueries
from kg.queries.cached_queries import CachedQueries, record_queries
from kg.queries.cypher_queries import CypherQueries
from kg.queries.sparql_queries import SparqlQueries
from kg.reference import load_reference
from kg.settings import Settings
from kg.stores.base import RecordStore
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache
from kg.stores.oxigraph_terms import to_ox
from kg.stores.timeline_cache import TimelineCache
from kg.sync import CHUNK_TRIPLES
from loaders.rdf.reference_graph import reference_graphs
from ontology.dates import PartialDate, parse_partial
from ontology.identifiers import DEFAULT_BASE_IRI
from ontology.reference_data import load_reference as reference_data

DATA_VERSION = 2  # bump when the generator changes: cached stores of other versions are ignored
PASSWORD = "geokg-bench-pw"
# "oxigraph" answers from the record alone, as before the timeline cache; "oxi+cache" is the
# same store with it, on a pair read before (the call is made once, untimed, first). "neo4j"
# reads every answer from the graph; "neo4j+cache" keeps pair timelines in Neo4j, the same way.
BACKENDS = ("oxigraph", "oxi+cache", "neo4j", "neo4j+cache")
WARMED = ("oxi+cache", "neo4j+cache")
Queries = GraphQueries
Call = Callable[[Queries], Any]
PAGE = 20  # events on the first page of a timeline, as a UI shows them


# --- building the stores ----------------------------------------------------------------------


@dataclass
class Level:
    """One scale: its folders under the cache, and what loading it took (from the marker)."""

    events: int
    folder: Path

    @property
    def oxigraph(self) -> Path:
        return self.folder / "oxigraph"

    @property
    def neo4j_home(self) -> Path:
        return self.folder / "neo4j"

    @property
    def marker(self) -> Path:
        return self.folder / "loaded.json"

    def loaded(self) -> dict[str, Any] | None:
        return json.loads(self.marker.read_text()) if self.marker.exists() else None


def _nt(term: Node) -> str:
    return f"<{term}>" if isinstance(term, URIRef) else str(to_ox(term))


def neo4j_settings(level: Level, args: argparse.Namespace) -> Settings:
    return Settings(
        neo4j_home=level.neo4j_home,
        neo4j_bolt_port=neo4j_server.free_port(),
        neo4j_http_port=neo4j_server.free_port(),
        neo4j_password=PASSWORD,
        neo4j_heap=args.heap,
        neo4j_pagecache=args.pagecache,
    )


@contextmanager
def neo4j_running(settings: Settings, fast_start: bool) -> Iterator[Driver]:
    """Our own launcher on settings' home; stopped (exactly its pid) on the way out."""
    opts = neo4j_server.FAST_START_JVM_FLAGS if fast_start else ()
    try:
        state = neo4j_server.start(settings, timeout=900.0, java_opts=opts)
        driver = wiring.neo4j_driver(settings.model_copy(update={"neo4j_uri": state.bolt_uri}))
        try:
            yield driver
        finally:
            driver.close()
    finally:
        neo4j_server.stop(settings, timeout=300.0)


def project_reference(projection: Neo4jProjection) -> int:
    graphs = reference_graphs(reference_data(), DEFAULT_BASE_IRI, validate=False)
    stats = projection.replace_graphs({str(k): list(g) for k, g in graphs.items()})
    return stats.triples


def build(
    level: Level,
    pool: list[EventSpec],
    sources: list[int],
    driver: Driver,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Generate the article graphs once: project them into Neo4j chunk by chunk while writing
    N-Quads, then bulk-load those (and load the reference data) into Oxigraph."""
    specs = article_specs(sources, args.seed)
    first = [next(specs) for _ in range(50)]
    checked = check_shape(pool, first, DEFAULT_BASE_IRI)
    projection = Neo4jProjection(driver, batch_size=args.batch_size)
    projection.ensure_schema()
    began = time.perf_counter()
    triples = project_reference(projection)
    reference_s = neo4j_s = time.perf_counter() - began
    chunk: dict[str, list[Any]] = {}
    size = articles = 0
    nquads = level.folder / "articles.nq"

    def flush() -> float:
        started = time.perf_counter()
        projection.replace_graphs(chunk)
        return time.perf_counter() - started

    generated = time.perf_counter()
    with nquads.open("w", encoding="utf-8") as out:
        for spec in (*first, *specs):
            name, graph = article_triples(spec, pool, DEFAULT_BASE_IRI)
            g = f"<{name}>"
            out.writelines(f"{_nt(s)} {_nt(p)} {_nt(o)} {g} .\n" for s, p, o in graph)
            chunk[name] = graph
            size += len(graph)
            articles += 1
            if size >= CHUNK_TRIPLES:
                neo4j_s += flush()
                triples += size
                chunk, size = {}, 0
                print(
                    f"  {articles} articles, {triples} triples, neo4j {neo4j_s:.0f} s",
                    end="\r",
                    flush=True,
                )
        if chunk:
            neo4j_s += flush()
            triples += size
    total_s = time.perf_counter() - generated
    print()
    began = time.perf_counter()
    store = wiring.open_store(Settings(store_path=level.oxigraph))
    store.store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    load_reference(store, Settings())
    quads = len(store.store)
    store.close()
    oxigraph_s = time.perf_counter() - began
    if not args.keep_nquads:
        nquads.unlink()
    return {
        "events": level.events,
        "articles": articles,
        "triples": triples,
        "quads": quads,
        "checked_graphs": checked,
        "neo4j_load_s": round(neo4j_s, 1),
        "generate_s": round(total_s - (neo4j_s - reference_s), 1),  # and write N-Quads
        "oxigraph_load_s": round(oxigraph_s, 1),
        "data_version": DATA_VERSION,
        "seed": args.seed,
    }


# --- the queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[random.Random], Call]  # random arguments -> a call on either backend


def _pair(rng: random.Random, pool: list[EventSpec]) -> tuple[EventSpec, str, str]:
    event = pool[rng.randrange(len(pool))]
    a, b = rng.sample(event.participants, 2)
    return event, a, b


def _year(event: EventSpec) -> int:
    return int(event.date[:4])


def memberships() -> list[tuple[str, date, date]]:
    """(state, first day, last day) of every alliance membership of the reference data, the
    open ones ending at the end of 2024."""
    out = []
    for alliance in reference_data().alliances:
        for m in alliance.members:
            first = parse_partial(m.start).earliest if m.start else date(1945, 1, 1)
            last = parse_partial(m.end).latest if m.end else date(2024, 12, 31)
            out.append((m.state, first, last))
    return out


def cases(pool: list[EventSpec]) -> list[Case]:
    """Timeline of a random pair that has events (plain, over ten years around one of them,
    of one of their types), and the alliances of a state on a random day of one of its
    alliance memberships."""
    members = memberships()

    def timeline(rng: random.Random) -> Call:
        _, a, b = _pair(rng, pool)
        return lambda q: q.timeline(a, b)

    def timeline_page(rng: random.Random) -> Call:
        _, a, b = _pair(rng, pool)
        return lambda q: q.timeline(a, b, limit=PAGE)

    def timeline_range(rng: random.Random) -> Call:
        event, a, b = _pair(rng, pool)
        start, end = parse_partial(str(_year(event) - 4)), parse_partial(str(_year(event) + 5))
        return lambda q: q.timeline(a, b, start, end)

    def timeline_type(rng: random.Random) -> Call:
        event, a, b = _pair(rng, pool)
        return lambda q: q.timeline(a, b, event_type=event.type)

    def alliances(rng: random.Random) -> Call:
        state, first, last = rng.choice(members)
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        at: PartialDate = parse_partial(day.isoformat())
        return lambda q: q.alliances(state, at)

    return [
        Case("timeline(a, b)", timeline),
        Case(f"timeline(a, b) first {PAGE}", timeline_page),
        Case("timeline(a, b, 10 years)", timeline_range),
        Case("timeline(a, b, type)", timeline_type),
        Case("alliances(state, day)", alliances),
    ]


def _ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass
class Samples:
    query: dict[str, list[float]]
    reference: dict[str, list[float]]
    rows: list[int]
    mismatches: int = 0


def run_case(
    case: Case,
    backends: dict[str, Queries],
    refs: dict[str, Callable[[], Any]],
    rng: random.Random,
    warmup: int,
    runs: int,
) -> Samples:
    """Warm-up, then `runs` runs; each run: the same arguments on every backend (taking turns
    at going first), each right after its backend's trivial query."""
    out = Samples({b: [] for b in backends}, {b: [] for b in backends}, [])
    for i in range(warmup + runs):
        call = case.make(rng)
        answers = {}
        for name in BACKENDS if i % 2 == 0 else BACKENDS[::-1]:
            if name in WARMED:
                call(backends[name])  # the pair read before: kept in the cache
            ref_ms, _ = _ms(refs[name])
            query_ms, answers[name] = _ms(partial(call, backends[name]))
            if i >= warmup:
                out.reference[name].append(ref_ms)
                out.query[name].append(query_ms)
        if i >= warmup:
            out.rows.append(len(answers["oxigraph"]))
            out.mismatches += len({repr(answers[name]) for name in BACKENDS}) > 1
    return out


def measure(
    level: Level, pool: list[EventSpec], driver: Driver, args: argparse.Namespace
) -> list[dict[str, Any]]:
    store = wiring.open_store(Settings(store_path=level.oxigraph))
    timelines(store).forget()  # kept by an earlier run, or before a bulk load
    cypher = CypherQueries(driver)
    with Neo4jTimelineCache(driver).writing(None):  # drops what an earlier run kept
        pass
    refs: dict[str, Callable[[], Any]] = {
        "oxigraph": lambda: store.query("ASK {}"),
        "oxi+cache": lambda: store.query("ASK {}"),
        "neo4j": lambda: cypher._read("RETURN 1 AS one"),
        "neo4j+cache": lambda: cypher._read("RETURN 1 AS one"),
    }
    backends: dict[str, Queries] = {
        "oxigraph": SparqlQueries(store),  # every timeline read from the record
        "oxi+cache": record_queries(store),
        "neo4j": cypher,
        "neo4j+cache": CachedQueries(cypher, Neo4jTimelineCache(driver)),
    }
    rng = random.Random(args.seed + level.events)
    results = []
    try:
        for case in cases(pool):
            s = run_case(case, backends, refs, rng, args.warmup, args.runs)
            for name in BACKENDS:
                ref50 = statistics.median(s.reference[name])
                row = {
                    "events": level.events,
                    "query": case.name,
                    "backend": name,
                    "p50_ms": statistics.median(s.query[name]),
                    "p99_ms": percentile(s.query[name], 99),
                    "ref_p50_ms": ref50,
                    "ratio_p50": statistics.median(s.query[name]) / ref50,
                    "mean_rows": statistics.fmean(s.rows),
                    "mismatches": s.mismatches,
                }
                results.append(row)
                print(_line(row), flush=True)
    finally:
        store.close()
    return results


def timelines(store: RecordStore) -> TimelineCache:
    """The pair timelines kept beside the store."""
    caches = store.caches()
    assert caches is not None and caches.timelines is not None
    return caches.timelines


def _line(r: dict[str, Any]) -> str:
    return (
        f"{r['events']:>9,} {r['query']:26s} {r['backend']:9s} p50 {r['p50_ms']:8.2f} ms"
        f"  p99 {r['p99_ms']:8.2f} ms  ref p50 {r['ref_p50_ms']:6.3f} ms"
        f"  x{r['ratio_p50']:7.1f}  rows {r['mean_rows']:6.1f}  mismatches {r['mismatches']}"
    )


# --- main -------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales", default="10000,100000,300000", help="events per level, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/geokg-query-scale"))
    parser.add_argument("--fresh", action="store_true", help="rebuild cached stores")
    parser.add_argument("--heap", default="2g", help="Neo4j heap")
    parser.add_argument("--pagecache", default="4g", help="Neo4j page cache")
    parser.add_argument("--batch-size", type=int, default=5000, help="rows per transaction")
    parser.add_argument("--fast-start", action="store_true", help="C1-only JVM (faster start)")
    parser.add_argument("--keep-nquads", action="store_true", help="keep the generated N-Quads")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    return parser.parse_args()


def run_level(events: int, args: argparse.Namespace) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    level = Level(events, args.cache / f"v{DATA_VERSION}-seed{args.seed}-{events}")
    began = time.perf_counter()
    pool, sources = event_pool(events, bench_states(seed=args.seed), args.seed)
    print(f"{events:,} events: pool in {time.perf_counter() - began:.1f} s")
    loaded = None if args.fresh else level.loaded()
    if loaded is None:
        neo4j_server.stop(neo4j_settings(level, args))
        shutil.rmtree(level.folder, ignore_errors=True)
        level.folder.mkdir(parents=True)
    settings = neo4j_settings(level, args)
    with neo4j_running(settings, args.fast_start) as driver:
        if loaded is None:
            loaded = build(level, pool, sources, driver, args)
            level.marker.write_text(json.dumps(loaded, indent=2))
        else:  # a cached database gets the indexes added since it was built
            Neo4jProjection(driver).ensure_schema()
        print(f"  loaded: {loaded}")
        return loaded, measure(level, pool, driver, args)


def main() -> None:
    args = arguments()
    loads, results = [], []
    for events in (int(s) for s in args.scales.split(",")):
        loaded, rows = run_level(events, args)
        loads.append(loaded)
        results += rows
    if args.json:
        args.json.write_text(json.dumps({"loads": loads, "results": results}, indent=2))
    print()
    print(markdown(results))


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| events | query | backend | p50 ms | p99 ms | reference p50 ms | p50 / reference | rows |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['events']:,} | {r['query']} | {r['backend']} | {r['p50_ms']:.2f} "
            f"| {r['p99_ms']:.2f} | {r['ref_p50_ms']:.3f} | {r['ratio_p50']:.0f} "
            f"| {r['mean_rows']:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()

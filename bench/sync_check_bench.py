"""What `kg sync` pays to find out that nothing changed: it reads every graph of the record as
N-Triples and hashes it (kg.sync.record_graph), against `ASK {}` on the same store in the same
run, so the figure can be quoted as a ratio on a shared machine:

    .venv/bin/python bench/sync_check_bench.py /tmp/geokg-query-scale/v2-seed7-100000/oxigraph

Any on-disk store works (bench/query_scale.py leaves one per scale). Two passes over the same
graphs: the first reads what the OS has not cached yet (cold), the second what it has (warm).

With --uri (a Neo4j whose database is deleted: --force), the store is projected there with
`sync(rebuild=True)`, then a sync that finds nothing changed is timed without the store's kept
hashes (kg/stores/graph_hashes.py, emptied first) and with them, against `RETURN 1`:

    .venv/bin/python bench/sync_check_bench.py STORE --uri bolt://127.0.0.1:7697 --force"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg import wiring
from kg.settings import Settings
from kg.stores.graph_hashes import FILE_NAME
from kg.stores.record_caches import hashes_of
from kg.sync import record_graph, sync


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an OxigraphStore folder")
    parser.add_argument("--graphs", type=int, default=5000, help="graphs read per pass")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--uri", help="also time no-op syncs against this Neo4j")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="geokg-local-pw")
    parser.add_argument("--force", action="store_true", help="the Neo4j may be emptied")
    args = parser.parse_args()
    if args.uri and not args.force:
        parser.error("--uri deletes everything in that database: pass --force")
    store = wiring.open_store(_settings(args))
    started = time.perf_counter()
    names = store.graphs()
    listing = time.perf_counter() - started
    sample = random.Random(args.seed).sample(names, min(args.graphs, len(names)))
    ask = statistics.median(_timed(lambda: store.query("ASK {}")) for _ in range(200))
    print(f"{len(names):,} graphs, listed in {listing:.2f} s; ASK {{}} p50 {ask * 1e3:.3f} ms")
    for label in ("cold", "warm"):
        per_graph = [_timed(lambda n=n: record_graph(store, n)) for n in sample]
        p50 = statistics.median(per_graph)
        whole = statistics.fmean(per_graph) * len(names)
        print(
            f"{label}: read + hash p50 {p50 * 1e3:.2f} ms ({p50 / ask:.0f}x ASK), "
            f"mean {statistics.fmean(per_graph) * 1e3:.2f} ms; "
            f"a no-op sync of the whole store reads for ~{whole:.0f} s"
        )
    store.close()
    if args.uri:
        _no_op_syncs(args)


def _settings(args: argparse.Namespace) -> Settings:
    """The bench's store and Neo4j as settings, for kg.wiring to open."""
    uri = getattr(args, "uri", None)
    return Settings(
        store_path=args.store, neo4j_uri=uri, neo4j_user=args.user, neo4j_password=args.password
    )


def _no_op_syncs(args: argparse.Namespace) -> None:
    driver = wiring.neo4j_driver(_settings(args))
    projection = wiring.projection(driver)
    with wiring.open_store(_settings(args)) as store:
        took = _timed(lambda: sync(store, projection, rebuild=True, hashes=hashes_of(store)))
    print(f"projected with sync(rebuild=True) in {took:.1f} s")
    ping = statistics.median(_timed(lambda: driver.execute_query("RETURN 1")) for _ in range(50))
    (args.store / FILE_NAME).unlink()  # as a store from before the kept hashes
    store = wiring.open_store(_settings(args))
    cold = _timed(lambda: sync(store, projection, hashes=hashes_of(store)))
    print(f"no-op sync without kept hashes: {cold:.2f} s ({cold / ping:,.0f}x RETURN 1)")
    for _ in range(3):
        warm = _timed(lambda: sync(store, projection, hashes=hashes_of(store)))
        print(f"no-op sync with kept hashes: {warm:.2f} s ({warm / ping:,.0f}x RETURN 1)")
    store.close()
    driver.close()


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

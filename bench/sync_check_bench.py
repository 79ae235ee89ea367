"""What `kg sync` pays to find out that nothing changed: it reads every graph of the record as
N-Triples and hashes it (kg.sync.record_graph), against `ASK {}` on the same store in the same
run, so the figure can be quoted as a ratio on a shared machine:

    .venv/bin/python bench/sync_check_bench.py /tmp/geokg-query-scale/v2-seed7-100000/oxigraph

Any on-disk store works (bench/query_scale.py leaves one per scale). Two passes over the same
graphs: the first reads what the OS has not cached yet (cold), the second what it has (warm)."""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.stores.oxigraph_store import OxigraphStore
from kg.sync import record_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an OxigraphStore folder")
    parser.add_argument("--graphs", type=int, default=5000, help="graphs read per pass")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store = OxigraphStore(args.store)
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


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

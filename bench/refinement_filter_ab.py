"""What leaving out refined events costs a timeline page's keys on the embedded store.

Times `event_keys_query` for the first page (20) of random pairs of a store built by
bench/query_scale.py, with the `FILTER NOT EXISTS { ?e geo:refinedBy ?finer }` the queries use
and without it, taking turns on the same pairs; `ASK {}` is the reference of the same run.

    .venv/bin/python bench/refinement_filter_ab.py /tmp/geokg-query-scale/v2-seed7-100000/oxigraph
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kg import wiring
from kg.queries import sparql_event_builders as qe
from kg.queries.sparql_builders import PREFIXES
from kg.settings import Settings

UNFILTERED = tuple(
    ("event", "?e a geo:Event BIND(true AS ?event)") if name == "event" else (name, pattern)
    for name, pattern in qe._EVENT_STEPS
)


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=60)
    args = parser.parse_args()
    store = wiring.open_store(Settings(store_path=args.store))
    dyads = store.select(PREFIXES + "SELECT ?c WHERE { ?d a geo:Dyad ; geo:code ?c } LIMIT 5000")
    random.seed(3)
    pairs = random.sample([r["c"].split("|") for r in dyads], min(args.pairs, len(dyads)))
    filtered, times = qe._EVENT_STEPS, {"filtered": [], "unfiltered": [], "ASK {}": []}
    for i, (a, b) in enumerate(pairs * 2):
        order = [("filtered", filtered), ("unfiltered", UNFILTERED)][:: -1 if i % 2 else 1]
        for name, steps in order:
            qe._EVENT_STEPS = steps
            query = qe.event_keys_query((a, b), limit=20)
            times[name].append(_timed(lambda q=query: store.select(q)))
        times["ASK {}"].append(_timed(lambda: store.query("ASK {}")))
    qe._EVENT_STEPS = filtered
    reference = statistics.median(times["ASK {}"][args.warmup :])
    for name, values in times.items():
        kept = sorted(values[args.warmup :])
        p50, p99 = statistics.median(kept), kept[int(len(kept) * 0.99)]
        print(
            f"{name:11} p50 {p50 * 1000:7.3f} ms  p99 {p99 * 1000:7.3f} ms  x {p50 / reference:6.1f}"
        )


if __name__ == "__main__":
    main()

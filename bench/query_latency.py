"""Measure how long `load-reference` takes and the latency of the domain queries on the
embedded store, so choices are made on figures: `python bench/query_latency.py [--runs N]`.

Loads the bundled reference data into a fresh temporary store (or --store FOLDER), then runs
each query N times and prints the median and 95th percentile in milliseconds."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg import wiring
from kg.queries.sparql_queries import SparqlQueries
from kg.reference import load_reference
from kg.settings import get_settings
from ontology.dates import parse_partial

CASES: dict[str, Callable[[SparqlQueries], object]] = {
    "state CHN": lambda q: q.state("CHN"),
    "leaders PRK at 1950-06-25": lambda q: q.leaders("PRK", parse_partial("1950-06-25")),
    "leaders CHN at 2024-10-06": lambda q: q.leaders("CHN", parse_partial("2024-10-06")),
    "leaders USA (all terms)": lambda q: q.leaders("USA"),
    "alliances FIN at 2024-01-01": lambda q: q.alliances("FIN", parse_partial("2024-01-01")),
    "alliances USA (all)": lambda q: q.alliances("USA"),
    "allies FIN at 2024": lambda q: q.allies("FIN", parse_partial("2024")),
    "timeline CHN PRK": lambda q: q.timeline("CHN", "PRK"),
    "relation_summary CHN PRK": lambda q: q.relation_summary("CHN", "PRK"),
    "entity 'North Korea'": lambda q: q.entity("North Korea"),
    "states (all)": lambda q: q.states(),
}


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls of fn."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def report(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{name:32s} median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--store", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.store or Path(tmp) / "store"
        settings = get_settings(store_path=folder)
        store = wiring.open_store(settings)
        for attempt in ("first", "again"):
            done = load_reference(store, settings)
            print(f"load-reference ({attempt}): {done.triples} triples in {done.seconds:.2f} s")
        print(f"store holds {store.count()} quads")
        queries = SparqlQueries(store)
        for name, case in CASES.items():
            case(queries)  # warm up
            print(report(name, timed(lambda case=case: case(queries), args.runs)))
        store.close()


if __name__ == "__main__":
    main()

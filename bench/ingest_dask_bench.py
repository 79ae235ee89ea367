"""Ingest on a Dask cluster against `--jobs` and extraction alone, in the same run.

    .venv/bin/python bench/ingest_dask_bench.py [--articles N] [--workers W] [--repeat R]

The corpus is bench/ingest_bench.py's (article bodies of the dev and evaluation sets joined
in pairs). The cluster is a real one on this machine: `dask scheduler` and `nice -n 5 dask worker
--nworkers W --nthreads 1` as processes of their own (the scheduler not in the writer's
process; the workers below the writer, as --jobs' are), warmed by a first small ingest so every worker has the extractor loaded; the time
they take to start is printed apart. Timed by the wall clock, the best of R runs of each
taken in turn: extraction alone in this process, `IngestService.ingest` of the N articles
into a fresh store with --jobs 1, with --jobs W, and with the cluster's engine
(kg.ingest_dask), each as articles/s and as a ratio to extraction alone.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest_bench import bodies, corpus, line

from kg import wiring
from kg.ingest_dask import DaskEngine, on_dask
from kg.ingest_workers import WORKER_NICENESS
from kg.settings import Settings
from loaders.article import Article
from loaders.extraction.extractor import extract

DASK = str(Path(sys.executable).parent / "dask")


@contextmanager
def cluster(workers: int, tmp: Path) -> Iterator[str]:
    """A scheduler and `workers` worker processes of one thread; its address. Ended after."""
    info = tmp / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    common = ["--dashboard-address", ":0"]
    where = ["--host", "127.0.0.1", "--scheduler-file", str(info), *common]
    scheduler = subprocess.Popen([DASK, "scheduler", "--port", "0", *where], **quiet)
    worker = None
    try:
        while not info.exists():
            time.sleep(0.1)
        each = ["--nworkers", str(workers), "--nthreads", "1"]
        nice = ["nice", "-n", str(WORKER_NICENESS)]  # below the writer, as --jobs' workers
        worker = subprocess.Popen([*nice, DASK, "worker", *each, *where], **quiet)
        yield str(info)
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(30)


def address_of(info: str, workers: int) -> str:
    """The scheduler's address, once `workers` workers have joined."""
    import json

    from distributed import Client

    address = json.loads(Path(info).read_text())["address"]
    with Client(address, set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=120)
    return str(address)


def wall_ingest(
    folder: Path, items: list[Article], jobs: int, engine: DaskEngine | None
) -> tuple[float, float]:
    """Wall seconds of the ingest into a fresh store, and this process's CPU seconds."""
    settings = Settings(store_path=folder)
    with wiring.open_store(settings) as store:
        service = wiring.ingest_service(settings, store, None)
        start, cpu = time.perf_counter(), time.process_time()
        service.ingest(items, jobs=jobs, engine=engine)
        return time.perf_counter() - start, time.process_time() - cpu


Run = Callable[[int], tuple[float, float]]


def best_of(repeat: int, runs: dict[str, Run]) -> dict[str, tuple[float, float]]:
    """The fastest of each run over `repeat` rounds (wall, CPU), the runs taken in turn."""
    best: dict[str, tuple[float, float]] = {}
    for i in range(repeat):
        for label, fn in runs.items():
            best[label] = min(best.get(label, (float("inf"), 0.0)), fn(i))
    return best


def run(args: argparse.Namespace) -> None:
    items = corpus(100_000, args.articles, bodies())
    for a in items[:20]:
        extract(a)  # warm the lexicon automaton
    with tempfile.TemporaryDirectory(prefix="dask-bench-") as name:
        tmp, started = Path(name), time.perf_counter()
        with cluster(args.workers, tmp) as info:
            address = address_of(info, args.workers)
            print(f"cluster of {args.workers} workers up in {time.perf_counter() - started:.1f} s")
            with on_dask(address) as engine:
                wall_ingest(tmp / "warm", items[:40], 1, engine)  # every worker's lexicon
                runs = {
                    "extraction alone, one process": lambda i: timed(
                        lambda: list(map(extract, items))
                    ),
                    "ingest --jobs 1": lambda i: wall_ingest(tmp / f"j1-{i}", items, 1, None),
                    f"ingest --jobs {args.workers}": lambda i: wall_ingest(
                        tmp / f"jn-{i}", items, args.workers, None
                    ),
                    f"ingest --scheduler ({args.workers} workers)": lambda i: wall_ingest(
                        tmp / f"dask-{i}", items, 1, engine
                    ),
                }
                best = best_of(args.repeat, runs)
    report(best, len(items), args)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def report(best: dict[str, tuple[float, float]], n: int, args: argparse.Namespace) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{n} articles, wall clock, best of {args.repeat} (load average {load}; "
          f"{os.cpu_count()} cores)")  # fmt: skip
    labels = list(best)
    ext = n / best[labels[0]][0]
    for label in labels:
        line(label, n, best[label][0], ext)
        print(f"{'':<36}CPU ms an article in this process: {1000 * best[label][1] / n:.1f}")
    one = best[labels[1]][0]
    for label in labels[2:]:
        print(f"{'':<36}{label} / --jobs 1: {one / best[label][0]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=500, help="articles ingested (N)")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (W)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (the best counts)")
    run(ap.parse_args())


if __name__ == "__main__":
    sys.exit(main())

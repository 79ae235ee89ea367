"""What running SPARQL in worker processes (kg.stores.query_pool, KG_SPARQL_WORKERS) costs and
what it gives back, against the store answering in process, measured in the same run.

    python bench/sparql_workers_bench.py [--store FOLDER] [--repeat 300] [--timeout 1]

Part 1, in process (no HTTP): a cheap SELECT through a worker and from the store itself; the
same right after a write (the worker reopens its read-only snapshot first) and 0.2 s after
one (the pool has reopened idle workers by then); a SELECT of 2,000 rows.
Part 2, `kg serve` with KG_SPARQL_WORKERS=2 and then 0 (in process): a cheap SELECT over HTTP;
then four runaway queries at once (two sorts of every pair of quads, two counts), and for the
next 2 s: how long a cheap query took after the last 503, CPU seconds the server's processes
used, their resident memory against before; then how long the server takes to stop on SIGTERM.
Part 3, `--stress SECONDS`: a process writes two-quad transactions into a fresh store without
pause (a flush every 2,000, a compaction every 5,000) while this one opens it read-only again
and again, as the workers do beside a server, and counts failed opens, failed queries and
snapshots holding half a transaction (an odd number of quads).
Without --store it builds one as bench/api_load.py does (kg/demo and the test articles)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.synchronize import Event
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.api_load import build_store, free_port, start_server
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.query_pool import QueryWorkers
from kg.stores.worker_queries import worker_query
from tests.e2e.test_sparql_runaway import CHEAP, RUNAWAY, _tree_cpu, _tree_rss, _usage

ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 2000"


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def show(name: str, worker: list[float], local: list[float]) -> None:
    w, p = statistics.median(worker), statistics.median(local)
    w90, p90 = (sorted(x)[int(len(x) * 0.9)] for x in (worker, local))
    print(
        f"{name:34} worker p50 {w:7.3f} ms p90 {w90:7.3f} | in process p50 {p:7.3f} ms "
        f"p90 {p90:7.3f} | +{w - p:.3f} ms ({w / p:.1f}x)"
    )


def _write(store: OxigraphStore, i: int) -> None:
    graph = Graph()
    graph.add((URIRef(f"https://example.org/b{i}"), URIRef("https://example.org/p"), Literal(i)))
    store.replace_graph("https://example.org/bench", graph)


def in_process(store_dir: Path, repeat: int) -> None:
    store = OxigraphStore(store_dir)
    pool = QueryWorkers(store_dir, 2)
    try:
        worker_query(pool, CHEAP, 11, 30)  # started and warm
        time.sleep(1)
        show("cheap SELECT", timed(lambda: worker_query(pool, CHEAP, 11, 10), repeat),
             timed(lambda: store.query(CHEAP, 11), repeat))  # fmt: skip
        for pause, name in ((0.0, "cheap SELECT right after a write"),
                            (0.2, "cheap SELECT 0.2 s after a write")):  # fmt: skip
            samples: dict[str, list[float]] = {"w": [], "p": []}
            for i in range(30):
                for key, ask in (("w", lambda: worker_query(pool, CHEAP, 11, 10)),
                                 ("p", lambda: store.query(CHEAP, 11))):  # fmt: skip
                    _write(store, i)
                    time.sleep(pause)
                    samples[key] += timed(ask, 1)
            show(name, samples["w"], samples["p"])
        show("SELECT of 2,000 rows", timed(lambda: worker_query(pool, ROWS, 10001, 10), 30),
             timed(lambda: store.query(ROWS, 10001), 30))  # fmt: skip
    finally:
        pool.close()
        store.close()


def runaway(url: str, pid: int, timeout: float, repeat: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        cheap = timed(lambda: client.get("/sparql", params={"query": CHEAP}), repeat)
        print(f"  cheap SELECT over HTTP: p50 {statistics.median(cheap):.2f} ms")
        rss0, tree0 = _usage(pid)[0], _tree_rss(pid)
        ends: list[float] = []

        def send(query: str) -> None:
            client.get("/sparql", params={"query": query})
            ends.append(time.monotonic())

        threads = [threading.Thread(target=send, args=(q,)) for q in RUNAWAY]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        status = client.get("/sparql", params={"query": CHEAP}).status_code
        after = (time.monotonic() - max(ends)) * 1000
        cpu = _tree_cpu(pid, 2.0)
        rss, tree = _usage(pid)[0], _tree_rss(pid)
    print(f"  cheap SELECT after the last of 4 timeouts ({timeout:g} s): {after:.1f} ms ({status})")
    print(f"  CPU of the server's processes in the next 2 s: {cpu:.2f} s")
    print(f"  RSS server {rss0:.0f} -> {rss:.0f} MB ({rss / rss0:.2f}x); "
          f"with its workers {tree0:.0f} -> {tree:.0f} MB ({tree / tree0:.2f}x)")  # fmt: skip


def served(source: Path, folder: Path, workers: int, args: argparse.Namespace) -> None:
    store = folder / f"served-{workers}"
    shutil.copytree(source, store)
    (store / "LOCK").unlink(missing_ok=True)
    env = {"KG_SPARQL_WORKERS": str(workers), "KG_SPARQL_TIMEOUT": str(args.timeout)}
    port = free_port()
    server = start_server(store, 1, port, folder / f"serve-{workers}.log", env=env)
    print(f"kg serve, KG_SPARQL_WORKERS={workers}")
    try:
        runaway(f"http://127.0.0.1:{port}", server.pid, args.timeout, args.repeat)
    finally:
        start = time.monotonic()
        server.terminate()
        try:
            server.wait(timeout=20)
            print(f"  stopped {time.monotonic() - start:.1f} s after SIGTERM")
        except Exception:
            server.kill()
            print("  still running 20 s after SIGTERM: killed")


def _writer(path: str, stop: Event) -> None:
    store, i = ox.Store(path), 0
    while not stop.is_set():
        store.update(
            f"INSERT DATA {{ GRAPH <http://g/{i}> {{ <http://s/{i}> <http://p> {i} . "
            f"<http://s/{i}> <http://q> '{'y' * 200}' }} }}"
        )
        i += 1
        if i % 2000 == 0:
            store.flush()
        if i % 5000 == 0:
            store.optimize()
    print(f"  {i:,} write transactions")


def stress(folder: Path, seconds: float) -> None:
    path, counts = str(folder / "stress"), Counter[str]()
    ox.Store(path).flush()  # created here, then closed: the writer opens it alone
    stop = get_context("spawn").Event()
    writer = get_context("spawn").Process(target=_writer, args=(path, stop))
    writer.start()
    time.sleep(1)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            store = ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:
            counts[f"failed open: {str(exc)[:70]}"] += 1
            continue
        counts["opens"] += 1
        for _ in range(3):
            try:
                result = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
                counts["half a transaction"] += int(next(iter(result))[0].value) % 2
                counts["queries"] += 1
            except (OSError, RuntimeError):
                counts["failed query"] += 1
            time.sleep(0.05)
        del store
    stop.set()
    writer.join()
    print(f"read-only opens beside a writer, {seconds:g} s: {dict(counts)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="A loaded store to copy (default: build one)")
    parser.add_argument("--repeat", type=int, default=300, help="Cheap queries per figure")
    parser.add_argument("--timeout", type=float, default=1.0, help="KG_SPARQL_TIMEOUT for part 2")
    parser.add_argument("--stress", type=float, default=20, help="Seconds of part 3 (0: none)")
    args = parser.parse_args()
    for key in [k for k in os.environ if k.startswith("KG_")]:
        del os.environ[key]
    with tempfile.TemporaryDirectory(prefix="geokg-sparql-workers-") as tmp:
        folder = Path(tmp)
        source = args.store or build_store(folder)
        local = folder / "local"
        shutil.copytree(source, local)
        (local / "LOCK").unlink(missing_ok=True)
        in_process(local, args.repeat)
        for workers in (2, 0):
            served(source, folder, workers, args)
        if args.stress:
            stress(folder, args.stress)


if __name__ == "__main__":
    main()

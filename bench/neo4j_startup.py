"""Cold start time and memory of the local Neo4j launcher, a few runs, printed as a table:

    .venv/bin/python bench/neo4j_startup.py --runs 3

Each run starts the launcher on free ports: first on a fresh data folder ("fresh": the system
and neo4j databases are created, the initial password set), then again on the same folder
("restart"). Start time is from `start()` to Bolt answering after the ready line; RSS is the
java process's VmRSS from /proc, right after start and after a small write/read workload.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg import neo4j_server, wiring
from kg.settings import Settings
from kg.stores.neo4j_connection import server_version

PASSWORD = "geokg-bench-pw"


def rss_mb(pid: int) -> float:
    """Resident memory of pid in MiB (VmRSS in /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def workload(settings: Settings) -> str:
    """A few thousand nodes written and read back, so RSS reflects a server that did work."""
    uri = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
    driver = wiring.neo4j_driver(
        settings.model_copy(update={"neo4j_uri": uri, "neo4j_password": PASSWORD})
    )
    try:
        driver.execute_query("UNWIND range(1, 5000) AS i CREATE (:Bench {i: i, s: toString(i)})")
        driver.execute_query("MATCH (b:Bench) RETURN sum(b.i) AS total")
        return server_version(driver)
    finally:
        driver.close()


def one_start(settings: Settings, java_opts: tuple[str, ...]) -> dict[str, float | str]:
    """Start, measure, work, measure, stop; returns seconds and MiB."""
    began = time.perf_counter()
    state = neo4j_server.start(settings, java_opts=java_opts)
    seconds = time.perf_counter() - began
    assert state.pid is not None
    rss_ready = rss_mb(state.pid)
    version = workload(settings)
    rss_work = rss_mb(state.pid)
    began = time.perf_counter()
    neo4j_server.stop(settings)
    return {
        "start_s": seconds,
        "rss_ready": rss_ready,
        "rss_work": rss_work,
        "stop_s": time.perf_counter() - began,
        "version": version,
    }


def run(
    runs: int, heap: str, pagecache: str, java_opts: tuple[str, ...]
) -> list[tuple[str, dict[str, float | str]]]:
    neo4j_server.build()  # not timed: a build happens once per checkout
    rows = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="neo4j-bench-") as tmp:
            settings = Settings(
                neo4j_home=Path(tmp) / "home",
                neo4j_bolt_port=neo4j_server.free_port(),
                neo4j_http_port=neo4j_server.free_port(),
                neo4j_heap=heap,
                neo4j_pagecache=pagecache,
                neo4j_password=PASSWORD,
            )
            rows.append(("fresh", one_start(settings, java_opts)))
            rows.append(("restart", one_start(settings, java_opts)))
    return rows


def print_table(rows: list[tuple[str, dict[str, float | str]]]) -> None:
    print(
        f"{'kind':8} {'start s':>8} {'RSS ready MiB':>14} {'RSS work MiB':>13} {'stop s':>7}  version"
    )
    for kind, r in rows:
        print(
            f"{kind:8} {r['start_s']:8.2f} {r['rss_ready']:14.0f} {r['rss_work']:13.0f} "
            f"{r['stop_s']:7.2f}  {r['version']}"
        )
    for kind in ("fresh", "restart"):
        starts = [float(r["start_s"]) for k, r in rows if k == kind]
        rss = [float(r["rss_work"]) for k, r in rows if k == kind]
        print(
            f"median {kind}: start {statistics.median(starts):.2f} s, "
            f"RSS after work {statistics.median(rss):.0f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--heap", default=Settings().neo4j_heap)
    parser.add_argument("--pagecache", default=Settings().neo4j_pagecache)
    parser.add_argument(
        "--fast-start", action="store_true", help="C1 JIT only (what the test fixture uses)"
    )
    args = parser.parse_args()
    java_opts = neo4j_server.FAST_START_JVM_FLAGS if args.fast_start else ()
    print(f"heap {args.heap}, page cache {args.pagecache}, {args.runs} runs, opts {java_opts}")
    print_table(run(args.runs, args.heap, args.pagecache, java_opts))


if __name__ == "__main__":
    main()

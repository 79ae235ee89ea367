"""Load figure for the HTTP API: requests/s and p50/p99 latency of `/timeline/CHN/PRK` with
`kg serve --workers 2`, driven from a separate process, plus `/health` measured in the same
run as a reference for the server's fixed cost.

    python bench/api_load.py [--store FOLDER] [--workers 2] [--connections 8]
                             [--duration 10] [--client auto|wrk|httpx]

Without --store it builds a store in a temporary folder (`kg load-reference`, then
`kg ingest` of the demo articles and tests/fixtures/articles/articles.jsonl). The load
generator is `wrk` when installed (a separate C process), else an asyncio httpx client run in
a separate Python process; both report the same figures."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
KG = str(Path(sys.executable).parent / "kg")
TARGETS = ("/timeline/CHN/PRK", "/health")
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "p50_ms": %f, '
    .. '"p99_ms": %f}\\n', summary.requests, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(folder: Path) -> Path:
    store = folder / "store"
    articles = [ROOT / "kg" / "demo", ROOT / "tests" / "fixtures" / "articles" / "articles.jsonl"]
    for args in (["load-reference"], ["ingest", *map(str, articles)]):
        subprocess.run([KG, "--store", str(store), *args], check=True, capture_output=True)
    return store


def start_server(
    store: Path,
    workers: int,
    port: int,
    log: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.Popen[bytes]:
    """`kg serve` on `store` (no access log), once /health answers; `env` adds variables."""
    command = [KG, "--store", str(store), "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log"]
    environment = {**os.environ, **(env or {})}
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=environment)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"kg serve exited:\n{log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"kg serve did not answer in {timeout:.0f} s")


def run_wrk(url: str, connections: int, duration: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s"]
    command += ["-s", script.name, url]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    Path(script.name).unlink()
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


async def _httpx_load(url: str, connections: int, duration: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + duration

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < stop:
            started = time.perf_counter()
            response = await client.get(url)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=connections)
    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(connections)))
    seconds = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "seconds": seconds,
        "errors": errors,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
    }


def run_httpx(url: str, connections: int, duration: int) -> dict[str, float]:
    """The httpx client in its own process, so it competes with the server as wrk would."""
    code = (
        "import asyncio, json, sys; sys.path.insert(0, sys.argv[4]); import api_load as b; "
        "print(json.dumps(asyncio.run(b._httpx_load(sys.argv[1], int(sys.argv[2]), "
        "int(sys.argv[3])))))"
    )
    args = [sys.executable, "-c", code, url, str(connections), str(duration)]
    args.append(str(Path(__file__).parent))
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def measure(base: str, load: Any, connections: int, duration: int) -> None:
    """Warm every target on every worker, then load each in turn and print a row."""
    for target in TARGETS:
        for _ in range(20):
            httpx.get(base + target, timeout=30)
    print(f"{'target':<22}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for target in TARGETS:
        f = load(base + target, connections, duration)
        rate = f["requests"] / f["seconds"]
        print(
            f"{target:<22}{rate:>12.1f}{f['p50_ms']:>10.2f}{f['p99_ms']:>10.2f}"
            f"{int(f['errors']):>8}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="A loaded store (default: build one)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per target")
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto")
    args = parser.parse_args()
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "httpx"
    load = run_wrk if client == "wrk" else run_httpx
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
        store = args.store or build_store(Path(tmp))
        port = free_port()
        server = start_server(store, args.workers, port, Path(tmp) / "serve.log")
        try:
            print(
                f"kg serve --workers {args.workers}; {client} with {args.connections} "
                f"connections for {args.duration} s per target; {_cores()} CPU cores"
            )
            measure(f"http://127.0.0.1:{port}", load, args.connections, args.duration)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()

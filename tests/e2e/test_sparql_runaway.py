"""Runaway SPARQL frees its core and its memory (issue 32, item 5): four queries that would
sort or count for ever, sent at once to a `kg serve` with a 1 s KG_SPARQL_TIMEOUT, each get a
503 by the timeout (a sort perhaps sooner, at KG_SPARQL_MEMORY_MB); a cheap query then
answers within 100 ms, the server's processes use no CPU, and their resident memory is back
within 1.2x of where it was."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import Server, clean_env, copy_store, start_server

TIMEOUT = 1.0
CHEAP = 'SELECT ?s WHERE { ?s <https://geokg.example.org/ontology#code> "PRK" }'
RUNAWAY = [  # a sort that holds every pair of quads, then counts of every pair and triple
    "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
    "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY DESC(?f) ?c",
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
]
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


@pytest.fixture(scope="module")
def runaway_server(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    # A sort may pass the memory limit before the timeout (1 GB a second on an idle machine):
    # 600 MB keeps what the test holds small; it is stopped either way.
    env = clean_env(KG_SPARQL_TIMEOUT=str(TIMEOUT), KG_SPARQL_MEMORY_MB="600")
    running = start_server(copy_store(loaded_store, "runaway-store"), workdir, env=env)
    yield running
    running.stop()


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (the SPARQL workers and their zygote)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo.extend(parents.get(found[-1], []))
    return found


def _usage(pid: int) -> tuple[float, float]:
    """Resident MB and CPU seconds of a process (0, 0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0.0
    return int(fields[21]) * PAGE / 1e6, (int(fields[11]) + int(fields[12])) / TICK


def _tree_rss(pid: int) -> float:
    return sum(_usage(p)[0] for p in _tree(pid))


def _tree_cpu(pid: int, seconds: float) -> float:
    """CPU seconds the process tree of `pid` uses in the next `seconds`, process by process
    (a process killed meanwhile is left out; one started meanwhile counts from zero)."""
    before = {p: _usage(p)[1] for p in _tree(pid)}
    time.sleep(seconds)
    return sum(_usage(p)[1] - before.get(p, 0.0) for p in _tree(pid))


def _runaway(url: str, query: str, answers: list[tuple[float, httpx.Response]]) -> None:
    response = httpx.get(f"{url}/sparql", params={"query": query}, timeout=30)
    answers.append((time.monotonic(), response))


def test_runaway_queries_free_their_cores_and_memory(runaway_server: Server) -> None:
    url, pid = runaway_server.url, runaway_server.process.pid
    with httpx.Client(base_url=url, timeout=10) as client:
        for _ in range(20):  # warm: every worker has answered and opened the store
            assert client.get("/sparql", params={"query": CHEAP}).status_code == 200
        server_rss, _ = _usage(pid)
        tree_rss = _tree_rss(pid)
        answers: list[tuple[float, httpx.Response]] = []
        threads = [threading.Thread(target=_runaway, args=(url, q, answers)) for q in RUNAWAY]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        last = max(at for at, _ in answers)
        cheap = client.get("/sparql", params={"query": CHEAP})
        cheap_after = time.monotonic() - last
    titles = []
    for _, response in answers:
        assert response.status_code == 503, response.text
        titles.append(response.json()["title"])
        assert response.json()["detail"] in (
            f"the query ran longer than {TIMEOUT:g} s",
            "The query needed more than 600 MB and was stopped.",
        )
    assert "Query timeout" in titles, titles  # the counts, at least, run into the timeout
    assert TIMEOUT - 0.1 < last - started < TIMEOUT + 2
    assert cheap.status_code == 200 and "state/PRK" in cheap.text
    assert cheap_after < 0.1, f"the cheap query answered {cheap_after * 1000:.0f} ms after"
    print(f"cheap query {cheap_after * 1000:.1f} ms after the last of 4 timeouts")
    # The workers that ran the queries were killed; their successors sit idle.
    cpu = _tree_cpu(pid, 1.0)
    assert cpu < 0.3, f"{cpu:.2f} s of CPU in 1 s: a query still runs"
    rss = _tree_rss(pid)
    assert _usage(pid)[0] < 1.2 * server_rss, f"server: {server_rss:.0f} -> {_usage(pid)[0]:.0f} MB"
    assert rss < 1.2 * tree_rss, f"server and workers: {tree_rss:.0f} -> {rss:.0f} MB"
    print(
        f"RSS server {server_rss:.0f} -> {_usage(pid)[0]:.0f} MB, with workers {tree_rss:.0f} -> {rss:.0f} MB"
    )

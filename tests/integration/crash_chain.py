"""Fifty `kg ingest` runs into one store, each SIGKILLed at a seeded random moment
(tests/integration/test_crash_safety.py runs this). Run as its own process:

    python -m tests.integration.crash_chain REFERENCE_STORE WORKDIR [RUNS] [SEED]

It prints a JSON report. Run i ingests slices i-1 and i of a generated corpus (6 short
articles each), so every run has new articles to write and finishes what the run before
it was killed in. After each kill a read-only open of the store (which replays RocksDB's
log) must give every article graph equal to a clean run's or none. Last, one ingest of
every slice must give the clean run's record, line for line.

Speed: each run is a fork of this process, which has imported and warmed the ingest path
(so a run costs its work, not 1 s of imports) and has never opened a store (RocksDB's
threads do not survive a fork: a child of a process that had opened one can deadlock)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

from tests.integration.faults import by_graph, torn, write_corpus

SLICE = 6  # articles a slice
Record = dict[str, frozenset[str]]


def _warm() -> None:
    """Import and warm what an ingest runs (the CLI, extraction, SHACL), touching no store."""
    import cli.main
    from kg.prepare import default_extractor, prepare
    from loaders.article import Article

    cli.main._register()
    text = "Chinese President Xi Jinping met North Korean leader Kim Jong-un on May 2, 2024."
    prepare(Article(url="https://warm.test/", text=text), "https://x.test/", default_extractor())


def _child(run: list[str]) -> None:
    """In the forked child: the CLI with `run` as its arguments, output discarded."""
    import cli.main

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.argv = ["kg", *run]
    code = 0
    try:
        cli.main.run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        code = 99
    os._exit(code)


def forked(run: list[str], kill_after: float | None = None) -> int | None:
    """`kg RUN` in a forked child; SIGKILLed after `kill_after` s (None: its exit code)."""
    pid = os.fork()
    if pid == 0:
        _child(run)
    deadline = time.monotonic() + (kill_after if kill_after is not None else 600.0)
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def held(store: Path, dump: Path, every: bool = False) -> Record:
    """The store's record by graph (without the reference data unless `every`: it is 90 %
    of the store and ingest never writes it), read by a forked child opening it read-only."""
    pid = os.fork()
    if pid == 0:
        try:
            dump.write_text(_quads(store, every))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not dump.exists():
        raise RuntimeError(f"the store at {store} did not open")
    record = by_graph(dump.read_text())
    dump.unlink()
    return record


def _quads(store: Path, every: bool) -> str:
    import pyoxigraph as ox

    opened = ox.Store.read_only(str(store))
    if every:
        return (opened.dump(format=ox.RdfFormat.N_QUADS) or b"").decode()
    graphs = [g for g in opened.named_graphs() if "/graph/reference/" not in g.value]
    return "".join(
        f"{q} .\n" for g in graphs for q in opened.quads_for_pattern(None, None, None, g)
    )


def _copy(reference: Path, target: Path) -> Path:
    shutil.copytree(reference, target)
    (target / "LOCK").unlink(missing_ok=True)
    return target


def _ingest(store: Path, *files: str) -> list[str]:
    return ["--store", str(store), "ingest", "--jobs", "1", *files]


def chain(reference: Path, work: Path, runs: int, seed: int) -> dict[str, object]:
    """The clean run, the killed runs, the resumed run; what each showed."""
    slices = [
        str(write_corpus(work / f"{i}.jsonl", SLICE, first=SLICE * i)) for i in range(runs + 1)
    ]
    clean, store = _copy(reference, work / "clean"), _copy(reference, work / "killed")
    started, dump = time.monotonic(), work / "dump.nq"
    assert forked(_ingest(clean, *slices)) == forked(_ingest(store, slices[0])) == 0
    whole, one = held(clean, dump), time.monotonic()
    assert forked(_ingest(store, *slices[:2])) == 0
    took, rng = time.monotonic() - one, random.Random(seed)  # an uninterrupted run's time
    kills: list[float] = []
    ended: list[float] = []
    torn_graphs: list[str] = []
    for i in range(1, runs + 1):
        after = rng.uniform(0.0, 1.5 * took)  # some runs end first
        code = forked(_ingest(store, *slices[i - 1 : i + 1]), after)
        (kills if code is None else ended).append(round(after, 3))
        found = torn(held(store, dump), whole)  # articles whole or absent, nothing unknown
        torn_graphs += [f"run {i} at {after:.3f} s: {g}" for g in found]
    assert forked(_ingest(store, *slices)) == 0
    final, whole = held(store, dump, every=True), held(clean, dump, every=True)
    return {"killed": kills, "ended": ended, "torn": torn_graphs[:10], "equal": final == whole,
            "articles": sum("/article/" in g for g in whole), "run_seconds": round(took, 3),
            "seconds": round(time.monotonic() - started, 1)}  # fmt: skip


if __name__ == "__main__":
    _warm()
    reference, work = Path(sys.argv[1]), Path(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    print(json.dumps(chain(reference, work, runs, seed)))

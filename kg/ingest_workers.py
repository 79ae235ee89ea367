"""Every core for ingest: items loaded (a FileInput: a file of one article) and prepared
(kg.prepare: extraction, triples, the SHACL gate, statements and hash) in `jobs` worker
processes, a few items per task, and handed back in input order to the one writer in this
process (kg.ingest_batch). With one job, all of it happens here, in the same order, so the
record is the same byte for byte either way."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from kg.ingest_model import Extractor, Rejected
from kg.ingest_model import Input as Unit
from kg.prepare import Known, Prepared, prepare_outcome
from loaders.sources import FileInput

CHUNK = 8  # items per task: amortizes pickling and queue round trips (~0.1 s of work)
AHEAD = 16  # tasks in flight per worker: keeps each busy, bounds what is held in memory
PARENT_CHECK_SECONDS = 1.0
# Below the writer: on a core the two share, the writer runs first, so it keeps up with the
# workers instead of finishing a backlog alone at the end (1.45x -> see docs/benchmarks.md).
WORKER_NICENESS = 5
DIED = (
    "An ingest worker process died (killed, or out of memory); the record holds every "
    "article written before it, whole, and running the same ingest again completes it."
)
_WORKER: dict[str, object] = {}  # in a worker process: base IRI, extractor, known inputs

Outcome = Prepared | Known | Rejected
# What prepares the items for the writer: prepared_items with `jobs`, or a cluster's engine
# (kg.ingest_dask.DaskEngine), called with the items, the base IRI, the extractor and the
# input keys the store knows (not extracted again).
Engine = Callable[[Iterable[Unit], str, Extractor, Collection[str]], Iterator[Outcome]]


class WorkerDied(Exception):
    """A worker process ended without an answer; the message is one sentence."""


def available_cores() -> int:
    """The cores this process may run on (`kg ingest --jobs`' default)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def prepared_items(
    items: Iterable[Unit], base_iri: str, extract: Extractor, jobs: int, known: Collection[str] = ()
) -> Iterator[Outcome]:
    """Each item loaded and prepared, in input order, by `jobs` worker processes (1: in
    this one); an article whose input key is `known` is not extracted (kg.prepare.Known)."""
    if jobs <= 1:
        for unit in items:
            yield from prepare_chunk([unit], base_iri, extract, known)
        return
    yield from _in_workers(iter(items), base_iri, extract, jobs, known)


def prepare_chunk(
    units: Iterable[Unit], base_iri: str, extract: Extractor, known: Collection[str] = ()
) -> list[Outcome]:
    """The outcome of each item, a FileInput read first (it may hold a LoadError)."""
    items = (i for u in units for i in (u.load() if isinstance(u, FileInput) else [u]))
    return [prepare_outcome(item, base_iri, extract, known) for item in items]


def _start(base_iri: str, extract: Extractor, parent: int, known: Collection[str]) -> None:
    """A worker's start: Ctrl-C is the main process's to handle (it stops the pool), and
    a worker whose main process was killed ends too, instead of waiting for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(WORKER_NICENESS)
    _WORKER.update(base_iri=base_iri, extract=extract, known=known)
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _in_worker(units: list[Unit]) -> list[Outcome]:
    w = _WORKER
    return prepare_chunk(units, w["base_iri"], w["extract"], w["known"])  # type: ignore[arg-type]


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: a worker starts with the extractor's lexicon loaded, and
    the extractor is handed over without pickling."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _in_workers(
    items: Iterator[Unit], base_iri: str, extract: Extractor, jobs: int, known: Collection[str]
) -> Iterator[Outcome]:
    started = (base_iri, extract, os.getpid(), known)  # forked: `known` is not pickled
    pool = ProcessPoolExecutor(jobs, _context(), initializer=_start, initargs=started)
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        while chunk := list(islice(items, CHUNK)):
            pending.append(pool.submit(_in_worker, chunk))
            if len(pending) >= jobs * AHEAD:
                yield from _answer(pending.popleft())
        while pending:
            yield from _answer(pending.popleft())
    except BrokenProcessPool:
        raise WorkerDied(DIED) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _answer(future: Future[list[Outcome]]) -> list[Outcome]:
    return future.result()

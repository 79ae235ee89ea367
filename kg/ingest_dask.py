"""Ingest on many machines (issue 31, item 4): the items loaded and prepared (the same
function `kg ingest --jobs` workers run, kg.ingest_workers.prepare_chunk, on a worker whose
geokg code and data hash as the client's) as tasks on a Dask distributed cluster, a few
items a task, with a bounded number of tasks in flight, and handed back in input order to
the one writer in this process (kg.ingest_batch), which writes the record and then Neo4j.
Dask is imported here only, when a cluster is asked for.

    with on_dask("tcp://10.0.0.5:8786") as engine:
        service.ingest(iter_inputs(paths), engine=engine)  # or ingest_all(..., engine=engine)
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.ingest_model import Extractor
from kg.ingest_workers import CHUNK, Outcome, Unit, WorkerDied, prepare_chunk
from loaders.sources import FileInput

if TYPE_CHECKING:
    from distributed import Client, Future

AHEAD = 4  # tasks in flight per worker thread (at the start of the run)
LEAST_IN_FLIGHT = 8  # tasks, however few workers there are at the start
CONNECT_SECONDS = 10.0
POLL_SECONDS = 5.0  # between looks at the cluster while a task is awaited
NO_WORKER_SECONDS = 60.0  # a cluster without a worker this long ends the run
WRITTEN = (
    "the record holds every article written before it, whole, and running the same ingest "
    "again completes it."
)
MISSING = "Ingest on a Dask cluster needs Dask, which is not installed: pip install 'geokg[dask]'."
KILLED = (
    "A Dask worker died running an ingest task (killed, or out of memory, as often as the "
    "scheduler allows); "
)
LOST = "The connection to the Dask scheduler at {address} was lost; "
IDLE = "The Dask scheduler at {address} has had no worker for {seconds:.0f} s; "
OTHER = (
    "The Dask worker at {worker} runs another geokg than this machine (its code or data "
    "differ: the same geokg on every worker, restarted after a change); "
)
CODE_SUFFIXES = frozenset({".py", ".json", ".ttl", ".csv"})
# The modules of kg/ that prepare an item (kg.prepare and what it imports from kg/), whose
# code is in the fingerprint beside ontology/ and loaders/ (tests/unit/kg/test_ingest_dask).
PREPARE_MODULES = (
    "kg.prepare",
    "kg.article_facts",
    "kg.ingest_model",
    "kg.ingest_workers",
    "kg.stores.oxigraph_terms",
    "kg.input_keys",
    "kg.ingest_dask",
)
_FINGERPRINT: list[str] = []  # this process's code_fingerprint, once computed


class ClusterUnavailable(Exception):
    """No cluster to run on (Dask missing, or the scheduler unreachable), before anything
    is written; the message is one sentence."""


class ClusterFailed(WorkerDied):
    """A task failed or its worker died; the message is one sentence. A WorkerDied, so the
    writer writes what came before it whole, as for `--jobs` (kg.ingest.ingest_all)."""


def one_sentence(text: str, most: int = 200) -> str:
    """An exception's message as a clause inside a sentence: one line, no full stop."""
    said = " ".join(text.split())[:most].rstrip(" .")
    return re.sub(r"\.\s", "; ", said)


def task_failure(exc: BaseException) -> str:
    """The sentence for a task that raised `exc` on a worker."""
    said = one_sentence(str(exc))
    named = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
    return f"An ingest task failed on a Dask worker ({named}); {WRITTEN}"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterUnavailable(MISSING) from None
    return distributed


@contextmanager
def on_dask(
    address: str, *, read_on_workers: bool = True, timeout: float = CONNECT_SECONDS
) -> Iterator[DaskEngine]:
    """A map engine on the Dask scheduler at `address` (tcp://HOST:8786), for
    IngestService.ingest or ingest_all. ClusterUnavailable when it cannot be reached within
    `timeout` s. With `read_on_workers` False, files are read here and their articles sent
    (for workers that do not see the inputs at the same paths)."""
    distributed = _distributed()
    _check_address(address)
    with _quiet():
        try:
            client = distributed.Client(address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:
            raise ClusterUnavailable(unreachable(address, exc, timeout)) from None
        try:
            yield DaskEngine(client, address, read_on_workers)
        finally:
            client.close()


@contextmanager
def _quiet() -> Iterator[None]:
    """Dask's log lines in this process (the client's) silenced meanwhile: a failure is the
    one sentence of ClusterFailed, not a reconnect's tracebacks. The workers still log."""
    handlers = logging.getLogger("distributed").handlers
    levels = [h.level for h in handlers]
    for handler in handlers:
        handler.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for handler, level in zip(handlers, levels, strict=True):
            handler.setLevel(level)


def unreachable(address: str, exc: BaseException, timeout: float) -> str:
    """The sentence for a scheduler that did not answer."""
    said = one_sentence(str(exc)) or type(exc).__name__
    if said.startswith("Timed out"):
        said = f"no answer in {timeout:.0f} s"
    return f"Cannot reach the Dask scheduler at {address}: {said[:1].lower()}{said[1:]}."


def _check_address(address: str) -> None:
    """ClusterUnavailable for what is not an address (a half-made Client would hang)."""
    from distributed.comm import get_address_host_port, normalize_address
    from distributed.comm.addressing import parse_address
    from distributed.comm.registry import get_backend

    try:
        get_backend(parse_address(normalize_address(address))[0])
        get_address_host_port(normalize_address(address))
    except (ValueError, TypeError) as exc:
        raise ClusterUnavailable(
            f"{address} is not a Dask scheduler address like tcp://HOST:8786 ({exc})."
        ) from None


class OtherGeokg(Exception):
    """Raised on a worker whose geokg code or data differ from the client's."""


def code_files() -> list[Path]:
    """What prepares an article: ontology/ and loaders/ whole (code, lexicon, reference
    data, shapes) and the modules of kg/ that prepare calls (PREPARE_MODULES, those there)."""
    import loaders
    import ontology

    files = [
        path
        for package in (ontology, loaders)
        for path in sorted(Path(package.__file__ or "").parent.rglob("*"))
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts
    ]
    specs = [importlib.util.find_spec(m) for m in PREPARE_MODULES]
    return files + [Path(s.origin) for s in specs if s is not None and s.origin]


def code_fingerprint() -> str:
    """A hash of code_files (computed once a process): a worker preparing with another
    version would write another record than `--jobs`."""
    if not _FINGERPRINT:
        digest = hashlib.sha256()
        for path in code_files():
            digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
        _FINGERPRINT.append(digest.hexdigest())
    return _FINGERPRINT[0]


def prepare_checked(
    fingerprint: str,
    units: list[Unit],
    base_iri: str,
    extract: Extractor,
    known: Collection[str] = (),
) -> list[Outcome]:
    """A task: prepare_chunk, on a worker whose geokg is the client's (else OtherGeokg)."""
    if code_fingerprint() != fingerprint:
        from distributed import get_worker

        raise OtherGeokg(OTHER.format(worker=get_worker().address))
    return prepare_chunk(units, base_iri, extract, known)


def read_here(items: Iterable[Unit]) -> Iterator[Unit]:
    """Each file of one article read in this process, the other items as they are."""
    for unit in items:
        yield from unit.load() if isinstance(unit, FileInput) else [unit]


@dataclass
class DaskEngine:
    """Prepares items on a Dask cluster; called as kg.ingest_workers.prepared_items is."""

    client: Client
    address: str
    read_on_workers: bool = True
    chunk: int = CHUNK  # items per task
    fingerprint: str = field(default_factory=code_fingerprint)  # what the workers must run
    patience: float = NO_WORKER_SECONDS  # a cluster without a worker this long ends the run

    def __call__(
        self, items: Iterable[Unit], base_iri: str, extract: Extractor, known: Collection[str] = ()
    ) -> Iterator[Outcome]:
        """Each item's outcome, in input order, those whose input key is `known` not
        extracted (the keys sent to every worker once); ClusterFailed when a task fails."""
        units = iter(items) if self.read_on_workers else read_here(items)
        pending: deque[Future] = deque()
        limit, keys = self.in_flight(), self._shared(known)
        try:
            while chunk := list(islice(units, self.chunk)):
                task = (prepare_checked, self.fingerprint, chunk, base_iri, extract, keys)
                pending.append(self.client.submit(*task, pure=False))
                if len(pending) >= limit:
                    yield from self._answer(pending.popleft())
            while pending:
                yield from self._answer(pending.popleft())
        finally:
            if pending:
                self.client.cancel(list(pending))

    def _shared(self, known: Collection[str]) -> Any:
        """The known keys, on every worker once (a Future each task names), or none."""
        if not known:
            return frozenset()
        keys = frozenset(known)  # one datum: scatter would send a set's members one by one
        return self.client.scatter([keys], broadcast=True, hash=False)[0]

    def in_flight(self) -> int:
        """How many tasks to keep submitted: AHEAD per worker thread, LEAST_IN_FLIGHT at
        least; what they hold waits on the workers until the writer takes it."""
        threads = sum(self.client.nthreads().values())
        return max(LEAST_IN_FLIGHT, AHEAD * threads)

    def _answer(self, future: Future) -> list[Outcome]:
        """The task's outcomes; ClusterFailed, one sentence, when it cannot give them."""
        idle = 0.0
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except TimeoutError as exc:
                if future.done():  # the task itself raised it
                    raise ClusterFailed(task_failure(exc)) from None
                idle = self._idle(idle)
            except CancelledError:
                raise ClusterFailed(LOST.format(address=self.address) + WRITTEN) from None
            except Exception as exc:
                raise ClusterFailed(self._failure(exc)) from None

    def _idle(self, idle: float) -> float:
        """Seconds the cluster has had no worker, after one more wait; ClusterFailed past
        `patience` (the tasks would wait for one forever)."""
        try:
            idle = 0.0 if self.client.nthreads() else idle + POLL_SECONDS
        except OSError:
            raise ClusterFailed(LOST.format(address=self.address) + WRITTEN) from None
        if idle >= self.patience:
            raise ClusterFailed(IDLE.format(address=self.address, seconds=idle) + WRITTEN)
        return idle

    def _failure(self, exc: Exception) -> str:
        if type(exc).__name__ == "KilledWorker":
            return KILLED + WRITTEN
        if isinstance(exc, OtherGeokg):
            return str(exc) + WRITTEN
        return task_failure(exc)

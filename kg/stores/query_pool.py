"""SPARQL over the embedded store in worker processes that are killed at the timeout, so a
runaway query (a cross join, a sort of everything) frees its core and its memory.

The server keeps `size` warm workers (kg.stores.query_worker), forked by a zygote. Each
request carries the store's version, a mark of its RocksDB files (write-ahead logs and
manifest: every write changes one), so a worker reopens its read-only snapshot after a write
and a query sees every write answered before it; a thread reopens idle workers soon after a
write, so the next query rarely pays for it. A query that overruns its time is answered with
QueryTimeout and its worker killed and replaced (by a fork: a few ms).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.stores.base import RecordUnavailable, StoreError
from kg.stores.query_worker import PID, receive, send

log = logging.getLogger("geokg.sparql")
REFRESH_SECONDS = 0.05
WATCH_SECONDS = 0.05  # how often a busy worker's memory is read
REPLACE_SECONDS = 0.2  # a killed worker's successor is forked this long after  # how often idle workers are checked against the store's version
START_SECONDS = 30.0
# A worker that has grown past this (a big sort answered in time) is replaced after its query.
RECYCLE_MB = 256.0
PAGE = os.sysconf("SC_PAGE_SIZE")  # the zygote imports pyoxigraph: seconds before it must answer


class QueryTimeout(StoreError):
    """A query ran past its time and was stopped (its worker process killed)."""


class QueryStopped(StoreError):
    """A query was stopped over its memory limit, or ended its worker process (a crash)."""


class OverMemory(Exception):
    """A worker grew past its memory limit while it worked on a query."""


def store_version(path: Path) -> tuple[tuple[str, int, int], ...]:
    """A mark that changes with every write to the store at `path`: the names, sizes and
    times of its write-ahead logs, manifest and CURRENT file (data files change only with
    the manifest)."""
    marks = []
    with os.scandir(path) as entries:
        for entry in entries:
            name = entry.name
            if name.endswith(".log") or name.startswith("MANIFEST-") or name == "CURRENT":
                with contextlib.suppress(FileNotFoundError):  # deleted under us: a change
                    stat = entry.stat()
                    marks.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(marks))


class _Worker:
    """The server's end of one worker process."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid, self.sock = pid, sock

    def ask(self, request: tuple[Any, ...], deadline: float, memory_mb: float = 0) -> Any:
        """The worker's answer; TimeoutError at `deadline`, OverMemory once the worker holds
        more than `memory_mb` (0: no limit) while it works (either way it is useless)."""
        self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        send(self.sock, request)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            if select.select([self.sock], [], [], min(left, WATCH_SECONDS))[0]:
                break
            if memory_mb and self.resident_mb() > memory_mb:
                raise OverMemory
        self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        return receive(self.sock)

    def resident_mb(self) -> float:
        """The worker's resident memory (0 once it is gone)."""
        try:
            pages = int(Path(f"/proc/{self.pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            return 0.0
        return pages * PAGE / 1e6

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self.sock.close()


class QueryWorkers:
    """Up to `size` queries at once on the store at `path`, each in a worker process."""

    def __init__(
        self,
        path: Path,
        size: int = 2,
        memory_mb: int = 0,
        recycle_mb: float = RECYCLE_MB,
        settle: Callable[[], None] | None = None,
    ) -> None:
        self.path, self.size, self.memory_mb, self.recycle_mb = path, size, memory_mb, recycle_mb
        # Before workers reopen after a write: the writer flushes its memtables, so a reopen
        # replays a few statements, not all since the last flush (17 ms per 1,000).
        self._settle = settle
        self._idle: list[_Worker] = []
        self._busy = 0
        self._ready = threading.Condition()
        self._fork_lock = threading.Lock()
        self._closed = threading.Event()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._control = ours
        self._zygote = subprocess.Popen(
            [sys.executable, "-m", "kg.stores.query_worker", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C meant for the server does not reach it
        )
        theirs.close()
        threading.Thread(target=self._keep_fresh, daemon=True, name="sparql-workers").start()

    def _fork(self) -> _Worker:
        """A new worker process, with its store opened at the current version."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        with self._fork_lock, theirs:
            self._control.settimeout(START_SECONDS)
            socket.send_fds(self._control, [str(self.path).encode()], [theirs.fileno()])
            data = self._control.recv(PID.size)
        if len(data) != PID.size:
            ours.close()
            raise EOFError("the SPARQL workers' zygote has exited")
        worker = _Worker(PID.unpack(data)[0], ours)
        worker.ask(("open", store_version(self.path), "", None, None), time.monotonic() + 30)
        return worker

    def _put(self, worker: _Worker, busy: bool = False) -> None:
        """An idle worker back in the pool (`busy`: it was answering a query)."""
        with self._ready:
            self._idle.append(worker)
            self._busy -= busy
            self._ready.notify_all()

    def _release(self, worker: _Worker) -> None:
        """Kill a worker whose query overran or failed, and start its successor."""
        with self._ready:
            self._busy -= 1
            self._ready.notify_all()
        self._replace(worker)

    def _take(self, deadline: float, least: float) -> _Worker:
        """An idle worker once fewer than `size` are busy, waiting until `deadline` (then
        TimeoutError). One more worker than that is kept, so the worker of a query that is
        killed has a successor ready at once; a query that waited is not started with less
        than `least` seconds left, lest a runaway take that spare for a moment."""
        with self._ready:
            while not self._idle or self._busy >= self.size:
                if self._closed.is_set():
                    raise RecordUnavailable("The server is stopping; ask again after it starts.")
                self._ready.wait(deadline - time.monotonic())
                if deadline - time.monotonic() < least:  # it would be killed at once
                    raise TimeoutError
            self._busy += 1
            return self._idle.pop()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker whose query overran or failed, and start its successor."""
        worker.kill()
        if not self._closed.is_set():
            threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        try:
            self._put(self._fork())
        except (OSError, EOFError) as exc:
            if not self._closed.is_set():  # the next query waits, then says it timed out
                log.warning("A SPARQL worker did not start: %s", exc)

    def run(self, op: str, sparql: str, limit: int | None, fmt: str | None, timeout: float) -> Any:
        """The worker's answer to one request; QueryTimeout past `timeout` seconds."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._take(deadline, min(max(timeout * 0.1, 0.02), 0.25))
        except TimeoutError:
            raise QueryTimeout(f"The query ran longer than {timeout:g} s.") from None
        try:
            version = store_version(self.path)
        except OSError as exc:
            self._put(worker, busy=True)
            raise RecordUnavailable(f"Cannot read the store at {self.path}: {exc}.") from None
        try:
            answer = worker.ask((op, version, sparql, limit, fmt), deadline, self.memory_mb)
        except TimeoutError:
            self._release(worker)
            raise QueryTimeout(f"The query ran longer than {timeout:g} s.") from None
        except OverMemory:
            self._release(worker)
            raise QueryStopped(
                f"The query needed more than {self.memory_mb} MB and was stopped."
            ) from None
        except (OSError, EOFError):
            self._release(worker)
            raise QueryStopped("The query ended its worker process before it answered.") from None
        if worker.resident_mb() > self.recycle_mb:  # a big query's memory goes with it
            self._release(worker)
        else:
            self._put(worker, busy=True)
        return answer

    def _refresh_idle(self, version: object) -> None:
        """Reopen each idle worker's store at `version`, one at a time (queries go first)."""
        for _ in range(self.size + 1):
            with self._ready:
                if not self._idle:
                    return
                worker = self._idle.pop(0)
            try:
                worker.ask(("open", version, "", None, None), time.monotonic() + 30)
            except (OSError, EOFError):
                self._replace(worker)
                continue
            self._put(worker)

    def _keep_fresh(self) -> None:
        """Start the workers, then reopen idle ones soon after each write."""
        for _ in range(self.size + 1):
            self._start_one()
        seen: object = None
        while not self._closed.wait(REFRESH_SECONDS):
            try:
                version = store_version(self.path)
            except OSError:  # the folder is gone: the next query says so
                continue
            if seen is not None and version != seen:
                if self._settle is not None:
                    self._settle()
                    version = store_version(self.path)
                self._refresh_idle(version)
            seen = version

    def close(self) -> None:
        """Stop every worker and the zygote (a busy worker dies with it: PDEATHSIG)."""
        self._closed.set()
        with self._ready:
            idle, self._idle = self._idle, []
            self._ready.notify_all()
        for worker in idle:
            worker.kill()
        self._control.close()
        self._zygote.kill()
        self._zygote.wait()

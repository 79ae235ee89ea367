"""The process side of kg.stores.query_pool: SPARQL run where it can be stopped.

pyoxigraph cannot cancel a query, so one that works long before its first row keeps a core
and its memory until it ends. Run in a worker process instead, a timed-out query is ended by
killing that process. A zygote (`python -m kg.stores.query_worker`) imports pyoxigraph once
and forks each worker on request (a few ms, where a fresh interpreter takes ~100 ms); it never
opens a store, since RocksDB's threads do not survive a fork. A worker opens the store
read-only, reopens it when the server's writes changed it, and answers one request at a time.
Only pyoxigraph and the standard library are imported here, to keep the zygote small.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import socket
import struct
import sys
import time
from itertools import islice
from typing import Any

import pyoxigraph as ox

HEADER = struct.Struct("!I")
PID = struct.Struct("!i")
OPEN_TRIES = 100  # a read-only open fails while the writer deletes files it lists (compaction)
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
}
Wire = tuple[str, str, str | None, str | None]  # kind (u, b, l), value, datatype, language


def send(sock: socket.socket, message: Any) -> None:
    """One message: its pickle's length, then the pickle (both ends are geokg's own)."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(HEADER.pack(len(data)) + data)


def _exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other end closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(sock: socket.socket) -> Any:
    """The next message; EOFError once the other end is gone."""
    (size,) = HEADER.unpack(_exactly(sock, HEADER.size))
    return pickle.loads(_exactly(sock, size))


def wire_term(term: Any) -> Wire:
    """A pyoxigraph term as plain strings, rebuilt as an rdflib term by the server."""
    if isinstance(term, ox.NamedNode):
        return ("u", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value, None, None)
    if isinstance(term, ox.Literal):
        return ("l", term.value, term.datatype.value, term.language)
    raise ValueError("the answer holds an RDF-star triple term, which cannot be returned")


def _serialized(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> Any:
    if isinstance(result, ox.QueryTriples):
        if fmt not in RDF_FORMATS:
            return ("kind", "graph")
        return ("bytes", result.serialize(format=RDF_FORMATS[fmt]) or b"")
    if fmt not in RESULT_FORMATS:
        return ("kind", "solutions")
    return ("bytes", result.serialize(format=RESULT_FORMATS[fmt]) or b"")


def _answer(store: ox.Store, sparql: str, limit: int | None, fmt: str | None) -> Any:
    """("ask", bool), ("select", names, rows) or ("graph", N-Triples), at most `limit` rows
    read as they stream; with `fmt`, ("bytes", the answer in that format) or ("kind", what
    the query answers) when the format does not fit it."""
    result = store.query(sparql, use_default_graph_as_union=True)
    if fmt is not None:
        return _serialized(result, fmt)
    if isinstance(result, ox.QueryBoolean):
        return ("ask", bool(result))
    if isinstance(result, ox.QueryTriples):
        return ("graph", ox.serialize(islice(result, limit), format=ox.RdfFormat.N_TRIPLES))
    names = [v.value for v in result.variables]
    rows = [
        tuple(None if t is None else wire_term(t) for t in solution)
        for solution in islice(result, limit)
    ]
    return ("select", names, rows)


def open_read_only(path: str) -> ox.Store:
    """The store opened read-only, tried again while a writer's compaction races the open."""
    for attempt in range(OPEN_TRIES):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):  # pyoxigraph raises RocksDB's corruption as the latter
            if attempt == OPEN_TRIES - 1:
                raise
            time.sleep(0.02)
    raise AssertionError("unreachable")


class Worker:
    """One worker's state: the store as of the version (the server's mark of its files)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.version: object = None
        self.store: ox.Store | None = None

    def at(self, version: object) -> ox.Store:
        """The store, reopened first when the server says it changed since it was opened."""
        if self.store is None or version != self.version:
            self.store = None  # the old snapshot's memory goes before the new one is read
            self.store, self.version = open_read_only(self.path), version
        return self.store

    def handle(self, request: tuple[str, Any, str, int | None, str | None]) -> Any:
        """("ok", answer) or ("error", kind, message) for one request."""
        op, version, sparql, limit, fmt = request
        try:
            store = self.at(version)
        except (OSError, RuntimeError) as exc:
            return ("error", "open", str(exc))
        if op == "open":
            return ("ok", None)
        try:
            return ("ok", _answer(store, sparql, limit, fmt))
        except SyntaxError as exc:
            return ("error", "syntax", str(exc))
        except (OSError, ValueError, RuntimeError) as exc:
            return ("error", "query", str(exc))


def serve(sock: socket.socket, path: str) -> None:
    """Answer requests until the server closes its end."""
    worker = Worker(path)
    while True:
        try:
            request = receive(sock)
        except (EOFError, OSError):
            return
        send(sock, worker.handle(request))


def _die_with_parent() -> None:
    """SIGKILL this process when the zygote ends (it ends when the server does)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _fork(control: socket.socket, fd: int, path: str) -> int:
    """Fork a worker on the store at `path`, answering on the socket `fd`."""
    pid = os.fork()
    if pid == 0:  # the worker
        control.close()
        _die_with_parent()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        try:
            serve(socket.socket(fileno=fd), path)
        finally:
            os._exit(0)
    os.close(fd)
    return pid


def zygote(control: socket.socket) -> None:
    """Fork a worker for each (path, socket) the server sends; exit when it goes away."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, 4096, 1)
        except OSError:
            return
        if not data or not fds:
            return
        control.sendall(PID.pack(_fork(control, fds[0], data.decode())))


if __name__ == "__main__":
    zygote(socket.socket(fileno=int(sys.argv[1])))

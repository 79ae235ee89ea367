"""The embedded store of record: pyoxigraph (RocksDB) in a folder on disk. Every write is one
SPARQL update, which Oxigraph applies as one transaction; queries see the union of the named
graphs as their default graph."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.stores.base import (
    DATASET_FORMATS,
    READ_ONLY_TEXT,
    RESULTS_FORMATS,
    Graphs,
    Lines,
    QueryResult,
    RecordStore,
    StoreError,
    StoreFormatError,
    StoreRefusedError,
    looks_like_update,
)
from kg.stores.free_memory import return_free_memory
from kg.stores.oxigraph_marks import OxigraphMarks
from kg.stores.oxigraph_results import OX_RDF, OX_RESULTS, rdf_format, to_query_result
from kg.stores.oxigraph_terms import graphs_update, insert_update, quad_blocks, replace_update
from kg.stores.oxigraph_terms import store_lines as _lines
from kg.stores.oxigraph_terms import store_node as _node
from kg.stores.record_caches import RecordCaches
from kg.stores.sparql_guard import NESTING_TEXT, REFUSED_TEXT, is_federated, too_deep
from kg.stores.store_faults import open_failure, write_failures

_DISTINCT_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
# Statements written between two flushes of RocksDB's memtables: unflushed, they stay in
# memory for the whole run (0.24 MB an article graph; docs/benchmarks.md, issue 31).
FLUSH_STATEMENTS = 100_000


class OxigraphStore(RecordStore):
    """RecordStore over a pyoxigraph Store; `path=None` keeps everything in memory (tests).
    `timeline_cache=False` keeps no pair timelines beside it (kg.stores.record_caches)."""

    def __init__(self, path: Path | None = None, timeline_cache: bool = True) -> None:
        self.path = path
        self._write_lock = threading.Lock()  # one write at a time (the caches' marks)
        try:
            if path is not None:
                path.mkdir(parents=True, exist_ok=True)
            self._store: ox.Store | None = ox.Store(None if path is None else str(path))
        except OSError as exc:
            raise open_failure(path, exc) from None  # type: ignore[arg-type]
        marks = OxigraphMarks(lambda: self.store)  # the caches only once the lock is ours
        self._caches = RecordCaches.beside(path, timeline_cache, marks, self.select)

    @property
    def store(self) -> ox.Store:
        """The open pyoxigraph Store; fails once closed."""
        if self._store is None:
            raise StoreError("The store is closed.")
        return self._store

    def caches(self) -> RecordCaches:
        return self._caches

    def _update(self, sparql: str | Callable[[], str], graphs: Iterable[str]) -> None:
        """Apply one update (or the one `sparql()` writes once the write lock is held) that
        writes `graphs`, inside the caches' marks (kg.stores.record_caches)."""
        with self._write_lock, write_failures(self.path), self._caches.writing(list(graphs)):
            try:
                self.store.update(sparql if isinstance(sparql, str) else sparql())
            except SyntaxError as exc:  # a bug in the update builder, not user input
                raise StoreFormatError(f"The store rejected an update: {exc}.") from exc

    def add_graph(self, name: str, graph: Graph) -> int:
        lines, node = _lines(graph), _node(name)
        self._update(insert_update(str(node), lines), [node.value])
        self._flush_every(len(lines))
        return len(lines)

    def replace_graphs(self, graphs: dict[str, Graph]) -> int:
        blocks = {str(_node(name)): _lines(g) for name, g in graphs.items()}
        self._replace(blocks)
        return sum(len(lines) for lines in blocks.values())

    def _replace(self, blocks: dict[str, list[str]]) -> None:
        """Replace each `<graph>` of `blocks` by its statement lines, in one update."""
        if blocks:
            self._update(replace_update(blocks), [name[1:-1] for name in blocks])
            self._flush_every(sum(len(lines) for lines in blocks.values()))

    def update_graphs(self, replace: Graphs, insert: Graphs, delete: Graphs) -> None:
        lines = [{n: _lines(g) for n, g in m.items()} for m in (replace, insert, delete)]
        self.update_statements(*lines)

    def update_statements(self, replace: Lines, insert: Lines, delete: Lines) -> None:
        whole, add, take = ({str(_node(n)): ls for n, ls in m.items()} for m in (replace, insert, delete))  # fmt: skip
        if not (whole or add or take):
            return

        def text() -> str:  # under the write lock: which graphs the store holds is settled
            held = self.store.contains_named_graph
            absent = {n for n in whole if not held(ox.NamedNode(n[1:-1]))}
            return graphs_update(whole, add, take, absent=absent)

        self._update(text, sorted({n[1:-1] for m in (whole, add, take) for n in m}))
        self._flush_every(sum(len(ls) for m in (whole, add, take) for ls in m.values()))

    _unflushed = 0  # statements written since the last flush

    def _flush_every(self, written: int) -> None:
        """Flush the memtables once FLUSH_STATEMENTS statements were written since the last
        time (a flush costs what closing the store would have cost later), and give the
        memory they held back to the system, so memory stays bounded under writes."""
        self._unflushed += written
        if self._unflushed >= FLUSH_STATEMENTS and self.path is not None:
            self.store.flush()
            self._unflushed = 0
            return_free_memory()

    _settles = 0
    _unsettled = False  # a flush failed: settle no more (the writes report the disk)

    def settle(self) -> None:
        """Flush what was written since the last flush (readers that open the store read-only
        replay the unflushed writes: 17 ms per 1,000 statements), and now and then give the
        memory back (kg.stores.free_memory)."""
        if self._unsettled or not self._write_lock.acquire(blocking=False):
            return  # a write is under way (the next round settles it), or a flush failed
        try:
            if self._unflushed == 0 or self.path is None or self._store is None:
                return
            self._store.flush()
            self._unflushed = 0
            self._settles += 1
            if self._settles % 50 == 0:
                return_free_memory()
        except OSError:
            self._unsettled = True  # a disk that refuses a flush: leave it to the writes
        finally:
            self._write_lock.release()

    def has_graph(self, name: str) -> bool:
        return self.store.contains_named_graph(_node(name))

    def drop_graph(self, name: str) -> bool:
        node = _node(name)
        if not self.store.contains_named_graph(node):
            return False
        self._update(f"DROP GRAPH {node}", [node.value])
        return True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self.store)
        rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_node(graph)} {{ ?s ?p ?o }} }}"
        )
        return int(rows[0]["n"])

    def _run(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        if is_federated(sparql) or too_deep(sparql):
            raise StoreRefusedError(REFUSED_TEXT if is_federated(sparql) else NESTING_TEXT)
        try:
            return self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            if looks_like_update(sparql):
                raise StoreFormatError(
                    f"{READ_ONLY_TEXT[:1].upper()}{READ_ONLY_TEXT[1:]}."
                ) from None
            raise StoreFormatError(f"The query does not parse: {exc}.") from None

    def query(
        self, sparql: str, limit: int | None = None, stop: threading.Event | None = None
    ) -> QueryResult:
        return to_query_result(self._run(sparql), limit, stop)

    def select(self, sparql: str) -> list[dict[str, str]]:
        result = self._run(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreFormatError("Expected a SELECT query.")
        names = [v.value for v in result.variables]
        # Positional: looking a solution's value up by name costs about a third more.
        return [
            {n: v.value for n, v in zip(names, sol, strict=True) if v is not None} for sol in result
        ]

    def query_serialized(self, sparql: str, fmt: str) -> bytes:
        result = self._run(sparql)
        if isinstance(result, ox.QueryTriples):
            name = "jsonld" if fmt == "json" else fmt
            if name not in OX_RDF or name in ("nq", "trig"):
                raise StoreFormatError(
                    f"A CONSTRUCT or DESCRIBE result cannot be written as {fmt!r}; "
                    "use ttl, nt, jsonld or json."
                )
            return result.serialize(format=OX_RDF[name]) or b""
        if fmt not in OX_RESULTS:
            raise StoreFormatError(
                f"A SELECT or ASK result cannot be written as {fmt!r}; "
                f"use one of {', '.join(RESULTS_FORMATS)}."
            )
        return result.serialize(format=OX_RESULTS[fmt]) or b""

    def to_graph(self, name: str | None = None) -> Graph:
        data = self.export("nt", name)
        return Graph().parse(data=data, format="nt")

    def export(self, fmt: str = "nq", graph: str | None = None) -> bytes:
        ox_fmt = rdf_format(fmt)
        if graph is not None:
            # Serialized by the store itself: no Python object per quad (what sync reads).
            if fmt in DATASET_FORMATS:
                quads = self.store.quads_for_pattern(None, None, None, _node(graph))
                return ox.serialize(quads, format=ox_fmt) or b""
            return self.store.dump(format=ox_fmt, from_graph=_node(graph)) or b""
        if fmt in DATASET_FORMATS:
            return self.store.dump(format=ox_fmt) or b""
        return self.query_serialized(_DISTINCT_UNION, fmt)

    def import_data(self, data: bytes, fmt: str, graph: str | None = None) -> list[str]:
        ox_fmt = rdf_format(fmt)
        try:
            quads = list(ox.parse(data, format=ox_fmt))
        except SyntaxError as exc:
            raise StoreFormatError(f"The {fmt} data does not parse: {exc}.") from None
        blocks = quad_blocks(quads)
        loose = blocks.pop("", None)
        if loose is not None:
            if graph is None:
                raise StoreFormatError(
                    "The data has triples outside any named graph; name a graph to load them into."
                )
            target = str(_node(graph))
            blocks[target] = blocks.get(target, []) + loose
        self._replace(blocks)
        return sorted(name[1:-1] for name in blocks)

    def close(self) -> None:
        store, self._store = self._store, None  # closed even when the flush fails
        if store is not None:
            self._caches.close()
            if self.path is not None:
                with write_failures(self.path):
                    store.flush()

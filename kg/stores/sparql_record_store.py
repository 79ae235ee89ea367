"""The store of record on a SPARQL 1.1 server (KG_RECORD_URL): Apache Jena Fuseki, GraphDB,
Oxigraph server, Amazon Neptune or any server with query, update and Graph Store Protocol
endpoints whose default graph is the union of its named graphs (docs/record-servers.md).

Every write is ONE update request (DROP SILENT GRAPH + INSERT DATA, built as the embedded
store builds its own, kg.stores.oxigraph_terms), which the server applies as one transaction:
no reader sees a half-written graph. Graphs are read through the Graph Store Protocol and
answers parsed and written with pyoxigraph (kg.stores.sparql_answers), so exports and hashes
are the embedded store's for the same data. The caches live in a local folder
(kg.stores.record_folder, kg.stores.record_caches)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from kg.stores import sparql_answers as answers
from kg.stores.base import (
    DATASET_FORMATS,
    READ_ONLY_TEXT,
    Graphs,
    QueryResult,
    RecordStore,
    StoreError,
    StoreFormatError,
    StoreRefusedError,
    looks_like_update,
)
from kg.stores.oxigraph_terms import (
    graphs_update,
    insert_update,
    quad_blocks,
    replace_update,
    to_ox,
)
from kg.stores.oxigraph_terms import store_lines as _lines
from kg.stores.oxigraph_terms import store_node as _node
from kg.stores.record_caches import QueryMarks, RecordCaches
from kg.stores.record_folder import claim
from kg.stores.sparql_guard import MAX_NESTING, NESTING_TEXT, REFUSED_TEXT, is_federated, nesting
from kg.stores.sparql_http import Endpoints, SparqlHttp

GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
QUADS_QUERY = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
DISTINCT_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
SAMPLE_QUERY = (
    "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER (isIRI(?s) && !isBlank(?o)) } } LIMIT 1"
)


class ReadOnlyRecordError(StoreError):
    """A write through a record server opened read-only (`kg serve --workers N`)."""


class SparqlRecordStore(RecordStore):
    """RecordStore over a SPARQL server's `endpoints`; the caches in `folder` (in memory when
    None), which this handle locks; `read_only` keeps no caches, takes no lock and refuses
    writes. Raises RecordUnavailable when the server does not answer."""

    def __init__(
        self,
        endpoints: Endpoints,
        folder: Path | None = None,
        timeline_cache: bool = True,
        read_only: bool = False,
        timeout: float = 120.0,
        auth: tuple[str, str] | None = None,
    ) -> None:
        self.url = endpoints.dataset
        self.read_only = read_only
        self._http = SparqlHttp(endpoints, timeout, auth)
        self._lock: IO[str] | None = None
        self._caches: RecordCaches | None = None
        try:
            self._check_union()
            if not read_only:
                self._lock = claim(folder, self.url) if folder is not None else None
                marks = QueryMarks(self.query)
                self._caches = RecordCaches.beside(folder, timeline_cache, marks, self.select)
        except BaseException:
            self.close()
            raise

    def _check_union(self) -> None:
        """The queries read the union of the named graphs as the default graph: a server
        that answers otherwise would answer every domain query with nothing."""
        rows = self.query(SAMPLE_QUERY).rows
        if not rows:
            return
        s, p, o = (str(to_ox(rows[0][v])) for v in "spo")
        if not self.query(f"ASK {{ {s} {p} {o} }}").boolean:
            raise StoreError(
                f"The SPARQL server at {self.url} does not query the union of its named graphs "
                "as its default graph, which geokg needs; turn that on (Fuseki: "
                "tdb2:unionDefaultGraph, Oxigraph server: --union-default-graph), see "
                "docs/record-servers.md."
            )

    def _write(self, sparql: str, graphs: Iterable[str]) -> None:
        if self.read_only or self._caches is None:
            raise ReadOnlyRecordError(
                f"The record at {self.url} is open read-only here; writes need a read-write "
                "server (`kg serve` with one worker) or the CLI."
            )
        with self._caches.writing(list(graphs)):
            self._http.update(sparql)

    def add_graph(self, name: str, graph: Graph) -> int:
        lines, node = _lines(graph), _node(name)
        self._write(insert_update(str(node), lines), [node.value])
        return len(lines)

    def replace_graphs(self, graphs: dict[str, Graph]) -> int:
        blocks = {str(_node(name)): _lines(g) for name, g in graphs.items()}
        self._replace(blocks)
        return sum(len(lines) for lines in blocks.values())

    def _replace(self, blocks: dict[str, list[str]]) -> None:
        if blocks:
            self._write(replace_update(blocks), [name[1:-1] for name in blocks])

    def update_graphs(self, replace: Graphs, insert: Graphs, delete: Graphs) -> None:
        blocks = [
            {str(_node(n)): _lines(g) for n, g in m.items()} for m in (replace, insert, delete)
        ]
        if any(blocks):
            self._write(graphs_update(*blocks), sorted({n[1:-1] for m in blocks for n in m}))

    def has_graph(self, name: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {_node(name)} {{ ?s ?p ?o }} }}").boolean)

    def drop_graph(self, name: str) -> bool:
        node = _node(name)
        if not self.has_graph(name):
            return False
        self._write(f"DROP GRAPH {node}", [node.value])
        return True

    def graphs(self) -> list[str]:
        return sorted(row["g"] for row in self.select(GRAPHS_QUERY))

    def count(self, graph: str | None = None) -> int:
        inner = f"GRAPH {_node(graph)}" if graph is not None else "GRAPH ?g"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {inner} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"])

    def _ask(self, sparql: str) -> answers.Answer:
        """The server's answer to a query, after the embedded store's guards."""
        if is_federated(sparql) or nesting(sparql) > MAX_NESTING:
            raise StoreRefusedError(REFUSED_TEXT if is_federated(sparql) else NESTING_TEXT)
        try:
            reply = self._http.query(sparql, answers.ANSWER_TYPES)
        except StoreFormatError:
            if looks_like_update(sparql):
                raise StoreFormatError(
                    f"{READ_ONLY_TEXT[:1].upper()}{READ_ONLY_TEXT[1:]}."
                ) from None
            raise
        return answers.parse_answer(reply.headers.get("content-type", ""), reply.content)

    def query(
        self, sparql: str, limit: int | None = None, stop: threading.Event | None = None
    ) -> QueryResult:
        """The server runs the whole query; `limit` cuts what it answers, `stop` ends the
        reading of its rows."""
        return answers.to_result(self._ask(sparql), limit, stop)

    def select(self, sparql: str) -> list[dict[str, str]]:
        result = self._ask(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreFormatError("Expected a SELECT query.")
        names = [v.value for v in result.variables]
        return [
            {n: v.value for n, v in zip(names, sol, strict=True) if v is not None} for sol in result
        ]

    def query_serialized(self, sparql: str, fmt: str) -> bytes:
        return answers.serialize_answer(self._ask(sparql), fmt)

    def to_graph(self, name: str | None = None) -> Graph:
        return Graph().parse(data=self.export("nt", name), format="nt")

    def _graph_quads(self, name: str) -> list[ox.Quad]:
        """One named graph's quads, read through the Graph Store Protocol."""
        node = _node(name)
        data = self._http.get_graph(node.value, answers.NTRIPLES)
        if data is None:
            if self.has_graph(name):  # a wrong GSP URL must not read as an empty record
                raise StoreError(
                    f"The Graph Store Protocol endpoint {self._http.endpoints.gsp} does not "
                    f"know the graph {name}, which the query endpoint has; set KG_RECORD_GSP_URL."
                )
            return []
        return answers.graph_quads(data, node.value)

    def export(self, fmt: str = "nq", graph: str | None = None) -> bytes:
        ox_fmt = answers.rdf_format(fmt)
        if graph is not None:
            quads = self._graph_quads(graph)
            if fmt in DATASET_FORMATS:
                return ox.serialize(quads, format=ox_fmt) or b""
            return ox.serialize((q.triple for q in quads), format=ox_fmt) or b""
        if fmt in DATASET_FORMATS:
            quads = answers.quads_of_rows(self._ask(QUADS_QUERY))
            return ox.serialize(quads, format=ox_fmt) or b""
        return self.query_serialized(DISTINCT_UNION, fmt)

    def import_data(self, data: bytes, fmt: str, graph: str | None = None) -> list[str]:
        ox_fmt = answers.rdf_format(fmt)
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

    def caches(self) -> RecordCaches | None:
        return self._caches

    def close(self) -> None:
        if self._caches is not None:
            self._caches.close()
            self._caches = None
        if self._lock is not None:
            self._lock.close()  # releases the folder
            self._lock = None
        self._http.close()

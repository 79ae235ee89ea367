"""The record-store interface: the RDF store of record seen as named graphs that are added,
replaced and dropped whole, queried with SPARQL and moved in and out as RDF files. Terms
cross this boundary as rdflib terms, so callers never depend on the store's own library."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from rdflib import Graph
from rdflib.term import Node

if TYPE_CHECKING:
    from kg.stores.record_caches import RecordCaches

# RDF file formats the store reads and writes: short name -> (media type, extension).
RDF_FORMATS: dict[str, tuple[str, str]] = {
    "nq": ("application/n-quads", "nq"),
    "trig": ("application/trig", "trig"),
    "ttl": ("text/turtle", "ttl"),
    "jsonld": ("application/ld+json", "jsonld"),
    "nt": ("application/n-triples", "nt"),
}
# Formats that carry graph names; the others hold triples of one graph.
DATASET_FORMATS = frozenset({"nq", "trig", "jsonld"})
# SPARQL results formats for SELECT/ASK: short name -> media type.
RESULTS_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")
READ_ONLY_TEXT = (
    "SPARQL updates are refused: queries here are read-only (SELECT, ASK, CONSTRUCT, "
    "DESCRIBE); the record changes only by ingesting or importing."
)


def looks_like_update(sparql: str) -> bool:
    """True for text with an update keyword and no query form (a guess, not a parse)."""
    words = {w.upper() for w in sparql.replace("{", " ").split()}
    return bool(words & set(UPDATE_WORDS)) and not words & {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}  # fmt: skip


Graphs = Mapping[str, Graph]  # graph name -> its triples
Lines = Mapping[str, Sequence[str]]  # graph name -> its N-Triples statements, one a line


class StoreError(Exception):
    """A store operation that failed for a reason the user can act on; the message is one
    sentence."""


class StoreLockedError(StoreError):
    """The store folder is held by another process (or another handle in this one)."""


class RecordUnavailable(StoreError):
    """The record's SPARQL server (KG_RECORD_URL) cannot be reached or does not answer."""


class StoreRefusedError(StoreError):
    """A query the record will not run (federated SERVICE): refused before evaluation."""


class StoreFormatError(StoreError):
    """An unknown format name, or data or a query that does not parse."""


@dataclass(frozen=True)
class QueryResult:
    """The answer of any SPARQL query: rows for SELECT, a boolean for ASK, a graph for
    CONSTRUCT/DESCRIBE (`kind` says which)."""

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class RecordStore(ABC):
    """Named graphs of RDF, each written in one transaction; queries see the union of all
    named graphs as their default graph."""

    @abstractmethod
    def add_graph(self, name: str, graph: Graph) -> int:
        """Add the triples of `graph` to the named graph `name` atomically; returns how many
        triples were given."""

    @abstractmethod
    def replace_graphs(self, graphs: dict[str, Graph]) -> int:
        """Replace every named graph of `graphs` with its triples in ONE transaction: readers
        see all the old graphs or all the new ones, never a mix or an empty graph."""

    def replace_graph(self, name: str, graph: Graph) -> int:
        """Replace one named graph with the triples of `graph` atomically."""
        return self.replace_graphs({name: graph})

    def update_graphs(self, replace: Graphs, insert: Graphs, delete: Graphs) -> None:
        """In ONE transaction: replace the graphs of `replace` whole, and add the triples of
        `insert` to (take those of `delete` out of) the graphs they name. This default reads
        the changed graphs and replaces them; a store may apply the differences itself."""
        graphs = dict(replace)
        for name in {*insert, *delete} - set(replace):
            graph = self.to_graph(name)
            for triple in delete.get(name, Graph()):
                graph.remove(triple)
            for triple in insert.get(name, Graph()):
                graph.add(triple)
            graphs[name] = graph
        self.replace_graphs(graphs)

    def update_statements(self, replace: Lines, insert: Lines, delete: Lines) -> None:
        """update_graphs with each graph as N-Triples statements (ingest builds no rdflib
        Graph); this default parses them into Graphs."""
        parsed = [
            {n: Graph().parse(data="\n".join(ls), format="nt") for n, ls in m.items()}
            for m in (replace, insert, delete)
        ]
        self.update_graphs(*parsed)

    def has_graph(self, name: str) -> bool:
        """Whether the store holds a named graph of this name."""
        return name in self.graphs()

    @abstractmethod
    def drop_graph(self, name: str) -> bool:
        """Remove a named graph and its triples; False when there was no such graph."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """Names of every named graph, sorted."""

    @abstractmethod
    def count(self, graph: str | None = None) -> int:
        """Number of quads in the store, or of triples in one named graph."""

    @abstractmethod
    def query(
        self, sparql: str, limit: int | None = None, stop: threading.Event | None = None
    ) -> QueryResult:
        """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE): at most `limit` rows
        or triples, and stopped (StoreError) once `stop` is set, where the store can."""

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT and return each row as variable -> lexical value (unbound variables
        absent): the fast path for domain queries that only need strings."""

    @abstractmethod
    def query_serialized(self, sparql: str, fmt: str) -> bytes:
        """Run a query and serialize its answer: a RESULTS_FORMATS name for SELECT/ASK, a
        triple RDF_FORMATS name for CONSTRUCT/DESCRIBE ("json" there means JSON-LD)."""

    @abstractmethod
    def to_graph(self, name: str | None = None) -> Graph:
        """One named graph, or the union of all named graphs when `name` is None, as an
        rdflib Graph (for SHACL validation and linked-data pages)."""

    @abstractmethod
    def export(self, fmt: str = "nq", graph: str | None = None) -> bytes:
        """Serialize the whole dataset (graph formats: the union of all graphs as triples),
        or one named graph, in an RDF_FORMATS format."""

    @abstractmethod
    def import_data(self, data: bytes, fmt: str, graph: str | None = None) -> list[str]:
        """Load RDF: every named graph in the data replaces the graph of that name, all in one
        transaction; triple formats need `graph`. Returns the graph names written."""

    def caches(self) -> RecordCaches | None:
        """The caches kept beside this record and marked by its writes (graph hashes, the
        search index, pair timelines: kg.stores.record_caches); None: it keeps none."""
        return None

    @abstractmethod
    def close(self) -> None:
        """Release the store (and its lock on the folder); later calls fail."""

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

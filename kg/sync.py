"""Bring the Neo4j projection up to date with the RDF store of record (docs/architecture.md, decision 1):
project the named graphs that are new or changed (by a content hash kept on each
`(:ProjectedGraph {iri, hash})` node), drop the ones the record no longer has; or, with
`rebuild`, clear Neo4j and project everything."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import Graph

from kg.projection.rows import GraphContent
from kg.stores.base import RecordStore
from kg.stores.graph_hashes import GraphHashes
from kg.stores.oxigraph_terms import ntriples_hash, ntriples_text

CHUNK_TRIPLES = 100_000  # triples projected per batch (bounds memory)
Hashes = Mapping[str, str | None]


class Projection(Protocol):
    """What sync needs of a projection (kg.stores.neo4j_store.Neo4jProjection)."""

    def ensure_schema(self) -> None: ...

    def replace_graphs(
        self,
        graphs: Mapping[str, GraphContent],
        hashes: Mapping[str, str | None] | None = None,
    ) -> Any: ...

    def replace_batches(
        self,
        batches: Iterable[tuple[Mapping[str, GraphContent], Hashes]],
    ) -> Iterator[Any]: ...  # each batch's stats (`graphs`, `triples`), once written

    def drop_graphs(self, graph_iris: Iterable[str]) -> int: ...

    def clear(self) -> int: ...

    def graph_hashes(self) -> dict[str, str | None]: ...


@dataclass
class SyncReport:
    projected: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    triples: int = 0
    hashes: dict[str, str] = field(default_factory=dict)  # of the graphs projected


def graph_hash(graph: Graph) -> str:
    """A content hash of one graph: SHA-256 of its sorted N-Triples lines, as the record store
    writes them (so the hash of a graph read back from the record is the same). Blank nodes
    are hashed by label, so a graph full of them may look changed when it is not."""
    return ntriples_hash(ntriples_text(graph))


def sync(
    record_store: RecordStore,
    projection: Projection,
    rebuild: bool = False,
    progress: Callable[[str, str], None] | None = None,
    chunk_triples: int = CHUNK_TRIPLES,
    hashes: GraphHashes | None = None,
) -> SyncReport:
    """Project what changed in the record since the last sync (a graph whose hash kept in
    `hashes` is the projected one is not read); `progress(action, graph)` for each graph
    dropped ("drop") or projected ("project", once written). Changed graphs are projected
    together, about `chunk_triples` triples a batch, the next read while one is written."""
    report, tell = SyncReport(), progress or (lambda action, name: None)
    if rebuild:
        projection.clear()
    projection.ensure_schema()
    projected = projection.graph_hashes()
    names = record_store.graphs()
    if gone := sorted(set(projected) - set(names)):
        for name in gone:
            tell("drop", name)
        projection.drop_graphs(gone)
        report.dropped.extend(gone)
    changed = _changed(record_store, names, projected, report, hashes)
    for stats in projection.replace_batches(_batches(changed, chunk_triples)):
        for name in stats.graphs:
            tell("project", name)
        report.projected.extend(stats.graphs)
        report.triples += stats.triples
    return report


REMEMBER_EVERY = 1000  # graphs read between two writes of their hashes to the cache


def record_graph(record_store: RecordStore, name: str) -> tuple[str, str]:
    """One graph of the record as N-Triples text, and the hash its projection is stored with."""
    text = record_store.export("nt", name).decode("utf-8")
    return text, ntriples_hash(text)


def _changed(
    record_store: RecordStore,
    names: list[str],
    projected: dict[str, str | None],
    report: SyncReport,
    hashes: GraphHashes | None,
) -> Iterator[tuple[str, str, str]]:
    """The record's graphs whose hash differs from the projected one, as N-Triples text
    (noting the others as unchanged, and the new hashes in the report). A graph whose cached
    record hash equals the projected one is not read at all."""
    known, epoch = hashes.known(names) if hashes is not None else ({}, 0)
    read: dict[str, str] = {}
    for name in names:
        if projected.get(name) is not None and projected.get(name) == known.get(name):
            report.unchanged.append(name)
            continue
        text, digest = record_graph(record_store, name)
        read[name] = digest
        if len(read) >= REMEMBER_EVERY and hashes is not None:
            hashes.put(read, epoch)
            read = {}
        if projected.get(name) == digest:
            report.unchanged.append(name)
            continue
        report.hashes[name] = digest
        yield name, text, digest
    if hashes is not None:
        hashes.put(read, epoch)


def _batches(
    changed: Iterable[tuple[str, str, str]], chunk_triples: int
) -> Iterator[tuple[dict[str, GraphContent], Hashes]]:
    """The changed graphs in batches of about `chunk_triples` triples, with their hashes."""
    graphs: dict[str, GraphContent] = {}
    hashes: dict[str, str] = {}
    size = 0
    for name, text, digest in changed:
        graphs[name], hashes[name] = text, digest
        size += text.count("\n")
        if size >= chunk_triples:
            yield graphs, hashes
            graphs, hashes, size = {}, {}, 0
    if graphs:
        yield graphs, hashes

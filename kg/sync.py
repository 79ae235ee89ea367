"""Bring the Neo4j projection up to date with the RDF store of record (DESIGN.md decision 1):
project the named graphs that are new or changed (by a content hash kept on each
`(:ProjectedGraph {iri, hash})` node), drop the ones the record no longer has; or, with
`rebuild`, clear Neo4j and project everything."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import Graph

from kg.stores.base import RecordStore


class Projection(Protocol):
    """What sync needs of a projection (kg.stores.neo4j_store.Neo4jProjection)."""

    def ensure_schema(self) -> None: ...

    def replace_graph(
        self, graph_iri: str, triples: Iterable[tuple[Any, ...]], content_hash: str | None = None
    ) -> Any: ...

    def drop_graph(self, graph_iri: str) -> int: ...

    def clear(self) -> int: ...

    def graph_hashes(self) -> dict[str, str | None]: ...


@dataclass
class SyncReport:
    projected: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    triples: int = 0


def graph_hash(graph: Graph) -> str:
    """A content hash of one graph: SHA-256 of its sorted N-Triples lines (blank nodes are
    hashed by label, so a graph full of blank nodes may look changed when it is not)."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in graph)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def sync(
    record_store: RecordStore,
    projection: Projection,
    rebuild: bool = False,
    progress: Callable[[str, str], None] | None = None,
) -> SyncReport:
    """Project what changed in the record since the last sync; `progress(action, graph)` is
    called for each graph projected ("project") or dropped ("drop")."""
    report = SyncReport()
    if rebuild:
        projection.clear()
    projection.ensure_schema()
    projected = projection.graph_hashes()
    names = record_store.graphs()
    for name in sorted(set(projected) - set(names)):
        if progress:
            progress("drop", name)
        projection.drop_graph(name)
        report.dropped.append(name)
    for name in names:
        graph = record_store.to_graph(name)
        digest = graph_hash(graph)
        if projected.get(name) == digest:
            report.unchanged.append(name)
            continue
        if progress:
            progress("project", name)
        projection.replace_graph(name, graph, content_hash=digest)
        report.projected.append(name)
        report.triples += len(graph)
    return report

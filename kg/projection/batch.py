"""Rows of several graphs combined into one write, and the plan of that write (pure).

A node or relationship that two graphs of one batch assert is ONE row listing both graphs, so
no Cypher statement ever reads and then writes the same node twice (a later row would not see
an earlier row's write).

The plan splits the batch by what the database already holds (one read, done by the caller):
a node it does not hold is CREATEd with its claims, and so are the links from it (nothing can
exist from a node that did not), by element id, which is cheaper than MERGE by `uri`; a node
it holds goes the MERGE way, which adds to its `sources` and has it recomputed when shared.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from kg.projection.rows import GraphContent, GraphRows, graph_rows, merge_claims

Row = dict[str, Any]
Link = tuple[str, str]


@dataclass
class BatchRows:
    """Rows of several graphs, combined: one node row per uri (`graphs` lists who asserts it,
    `labels` is their union, `claims` what each graph says, `props` the first claim's), and
    per relationship type the graphs behind each (subject uri, object uri)."""

    nodes: dict[str, Row] = field(default_factory=dict)
    rels: dict[str, dict[Link, list[str]]] = field(default_factory=dict)
    triples: int = 0
    skipped: int = 0

    def uris(self) -> set[str]:
        """Every uri the batch names: its nodes and the targets of its links."""
        targets = {o for links in self.rels.values() for _, o in links}
        return targets | self.nodes.keys()


def combine(per_graph: Mapping[str, GraphRows]) -> BatchRows:
    """Combine the rows of several graphs (see BatchRows)."""
    batch = BatchRows()
    for graph, rows in per_graph.items():
        batch.triples += rows.triples
        batch.skipped += rows.skipped
        for group in rows.nodes.values():
            for row in group:
                _add_node(batch.nodes, graph, row)
        for name, links in rows.rels.items():
            known = batch.rels.setdefault(name, {})
            for link in links:
                graphs = known.get(link)
                if graphs is None:
                    known[link] = [graph]
                else:
                    graphs.append(graph)
    return batch


def _add_node(nodes: dict[str, Row], graph: str, row: Row) -> None:
    claim = {"graph": graph, "labels": row["labels"], "literals": row["literals"]}
    known = nodes.get(row["uri"])
    if known is None:
        nodes[row["uri"]] = {**row, "graphs": [graph], "claims": [claim]}
        return
    known["graphs"].append(graph)
    known["claims"].append(claim)
    known["labels"] = sorted({*known["labels"], *row["labels"]})


@dataclass
class WritePlan:
    """One batch's write: nodes to CREATE and to MERGE (by label set), placeholders to
    CREATE, links to CREATE by element id (from new nodes) and to MERGE by uri."""

    fresh: dict[tuple[str, ...], list[Row]] = field(default_factory=dict)
    merged: dict[tuple[str, ...], list[Row]] = field(default_factory=dict)
    placeholders: list[Row] = field(default_factory=list)
    fresh_links: dict[str, list[tuple[Link, list[str]]]] = field(default_factory=dict)
    merged_links: dict[str, list[Row]] = field(default_factory=dict)

    def fresh_link_count(self) -> int:
        return sum(len(links) for links in self.fresh_links.values())


def plan_write(batch: BatchRows, existing: Collection[str]) -> WritePlan:
    """Split `batch` by the uris the database already holds (`existing`)."""
    plan = WritePlan()
    for uri, row in batch.nodes.items():
        if uri in existing:
            plan.merged.setdefault(tuple(row["labels"]), []).append(row)
        else:
            fresh = row if len(row["claims"]) == 1 else _merged(row)
            plan.fresh.setdefault(tuple(fresh["labels"]), []).append(fresh)
    targets = {o for links in batch.rels.values() for _, o in links}
    plan.placeholders = [{"uri": o} for o in targets.difference(existing, batch.nodes)]
    for name, links in batch.rels.items():
        new: list[tuple[Link, list[str]]] = []
        known: list[Row] = []
        for link, graphs in links.items():
            if link[0] in existing:
                known.append({"s": link[0], "o": link[1], "graphs": graphs})
            else:
                new.append((link, graphs))
        if new:
            plan.fresh_links[name] = new
        if known:
            plan.merged_links[name] = known
    return plan


def _merged(row: Row) -> Row:
    """A new node several graphs of the batch describe: labels and properties from the union
    of their claims, as Neo4jProjection's recompute would make them."""
    claims = row["claims"]
    union = merge_claims(row["uri"], [c["labels"] for c in claims], [c["literals"] for c in claims])
    return {**row, "labels": union["labels"], "props": union["props"]}


def link_rows(links: Iterable[tuple[Link, list[str]]], ids: Mapping[str, str]) -> list[Row]:
    """Rows creating links by the element ids of their ends."""
    return [{"s": ids[s], "o": ids[o], "graphs": graphs} for (s, o), graphs in links]


def _triples(content: GraphContent) -> Iterator[tuple[Any, Any, Any]]:
    if isinstance(content, str):
        return iter(Graph().parse(data=content, format="nt"))
    return ((t[0], t[1], t[2]) for t in content)


_gc_lock = threading.Lock()
_gc_pauses = [0, False]  # how many paused_gc blocks are open, and whether gc was enabled


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector off while rows are built: they are acyclic, and its
    full passes over hundreds of thousands of new dicts cost more than building them. The
    collector is process-wide, so overlapping blocks (threads) are counted: the last one out
    turns it back on, if it was on."""
    with _gc_lock:
        if _gc_pauses[0] == 0:
            _gc_pauses[1] = gc.isenabled()
            gc.disable()
        _gc_pauses[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses[0] -= 1
            if _gc_pauses[0] == 0 and _gc_pauses[1]:
                gc.enable()


@dataclass
class PreparedBatch:
    """Graphs ready to be written: their combined rows, and their graph records' closing
    values ({graph, hash, triples}), stored after everything else."""

    names: list[str]
    rows: BatchRows
    closing: list[Row]


def prepare(
    graphs: Mapping[str, GraphContent],
    hashes: Mapping[str, str | None] | None = None,
) -> PreparedBatch:
    """The rows of several graphs (triples, or N-Triples text), combined (pure Python: no
    driver, safe in a thread)."""
    with paused_gc():
        per_graph = {g: graph_rows(_triples(content)) for g, content in graphs.items()}
        rows = combine(per_graph)
    closing = [
        {"graph": g, "hash": (hashes or {}).get(g), "triples": r.triples}
        for g, r in per_graph.items()
    ]
    return PreparedBatch(list(per_graph), rows, closing)

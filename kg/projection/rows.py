"""RDF triples of named graphs -> rows for the Neo4j projection (pure: no driver, no Cypher).

Shape (DESIGN.md decision 7, docs/neo4j-projection.md): every IRI is a `(:Resource {uri})`
with one label per rdf:type that is a GEO class; literals are properties by local name (see
kg.projection.values); IRI objects are relationships by local name. What one graph says of one
subject is a *claim* (its labels and literals); a node is the union of its claims.

Rows of several graphs are combined before they are written: a node or relationship that two
graphs of one batch assert is ONE row listing both graphs, so no Cypher statement ever reads
and then writes the same node twice (a later row would not see an earlier row's write).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.projection.values import decode, encode, literal_props, property_key
from ontology.namespace import GEO, GEO_IRI

GEO_CLASSES: tuple[str, ...] = tuple(
    GEO[name].removeprefix(GEO_IRI)  # indexing the closed namespace rejects a typo
    for name in [
        "State",
        "Organization",
        "Person",
        "LeadershipTerm",
        "Office",
        "Alliance",
        "Membership",
        "Obligation",
        "Event",
        "EventType",
        "Relation",
        "RelationType",
        "Article",
        "Evidence",
        "Dyad",
    ]
)
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_RDF_TYPE = str(RDF.type)

Triple = tuple[Node, Node, Node]
Row = dict[str, Any]


@lru_cache(maxsize=4096)
def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return re.split(r"[#/]", iri.rstrip("#/"))[-1]


def resource_uri(term: Node) -> str | None:
    """The `uri` of the node an IRI or blank node becomes (None for a literal)."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"bnode://{term}"
    return None


@dataclass
class GraphRows:
    """One graph's facts: a claim row per subject (grouped by label set), links by type."""

    nodes: dict[tuple[str, ...], list[Row]] = field(default_factory=dict)
    rels: dict[str, list[Row]] = field(default_factory=dict)
    triples: int = 0
    skipped: int = 0  # triples with no Neo4j form (a literal subject, an odd predicate name)


class _Collector:
    def __init__(self) -> None:
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.literals: dict[str, set[tuple[str, Node]]] = defaultdict(set)
        self.links: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.triples = self.skipped = 0

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples += 1
        subject, target, name = resource_uri(s), resource_uri(o), local_name(str(p))
        if subject is None or not IDENTIFIER.fullmatch(name):
            self.skipped += 1
            return
        self.labels[subject]  # every subject gets a claim, so its links can be found again
        if str(p) == _RDF_TYPE and target is not None:
            self._add_type(subject, o)
        elif isinstance(o, Literal):
            self.literals[subject].add((property_key(name), o))
        elif target is not None:
            self.links[name].add((subject, target))

    def _add_type(self, subject: str, cls: Node) -> None:
        name = str(cls).removeprefix(GEO_IRI)
        if str(cls).startswith(GEO_IRI) and name in GEO_CLASSES:
            self.labels[subject].add(name)
        else:  # a type outside the ontology (skos:Concept, owl:Class): kept, not a label
            self.literals[subject].add(("rdfType", cls))


def node_row(uri: str, labels: Iterable[str], pairs: Iterable[tuple[str, Node]]) -> Row:
    """The row of one claim: its labels, its literals (encoded) and the properties they make."""
    encoded = sorted((encode(k, v), k, v) for k, v in pairs)
    return {
        "uri": uri,
        "labels": sorted(labels),
        "literals": [text for text, _, _ in encoded],
        "props": literal_props((k, v) for _, k, v in encoded),
    }


def graph_rows(triples: Iterable[Triple]) -> GraphRows:
    """Group the triples of one named graph into claim rows and relationship rows."""
    c = _Collector()
    for s, p, o in triples:
        c.add(s, p, o)
    rows = GraphRows(triples=c.triples, skipped=c.skipped)
    for uri in sorted(c.labels):
        row = node_row(uri, c.labels[uri], c.literals[uri])
        rows.nodes.setdefault(tuple(row["labels"]), []).append(row)
    for name in sorted(c.links):
        rows.rels[name] = [{"s": s, "o": o} for s, o in sorted(c.links[name])]
    return rows


def merge_claims(
    uri: str, labels: Sequence[Sequence[str]], literals: Sequence[Sequence[str]]
) -> Row:
    """A node's row from all its claims: the union of their labels and literals."""
    label_set = {label for claim in labels for label in claim if label in GEO_CLASSES}
    pairs = {decode(text) for claim in literals for text in claim}
    return node_row(uri, label_set, pairs)


@dataclass
class BatchRows:
    """Rows of several graphs, combined: one node row per uri (`graphs` lists who asserts it;
    `labels` is their union; `props`/`literals` are the claim's when one graph does), one
    claim row per (graph, uri), one relationship row per (type, s, o) with its `graphs`."""

    nodes: dict[tuple[str, ...], list[Row]] = field(default_factory=dict)
    claims: list[Row] = field(default_factory=list)
    rels: dict[str, list[Row]] = field(default_factory=dict)
    triples: int = 0
    skipped: int = 0


def combine(per_graph: Mapping[str, GraphRows]) -> BatchRows:
    """Combine the rows of several graphs (see BatchRows)."""
    batch = BatchRows()
    nodes: dict[str, Row] = {}
    rels: dict[tuple[str, str, str], Row] = {}
    for graph, rows in per_graph.items():
        batch.triples += rows.triples
        batch.skipped += rows.skipped
        for row in (r for group in rows.nodes.values() for r in group):
            batch.claims.append({"graph": graph, **{k: row[k] for k in ("uri", "labels", "literals")}})  # fmt: skip
            _add_node(nodes, graph, row)
        for name, group in rows.rels.items():
            for link in group:
                key = (name, link["s"], link["o"])
                rels.setdefault(key, {**link, "graphs": []})["graphs"].append(graph)
    for row in nodes.values():
        batch.nodes.setdefault(tuple(row["labels"]), []).append(row)
    for (name, _, _), row in rels.items():
        batch.rels.setdefault(name, []).append(row)
    return batch


def _add_node(nodes: dict[str, Row], graph: str, row: Row) -> None:
    known = nodes.get(row["uri"])
    if known is None:
        nodes[row["uri"]] = {**row, "graphs": [graph]}
        return
    known["graphs"].append(graph)
    known["labels"] = sorted({*known["labels"], *row["labels"]})

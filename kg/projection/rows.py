"""RDF triples of named graphs -> rows for the Neo4j projection (pure: no driver, no Cypher).

Shape (docs/architecture.md, decision 7, docs/neo4j-projection.md): every IRI is a `(:Resource {uri})`
with one label per rdf:type that is a GEO class; literals are properties by local name (see
kg.projection.values); IRI objects are relationships by local name. What one graph says of one
subject is a *claim* (its labels and literals); a node is the union of its claims.

Rows of several graphs are then combined (kg.projection.batch) before they are written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.projection.values import decode, encode, encoded_props, property_key
from ontology.namespace import GEO, GEO_IRI

GEO_CLASSES: tuple[str, ...] = tuple(
    GEO[name].removeprefix(GEO_IRI)  # indexing the closed namespace rejects a typo
    for name in [
        "State",
        "Organization",
        "Person",
        "LeadershipTerm",
        "ReportedRole",
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
        "NonStateActor",
        "ActorKind",
    ]
)
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_RDF_TYPE = str(RDF.type)

Triple = tuple[Node, Node, Node]
Row = dict[str, Any]
# A named graph's content as the projection takes it: triples, or its N-Triples text (as the
# record exports it; the server-side loader sends that text as it is).
GraphContent = Iterable[tuple[Any, ...]] | str


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


_TYPE = "\x00type"  # predicate_key's answer for rdf:type (no local name can be this)


@lru_cache(maxsize=4096)
def predicate_key(predicate: str) -> str | None:
    """What a predicate IRI becomes, decided once per predicate: _TYPE for rdf:type, its
    local name when that is a plain identifier, else None (the triple is skipped)."""
    if predicate == _RDF_TYPE:
        return _TYPE
    name = local_name(predicate)
    return name if IDENTIFIER.fullmatch(name) else None


@dataclass
class GraphRows:
    """One graph's facts: a claim row per subject (grouped by label set), and its links as
    (subject uri, object uri) pairs by relationship type."""

    nodes: dict[tuple[str, ...], list[Row]] = field(default_factory=dict)
    rels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    triples: int = 0
    skipped: int = 0  # triples with no Neo4j form (a literal subject, an odd predicate name)


class _Collector:
    """Sorts the triples of one graph into labels, literals and links per subject. The hot
    loop of a projection: terms are told apart by exact type first (rdflib's own terms), and
    predicates are decided once each (predicate_key)."""

    def __init__(self) -> None:
        self.labels: dict[str, set[str]] = {}
        self.literals: dict[str, list[tuple[str, Node]]] = {}
        self.links: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        self.triples = self.skipped = 0

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples += 1
        subject = str(s) if type(s) is URIRef else resource_uri(s)
        key = predicate_key(str(p))
        if subject is None or key is None:
            self.skipped += 1
            return
        if subject not in self.labels:  # every subject gets a claim, so its links are found
            self.labels[subject], self.literals[subject] = set(), []
        if isinstance(o, Literal):
            self.literals[subject].append((property_key("type" if key is _TYPE else key), o))
            return
        target = str(o) if type(o) is URIRef else resource_uri(o)
        if target is None:
            return
        if key is _TYPE:
            self._add_type(subject, o)
        else:
            self.links[key][(subject, target)] = None

    def _add_type(self, subject: str, cls: Node) -> None:
        name = str(cls).removeprefix(GEO_IRI)
        if name in GEO_CLASSES and str(cls).startswith(GEO_IRI):
            self.labels[subject].add(name)
        else:  # a type outside the ontology (skos:Concept, owl:Class): kept, not a label
            self.literals[subject].append(("rdfType", cls))


def node_row(uri: str, labels: Iterable[str], pairs: Iterable[tuple[str, Node]]) -> Row:
    """The row of one claim: its labels, its literals (encoded, distinct, sorted) and the
    properties they make."""
    encoded = {encode(k, v): (k, v) for k, v in pairs}
    texts = sorted(encoded)
    return {
        "uri": uri,
        "labels": sorted(labels),
        "literals": texts,
        "props": encoded_props((*encoded[text], text) for text in texts),
    }


def graph_rows(triples: Iterable[Triple]) -> GraphRows:
    """Group the triples of one named graph into claim rows and relationship pairs."""
    c = _Collector()
    for s, p, o in triples:
        c.add(s, p, o)
    rows = GraphRows(triples=c.triples, skipped=c.skipped)
    for uri, labels in c.labels.items():
        row = node_row(uri, labels, c.literals[uri])
        rows.nodes.setdefault(tuple(row["labels"]), []).append(row)
    rows.rels = {name: list(links) for name, links in c.links.items()}
    return rows


def merge_claims(
    uri: str, labels: Sequence[Sequence[str]], literals: Sequence[Sequence[str]]
) -> Row:
    """A node's row from all its claims: the union of their labels and literals."""
    label_set = {label for claim in labels for label in claim if label in GEO_CLASSES}
    pairs = {decode(text) for claim in literals for text in claim}
    return node_row(uri, label_set, pairs)

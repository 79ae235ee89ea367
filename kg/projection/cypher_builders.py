"""RDF triples of one named graph -> rows grouped by label set and relationship type, and the
parameterised Cypher (`UNWIND $rows`) that writes, recomputes and drops them. Pure: no driver.

Shape (DESIGN.md decision 7, docs/data-model.md "Neo4j projection"): every IRI is a
`(:Resource {uri})`, with one label per rdf:type that is a GEO class (labels cannot be
parameters, so they are whitelisted and spliced); literals are properties by local name
(see kg.projection.values); IRI objects are relationships by local name. Nodes and
relationships carry `sources`, the named graphs that assert them.

Each graph is a `(:ProjectedGraph {iri, hash})` node with one `[:ASSERTS {labels, literals}]`
claim per subject it describes: what that graph alone says of the node. A node's labels and
properties are the union of its claims, so dropping one graph removes exactly its facts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.projection.values import decode, encode, literal_props, property_key
from ontology.namespace import GEO, GEO_IRI

RESOURCE = "Resource"
GRAPH_LABEL = "ProjectedGraph"
CLAIM = "ASSERTS"
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
    ]
)
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_RDF_TYPE = str(RDF.type)

Triple = tuple[Node, Node, Node]
Row = dict[str, Any]


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
    """One graph's facts as rows: node claims by label set, links by relationship type."""

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
        if subject is None or not _IDENTIFIER.fullmatch(name):
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
    pairs = sorted(pairs, key=lambda kv: encode(*kv))
    return {
        "uri": uri,
        "labels": sorted(labels),
        "literals": [encode(k, v) for k, v in pairs],
        "props": literal_props(pairs),
    }


def graph_rows(triples: Iterable[Triple]) -> GraphRows:
    """Group the triples of one named graph into node rows and relationship rows."""
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


def label_clause(labels: Iterable[str]) -> str:
    """':`State`:`Event`' for whitelisted GEO class names; anything else raises ValueError."""
    names = list(labels)
    unknown = [name for name in names if name not in GEO_CLASSES]
    if unknown:
        raise ValueError(f"not a GEO class, refused as a label: {unknown}")
    return "".join(f":`{name}`" for name in names)


def rel_type_clause(name: str) -> str:
    """'`participant`' for a plain identifier; anything else raises ValueError."""
    if not _IDENTIFIER.fullmatch(name) or name == CLAIM:
        raise ValueError(f"{name!r} cannot be a relationship type")
    return f"`{name}`"


def write_nodes_cypher(labels: Sequence[str]) -> str:
    """Claim nodes for $graph: MERGE each node, add its labels, record the claim and the
    source; a node only this graph asserts takes the row's properties, and a node others
    assert too is returned (uri) when this claim adds anything, to be recomputed."""
    set_labels = f"SET n{label_clause(labels)}\n" if labels else ""
    return (
        f"MATCH (g:{GRAPH_LABEL} {{iri: $graph}})\n"
        "UNWIND $rows AS row\n"
        f"MERGE (n:{RESOURCE} {{uri: row.uri}})\n"
        f"{set_labels}"
        f"MERGE (g)-[c:{CLAIM}]->(n)\n"
        "SET c.labels = row.labels, c.literals = row.literals\n"
        "WITH n, row, [x IN coalesce(n.sources, []) WHERE x <> $graph] AS others\n"
        "SET n.sources = others + $graph\n"
        "FOREACH (_ IN CASE WHEN size(others) = 0 THEN [1] ELSE [] END |\n"
        "  SET n = row.props, n.uri = row.uri, n.sources = [$graph])\n"
        "WITH n, row WHERE size(n.sources) > 1 AND NOT EXISTS {\n"
        f"  MATCH (o:{GRAPH_LABEL})-[oc:{CLAIM}]->(n) WHERE o.iri <> $graph\n"
        "  AND all(x IN row.literals WHERE x IN oc.literals)\n"
        "  AND all(x IN row.labels WHERE x IN oc.labels) }\n"
        "RETURN n.uri AS uri"
    )


def write_rels_cypher(rel_type: str) -> str:
    """Links asserted by $graph: MERGE the relationship and add the source; a target nobody
    describes yet becomes a placeholder `(:Resource {uri, sources: []})`."""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (s:{RESOURCE} {{uri: row.s}})\n"
        f"MERGE (o:{RESOURCE} {{uri: row.o}})\n"
        "ON CREATE SET o.sources = []\n"
        f"MERGE (s)-[r:{rel_type_clause(rel_type)}]->(o)\n"
        "SET r.sources = [x IN coalesce(r.sources, []) WHERE x <> $graph] + $graph"
    )


def recompute_nodes_cypher(labels: Sequence[str]) -> str:
    """Reset labels and properties of shared nodes to the union of their claims."""
    set_labels = f"SET n{label_clause(labels)}\n" if labels else ""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (n:{RESOURCE} {{uri: row.uri}})\n"
        f"REMOVE n{label_clause(GEO_CLASSES)}\n"
        f"{set_labels}"
        "WITH n, row, n.sources AS sources\n"
        "SET n = row.props, n.uri = row.uri, n.sources = sources"
    )


CLAIMS_CYPHER = (
    "UNWIND $uris AS uri\n"
    f"MATCH (:{GRAPH_LABEL})-[c:{CLAIM}]->(n:{RESOURCE} {{uri: uri}})\n"
    "RETURN uri, collect(c.labels) AS labels, collect(c.literals) AS literals"
)


def drop_batch_cypher() -> str:
    """Withdraw up to $limit claims of $graph: remove the graph from the sources of the links
    its subjects assert (deleting links and placeholder targets left with none), then from
    the nodes. A node left with no source is deleted, or stripped to a placeholder while
    other graphs still link to it; a node others still assert is returned as `stale` when
    the withdrawn claim said something no other claim says (its union must be recomputed)."""
    return (
        f"MATCH (:{GRAPH_LABEL} {{iri: $graph}})-[c:{CLAIM}]->(n:{RESOURCE})\n"
        "WITH c, n LIMIT $limit\n"
        "CALL (n) {\n"
        "  MATCH (n)-[r]->(o) WHERE $graph IN coalesce(r.sources, [])\n"
        "  SET r.sources = [x IN r.sources WHERE x <> $graph]\n"
        "  WITH r, o WHERE size(r.sources) = 0\n"
        "  DELETE r\n"
        "  WITH DISTINCT o WHERE size(coalesce(o.sources, [])) = 0 AND NOT EXISTS { (o)--() }\n"
        "  DELETE o\n"
        "}\n"
        "WITH c, n, n.uri AS uri, c.labels AS cl, c.literals AS clit\n"
        "DELETE c\n"
        "WITH n, uri, cl, clit, [x IN n.sources WHERE x <> $graph] AS rest\n"
        "SET n.sources = rest\n"
        "WITH n, uri, rest, EXISTS { (n)--() } AS linked,\n"
        "  size(rest) > 0 AND NOT EXISTS {\n"
        f"    MATCH (:{GRAPH_LABEL})-[oc:{CLAIM}]->(n)\n"
        "    WHERE all(x IN clit WHERE x IN oc.literals) AND all(x IN cl WHERE x IN oc.labels)\n"
        "  } AS stale\n"
        "FOREACH (_ IN CASE WHEN size(rest) = 0 AND linked THEN [1] ELSE [] END |\n"
        f"  SET n = {{uri: uri, sources: []}} REMOVE n{label_clause(GEO_CLASSES)})\n"
        "FOREACH (_ IN CASE WHEN size(rest) = 0 AND NOT linked THEN [1] ELSE [] END |\n"
        "  DELETE n)\n"
        "RETURN uri, stale"
    )


OPEN_GRAPH_CYPHER = f"MERGE (g:{GRAPH_LABEL} {{iri: $graph}}) SET g.hash = null, g.triples = 0"
CLOSE_GRAPH_CYPHER = (
    f"MATCH (g:{GRAPH_LABEL} {{iri: $graph}}) SET g.hash = $hash, g.triples = $triples"
)
DELETE_GRAPH_CYPHER = f"MATCH (g:{GRAPH_LABEL} {{iri: $graph}}) DETACH DELETE g"
GRAPHS_CYPHER = f"MATCH (g:{GRAPH_LABEL}) RETURN g.iri AS iri, g.hash AS hash ORDER BY iri"
CLEAR_BATCH_CYPHER = (
    f"MATCH (n) WHERE n:{RESOURCE} OR n:{GRAPH_LABEL}\n"
    "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
)
SCHEMA_CYPHER: tuple[str, ...] = (
    f"CREATE CONSTRAINT resource_uri IF NOT EXISTS FOR (n:{RESOURCE}) REQUIRE n.uri IS UNIQUE",
    f"CREATE CONSTRAINT projected_graph_iri IF NOT EXISTS FOR (g:{GRAPH_LABEL}) "
    "REQUIRE g.iri IS UNIQUE",
    "CREATE INDEX state_code IF NOT EXISTS FOR (n:State) ON (n.code)",
    "CREATE INDEX organization_code IF NOT EXISTS FOR (n:Organization) ON (n.code)",
    "CREATE INDEX event_earliest IF NOT EXISTS FOR (n:Event) ON (n.earliest)",
    "CREATE INDEX event_code IF NOT EXISTS FOR (n:Event) ON (n.code)",
)
COUNTS_CYPHER = (
    f"CALL () {{ MATCH (n:{RESOURCE}) RETURN count(n) AS nodes }}\n"
    f"CALL () {{ MATCH (:{RESOURCE})-[r]->(:{RESOURCE}) RETURN count(r) AS relationships }}\n"
    f"CALL () {{ MATCH (g:{GRAPH_LABEL}) RETURN count(g) AS graphs }}\n"
    "RETURN nodes, relationships, graphs"
)


Statement = tuple[str, list[Row]]


def write_statements(rows: GraphRows) -> list[Statement]:
    """Node claims first (label groups), then links (type groups): the order they must run."""
    nodes = [(write_nodes_cypher(labels), group) for labels, group in rows.nodes.items()]
    return nodes + [(write_rels_cypher(name), group) for name, group in rows.rels.items()]


def recompute_statements(rows: Iterable[Row]) -> list[Statement]:
    """Merged node rows grouped by label set, each with its recompute Cypher."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row["labels"]), []).append(row)
    return [(recompute_nodes_cypher(labels), group) for labels, group in groups.items()]


def batches(statements: Iterable[Statement], size: int) -> list[list[Statement]]:
    """Split statements into transactions of at most `size` rows each, keeping their order;
    small statements share a transaction."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    out: list[list[Statement]] = [[]]
    room = size
    for cypher, rows in statements:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            if len(chunk) > room:
                out.append([])
                room = size
            out[-1].append((cypher, chunk))
            room -= len(chunk)
    return [tx for tx in out if tx]

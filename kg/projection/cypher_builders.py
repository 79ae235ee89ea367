"""The parameterised Cypher (`UNWIND $rows`) that writes, recomputes and drops the rows of
kg.projection.rows, and the batching of statements into transactions. Pure: no driver.

Each named graph is a `(:ProjectedGraph {iri, hash})` node with one `[:ASSERTS {labels,
literals}]` claim per subject it describes. Labels cannot be parameters: they are whitelisted
GEO class names, spliced; relationship types are plain identifiers, spliced in backticks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kg.projection.batch import WritePlan, link_rows
from kg.projection.rows import GEO_CLASSES, IDENTIFIER
from kg.stores.search_facts import ENTITY_TYPES, TEXT_FIELDS

RESOURCE = "Resource"
GRAPH_LABEL = "ProjectedGraph"
CLAIM = "ASSERTS"

Row = dict[str, Any]
Statement = tuple[str, list[Row]]


def label_clause(labels: Iterable[str]) -> str:
    """':`State`:`Event`' for whitelisted GEO class names; anything else raises ValueError."""
    names = list(labels)
    unknown = [name for name in names if name not in GEO_CLASSES]
    if unknown:
        raise ValueError(f"not a GEO class, refused as a label: {unknown}")
    return "".join(f":`{name}`" for name in names)


def rel_type_clause(name: str) -> str:
    """'`participant`' for a plain identifier; anything else raises ValueError."""
    if not IDENTIFIER.fullmatch(name) or name == CLAIM:
        raise ValueError(f"{name!r} cannot be a relationship type")
    return f"`{name}`"


# Per node row n: one claim per graph in row.claims ({graph, labels, literals}).
_CLAIMS = (
    "WITH n, row\n"
    "CALL (n, row) {\n"
    "  UNWIND row.claims AS c\n"
    f"  MATCH (g:{GRAPH_LABEL} {{iri: c.graph}})\n"
    f"  CREATE (g)-[:{CLAIM} {{labels: c.labels, literals: c.literals}}]->(n)\n"
    "}\n"
)


def write_nodes_cypher(labels: Sequence[str]) -> str:
    """MERGE each node with its labels and claims, adding `row.graphs` to its sources. A new
    node (or a placeholder) takes the row's properties; the uris of the nodes left with more
    than one source come back (`shared`: they are recomputed from all their claims)."""
    set_labels = f"SET n{label_clause(labels)}\n" if labels else ""
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{RESOURCE} {{uri: row.uri}})\n"
        "ON CREATE SET n += row.props, n.sources = row.graphs\n"
        "ON MATCH SET n += CASE WHEN size(coalesce(n.sources, [])) = 0 THEN row.props ELSE {} END,\n"
        "  n.sources = [x IN coalesce(n.sources, []) WHERE NOT x IN row.graphs] + row.graphs\n"
        f"{set_labels}"
        f"{_CLAIMS}"
        "WITH row, n WHERE size(n.sources) > 1\n"
        "RETURN collect(row.uri) AS shared"
    )


def create_nodes_cypher(labels: Sequence[str]) -> str:
    """CREATE nodes the database does not hold (no MERGE: nothing to match), with their
    claims; their element ids come back (`ids`: [uri, id] pairs), by which the links from
    them are created. One record per statement: a record per row costs the client more."""
    return (
        "UNWIND $rows AS row\n"
        f"CREATE (n:{RESOURCE}{label_clause(labels)} {{uri: row.uri}})\n"
        "SET n += row.props, n.sources = row.graphs\n"
        f"{_CLAIMS}"
        "RETURN collect([row.uri, elementId(n)]) AS ids"
    )


CREATE_PLACEHOLDERS_CYPHER = (
    "UNWIND $rows AS row\n"
    f"CREATE (n:{RESOURCE} {{uri: row.uri, sources: []}})\n"
    "RETURN collect([row.uri, elementId(n)]) AS ids"
)
EXISTING_CYPHER = (
    f"UNWIND $uris AS uri MATCH (n:{RESOURCE} {{uri: uri}})\n"
    "RETURN collect([uri, elementId(n)]) AS ids"
)
SEEN_GRAPHS_CYPHER = f"UNWIND $graphs AS graph MATCH (:{GRAPH_LABEL} {{iri: graph}}) RETURN graph"


def write_rels_cypher(rel_type: str) -> str:
    """MERGE each link and add `row.graphs` to its sources; a target nobody describes yet
    becomes a placeholder `(:Resource {uri, sources: []})`."""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (s:{RESOURCE} {{uri: row.s}})\n"
        f"MERGE (o:{RESOURCE} {{uri: row.o}})\n"
        "ON CREATE SET o.sources = []\n"
        f"MERGE (s)-[r:{rel_type_clause(rel_type)}]->(o)\n"
        "ON CREATE SET r.sources = row.graphs\n"
        "ON MATCH SET r.sources = [x IN r.sources WHERE NOT x IN row.graphs] + row.graphs"
    )


def create_rels_cypher(rel_type: str) -> str:
    """CREATE links from new nodes, both ends found by element id (`row.s`, `row.o`)."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (s) WHERE elementId(s) = row.s\n"
        "MATCH (o) WHERE elementId(o) = row.o\n"
        f"CREATE (s)-[:{rel_type_clause(rel_type)} {{sources: row.graphs}}]->(o)"
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


# Per withdrawn node n: take the gone graphs off its outgoing links; delete links left with
# no source, and placeholder targets left with nothing.
_UNLINK = (
    "CALL (n, gone) {\n"
    "  MATCH (n)-[r]->(o) WHERE any(x IN coalesce(r.sources, []) WHERE x IN gone)\n"
    "  SET r.sources = [x IN r.sources WHERE NOT x IN gone]\n"
    "  WITH r, o WHERE size(r.sources) = 0\n"
    "  DELETE r\n"
    "  WITH DISTINCT o WHERE size(coalesce(o.sources, [])) = 0 AND NOT EXISTS { (o)--() }\n"
    "  DELETE o\n"
    "}\n"
)


def drop_batch_cypher() -> str:
    """Withdraw up to $limit claims of the graphs in $graphs (marking them unfinished: hash
    null, so `sync` never trusts a half-dropped graph), per node: remove those graphs
    from the sources of the node's outgoing links (deleting links and placeholder targets
    left with none), then from the node. A node left with no source is deleted, or stripped
    to a placeholder while other graphs still link to it; a node others still assert is
    returned as `stale` when a withdrawn claim said something no remaining claim says."""
    return (
        "UNWIND $graphs AS graph\n"
        f"MATCH (pg:{GRAPH_LABEL} {{iri: graph}})\n"
        "SET pg.hash = null\n"
        f"WITH pg, graph MATCH (pg)-[c:{CLAIM}]->(n:{RESOURCE})\n"
        "WITH n, c, graph LIMIT $limit\n"
        "WITH n, collect(c) AS cs, collect(graph) AS gone\n"
        f"{_UNLINK}"
        "WITH n, cs, gone, [c IN cs | [c.labels, c.literals]] AS withdrawn\n"
        "FOREACH (c IN cs | DELETE c)\n"
        "WITH n, n.uri AS uri, withdrawn, [x IN n.sources WHERE NOT x IN gone] AS rest\n"
        "SET n.sources = rest\n"
        "WITH n, uri, rest, EXISTS { (n)--() } AS linked,\n"
        "  size(rest) > 0 AND NOT all(w IN withdrawn WHERE EXISTS {\n"
        f"    MATCH (:{GRAPH_LABEL})-[oc:{CLAIM}]->(n)\n"
        "    WHERE all(x IN w[1] WHERE x IN oc.literals) AND all(x IN w[0] WHERE x IN oc.labels)\n"
        "  }) AS stale\n"
        "FOREACH (_ IN CASE WHEN size(rest) = 0 AND linked THEN [1] ELSE [] END |\n"
        f"  SET n = {{uri: uri, sources: []}} REMOVE n{label_clause(GEO_CLASSES)})\n"
        "FOREACH (_ IN CASE WHEN size(rest) = 0 AND NOT linked THEN [1] ELSE [] END |\n"
        "  DELETE n)\n"
        "RETURN uri, stale"
    )


OPEN_GRAPHS_CYPHER = (
    f"UNWIND $rows AS row MERGE (g:{GRAPH_LABEL} {{iri: row.graph}})\n"
    "SET g.hash = null, g.triples = 0"
)
CLOSE_GRAPHS_CYPHER = (
    f"UNWIND $rows AS row MATCH (g:{GRAPH_LABEL} {{iri: row.graph}})\n"
    "SET g.hash = row.hash, g.triples = row.triples"
)
DELETE_GRAPHS_CYPHER = (
    f"UNWIND $graphs AS graph MATCH (g:{GRAPH_LABEL} {{iri: graph}}) DETACH DELETE g"
)
GRAPHS_CYPHER = f"MATCH (g:{GRAPH_LABEL}) RETURN g.iri AS iri, g.hash AS hash ORDER BY iri"
# Relationships first, then the nodes: a DETACH DELETE of $limit nodes would also delete all
# their relationships in one transaction (thousands on an event type or a graph record), which
# overruns a small server's transaction memory.
CLEAR_RELS_BATCH_CYPHER = (
    f"MATCH (n)-[r]->() WHERE n:{RESOURCE} OR n:{GRAPH_LABEL}\n"
    "WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
)
CLEAR_BATCH_CYPHER = (
    f"MATCH (n) WHERE n:{RESOURCE} OR n:{GRAPH_LABEL}\n"
    "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
)
# Full-text search (kg.queries.search_cypher): the evidence sentences, article titles and
# entity names, stemmed and without stop words as kg.stores.search_index's FTS5 tokenizer.
SEARCH_INDEX = "geokg_search"
SEARCH_INDEX_CYPHER = (
    f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS "
    f"FOR (n:{'|'.join(('Evidence', 'Article', *ENTITY_TYPES))}) "
    f"ON EACH [{', '.join(f'n.{p}' for p in TEXT_FIELDS)}] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}"
)
SCHEMA_CYPHER: tuple[str, ...] = (
    f"CREATE CONSTRAINT resource_uri IF NOT EXISTS FOR (n:{RESOURCE}) REQUIRE n.uri IS UNIQUE",
    f"CREATE CONSTRAINT projected_graph_iri IF NOT EXISTS FOR (g:{GRAPH_LABEL}) "
    "REQUIRE g.iri IS UNIQUE",
    "CREATE INDEX state_code IF NOT EXISTS FOR (n:State) ON (n.code)",
    "CREATE INDEX organization_code IF NOT EXISTS FOR (n:Organization) ON (n.code)",
    "CREATE INDEX non_state_actor_code IF NOT EXISTS FOR (n:NonStateActor) ON (n.code)",
    "CREATE INDEX event_earliest IF NOT EXISTS FOR (n:Event) ON (n.earliest)",
    "CREATE INDEX event_code IF NOT EXISTS FOR (n:Event) ON (n.code)",
    # any node by code: a participant is a state, organization or non-state actor
    f"CREATE INDEX resource_code IF NOT EXISTS FOR (n:{RESOURCE}) ON (n.code)",
    SEARCH_INDEX_CYPHER,
)
COUNTS_CYPHER = (
    f"CALL () {{ MATCH (n:{RESOURCE}) RETURN count(n) AS nodes }}\n"
    f"CALL () {{ MATCH (:{RESOURCE})-[r]->(:{RESOURCE}) RETURN count(r) AS relationships }}\n"
    f"CALL () {{ MATCH (g:{GRAPH_LABEL}) RETURN count(g) AS graphs }}\n"
    "RETURN nodes, relationships, graphs"
)


def node_statements(graphs: Sequence[str], plan: WritePlan) -> list[Statement]:
    """The graph records, new nodes, known nodes (both with their claims), placeholders and
    the links from known nodes: in the order they must run. New nodes and placeholders
    return their element ids (`ids`), known nodes the shared ones (`shared`)."""
    return [
        (OPEN_GRAPHS_CYPHER, [{"graph": graph} for graph in graphs]),
        *((create_nodes_cypher(labels), rows) for labels, rows in plan.fresh.items()),
        *((write_nodes_cypher(labels), rows) for labels, rows in plan.merged.items()),
        (CREATE_PLACEHOLDERS_CYPHER, plan.placeholders),
        *((write_rels_cypher(name), rows) for name, rows in plan.merged_links.items()),
    ]


def link_statements(plan: WritePlan, ids: Mapping[str, str]) -> list[Statement]:
    """The links from new nodes, by the element ids of their ends (uri -> id: `ids`)."""
    return [
        (create_rels_cypher(name), link_rows(links, ids))
        for name, links in plan.fresh_links.items()
    ]


def recompute_statements(rows: Iterable[Row]) -> list[Statement]:
    """Merged node rows grouped by label set, each with its recompute Cypher."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row["labels"]), []).append(row)
    return [(recompute_nodes_cypher(labels), group) for labels, group in groups.items()]


def row_count(statements: Iterable[Statement]) -> int:
    return sum(len(rows) for _, rows in statements)


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

"""Full-text search over the Neo4j projection: the hits from the projection's full-text index
(kg.projection.cypher_builders.SEARCH_INDEX, db.index.fulltext.queryNodes, one Lucene query
per kind of hit), then the properties of one page of them; parameterised Cypher, and the rows
turned into the shapes kg.queries.search_hits builds both backends' hits from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.projection.cypher_builders import SEARCH_INDEX
from kg.queries import search_hits as sh
from kg.queries.cypher_rows import first, texts
from kg.queries.search_models import SearchResult
from kg.queries.search_words import lucene_query, search_words
from kg.stores.search_facts import ENTITY_TYPES, SEARCH_FIELDS

Read = Callable[..., list[dict[str, Any]]]  # CypherQueries._read(cypher, **params)
_ENTITY = " OR ".join(f"node:{t}" for t in ENTITY_TYPES)
# Every hit, as kg.stores.search_index finds them beside the record: an event (not refined)
# with a matched evidence sentence, an article by its title, an entity by a name.
MATCHES = f"""CALL () {{
  CALL db.index.fulltext.queryNodes($index, $event) YIELD node
  WITH node WHERE node:Evidence
  MATCH (e:Event)-[:evidence]->(node) WHERE NOT (e)-[:refinedBy]->()
  RETURN DISTINCT 'event' AS kind, e.uri AS iri, e.earliest AS key, e.latest AS key2
  UNION
  CALL db.index.fulltext.queryNodes($index, $article) YIELD node
  WITH node WHERE node:Article
  RETURN 'article' AS kind, node.uri AS iri, node.published AS key, null AS key2
  UNION
  CALL db.index.fulltext.queryNodes($index, $entity) YIELD node
  WITH node WHERE {_ENTITY}
  RETURN 'entity' AS kind, node.uri AS iri, null AS key, null AS key2
}}
RETURN kind, iri, key, key2"""
PAGE = """UNWIND $iris AS iri
MATCH (n:Resource {uri: iri})
RETURN n.uri AS iri, labels(n) AS labels, properties(n) AS props,
  COLLECT { MATCH (n)-[:participant]->(p) RETURN p.code } AS participants,
  COLLECT { MATCH (n)-[:evidence]->(ev:Evidence) RETURN ev.sentence } AS sentences"""
PROPS = ("code", "earliest", "latest", "date", "startDate", "endDate", "title", "url", "published")
PROPS_ALL = (*PROPS, *SEARCH_FIELDS["entity"])


def match_params(words: list[str]) -> dict[str, str]:
    """The parameters of MATCHES: the index and one Lucene query per kind of hit."""
    return {"index": SEARCH_INDEX} | {kind: lucene_query(words, kind) for kind in SEARCH_FIELDS}


def page_props(row: dict[str, Any]) -> dict[str, list[str]]:
    """A row of PAGE -> the properties kg.queries.search_hits reads (lexical strings)."""
    props = {name: texts(row["props"].get(name)) for name in PROPS_ALL}
    props["participants"] = texts(row["participants"])
    props["sentence"] = texts(row["sentences"])
    props["types"] = [t for t in ENTITY_TYPES if t in row["labels"]]
    return {k: v for k, v in props.items() if v}


def cypher_search(read: Read, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
    """GraphQueries.search over Neo4j (ValueError for text or a page it refuses)."""
    words = search_words(text)
    sh.check_page(limit, offset)
    found = read(MATCHES, **match_params(words))
    hits = sh.ordered(
        (r["kind"], r["iri"], first(r["key"]) or "", first(r["key2"]) or "") for r in found
    )
    page = hits[offset : offset + limit]
    rows = read(PAGE, iris=[iri for _, iri in page]) if page else []
    props = {r["iri"]: page_props(r) for r in rows}
    return sh.result(words, page, props, len(hits))

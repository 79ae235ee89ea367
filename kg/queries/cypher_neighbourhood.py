"""A neighbourhood's rows (GraphQueries.neighbourhood) in Cypher over the Neo4j projection:
parameterised texts (every value a parameter, `UNWIND $codes` for many codes), and the raw
property values turned into rows of lexical strings shaped like the SPARQL side's
(kg.queries.sparql_neighbourhood), so kg.queries.neighbourhood builds the same answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from kg.queries.cypher_rows import Row, code_param, expand, texts, types_of

RELATIONS_OF = """
MATCH (:Resource {code: $code})<-[:actor]-(r:Relation)
WITH DISTINCT r
MATCH (r)-[:actor]->(x) WHERE x.code IS NOT NULL
RETURN r.uri AS r, r.code AS type, x.code AS actor, r.since AS since, r.until AS until,
       [(r)-[:source]->(a) WHERE a.published IS NOT NULL | a.published] AS published
"""

# A refined event is left out (its finer one counts), as in the event pages.
COUNTERPARTS = """
MATCH (:Resource {code: $code})<-[:participant]-(e:Event)
WHERE e.code IS NOT NULL AND e.earliest IS NOT NULL AND e.latest IS NOT NULL
  AND e.earliest <= $end AND e.latest >= $start
  AND NOT EXISTS { (e)-[:refinedBy]->() }
WITH DISTINCT e
MATCH (e)-[:participant]->(o) WHERE o.code IS NOT NULL AND o.code <> $code
RETURN o.code AS code, e.code AS type, count(DISTINCT e) AS n
"""

ENTITIES = """
UNWIND $codes AS c
MATCH (x:Resource {code: c})
WHERE x:State OR x:Organization OR x:Alliance OR x:Person OR x:NonStateActor
RETURN c AS code, x.uri AS x, labels(x) AS labels, x.rdfType AS rdfType, x.name AS name
"""


class CypherNeighbourhoodRows:
    """The three row readers of GraphQueries.neighbourhood, for CypherQueries (which gives
    `_read`: one query in a READ session, rows as dicts)."""

    def _read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        raise NotImplementedError  # CypherQueries._read

    def _relation_rows(self, code: str) -> list[Row]:
        rows: list[Row] = []
        for r in self._read(RELATIONS_OF, code=code_param(code)):
            fields = {k: r[k] for k in ("type", "since", "until", "published")}
            for actor in texts(r["actor"]):
                rows += expand({"r": r["r"], "actor": actor}, **fields)
        return rows

    def _counterpart_rows(self, code: str, start: date, end: date) -> list[Row]:
        found = self._read(COUNTERPARTS, code=code_param(code), start=start, end=end)
        return [
            {"code": c, "type": t, "n": str(r["n"])}
            for r in found
            for c in texts(r["code"])
            for t in texts(r["type"])
        ]

    def _entity_rows(self, codes: list[str]) -> list[Row]:
        rows: list[Row] = []
        for r in self._read(ENTITIES, codes=[code_param(c) for c in codes]):
            base = {"code": r["code"], "x": r["x"]}
            rows += expand(base, kind=types_of(r), name=r["name"])
        return rows

"""The Cypher text of the domain queries over the Neo4j projection (docs/data-model.md,
"Neo4j projection"). Every value is a parameter; the only spliced text is fixed here. Queries
return raw property values (a property may be a list); kg.queries.cypher_queries turns them
into rows of lexical strings shaped like the SPARQL side's."""

from __future__ import annotations

# Periods [first, last] of a node (either bound may be missing: open) that share a day with
# [$start, $end] (either parameter may be null: no bound on that side).
_OVERLAP = (
    "($end IS NULL OR {v}.earliest IS NULL OR {v}.earliest <= $end)"
    " AND ($start IS NULL OR {v}.latest IS NULL OR {v}.latest >= $start)"
)


def overlap(var: str) -> str:
    return _OVERLAP.format(v=var)


STATES = """
MATCH (s:State) WHERE s.code IS NOT NULL AND ($code IS NULL OR s.code = $code)
RETURN s.uri AS s, s.code AS code, s.name AS name, s.former AS former,
       s.startDate AS start, s.endDate AS end
"""

LEADERS = f"""
MATCH (st:State {{code: $code}})<-[:state]-(t:LeadershipTerm)-[:holder]->(p)
WHERE {overlap("t")}
RETURN t.uri AS term, p.uri AS person, p.name AS name, t.role AS role,
       [(t)-[:office]->(o) | o.uri] AS offices, t.startDate AS start, t.endDate AS end,
       t.earliest AS earliest
"""

# A membership of the state in an alliance `al`: the alliance itself, or an organization
# that an alliance stands for (NATO's alliance -> org/NATO); as in the SPARQL side.
_MEMBERSHIPS = f"""
MATCH (st:State {{code: $code}})<-[:memberState]-(m:Membership)-[:memberOf]->(g)
OPTIONAL MATCH (a:Alliance)-[:organization]->(g)
WITH st, m, coalesce(a, g) AS al
WHERE al:Alliance AND {overlap("m")}
"""

ALLIANCES = (
    _MEMBERSHIPS
    + """
  AND ($obligation IS NULL OR EXISTS { (al)-[:obligation]->(:Resource {uri: $obligation}) })
RETURN DISTINCT al.uri AS al, m.uri AS m, m.startDate AS since, m.endDate AS until
"""
)

ALLIANCE_DETAILS = """
UNWIND $iris AS iri
MATCH (al:Resource {uri: iri})
RETURN al.uri AS al, al.name AS name,
       [(al)-[:organization]->(o) | o.code]
         + CASE WHEN al:Organization THEN [al.code] ELSE [] END AS org,
       [(al)-[:obligation]->(o) | o.uri] AS obligation,
       al.startDate AS start, al.endDate AS end
"""

ALLIES = (
    _MEMBERSHIPS
    + f"""
CALL (al) {{
  MATCH (n:Membership)-[:memberOf]->(al)
  WHERE NOT EXISTS {{ (:Alliance)-[:organization]->(al) }}
  RETURN n
  UNION
  MATCH (al)-[:organization]->()<-[:memberOf]-(n:Membership)
  RETURN n
}}
MATCH (n)-[:memberState]->(other:State)
WHERE other.code IS NOT NULL AND other <> st AND {overlap("n")}
  AND (m.earliest IS NULL OR n.latest IS NULL OR m.earliest <= n.latest)
  AND (n.earliest IS NULL OR m.latest IS NULL OR n.earliest <= m.latest)
RETURN DISTINCT other.code AS code, other.name AS name, al.uri AS al
"""
)


def _events_with(participants: int) -> str:
    """MATCH clauses binding `e` to the nodes with a participant of code $codes[i] for each
    i < participants, found from the codes' index and hash-joined on e (each participant
    has many events; an event has few participants). Every target of a projected
    relationship is a :Resource, so this is `(e)-[:participant]->(p) WHERE p.code = c`."""
    if participants == 0:
        return "MATCH (e:Event)"
    clauses = [
        f"MATCH (e)-[:participant]->(:Resource {{code: $codes[{i}]}})"
        + ("\nUSING JOIN ON e" if i else "")
        for i in range(participants)
    ]
    return "\n".join(clauses) + "\nWITH DISTINCT e"


def event_keys(newest_first: bool = False, participants: int = 0) -> str:
    """Events with every code of $codes as a participant, of type $type (null: any),
    overlapping [$start, $end], in the contract order; paged by $skip and $limit.
    `participants`: how many of $codes to start from (their events are found through the
    code index); the rest, if any, are checked on each event."""
    direction = " DESC" if newest_first else ""
    order = ", ".join(
        f"{key}{direction}" for key in ("earliest", "latest", "coalesce(type, '')", "e")
    )
    return f"""
{_events_with(participants)}
WHERE e:Event AND e.earliest IS NOT NULL AND e.latest IS NOT NULL
  AND ($type IS NULL OR e.code = $type) AND {overlap("e")}
  AND all(c IN $codes[{participants}..]
          WHERE EXISTS {{ MATCH (e)-[:participant]->(p) WHERE p.code = c }})
RETURN e.uri AS e, e.code AS type, e.earliest AS earliest, e.latest AS latest,
       e.date AS date, e.startDate AS start, e.endDate AS end
ORDER BY {order}
SKIP $skip LIMIT $limit
"""


PARTICIPANTS = """
UNWIND $iris AS iri
MATCH (e:Resource {uri: iri})-[r:participant|initiator]->(p)
WHERE p.code IS NOT NULL
RETURN e.uri AS e, type(r) AS role, p.code AS code
"""

SOURCES = """
UNWIND $iris AS iri
MATCH (e:Resource {uri: iri})-[:source]->(a)
OPTIONAL MATCH (e)-[:evidence]->(ev)-[:article]->(a) WHERE ev.sentence IS NOT NULL
RETURN e.uri AS e, a.uri AS article, a.url AS url, a.title AS title,
       a.published AS published, ev.sentence AS sentence, ev.charStart AS charStart,
       ev.charEnd AS charEnd, ev.confidence AS confidence
"""

# Events (with a type code) that have both $a and $b as participants.
PAIR_EVENTS = """
MATCH (e:Event)-[:participant]->(pa) WHERE pa.code = $a AND e.code IS NOT NULL
MATCH (e)-[:participant]->(pb) WHERE pb.code = $b
RETURN DISTINCT e.uri AS e, e.code AS type
"""

RELATIONS = """
MATCH (r:Relation)-[:actor]->(pa) WHERE pa.code = $a
MATCH (r)-[:actor]->(pb) WHERE pb.code = $b
WITH DISTINCT r
RETURN r.uri AS r, r.code AS type, [(r)-[:actor]->(x) WHERE x.code IS NOT NULL | x.code] AS actor,
       r.since AS since, r.until AS until
"""

_ENTITY_LABELS = "x:State OR x:Organization OR x:Alliance OR x:Person"
ENTITY_BY_IRI = """
MATCH (x:Resource {uri: $iri})
RETURN x.uri AS x, labels(x) AS labels, x.rdfType AS rdfType
"""
ENTITY_BY_CODE = f"""
MATCH (x) WHERE ({_ENTITY_LABELS}) AND x.code = $code
RETURN x.uri AS x, labels(x) AS labels, x.rdfType AS rdfType
"""
ENTITY_BY_NAME = f"""
MATCH (x) WHERE ({_ENTITY_LABELS})
  AND any(n IN coalesce(x.name, []) + coalesce(x.alias, []) WHERE toLower(toString(n)) = $name)
RETURN x.uri AS x, labels(x) AS labels, x.rdfType AS rdfType
"""
ENTITY_DETAILS = """
MATCH (x:Resource {uri: $iri})
RETURN labels(x) AS labels, x.rdfType AS rdfType, x.code AS code, x.name AS name,
       x.alias AS alias
"""

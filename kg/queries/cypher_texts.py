"""The Cypher text of the domain queries over the Neo4j projection (docs/data-model.md,
"Neo4j projection"). Every value is a parameter; the only spliced text is fixed here. Queries
return raw property values (a property may be a list); kg.queries.cypher_queries turns them
into rows of lexical strings shaped like the SPARQL side's."""

from __future__ import annotations

from kg.queries.cypher_rows import ENTITY_TYPES

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


def _events_with(participants: int, pair: bool = False) -> str:
    """MATCH clauses binding `e`: with `pair`, the events linked to the dyad of code $dyad
    (one key for two codes: no intersecting of two states' growing event lists); then the
    nodes with a participant of code $codes[i] for each i < participants, found from the
    code index and hash-joined on e. Every target of a projected relationship is a
    :Resource, so this is `(e)-[:participant]->(p) WHERE p.code = c`."""
    clauses = ["MATCH (:Resource {code: $dyad})<-[:dyad]-(e)"] if pair else []
    for i in range(participants):
        join = "\nUSING JOIN ON e" if clauses else ""
        clauses.append(f"MATCH (e)-[:participant]->(:Resource {{code: $codes[{i}]}}){join}")
    if not clauses:
        return "MATCH (e:Event)"
    return "\n".join(clauses) + "\nWITH DISTINCT e"


def _order(newest_first: bool, iri: str) -> str:
    direction = " DESC" if newest_first else ""
    keys = ("earliest", "latest", "coalesce(type, '')", iri)
    return ", ".join(f"{key}{direction}" for key in keys)


# A fact's sources (the articles it is asserted in) and its evidence sentences with their
# article, as two lists that kg.queries.cypher_events joins: expanding evidence from `e`
# reads only e's own evidence, where matching (e)-[:evidence]->(ev)-[:article]->(a) for a
# source `a` was planned from the article's side, reading all of that article's evidence.
_SOURCES_AND_EVIDENCE = """COLLECT {
         MATCH (e)-[:source]->(a)
         RETURN {article: a.uri, url: a.url, title: a.title, published: a.published}
       } AS sources,
       [(e)-[:evidence]->(ev)-[:article]->(a) WHERE ev.sentence IS NOT NULL
         | {article: a.uri, sentence: ev.sentence, charStart: ev.charStart,
            charEnd: ev.charEnd, confidence: ev.confidence}] AS evidence"""

# What an event page shows of each event: its participants, sources and evidence, in the
# same query (one round trip).
_EVENT_DETAILS = (
    """[(e)-[r:participant|initiator]->(p) WHERE p.code IS NOT NULL
         | {role: type(r), code: p.code}] AS people,
       """
    + _SOURCES_AND_EVIDENCE
)


def event_page(newest_first: bool = False, participants: int = 0, pair: bool = False) -> str:
    """Events linked to the dyad $dyad (with `pair`) and with each of the first
    `participants` codes of $codes as a participant, of type $type (null: any), overlapping
    [$start, $end], in the contract order, paged by $skip and $limit; each with its
    participants and sources."""
    return f"""
{_events_with(participants, pair)}
WHERE e:Event AND e.earliest IS NOT NULL AND e.latest IS NOT NULL
  AND ($type IS NULL OR e.code = $type) AND {overlap("e")}
  AND NOT EXISTS {{ (e)-[:refinedBy]->() }}
WITH e, e.uri AS uri, e.code AS type, e.earliest AS earliest, e.latest AS latest
ORDER BY {_order(newest_first, "uri")}
SKIP $skip LIMIT $limit
RETURN uri AS e, type, earliest, latest, e.date AS date, e.startDate AS start,
       e.endDate AS end,
       {_EVENT_DETAILS}
ORDER BY {_order(newest_first, "e")}
"""


def pair_events(participants: int = 0, pair: bool = False) -> str:
    """Events (with a type code) found as in event_page, unpaged: for counts by type."""
    return f"""
{_events_with(participants, pair)}
WHERE e:Event AND e.code IS NOT NULL AND NOT EXISTS {{ (e)-[:refinedBy]->() }}
RETURN e.uri AS e, e.code AS type
"""


SOURCES = (
    """
UNWIND $iris AS iri
MATCH (e:Resource {uri: iri})
RETURN e.uri AS e, """
    + _SOURCES_AND_EVIDENCE
)

RELATIONS = """
MATCH (r:Relation)-[:actor]->(pa) WHERE pa.code = $a
MATCH (r)-[:actor]->(pb) WHERE pb.code = $b
WITH DISTINCT r
RETURN r.uri AS r, r.code AS type, [(r)-[:actor]->(x) WHERE x.code IS NOT NULL | x.code] AS actor,
       r.since AS since, r.until AS until
"""

_ENTITY_LABELS = " OR ".join(f"x:{label}" for label in ENTITY_TYPES)
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
  AND any(n IN coalesce(x.name, []) + coalesce(x.alias, []) + coalesce(x.textName, [])
          WHERE toLower(toString(n)) = $name)
RETURN x.uri AS x, labels(x) AS labels, x.rdfType AS rdfType
"""
ENTITY_BY_NAME_PART = f"""
MATCH (x) WHERE ({_ENTITY_LABELS})
  AND any(n IN coalesce(x.name, []) + coalesce(x.alias, []) + coalesce(x.textName, [])
          WHERE toLower(toString(n)) STARTS WITH $prefix OR toLower(toString(n)) ENDS WITH $suffix)
RETURN DISTINCT x.uri AS x, labels(x) AS labels, x.rdfType AS rdfType
"""
ENTITY_DETAILS = """
MATCH (x:Resource {uri: $iri})
RETURN labels(x) AS labels, x.rdfType AS rdfType, x.code AS code, x.name AS name,
       x.alias AS alias, x.textName AS text_name
"""
REPORTED_ROLES = """
MATCH (r:ReportedRole)-[:holder]->(:Resource {uri: $iri})
MATCH (r)-[:state]->(s) MATCH (r)-[:source]->(a)
RETURN DISTINCT coalesce(s.code, last(split(s.uri, "/"))) AS state, r.role AS role,
       r.asOf AS asOf, a.uri AS article
ORDER BY asOf, article, state, role
"""

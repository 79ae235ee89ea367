"""Pure functions that build the SPARQL text of the event, relation and entity queries; values
are validated and escaped by the helpers of sparql_builders."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from kg.queries.sparql_builders import (
    PREFIXES,
    code_literal,
    event_type_literal,
    iri_ref,
    overlap_filter,
    string_literal,
    values,
)
from ontology.dates import PartialDate
from ontology.identifiers import dyad_code

ENTITY_TYPES = ("State", "Organization", "Alliance", "Person", "NonStateActor")


def _page(limit: int | None, offset: int) -> str:
    if offset < 0 or (limit is not None and limit < 0):
        raise ValueError("limit and offset must not be negative")
    text = f"LIMIT {int(limit)}" if limit is not None else ""
    return text + (f" OFFSET {int(offset)}" if offset else "")


# The store of record queries the union of the named graphs, where an event that k articles
# report has each of its triples k times. Joined flat, its properties multiply (k^7 rows per
# event before DISTINCT: ~1 s for one pair at 100,000 events). So the event keys are found first
# (each participant's events from its code, as sub-selects the store hash-joins), then each
# property is added by its own DISTINCT sub-select around the previous one: k rows at a time.
_EVENT_STEPS = (
    # An event that a finer one refines (kg.refinement) is shown as that one.
    ("event", "?e a geo:Event FILTER NOT EXISTS { ?e geo:refinedBy ?finer } BIND(true AS ?event)"),
    ("earliest", "?e geo:earliest ?earliest"),
    ("latest", "?e geo:latest ?latest"),
    ("type", "?e geo:code ?type"),
    ("date", "?e geo:date ?date"),
    ("start", "?e geo:startDate ?start"),
    ("end", "?e geo:endDate ?end"),
)


def _events_with(participants: Sequence[str]) -> str:
    """Distinct ?e: events with every one of `participants` (every event when none). Two
    distinct codes are one key: the dyad every event links to for each pair of its
    participants (so a timeline never intersects two states' growing event lists)."""
    codes = list(dict.fromkeys(c.strip().upper() for c in participants))
    if not codes:
        return "{ SELECT DISTINCT ?e WHERE { ?e a geo:Event } }"
    selects = []
    if len(codes) >= 2:
        for code in codes[:2]:
            code_literal(code)  # a plain code, or ValueError
        pair = string_literal(dyad_code(codes[0], codes[1]))
        selects.append(f"{{ SELECT DISTINCT ?e WHERE {{ ?d geo:code {pair} . ?e geo:dyad ?d }} }}")
        codes = codes[2:]
    selects += [
        f"{{ SELECT DISTINCT ?e WHERE {{ ?p{i} geo:code {code_literal(c)} . "
        f"?e geo:participant ?p{i} }} }}"
        for i, c in enumerate(codes)
    ]
    return "\n  ".join(selects)


def _event_filters(
    event_type: str | None, start: PartialDate | None, end: PartialDate | None
) -> dict[str, str]:
    """The FILTERs event_keys_query places after the step that binds their variables."""
    return {
        "latest": "FILTER(BOUND(?event) && BOUND(?earliest) && BOUND(?latest)) "
        + overlap_filter(
            "earliest", "latest", start.earliest if start else None, end.latest if end else None
        ),
        "type": f"FILTER(?type = {event_type_literal(event_type)})" if event_type else "",
    }


def event_keys_query(
    participants: Sequence[str] = (),
    event_type: str | None = None,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
) -> str:
    """Events with every one of `participants`, of a type, overlapping [start, end], in the
    contract order (earliest, latest, type, iri), with their dates; paged. An event needs a
    type geo:Event, an earliest and a latest (each OPTIONAL, then required by a FILTER)."""
    filters = _event_filters(event_type, start, end)
    # A type filter is the most selective step: run it first, so the others read only the
    # events of that type (a pair's events of one type, not all of them).
    steps = sorted(_EVENT_STEPS, key=lambda step: not (event_type and step[0] == "type"))
    keys = ["?earliest", "?latest", "?type", "?e"]
    order = " ".join(f"DESC({k})" for k in keys) if newest_first else " ".join(keys)
    body, names = _nest(_events_with(participants), ["?e"], steps[:4], filters)
    if limit is not None or offset:  # page on the sort keys: the dates are read for the page
        page = f"ORDER BY {order} {_page(limit, offset)}"
        body = f"{{ SELECT {' '.join(names)} WHERE {{\n  {body}\n}} {page} }}"
    body, names = _nest(body, names, steps[4:], filters)
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?e ?type ?earliest ?latest ?date ?start ?end WHERE {{
  {body}
}} ORDER BY {order}"""
    )


def _nest(
    body: str, names: list[str], steps: Sequence[tuple[str, str]], filters: dict[str, str]
) -> tuple[str, list[str]]:
    """Wrap `body` in one DISTINCT sub-select per step, each adding its OPTIONAL property
    (and its filter): only the rows of the previous step exist at a time."""
    names = list(names)
    for name, pattern in steps:
        names.append(f"?{name}")
        step = " ".join(filter(None, [f"OPTIONAL {{ {pattern} }}", filters.get(name)]))
        body = f"{{ SELECT DISTINCT {' '.join(names)} WHERE {{\n  {body}\n  {step}\n}} }}"
    return body, names


def participants_query(events: Iterable[str]) -> str:
    """Codes of the participants and initiators of the given events."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?e ?role ?code WHERE {{
  {values("e", events)}
  {{ ?e geo:participant ?p BIND("participant" AS ?role) }}
  UNION {{ ?e geo:initiator ?p BIND("initiator" AS ?role) }}
  ?p geo:code ?code .
}} ORDER BY ?e ?role ?code"""
    )


def sources_query(facts: Iterable[str]) -> str:
    """The articles behind the given facts, with the evidence sentence each gives."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?e ?article ?url ?title ?published ?sentence
  ?charStart ?charEnd ?confidence WHERE {{
  {values("e", facts)}
  ?e geo:source ?article .
  OPTIONAL {{ ?article geo:url ?url }} OPTIONAL {{ ?article geo:title ?title }}
  OPTIONAL {{ ?article geo:published ?published }}
  OPTIONAL {{
    ?e geo:evidence ?ev . ?ev geo:article ?article ; geo:sentence ?sentence .
    OPTIONAL {{ ?ev geo:charStart ?charStart }} OPTIONAL {{ ?ev geo:charEnd ?charEnd }}
    OPTIONAL {{ ?ev geo:confidence ?confidence }}
  }}
}} ORDER BY ?e ?published ?article ?charStart"""
    )


def event_counts_query(a: str, b: str) -> str:
    """How many events of each type have both states as participants (through their dyad)."""
    return (
        PREFIXES
        + f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  {_events_with((a, b))}
  ?e a geo:Event ; geo:code ?type .
  FILTER NOT EXISTS {{ ?e geo:refinedBy ?finer }}
}} GROUP BY ?type ORDER BY ?type"""
    )


def relations_query(a: str, b: str) -> str:
    """Relations whose two actors are `a` and `b`, with both actor codes."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?r ?type ?actor ?since ?until WHERE {{
  ?r a geo:Relation ; geo:actor ?pa, ?pb .
  ?pa geo:code {code_literal(a)} . ?pb geo:code {code_literal(b)} .
  ?r geo:actor/geo:code ?actor .
  OPTIONAL {{ ?r geo:code ?type }}
  OPTIONAL {{ ?r geo:since ?since }} OPTIONAL {{ ?r geo:until ?until }}
}} ORDER BY ?type ?since ?r ?actor"""
    )


def _typed(var: str) -> str:
    kinds = " ".join(f"geo:{t}" for t in ENTITY_TYPES)
    return f"VALUES ?kind {{ {kinds} }} ?{var} a ?kind ."


# ?n: a name, alias or name read from a text of ?x. A UNION rather than the path
# geo:name|geo:alias|geo:textName: the same rows, and Jena (a record on Fuseki) joins a path
# with what follows it 4x slower than this (Oxigraph runs both alike).
_NAMED = "{ ?x geo:name ?n } UNION { ?x geo:alias ?n } UNION { ?x geo:textName ?n }"


def _valid(check: Callable[[str], str], key: str) -> bool:
    try:
        check(key)
    except ValueError:
        return False
    return True


def entity_candidates_query(key: str) -> str:
    """Entities whose IRI, code or (case-insensitive) name or alias is `key`; the `rank`
    says which matched (0 IRI, 1 code, 2 name) so the best can be chosen."""
    branches = []
    if ":" in key and _valid(iri_ref, key):
        branches.append(f"{{ BIND({iri_ref(key)} AS ?x) ?x a ?kind . BIND(0 AS ?rank) }}")
    if _valid(code_literal, key):
        code = code_literal(key)
        branches.append(f"{{ ?x geo:code {code} . {_typed('x')} BIND(1 AS ?rank) }}")
    lowered = string_literal(key.strip().lower())
    branches.append(
        f"{{ {_NAMED} FILTER(LCASE(STR(?n)) = {lowered}) {_typed('x')} BIND(2 AS ?rank) }}"
    )
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?x ?rank ?kind WHERE {{
  {" UNION ".join(branches)}
}} ORDER BY ?rank ?x"""
    )


def entity_name_part_query(key: str) -> str:
    """Entities with a name or alias that begins or ends with the whole words of `key`
    ('Putin' -> Vladimir Putin, 'Xi' -> Xi Jinping): for when nothing is called `key`."""
    words = " ".join(key.lower().split())
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?x ?kind WHERE {{
  {_NAMED} BIND(LCASE(STR(?n)) AS ?l)
  FILTER(STRSTARTS(?l, {string_literal(words + " ")}) || STRENDS(?l, {string_literal(" " + words)}))
  {_typed("x")}
}} ORDER BY ?x"""
    )


def entity_details_query(iri: str) -> str:
    """Types, codes, names and aliases of one entity."""
    node = iri_ref(iri)
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?prop ?value WHERE {{
  {{ {node} a ?value BIND("type" AS ?prop) }}
  UNION {{ {node} geo:code ?value BIND("code" AS ?prop) }}
  UNION {{ {node} geo:name ?value BIND("name" AS ?prop) }}
  UNION {{ {node} geo:alias ?value BIND("alias" AS ?prop) }}
  UNION {{ {node} geo:textName ?value BIND("text_name" AS ?prop) }}
}} ORDER BY ?prop ?value"""
    )


def reported_roles_query(iri: str) -> str:
    """The roles articles give a person they introduce (geo:ReportedRole), oldest first."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?state ?role ?asOf ?article WHERE {{
  ?r a geo:ReportedRole ; geo:holder {iri_ref(iri)} ; geo:state ?s ; geo:role ?role ;
     geo:source ?article .
  OPTIONAL {{ ?s geo:code ?code }} BIND(COALESCE(?code, REPLACE(STR(?s), "^.*/", "")) AS ?state)
  OPTIONAL {{ ?r geo:asOf ?asOf }}
}} ORDER BY ?asOf ?article ?state ?role"""
    )

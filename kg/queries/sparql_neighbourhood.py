"""Pure functions that build the SPARQL text of a neighbourhood's rows (GraphQueries.
neighbourhood): a state's or actor's relations, its counterparts in a period's events, and
the entities some codes name. Values are validated and escaped by sparql_builders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kg.queries.neighbourhood import KINDS
from kg.queries.sparql_builders import PREFIXES, code_literal, date_literal


def relations_of_query(code: str) -> str:
    """Relations with `code` at one end: each end's code, the type, since, until, and the
    publication dates of the articles that report it."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?r ?type ?actor ?since ?until ?published WHERE {{
  {{ SELECT DISTINCT ?r WHERE {{ ?p geo:code {code_literal(code)} . ?r geo:actor ?p }} }}
  ?r a geo:Relation ; geo:actor/geo:code ?actor .
  OPTIONAL {{ ?r geo:code ?type }}
  OPTIONAL {{ ?r geo:since ?since }} OPTIONAL {{ ?r geo:until ?until }}
  OPTIONAL {{ ?r geo:source/geo:published ?published }}
}} ORDER BY ?r ?actor"""
    )


def counterparts_query(code: str, start: date, end: date) -> str:
    """Events by type for each other participant of the events of `code` (a refined event
    left out: its finer one counts) that overlap [start, end]. Each step is a DISTINCT
    sub-select: an event k articles report has each triple k times in the union."""
    centre = code_literal(code)
    return (
        PREFIXES
        + f"""SELECT ?code ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?e ?type WHERE {{
    {{ SELECT DISTINCT ?e WHERE {{
      {{ SELECT DISTINCT ?e WHERE {{ ?p geo:code {centre} . ?e geo:participant ?p }} }}
      ?e geo:earliest ?earliest . FILTER(?earliest <= {date_literal(end)})
    }} }}
    ?e geo:latest ?latest . FILTER(?latest >= {date_literal(start)})
    ?e a geo:Event ; geo:code ?type .
    FILTER NOT EXISTS {{ ?e geo:refinedBy ?finer }}
  }} }}
  ?e geo:participant/geo:code ?code . FILTER(?code != {centre})
}} GROUP BY ?code ?type ORDER BY ?code ?type"""
    )


def entities_query(codes: Iterable[str]) -> str:
    """The states, organizations, alliances, persons and non-state actors with these codes:
    IRI, each of their types and names."""
    found = " ".join(code_literal(c) for c in codes)
    kinds = " ".join(f"geo:{k}" for k in KINDS)
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?code ?x ?kind ?name WHERE {{
  VALUES ?code {{ {found} }}
  ?x geo:code ?code .
  VALUES ?kind {{ {kinds} }} ?x a ?kind .
  OPTIONAL {{ ?x geo:name ?name }}
}} ORDER BY ?code ?x ?kind"""
    )

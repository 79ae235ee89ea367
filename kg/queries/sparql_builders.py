"""Pure functions that build the SPARQL text of the domain queries. Every value is validated
and escaped here (codes against a pattern, types against the fixed vocabularies, dates as
xsd:date literals, IRIs checked), so user input can never change a query's shape."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from kg.stores.oxigraph_terms import is_valid_iri
from ontology.dates import PartialDate
from ontology.namespace import EVENT_TYPES, GEO_IRI, OBLIGATION, OBLIGATIONS

PREFIXES = (
    f"PREFIX geo: <{GEO_IRI}>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)
_CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,31}")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def code_literal(code: str) -> str:
    """A state/organization code as a SPARQL literal; anything but a plain code raises."""
    upper = code.strip().upper()
    if not _CODE_RE.fullmatch(upper):
        raise ValueError(f"{code!r} is not a state or organization code")
    return f'"{upper}"'


def string_literal(text: str) -> str:
    """Any text as a SPARQL string literal, with quotes, backslashes and breaks escaped."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def date_literal(day: date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def iri_ref(iri: str) -> str:
    """An absolute IRI as <...>; characters that could end it early, or anything else that
    is not an IRI (a scheme that starts with a digit, a stray code point), raise."""
    if _IRI_BAD.search(iri) or ":" not in iri or not is_valid_iri(iri):
        raise ValueError(f"{iri!r} is not an absolute IRI")
    return f"<{iri}>"


def event_type_literal(event_type: str) -> str:
    if event_type not in EVENT_TYPES:
        raise ValueError(
            f"unknown event type {event_type!r}; expected one of {', '.join(EVENT_TYPES)}"
        )
    return f'"{event_type}"'


def obligation_ref(obligation: str) -> str:
    if obligation not in OBLIGATIONS:
        raise ValueError(
            f"unknown obligation {obligation!r}; expected one of {', '.join(OBLIGATIONS)}"
        )
    return iri_ref(str(OBLIGATION[obligation]))


def values(var: str, iris: Iterable[str]) -> str:
    """A VALUES block binding `var` to each IRI."""
    return f"VALUES ?{var} {{ " + " ".join(iri_ref(i) for i in iris) + " }"


def overlap_filter(first: str, last: str, start: date | None, end: date | None) -> str:
    """FILTER keeping periods [?first, ?last] (either may be unbound: open) that share a day
    with [start, end]."""
    parts = []
    if end is not None:
        parts.append(f"(!BOUND(?{first}) || ?{first} <= {date_literal(end)})")
    if start is not None:
        parts.append(f"(!BOUND(?{last}) || ?{last} >= {date_literal(start)})")
    return f"FILTER({' && '.join(parts)})" if parts else ""


def at_filter(first: str, last: str, at: PartialDate | None) -> str:
    """Periods that overlap any day of `at` (a year, a month or a day)."""
    if at is None:
        return ""
    return overlap_filter(first, last, at.earliest, at.latest)


def state_pattern(var: str, code: str) -> str:
    return f"?{var} a geo:State ; geo:code {code_literal(code)} ."


def states_query(code: str | None = None) -> str:
    """Every state (or the one with `code`), one row each, sorted by code."""
    only = f"FILTER(?code = {code_literal(code)})" if code else ""
    return (
        PREFIXES
        + f"""SELECT ?s ?code (MIN(?n) AS ?name) (MAX(STR(?f)) AS ?former)
  (MIN(STR(?st)) AS ?start) (MIN(STR(?en)) AS ?end)
WHERE {{
  ?s a geo:State ; geo:code ?code . {only}
  OPTIONAL {{ ?s geo:name ?n }} OPTIONAL {{ ?s geo:former ?f }}
  OPTIONAL {{ ?s geo:startDate ?st }} OPTIONAL {{ ?s geo:endDate ?en }}
}} GROUP BY ?s ?code ORDER BY ?code ?s"""
    )


def leaders_query(state: str, at: PartialDate | None) -> str:
    """Leadership terms of a state (overlapping `at`), one row per office."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?term ?person ?name ?role ?office ?start ?end ?earliest
WHERE {{
  {state_pattern("st", state)}
  ?term a geo:LeadershipTerm ; geo:state ?st ; geo:holder ?person .
  OPTIONAL {{ ?term geo:earliest ?earliest }} OPTIONAL {{ ?term geo:latest ?latest }}
  {at_filter("earliest", "latest", at)}
  OPTIONAL {{ ?person geo:name ?name }} OPTIONAL {{ ?term geo:role ?role }}
  OPTIONAL {{ ?term geo:office ?office }}
  OPTIONAL {{ ?term geo:startDate ?start }} OPTIONAL {{ ?term geo:endDate ?end }}
}} ORDER BY ?earliest ?name ?person ?term"""
    )


def _membership(m: str, st: str, al: str) -> str:
    """A membership of `?st` in an alliance `?al`: either the alliance itself, or an
    organization that an alliance node stands for (NATO's alliance -> org/NATO)."""
    return f"""?{m} a geo:Membership ; geo:memberState ?{st} ; geo:memberOf ?{m}g .
  OPTIONAL {{ ?{m}a a geo:Alliance ; geo:organization ?{m}g }}
  BIND(COALESCE(?{m}a, ?{m}g) AS ?{al})
  ?{al} a geo:Alliance .
  OPTIONAL {{ ?{m} geo:earliest ?{m}e }} OPTIONAL {{ ?{m} geo:latest ?{m}l }}"""


def alliances_query(state: str, at: PartialDate | None, obligation: str | None) -> str:
    """The state's alliance memberships that overlap `at` (all of them without a date)."""
    oblige = f"?al geo:obligation {obligation_ref(obligation)} ." if obligation else ""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?al ?m ?since ?until WHERE {{
  {state_pattern("st", state)}
  {_membership("m", "st", "al")}
  {at_filter("me", "ml", at)}
  {oblige}
  OPTIONAL {{ ?m geo:startDate ?since }} OPTIONAL {{ ?m geo:endDate ?until }}
}} ORDER BY ?al ?since ?m"""
    )


def alliance_details_query(alliances: Iterable[str]) -> str:
    """Name, organization code, obligations and dates of the given alliances."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?al ?name ?org ?obligation ?start ?end WHERE {{
  {values("al", alliances)}
  OPTIONAL {{ ?al geo:name ?name }}
  OPTIONAL {{ {{ ?al geo:organization/geo:code ?org }} UNION
             {{ ?al a geo:Organization ; geo:code ?org }} }}
  OPTIONAL {{ ?al geo:obligation ?obligation }}
  OPTIONAL {{ ?al geo:startDate ?start }} OPTIONAL {{ ?al geo:endDate ?end }}
}}"""
    )


def allies_query(state: str, at: PartialDate | None) -> str:
    """States that share an alliance with `state` at `at` (without a date: at some time, with
    overlapping memberships), with the alliance that joins them."""
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?code ?name ?al WHERE {{
  {state_pattern("st", state)}
  {_membership("m", "st", "al")}
  {_membership("n", "other", "al2")}
  FILTER(?al2 = ?al)
  ?other a geo:State ; geo:code ?code . FILTER(?other != ?st)
  {at_filter("me", "ml", at)}
  {at_filter("ne", "nl", at)}
  FILTER((!BOUND(?me) || !BOUND(?nl) || ?me <= ?nl) && (!BOUND(?ne) || !BOUND(?ml) || ?ne <= ?ml))
  OPTIONAL {{ ?other geo:name ?name }}
}} ORDER BY ?code ?al"""
    )

"""A pair's events (the timeline, the relation summary's latest events) read from the store of
record by subject, then filtered, ordered and paged in Python.

Oxigraph has no order on values, so the joined key query (sparql_event_builders) reads the
dates and type of every event of the pair through one DISTINCT sub-select per property, over
the union of the graphs where an event k articles report has each triple k times: about
150 µs per event of the pair, whichever page is asked for. Here one query finds the pair's
events from its dyad, and one reads every property the page needs of all of them at once
(`VALUES ?s ... ?s ?p ?o`, a prefix scan per event); the rows the key query gave are rebuilt
exactly: one per distinct (event, earliest, latest, type), paged on those keys in the
contract order, then with each date, start and end. The details of the page's events reuse
the links read here (kg.queries.sparql_details)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from kg.queries import sparql_details as sd
from kg.queries.cypher_rows import Row
from kg.queries.sparql_builders import PREFIXES, code_literal, event_type_literal, string_literal
from kg.queries.sparql_details import Props
from ontology.dates import PartialDate
from ontology.identifiers import dyad_code
from ontology.namespace import GEO_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EVENT_CLASS = f"{GEO_IRI}Event"
KEY_PROPS = ("earliest", "latest", "code", "date", "startDate", "endDate")
_ROW_KEYS = (("date", "date"), ("startDate", "start"), ("endDate", "end"))


def pair_events_query(a: str, b: str) -> str:
    """The distinct events linked to the dyad of two distinct codes (ValueError otherwise)."""
    code_literal(a.strip().upper())
    code_literal(b.strip().upper())
    return (
        PREFIXES + f"SELECT DISTINCT ?e WHERE {{ ?d geo:code {string_literal(dyad_code(a, b))} . "
        "?e geo:dyad ?d }"
    )


def event_props_query(events: Iterable[str]) -> str:
    """Every key property and link of the events, plus their rdf:type (distinct over graphs)."""
    query = sd.props_query(events, (*KEY_PROPS, *sd.LINKS))
    return query.replace("FILTER(?p IN (", "FILTER(?p IN (rdf:type, ", 1)


@dataclass(frozen=True)
class PairFilter:
    """What a timeline page asks for: a type, a period, a page, an order."""

    event_type: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False


def key_rows(props: Props, f: PairFilter) -> list[Row]:
    """The key query's rows, from the events' properties: events typed geo:Event with an
    earliest and a latest, of the type and overlapping the period asked for, in the contract
    order (earliest, latest, type, iri; unbound first), paged on those keys."""
    if f.offset < 0 or (f.limit is not None and f.limit < 0):
        raise ValueError("limit and offset must not be negative")
    if f.event_type:
        event_type_literal(f.event_type)  # a known type, or ValueError
    first = f.start.earliest.isoformat() if f.start else None
    last = f.end.latest.isoformat() if f.end else None
    keys: set[tuple[str, str, str, str | None]] = set()
    for e, p in props.items():
        if EVENT_CLASS not in p.get(RDF_TYPE, ()):  # not a GEO name: by_subject keeps it whole
            continue
        for earliest, latest in itertools.product(p.get("earliest", ()), p.get("latest", ())):
            if (last and earliest > last) or (first and latest < first):
                continue
            kinds: list[str | None] = [*p.get("code", [])] or [None]
            for kind in kinds:
                if not f.event_type or kind == f.event_type:
                    keys.add((e, earliest, latest, kind))
    ordered = sorted(keys, key=_order, reverse=f.newest_first)
    if f.limit is not None or f.offset:
        stop = None if f.limit is None else f.offset + f.limit
        ordered = ordered[f.offset : stop]
    return [row for key in ordered for row in _dated_rows(key, props[key[0]])]


def _order(key: tuple[str, str, str, str | None]) -> tuple[str, str, tuple[int, str], str]:
    e, earliest, latest, kind = key
    return earliest, latest, (0, "") if kind is None else (1, kind), e


def _dated_rows(key: tuple[str, str, str, str | None], p: dict[str, list[str]]) -> list[Row]:
    """One row per combination of the event's date, start and end (each may be absent)."""
    e, earliest, latest, kind = key
    base: Row = {"e": e, "earliest": earliest, "latest": latest}
    if kind is not None:
        base["type"] = kind
    choices: list[list[tuple[str, str] | None]] = [
        [(name, v) for v in p.get(prop) or ()] or [None] for prop, name in _ROW_KEYS
    ]
    return [
        {**base, **dict(c for c in combo if c is not None)}
        for combo in sorted(itertools.product(*choices), key=_unbound_first)
    ]


def _unbound_first(combo: tuple[tuple[str, str] | None, ...]) -> tuple[tuple[int, str], ...]:
    return tuple((0, "") if c is None else (1, c[1]) for c in combo)

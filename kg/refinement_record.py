"""What the record says of the events that may refine each other, and the derived graphs an
article write must carry with it (kg.refinement decides; this module reads the store)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import RDF, Graph, URIRef

from kg.queries.sparql_builders import PREFIXES, iri_ref, string_literal
from kg.refinement import (
    REFINEMENT_SEGMENT,
    EventIri,
    Reports,
    refined_event,
    refinement_graphs,
)
from kg.stores.base import RecordStore
from ontology.namespace import GEO

# Events of one group are found from their dyad (else their one participant) and their type
# code, both indexed, then kept when their IRI has the group's prefix.
_GROUP_QUERY = """SELECT DISTINCT ?e ?g ?p ?o WHERE {{
  VALUES (?via ?x ?code ?prefix) {{ {rows} }}
  ?e ?via ?x ; geo:code ?code .
  FILTER(STRSTARTS(STR(?e), ?prefix))
  GRAPH ?g {{ ?e ?p ?o }}
  FILTER(?p IN (rdf:type, geo:source, geo:evidence))
}}"""


Key = tuple[str, str, str]  # (geo:dyad or geo:participant, its object, the type code)


def group_keys(graph: Graph) -> dict[str, Key]:
    """Each event of `graph` -> how the events of its group are found: every one of them has
    its participants, so its dyads (the first one serves), or its only participant."""
    keys: dict[str, Key] = {}
    for event in graph.subjects(RDF.type, GEO.Event):
        code = graph.value(event, GEO.code)
        via = GEO.dyad if graph.value(event, GEO.dyad) is not None else GEO.participant
        anchor = min((str(o) for o in graph.objects(event, via)), default=None)
        if isinstance(event, URIRef) and anchor is not None and code is not None:
            keys[str(event)] = (str(via), anchor, str(code))
    return keys


def _group_rows(keys: Mapping[str, Key]) -> str:
    rows = set()
    for iri, (via, anchor, code) in keys.items():
        parsed = EventIri.parse(iri)
        if parsed is not None:
            prefix = string_literal(f"{parsed.base}event/{parsed.group}/")
            rows.add(f"({iri_ref(via)} {iri_ref(anchor)} {string_literal(code)} {prefix})")
    return " ".join(sorted(rows))


def stored_reports(
    store: RecordStore, keys: Mapping[str, Key], skip_graph: str | None = None
) -> dict[str, Reports]:
    """Every event of the groups of `keys`, as the article graphs of the store report it
    (leaving out `skip_graph`, about to be replaced, and the derived graphs)."""
    rows = _group_rows(keys)
    if not rows:
        return {}
    found = store.select(PREFIXES + _GROUP_QUERY.format(rows=rows))
    return _reports(row for row in found if row["g"] != skip_graph)


def _reports(rows: Iterable[dict[str, str]]) -> dict[str, Reports]:
    """Rows of (?e ?g ?p ?o) -> what the article graphs say of each event they type as one."""
    reported: dict[str, Reports] = {}
    events: set[str] = set()
    for row in rows:
        if refined_event(row["g"]) is not None:
            continue
        report = reported.setdefault(row["e"], Reports())
        if row["p"] == str(GEO.source):
            report.sources.add(row["o"])
        elif row["p"] == str(GEO.evidence):
            report.evidence.add(row["o"])
        elif row["o"] == str(GEO.Event):
            events.add(row["e"])
    return {iri: r for iri, r in reported.items() if iri in events}


def add_graph_reports(reported: dict[str, Reports], graph: Graph) -> None:
    """Add what one article graph (not yet stored) reports of its events."""
    for event in graph.subjects(RDF.type, GEO.Event):
        report = reported.setdefault(str(event), Reports())
        report.sources.update(str(o) for o in graph.objects(event, GEO.source))
        report.evidence.update(str(o) for o in graph.objects(event, GEO.evidence))


def derived_graphs(
    store: RecordStore, name: str, new: Graph, old: Graph | None, names: Iterable[str]
) -> tuple[dict[str, Graph], dict[str, Reports]]:
    """The refinement graphs to write with article graph `name` (`new` replacing `old`;
    `names`: the store's graphs), empty ones to drop; and the reports they were made from."""
    keys = group_keys(new) | (group_keys(old) if old is not None else {})
    reported = stored_reports(store, keys, skip_graph=name)
    add_graph_reports(reported, new)
    existing = [n for n in names if REFINEMENT_SEGMENT in n and refined_event(n) is not None]
    return refinement_graphs(reported, keys, existing), reported


# Every event's type, sources and evidence, per graph (the derived graphs are left out below).
_ALL_QUERY = """SELECT DISTINCT ?e ?g ?p ?o WHERE {
  GRAPH ?g { ?e a geo:Event . ?e ?p ?o }
  FILTER(?p IN (rdf:type, geo:source, geo:evidence))
}"""


def refinement_graphs_of(graphs: Iterable[Graph]) -> dict[str, Graph]:
    """The refinement graphs of a set of article graphs (not stored), as ingesting them
    one by one would write them."""
    reported: dict[str, Reports] = {}
    for graph in graphs:
        add_graph_reports(reported, graph)
    return {n: g for n, g in refinement_graphs(reported, reported, []).items() if len(g)}


def store_refinement_graphs(store: RecordStore) -> dict[str, Graph]:
    """The refinement graphs the whole store should hold, and an empty graph for each stored
    one that should not be there: for a store written by an older geokg, or imported."""
    reported = _reports(store.select(PREFIXES + _ALL_QUERY))
    existing = [n for n in store.graphs() if refined_event(n) is not None]
    named = [e.iri for e in map(refined_event, existing) if e is not None]
    return refinement_graphs(reported, [*reported, *named], existing)

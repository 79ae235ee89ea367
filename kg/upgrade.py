"""Bring graphs written by an older geokg up to what this version derives at ingest, so no
fact an older store holds goes missing from the newer queries. Today: the geo:dyad links of
events (timelines start from the pair's dyad), and the refinement graphs (kg.refinement) that
ingest writes beside the articles. Each graph is rewritten whole and atomically;
a store that is up to date is left untouched, so running it twice changes nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.queries.sparql_builders import PREFIXES
from kg.refinement_record import store_refinement_graphs
from kg.stores.base import RecordStore
from kg.sync import graph_hash
from loaders.rdf.article_graph import add_dyads
from ontology.namespace import GEO

# Events with two distinct participants and no dyad, per graph (the union view would hide a
# graph that lacks links another graph gives).
MISSING_DYADS = (
    PREFIXES
    + """SELECT DISTINCT ?g ?e WHERE {
  GRAPH ?g { ?e a geo:Event ; geo:participant ?a, ?b FILTER(?a != ?b)
             FILTER NOT EXISTS { ?e geo:dyad ?any } }
} ORDER BY ?g ?e"""
)


@dataclass
class UpgradeReport:
    graphs: list[str] = field(default_factory=list)  # graphs rewritten
    events: int = 0  # events given their dyads
    refinements: list[str] = field(default_factory=list)  # refinement graphs written or dropped


def upgrade(store: RecordStore) -> UpgradeReport:
    """Add the dyads that events of older graphs lack; returns what was rewritten. The
    timelines the store kept are forgotten and its search index is read again: whatever wrote
    it before may not have kept them."""
    caches = store.caches()
    if caches is not None and caches.timelines is not None:
        caches.timelines.forget()
    pending: dict[str, list[str]] = defaultdict(list)
    for row in store.select(MISSING_DYADS):
        pending[row["g"]].append(row["e"])
    report = UpgradeReport()
    for name, events in pending.items():
        graph = store.to_graph(name)
        for event in events:
            node = URIRef(event)
            codes = [_code(p) for p in graph.objects(node, GEO.participant)]
            add_dyads(graph, _base_of(event), node, codes)
        store.replace_graph(name, graph)
        report.graphs.append(name)
        report.events += len(events)
    report.refinements = _refine(store)
    if caches is not None:  # the search index read again: as the timelines, above
        caches.search.rebuild()
    return report


def _refine(store: RecordStore) -> list[str]:
    """Write the refinement graphs that differ from what the store should hold, at once."""
    stale: dict[str, Graph] = {}
    names = set(store.graphs())
    for name, graph in store_refinement_graphs(store).items():
        stored = store.to_graph(name) if name in names else None
        if stored is None or graph_hash(stored) != graph_hash(graph):
            stale[name] = graph
    if stale:
        store.replace_graphs(stale)
    return sorted(stale)


def _code(actor: object) -> str:
    """A participant's code: the last segment of its state/ or org/ IRI (what the reference
    codes are, and what identifiers.state_iri and org_iri write)."""
    return str(actor).rstrip("/").rsplit("/", 1)[-1]


def _base_of(event_iri: str) -> str:
    """The base IRI an event IRI was minted under (identifiers.event_iri: <base>event/...)."""
    return event_iri[: event_iri.rindex("/event/") + 1]

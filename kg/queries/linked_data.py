"""What the linked-data pages say about one IRI, read from the record: its triples from every
named graph, the Evidence and Article nodes behind them, and (for the HTML page) labels,
sources and incoming links. The SPARQL the API's /id/ routes run, as named reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.queries import sparql_event_builders as qe
from kg.queries.models import SourcePublic
from kg.queries.sparql_builders import PREFIXES, iri_ref, string_literal, values
from kg.queries.sparql_rows import sources_by_fact
from kg.stores.base import RecordStore
from ontology.namespace import GEO_IRI, bind_prefixes

INCOMING_SHOWN = 200
_LABEL_PROPS = ("geo:name", "skos:prefLabel", "geo:title", "geo:code", "rdfs:label")


@dataclass
class Incoming:
    subject: str
    predicate: str


@dataclass
class Description:
    """Everything the HTML page shows; `graph` is what Turtle and JSON-LD serialize."""

    iri: str
    graph: Graph
    labels: dict[str, str] = field(default_factory=dict)
    sources: list[SourcePublic] = field(default_factory=list)
    incoming: list[Incoming] = field(default_factory=list)
    incoming_total: int = 0


def _construct(store: RecordStore, sparql: str) -> Graph:
    result = store.query(PREFIXES + sparql)
    graph = result.graph if result.graph is not None else Graph()
    return bind_prefixes(graph)


def describe_graph(store: RecordStore, iri: str) -> Graph:
    """The IRI's triples, plus the triples of its Evidence nodes and of the articles it cites
    (without their mentions); for the ontology document, every geo: term too."""
    ref = iri_ref(iri)
    graph = _construct(
        store,
        f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ BIND({ref} AS ?s) ?s ?p ?o }}
  UNION {{ {ref} geo:evidence ?s . ?s ?p ?o }}
  UNION {{ {ref} geo:source ?s . ?s ?p ?o FILTER(?p != geo:mentions) }}
}}""",
    )
    if iri + "#" == GEO_IRI:  # the ontology document: every geo: term it defines
        prefix = string_literal(GEO_IRI)
        graph += _construct(
            store,
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {prefix})) }}",
        )
    return graph


def exists(store: RecordStore, iri: str) -> bool:
    """Whether the graph mentions the IRI (as a subject or an object); the ontology document
    (the geo: namespace without its '#') always exists."""
    if iri + "#" == GEO_IRI:
        return True
    ref = iri_ref(iri)
    return bool(store.query(f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }}").boolean)


def labels(store: RecordStore, iris: set[str]) -> dict[str, str]:
    """A readable label for each IRI that has one (name, prefLabel, title, then code)."""
    if not iris:
        return {}
    found: dict[str, tuple[int, str]] = {}
    for rank, prop in enumerate(_LABEL_PROPS):
        rows = store.select(
            PREFIXES
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + f"SELECT ?x ?l WHERE {{ {values('x', sorted(iris))} ?x {prop} ?l }}"
        )
        for row in rows:
            current = found.get(row["x"])
            if current is None or (rank, row["l"]) < current:
                found[row["x"]] = (rank, row["l"])
    return {iri: label for iri, (_, label) in found.items()}


def incoming(
    store: RecordStore, iri: str, limit: int = INCOMING_SHOWN
) -> tuple[list[Incoming], int]:
    """Up to `limit` (subject, predicate) pairs pointing at the IRI, and how many in all."""
    ref = iri_ref(iri)
    rows = store.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {ref} }} ORDER BY ?p ?s")
    return [Incoming(r["s"], r["p"]) for r in rows[:limit]], len(rows)


def describe(store: RecordStore, iri: str) -> Description:
    """The page's data: the graph, labels of every IRI it shows, sources and incoming links."""
    graph = describe_graph(store, iri)
    shown, total = incoming(store, iri)
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    iris |= {i.subject for i in shown}
    facts = sources_by_fact(store.select(qe.sources_query([iri])))
    return Description(
        iri=iri,
        graph=graph,
        labels=labels(store, iris),
        sources=facts.get(iri, []),
        incoming=shown,
        incoming_total=total,
    )

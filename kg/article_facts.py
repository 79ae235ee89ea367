"""What the ingest writer needs to know of an article graph, read once from its triples:
its events, how each event's group is looked up (kg.refinement_record.group_keys' rule), the
links that find it (its dyads and participants) and the sources and evidence it gives it.
Plain strings, so a worker process hands them over cheaply (kg.ingest_workers)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, URIRef
from rdflib.term import Node

from ontology.namespace import GEO

Key = tuple[str, str, str]  # (geo:dyad or geo:participant, its object, the type code)
Link = tuple[str, str]  # (geo:dyad or geo:participant, its object)
Part = frozenset[tuple[str, str]]  # (geo:source or geo:evidence, IRI) of one event
_TYPE, _EVENT, _CODE = RDF.type, GEO.Event, GEO.code
_DYAD, _PARTICIPANT = GEO.dyad, GEO.participant
_LENDS = (GEO.source, GEO.evidence)


@dataclass(frozen=True)
class EventFacts:
    """One event of an article graph."""

    key: Key | None  # None: no participant or no code (its group cannot be looked up)
    links: tuple[Link, ...]  # every dyad and participant link
    part: Part  # what the graph lends it: sources and evidence


@dataclass(frozen=True)
class ArticleFacts:
    """The events of one article graph (every IRI typed geo:Event), and those it reports as
    their source (its own: the report's count)."""

    events: dict[str, EventFacts]
    reported: frozenset[str]

    def group_keys(self) -> dict[str, Key]:
        return {e: f.key for e, f in self.events.items() if f.key is not None}

    def part(self, event: str) -> Part:
        found = self.events.get(event)
        return found.part if found is not None else frozenset()


NO_FACTS = ArticleFacts({}, frozenset())


def _event(values: dict[Node, list[Node]]) -> EventFacts:
    codes, dyads = values.get(_CODE, []), values.get(_DYAD, [])
    via = _DYAD if dyads else _PARTICIPANT
    anchor = min((str(o) for o in values.get(via, [])), default=None)
    key = (str(via), anchor, str(codes[0])) if anchor is not None and codes else None
    links = [(str(_DYAD), str(d)) for d in dyads]
    links += [(str(_PARTICIPANT), str(x)) for x in values.get(_PARTICIPANT, [])]
    part = frozenset(
        (str(p), str(o)) for p in _LENDS for o in values.get(p, []) if isinstance(o, URIRef)
    )
    return EventFacts(key, tuple(links), part)


def facts_of(triples: Iterable[tuple[Node, Node, Node]], article: str) -> ArticleFacts:
    """The facts of an article graph (an rdflib Graph or its triples) named `article`."""
    index: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        index.setdefault(s, {}).setdefault(p, []).append(o)
    events = {
        str(s): _event(values)
        for s, values in index.items()
        if isinstance(s, URIRef) and _EVENT in values.get(_TYPE, [])
    }
    source = URIRef(article)
    reported = frozenset(e for e in events if source in index[URIRef(e)].get(GEO.source, []))
    return ArticleFacts(events, reported)

"""Refinements: one event that articles date at two precisions ("the treaty signed in June
2024", "signed on 19 June 2024") is shown once. Event IRIs hold the date at its precision
(docs/architecture.md, decision 3), so the two are two events in the record; a derived named graph per
coarser event links it to the one event that states it more precisely, and lends that event
its sources and evidence. Pure functions: which event refines which, and what each derived
graph holds."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, URIRef

from ontology.namespace import GEO

REFINEMENT_SEGMENT = "graph/refinement/"


@dataclass(frozen=True)
class EventIri:
    """An event IRI of the shape `<base>event/<type>/<participants>/<date>`, in its parts."""

    base: str
    group: str  # `<type>/<participants>`: events that may be one event
    date: str  # the date segment: 2024, 2024-06, 2024-06-19, 1950--1953, undated

    @classmethod
    @lru_cache(maxsize=1 << 16)  # ingest parses each event of a batch's groups many times
    def parse(cls, iri: str) -> EventIri | None:
        """The parts of an event IRI, or None for an IRI of another shape."""
        parts = iri.rsplit("/", 3)
        if len(parts) != 4 or not parts[0].endswith("/event") or not all(parts[1:]):
            return None
        return cls(parts[0][: -len("event")], f"{parts[1]}/{parts[2]}", parts[3])

    @property
    def iri(self) -> str:
        return f"{self.base}event/{self.group}/{self.date}"

    @property
    def graph(self) -> str:
        """The derived graph that says what refines this event."""
        return f"{self.base}{REFINEMENT_SEGMENT}{self.group}/{self.date}"


def refined_event(graph_name: str) -> EventIri | None:
    """The coarse event a derived refinement graph is named after (None: another graph)."""
    if REFINEMENT_SEGMENT not in graph_name:
        return None
    return EventIri.parse(graph_name.replace(REFINEMENT_SEGMENT, "event/", 1))


def _finer(fine: str, coarse: str) -> bool:
    """Whether date text `fine` names a part of `coarse` at a finer precision."""
    return fine.startswith(coarse + "-") and len(fine) > len(coarse)


def date_refines(fine: str, coarse: str) -> bool:
    """Whether date segment `fine` says `coarse` more precisely: a day or month within a
    coarser point, or a period whose ends refine (or equal) the coarser period's ends."""
    if fine == coarse or "undated" in (fine, coarse):
        return False
    if ("--" in fine) != ("--" in coarse):
        return False  # a war 1950-1953 is not "refined" by one battle of it
    if "--" not in fine:
        return _finer(fine, coarse)
    (fs, fe), (cs, ce) = fine.split("--", 1), coarse.split("--", 1)
    return (fs == cs or _finer(fs, cs)) and (fe == ce or _finer(fe, ce))


def refinements(events: Iterable[str], touching: Iterable[str] | None = None) -> dict[str, str]:
    """Coarser event IRI -> the one finer event that refines it. Only events of one type
    and the same participants can refine each other; when the finer events within a coarse
    one do not narrow to a single one (two visits in June), the coarse one stays apart.
    With `touching`, only the pairs that may hold one of those events are looked for."""
    groups = _groups(events)
    wanted = None if touching is None else _by_group(touching)
    found: dict[str, str] = {}
    for key, members in groups.items():
        if wanted is not None and key not in wanted:
            continue
        dates = _Dates(members)
        coarse = members if wanted is None else dates.coarser(wanted.get(key, set()))
        for date in coarse:
            inside = _Dates(dates.refining(date))
            finest = [d for d in inside.dates if not inside.refining(d)]
            if len(finest) == 1:
                found[members[date].iri] = members[finest[0]].iri
    return found


def affected(events: Iterable[str], touching: Iterable[str]) -> set[str]:
    """The events of `events` whose refinement a write that adds or takes away the events
    `touching` may change: those events themselves and each one they refine (a coarse
    event's refinement depends only on the events that refine it), found by index."""
    groups, found = _groups(events), set[str]()
    for key, dates in _by_group(touching).items():
        members = groups.get(key, {})
        found.update(members[d].iri for d in _Dates(members).coarser(dates))
    return found


def _groups(events: Iterable[str]) -> dict[str, dict[str, EventIri]]:
    """Events by group (base and `<type>/<participants>`), each by its date segment."""
    groups: dict[str, dict[str, EventIri]] = {}
    for iri in set(events):
        parsed = EventIri.parse(iri)
        if parsed is not None:  # within a group, the date tells events apart
            groups.setdefault(f"{parsed.base}|{parsed.group}", {})[parsed.date] = parsed
    return groups


def _by_group(events: Iterable[str]) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for parsed in filter(None, map(EventIri.parse, events)):
        wanted.setdefault(f"{parsed.base}|{parsed.group}", set()).add(parsed.date)
    return wanted


class _Dates:
    """A group's date segments, sorted, to find those that refine a date without comparing
    every pair: a point's refinements share its text as a prefix (date_refines)."""

    def __init__(self, dates: Iterable[str]) -> None:
        self.dates = list(dates)
        self.points = sorted(d for d in self.dates if "--" not in d)
        self.periods = [d for d in self.dates if "--" in d]
        self._known = set(self.dates)

    def coarser(self, dates: Iterable[str]) -> set[str]:
        """These dates (those here) and every date here that one of them refines."""
        found = set(dates) & set(self.dates)
        for date in dates:
            if "--" in date:
                found.update(p for p in self.periods if date_refines(date, p))
            else:  # a point refines the points its text extends at a "-"
                found.update(date[:i] for i, ch in enumerate(date) if ch == "-")
        return {d for d in found if d in self._known}

    def refining(self, coarse: str) -> list[str]:
        """The dates here that refine `coarse` (date_refines(fine, coarse))."""
        if "--" in coarse:
            return [d for d in self.periods if date_refines(d, coarse)]
        if coarse == "undated":
            return []
        prefix = coarse + "-"  # every point that starts so, and only those, sort together
        lo = bisect_left(self.points, prefix)
        hi = bisect_left(self.points, coarse + ".", lo)  # "." follows "-"
        return [d for d in self.points[lo:hi] if date_refines(d, coarse)]


@dataclass
class Reports:
    """What the article graphs say of one event: its sources and evidence nodes."""

    sources: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)


def refinement_graph(coarse: str, fine: str, reports: Reports) -> Graph:
    """The derived graph of one coarse event: `coarse refinedBy fine`, and the coarse
    event's sources and evidence lent to the finer one."""
    graph = Graph()
    graph.add((URIRef(coarse), GEO.refinedBy, URIRef(fine)))
    for article in sorted(reports.sources):
        graph.add((URIRef(fine), GEO.source, URIRef(article)))
    for evidence in sorted(reports.evidence):
        graph.add((URIRef(fine), GEO.evidence, URIRef(evidence)))
    return graph


def refinement_graphs(
    reported: Mapping[str, Reports], touched: Iterable[str], existing: Iterable[str]
) -> dict[str, Graph]:
    """The derived graphs of the `touched` events' groups, given every event of those groups
    (`reported`: event IRI -> what the article graphs say of it): the graph of each coarse
    event, and an empty graph (to drop) for each `existing` one that no longer applies."""
    groups = {p.group for p in map(EventIri.parse, touched) if p is not None}
    found = refinements(reported)
    graphs: dict[str, Graph] = {}
    for coarse, fine in found.items():
        parsed = EventIri.parse(coarse)
        if parsed is not None and parsed.group in groups:
            graphs[parsed.graph] = refinement_graph(coarse, fine, reported[coarse])
    for name in existing:
        parsed = refined_event(name)
        if parsed is not None and parsed.group in groups and name not in graphs:
            graphs[name] = Graph()
    return graphs

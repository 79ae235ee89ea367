"""The refinement graphs an article write changes, found by index and written by difference,
so an article's cost does not grow with how many other articles report its events.

A refinement graph holds `C refinedBy F` and, lent to F, the sources and evidence every
article graph gives the coarse event C (kg.refinement). When article X is written (its
stored graph `old` replaced by `new`), only the groups of X's old and new events can change:

- the events of those groups that another article reports (one indexed query: the group's
  events from their dyad and type code, each kept when some other article graph types it);
- the refinement graphs stored for them, with the event each names as refining (one query
  by graph name);
- for each coarse event C that X's old or new graph reports and whose refinement stays
  the same: X's part of C's sources and evidence taken out (unless another article gives
  the same) and put in, as a difference (DELETE DATA / INSERT DATA) in the same transaction;
- a refinement that is new or names another finer event is built whole from C's reports
  (a query by C), one that no longer applies is dropped.

So the stored refinement graphs stay exactly those the whole record implies
(kg.refinement_record.store_refinement_graphs), which the tests check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef

from kg.queries.sparql_builders import PREFIXES, iri_ref, string_literal
from kg.refinement import REFINEMENT_SEGMENT, EventIri, Reports, refinement_graph, refinements
from kg.refinement_record import Key, group_keys
from kg.stores.base import RecordStore
from ontology.namespace import GEO

# The group's events from the dyad (or one participant) links, one branch per group with its
# terms written in (so each is an index look-up), kept by IRI prefix (type and participants),
# deduplicated before anything is joined (the union holds a link once per reporting article).
_OTHERS_QUERY = """SELECT DISTINCT ?e WHERE {{ {branches} }}"""
# When the article is stored already, an event counts only if another graph types it.
_NOT_ONLY_MINE = """SELECT ?e WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ {branches} }} }}
  FILTER EXISTS {{ GRAPH ?g {{ ?e a geo:Event }}
    FILTER(?g != {skip} && !CONTAINS(STR(?g), "{segment}")) }}
}}"""
_BRANCH = "{{ {via_x} FILTER(STRSTARTS(STR(?e), {prefix})) }}"
_REFINED_QUERY = (
    """SELECT ?c ?f ?g WHERE {{ GRAPH ?g {{ VALUES ?c {{ {events} }} ?c geo:refinedBy ?f }} }}"""
)
_REPORTS_QUERY = """SELECT ?c ?p ?o WHERE {{
  VALUES ?c {{ {events} }}
  GRAPH ?g {{ ?c ?p ?o }}
  FILTER(?p IN (geo:source, geo:evidence))
  FILTER(?g != {skip} && !CONTAINS(STR(?g), "{segment}"))
}}"""
_SHARED_QUERY = """SELECT DISTINCT ?c ?p ?o WHERE {{
  VALUES (?c ?p ?o) {{ {rows} }}
  GRAPH ?g {{ ?c ?p ?o }}
  FILTER(?g != {skip} && !CONTAINS(STR(?g), "{segment}"))
}}"""

Part = set[tuple[URIRef, URIRef]]  # (geo:source or geo:evidence, object) of one event


@dataclass
class Changes:
    """What one article write does to the refinement graphs, and whom it corroborates."""

    replace: dict[str, Graph] = field(default_factory=dict)  # whole graphs (empty: dropped)
    insert: dict[str, Graph] = field(default_factory=dict)  # triples added to a kept graph
    delete: dict[str, Graph] = field(default_factory=dict)  # triples taken out of one
    others: set[str] = field(default_factory=set)  # group events another article reports
    found: dict[str, str] = field(default_factory=dict)  # coarse -> finer, after the write

    @property
    def derived(self) -> dict[str, bool]:
        """Each refinement graph written -> kept (False: dropped)."""
        kept = {g: len(d) > 0 for g, d in self.replace.items()}
        return kept | dict.fromkeys([*self.insert, *self.delete], True)


def _part(graph: Graph | None, event: str) -> Part:
    """What one article graph says of an event: its sources and evidence."""
    if graph is None:
        return set()
    node = URIRef(event)
    return {
        (p, o)
        for p in (GEO.source, GEO.evidence)
        for o in graph.objects(node, p)
        if isinstance(o, URIRef)
    }


def _events(graph: Graph | None) -> set[str]:
    if graph is None:
        return set()
    return {str(s) for s in graph.subjects(RDF.type, GEO.Event) if isinstance(s, URIRef)}


def _branches(keys: Mapping[str, Key]) -> str:
    branches = set()
    for iri, (via, anchor, _code) in keys.items():
        parsed = EventIri.parse(iri)
        if parsed is not None:
            prefix = string_literal(f"{parsed.base}event/{parsed.group}/")
            pattern = f"?e {iri_ref(via)} {iri_ref(anchor)} ."
            branches.add(_BRANCH.format(via_x=pattern, prefix=prefix))
    return " UNION ".join(sorted(branches))


def _others(store: RecordStore, name: str, keys: Mapping[str, Key], stored: bool) -> set[str]:
    """The events of these groups another article graph reports (for an article not stored
    yet: every event of the groups that the record holds)."""
    branches = _branches(keys)
    if not branches:
        return set()
    query = _NOT_ONLY_MINE if stored else _OTHERS_QUERY
    q = query.format(branches=branches, skip=iri_ref(name), segment=REFINEMENT_SEGMENT)
    return {row["e"] for row in store.select(PREFIXES + q)}


def _stored_refinements(store: RecordStore, events: Iterable[str]) -> dict[str, str]:
    """Coarse event -> the finer one its stored refinement graph names."""
    graphs = {p.iri: p.graph for p in map(EventIri.parse, sorted(events)) if p is not None}
    if not graphs:
        return {}
    values = " ".join(iri_ref(c) for c in graphs)
    rows = store.select(PREFIXES + _REFINED_QUERY.format(events=values))
    return {r["c"]: r["f"] for r in rows if graphs.get(r["c"]) == r["g"]}


def _reports_elsewhere(store: RecordStore, name: str, events: Iterable[str]) -> dict[str, Part]:
    """Every other article graph's sources and evidence of these events."""
    values = " ".join(iri_ref(e) for e in sorted(events))
    found: dict[str, Part] = {}
    if values:
        q = _REPORTS_QUERY.format(events=values, skip=iri_ref(name), segment=REFINEMENT_SEGMENT)
        for row in store.select(PREFIXES + q):
            found.setdefault(row["c"], set()).add((URIRef(row["p"]), URIRef(row["o"])))
    return found


def _shared(store: RecordStore, name: str, parts: Mapping[str, Part]) -> set[tuple[str, str, str]]:
    """Which of these (event, property, object) another article graph also states."""
    rows = " ".join(
        f"({iri_ref(c)} {iri_ref(str(p))} {iri_ref(str(o))})"
        for c, part in sorted(parts.items())
        for p, o in sorted(part)
    )
    if not rows:
        return set()
    q = _SHARED_QUERY.format(rows=rows, skip=iri_ref(name), segment=REFINEMENT_SEGMENT)
    return {(r["c"], r["p"], r["o"]) for r in store.select(PREFIXES + q)}


def _lent(fine: str, part: Part) -> Graph:
    graph = Graph()
    for p, o in part:
        graph.add((URIRef(fine), p, o))
    return graph


def refinement_changes(store: RecordStore, name: str, new: Graph, old: Graph | None) -> Changes:
    """What writing article graph `name` (`new` replacing `old`) does to the refinement
    graphs of its events' groups, read from the store by index."""
    keys = group_keys(new) | (group_keys(old) if old is not None else {})
    changes = Changes(others=_others(store, name, keys, old is not None))
    mine_old, mine_new = _events(old), _events(new)
    changes.found = refinements(changes.others | mine_new)
    before = _stored_refinements(store, changes.others | mine_old | mine_new)
    whole = {c for c, f in changes.found.items() if before.get(c) != f}
    reports = _reports_elsewhere(store, name, whole)
    for coarse in whole:
        part = reports.get(coarse, set()) | _part(new, coarse)
        sources = {str(o) for p, o in part if p == GEO.source}
        evidence = {str(o) for p, o in part if p == GEO.evidence}
        graph = refinement_graph(coarse, changes.found[coarse], Reports(sources, evidence))
        changes.replace[_graph_name(coarse)] = graph
    for coarse in set(before) - set(changes.found):
        changes.replace[_graph_name(coarse)] = Graph()
    _differences(store, name, changes, (old, new), set(changes.found) - whole)
    return changes


def _graph_name(coarse: str) -> str:
    parsed = EventIri.parse(coarse)
    assert parsed is not None  # refinements() only pairs parsed event IRIs
    return parsed.graph


def _differences(
    store: RecordStore,
    name: str,
    changes: Changes,
    graphs: tuple[Graph | None, Graph],
    kept: set[str],
) -> None:
    """X's part of each kept refinement: what its old graph lent and its new one does not
    (unless another article lends it too) out, what the new one lends in."""
    old, new = graphs
    gone = {c: _part(old, c) - _part(new, c) for c in kept}
    gone = {c: part for c, part in gone.items() if part}
    shared = _shared(store, name, gone)
    for coarse in kept:
        fine, graph_name = changes.found[coarse], _graph_name(coarse)
        out = {(p, o) for p, o in gone.get(coarse, set()) if (coarse, str(p), str(o)) not in shared}
        added = _part(new, coarse) - _part(old, coarse)
        if out:
            changes.delete[graph_name] = _lent(fine, out)
        if added:
            changes.insert[graph_name] = _lent(fine, added)

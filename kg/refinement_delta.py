"""The refinement graphs an article write changes, found by index and written by difference,
so an article's cost does not grow with how many other articles report its events.

A refinement graph holds `C refinedBy F` and, lent to F, the sources and evidence every
article graph gives the coarse event C (kg.refinement). When article X is written (its
stored graph `old` replaced by `new`), only the groups of X's old and new events can change:

- the events of those groups that another article reports (one indexed query: the group's
  events from their dyad and type code, each kept when some other article graph types it);
- the refinement graphs stored for those the write can change (its own events and those they
  refine, kg.refinement.affected: a group's other events keep theirs), with the event each
  names as refining (one query by graph name);
- for each coarse event C that X's old or new graph reports and whose refinement stays
  the same: X's part of C's sources and evidence taken out (unless another article gives
  the same) and put in, as a difference (DELETE DATA / INSERT DATA) in the same transaction;
- a refinement that is new or names another finer event is built whole from C's reports
  (a query by C), one that no longer applies is dropped.

Several new article graphs written in one transaction (kg.ingest_batch) are one write of
their union: the same reads, once. So the stored refinement graphs stay exactly those the
whole record implies (kg.refinement_record.store_refinement_graphs), which the tests check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.article_facts import ArticleFacts, Key, Part
from kg.group_index import GroupIndex, group_prefix
from kg.queries.sparql_builders import PREFIXES, iri_ref, string_literal
from kg.refinement import (
    REFINEMENT_SEGMENT,
    EventIri,
    Reports,
    affected,
    refinement_graph,
    refinements,
)
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
    FILTER(?g NOT IN ({skip}) && !CONTAINS(STR(?g), "{segment}")) }}
}}"""
_BRANCH = "{{ {via_x} FILTER(STRSTARTS(STR(?e), {prefix})) }}"
_REFINED_QUERY = (
    """SELECT ?c ?f ?g WHERE {{ GRAPH ?g {{ VALUES ?c {{ {events} }} ?c geo:refinedBy ?f }} }}"""
)
_REPORTS_QUERY = """SELECT ?c ?p ?o WHERE {{
  VALUES ?c {{ {events} }}
  GRAPH ?g {{ ?c ?p ?o }}
  FILTER(?p IN (geo:source, geo:evidence))
  FILTER(?g NOT IN ({skip}) && !CONTAINS(STR(?g), "{segment}"))
}}"""
_SHARED_QUERY = """SELECT DISTINCT ?c ?p ?o WHERE {{
  VALUES (?c ?p ?o) {{ {rows} }}
  GRAPH ?g {{ ?c ?p ?o }}
  FILTER(?g NOT IN ({skip}) && !CONTAINS(STR(?g), "{segment}"))
}}"""
_SOURCE = str(GEO.source)


@dataclass(frozen=True)
class Write:
    """One article graph written: its name, its facts, and its stored facts (None: new)."""

    name: str
    new: ArticleFacts
    old: ArticleFacts | None = None


@dataclass
class Changes:
    """What one write does to the refinement graphs."""

    replace: dict[str, Graph] = field(default_factory=dict)  # whole graphs (empty: dropped)
    insert: dict[str, Graph] = field(default_factory=dict)  # triples added to a kept graph
    delete: dict[str, Graph] = field(default_factory=dict)  # triples taken out of one

    @property
    def derived(self) -> dict[str, bool]:
        """Each refinement graph written -> kept (False: dropped)."""
        kept = {g: len(d) > 0 for g, d in self.replace.items()}
        return kept | dict.fromkeys([*self.insert, *self.delete], True)


def _facts(writes: Sequence[Write]) -> list[ArticleFacts]:
    return [f for w in writes for f in (w.new, w.old) if f is not None]


def _skip(writes: Sequence[Write]) -> str:
    return ", ".join(iri_ref(w.name) for w in writes)


def _branches(keys: Mapping[str, Key]) -> str:
    branches = set()
    for iri, (via, anchor, _code) in keys.items():
        prefix = group_prefix(iri)
        if prefix is not None:
            pattern = f"?e {iri_ref(via)} {iri_ref(anchor)} ."
            branches.add(_BRANCH.format(via_x=pattern, prefix=string_literal(prefix)))
    return " UNION ".join(sorted(branches))


def group_events(store: RecordStore, writes: Sequence[Write], index: GroupIndex | None) -> set[str]:
    """The events of the writes' groups that another article graph reports (for articles
    not stored yet: every event of those groups the record holds, from `index` if given)."""
    keys = {k: v for f in _facts(writes) for k, v in f.group_keys().items()}
    stored = [w for w in writes if w.old is not None]
    if not stored and index is not None:
        return index.events(keys)
    branches = _branches(keys)
    if not branches:
        return set()
    query = _NOT_ONLY_MINE if stored else _OTHERS_QUERY
    q = query.format(branches=branches, skip=_skip(stored), segment=REFINEMENT_SEGMENT)
    return {row["e"] for row in store.select(PREFIXES + q)}


def _stored_refinements(store: RecordStore, events: Iterable[str]) -> dict[str, str]:
    """Coarse event -> the finer one its stored refinement graph names."""
    graphs = {p.iri: p.graph for p in map(EventIri.parse, sorted(events)) if p is not None}
    if not graphs:
        return {}
    values = " ".join(iri_ref(c) for c in graphs)
    rows = store.select(PREFIXES + _REFINED_QUERY.format(events=values))
    return {r["c"]: r["f"] for r in rows if graphs.get(r["c"]) == r["g"]}


def _reports_elsewhere(store: RecordStore, skip: str, events: Iterable[str]) -> dict[str, Part]:
    """Every other article graph's sources and evidence of these events."""
    values = " ".join(iri_ref(e) for e in sorted(events))
    found: dict[str, set[tuple[str, str]]] = {}
    if values:
        q = _REPORTS_QUERY.format(events=values, skip=skip, segment=REFINEMENT_SEGMENT)
        for row in store.select(PREFIXES + q):
            found.setdefault(row["c"], set()).add((row["p"], row["o"]))
    return {c: frozenset(part) for c, part in found.items()}


def _shared(store: RecordStore, skip: str, parts: Mapping[str, Part]) -> set[tuple[str, str, str]]:
    """Which of these (event, property, object) another article graph also states."""
    rows = " ".join(
        f"({iri_ref(c)} {iri_ref(p)} {iri_ref(o)})"
        for c, part in sorted(parts.items())
        for p, o in sorted(part)
    )
    if not rows:
        return set()
    q = _SHARED_QUERY.format(rows=rows, skip=skip, segment=REFINEMENT_SEGMENT)
    return {(r["c"], r["p"], r["o"]) for r in store.select(PREFIXES + q)}


def _lent(fine: str, part: Iterable[tuple[str, str]]) -> Graph:
    graph = Graph()
    for p, o in part:
        graph.add((URIRef(fine), URIRef(p), URIRef(o)))
    return graph


def _parts(facts: Iterable[ArticleFacts | None], event: str) -> set[tuple[str, str]]:
    return {x for f in facts if f is not None for x in f.part(event)}


def refinement_changes(store: RecordStore, writes: Sequence[Write], others: set[str]) -> Changes:
    """What writing these article graphs (`others`: group_events) does to the refinement
    graphs of their events' groups, read from the store by index."""
    changes, skip = Changes(), _skip(writes)
    mine_old = {e for w in writes if w.old is not None for e in w.old.events}
    mine_new = {e for w in writes for e in w.new.events}
    touched = mine_old | mine_new  # only their refinements and those of what they refine
    found = refinements(others | mine_new, touching=touched)
    before = _stored_refinements(store, affected(others | touched, touched))
    whole = {c for c, f in found.items() if before.get(c) != f}
    reports = _reports_elsewhere(store, skip, whole)
    for coarse in whole:
        part = reports.get(coarse, frozenset()) | _parts((w.new for w in writes), coarse)
        sources = {o for p, o in part if p == _SOURCE}
        evidence = {o for p, o in part if p != _SOURCE}
        graph = refinement_graph(coarse, found[coarse], Reports(sources, evidence))
        changes.replace[_graph_name(coarse)] = graph
    for coarse in set(before) - set(found):
        changes.replace[_graph_name(coarse)] = Graph()
    kept = {c: found[c] for c in set(found) - whole}
    _differences(store, writes, changes, kept)
    return changes


def _graph_name(coarse: str) -> str:
    parsed = EventIri.parse(coarse)
    assert parsed is not None  # refinements() only pairs parsed event IRIs
    return parsed.graph


def _differences(
    store: RecordStore, writes: Sequence[Write], changes: Changes, kept: Mapping[str, str]
) -> None:
    """The writes' part of each kept refinement (coarse -> fine): what their old graphs lent
    and their new ones do not (unless another article lends it too) out, what the new ones
    lend in."""
    olds, news = [w.old for w in writes], [w.new for w in writes]
    gone = {c: frozenset(_parts(olds, c) - _parts(news, c)) for c in kept}
    gone = {c: part for c, part in gone.items() if part}
    shared = _shared(store, _skip(writes), gone)
    for coarse, fine in kept.items():
        name = _graph_name(coarse)
        out = {(p, o) for p, o in gone.get(coarse, ()) if (coarse, p, o) not in shared}
        added = _parts(news, coarse) - _parts(olds, coarse)
        if out:
            changes.delete[name] = _lent(fine, out)
        if added:
            changes.insert[name] = _lent(fine, added)

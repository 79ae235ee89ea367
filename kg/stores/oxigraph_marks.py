"""Which pair timelines a write of some named graphs reaches in the embedded store
(kg.stores.timeline_keys says why), read from the graphs as they stand: the store marks
these pairs stale before its write and after it (kg.stores.sqlite_timeline_cache).

It answers what timeline_keys.foreign_subject_query asks (does a graph describe anything but
events and their sources?) from two index reads per call, each subject's types within its
own graph, and a look-up in the union only for a subject with none of the event-side types
there: the query's two FILTER NOT EXISTS per subject cost ten times as much (1.4 ms an
article graph)."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from kg.stores.timeline_keys import ANY_EVENT_QUERY, EVENT_SIDE_TYPES, dyads_query
from ontology.namespace import GEO_IRI

_CHUNK = 500  # subjects per VALUES block
_CODE = ox.NamedNode(f"{GEO_IRI}code")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_EVENT = ox.NamedNode(f"{GEO_IRI}Event")
_KINDS = frozenset(ox.NamedNode(f"{GEO_IRI}{t}") for t in EVENT_SIDE_TYPES)
_SUBJECTS = "SELECT DISTINCT ?g ?s WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"
_TYPES = f"SELECT ?g ?s ?t WHERE {{{{ VALUES ?g {{{{ {{graphs}} }}}} GRAPH ?g {{{{ ?s <{_TYPE.value}> ?t }}}} }}}}"

Node = ox.NamedNode | ox.BlankNode


def _subjects(store: ox.Store, names: list[str]) -> list[tuple[Node, Node]]:
    graphs = " ".join(f"<{name}>" for name in names)
    return [(r[0], r[1]) for r in store.query(_SUBJECTS.format(graphs=graphs))]  # type: ignore[union-attr]


def _foreign(store: ox.Store, names: list[str], subjects: list[tuple[Node, Node]]) -> bool:
    """Whether a subject is neither an event (in any graph) nor of an event-side type in
    the graph that names it (timeline_keys.foreign_subject_query)."""
    graphs = " ".join(f"<{name}>" for name in names)
    kinds: dict[tuple[Node, Node], set[Node]] = {}
    for g, s, t in store.query(_TYPES.format(graphs=graphs)):  # type: ignore[union-attr]
        kinds.setdefault((g, s), set()).add(t)
    for pair in subjects:
        if kinds.get(pair, set()) & _KINDS:
            continue
        if next(store.quads_for_pattern(pair[1], _TYPE, _EVENT, None), None) is None:
            return True
    return False


def touched_pairs(store: ox.Store, names: list[str]) -> list[str] | None:
    """The pairs whose timelines the graphs `names` may change as they stand now; None when
    that may be any pair."""
    subjects = _subjects(store, names)
    if _foreign(store, names, subjects):
        return None
    if any(not isinstance(s, ox.NamedNode) for _g, s in subjects):
        return None  # a blank node cannot be bound by VALUES: assume it reaches any pair
    iris = sorted({s.value for _g, s in subjects})
    codes: set[str] = set()
    for i in range(0, len(iris), _CHUNK):
        query = dyads_query(iris[i : i + _CHUNK])
        for row in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
            # one code triple of each dyad, whichever graph holds it
            quad = next(store.quads_for_pattern(row[0], _CODE, None, None), None)
            codes.update([str(quad.object.value)] if quad is not None else [])  # type: ignore[union-attr]
    return sorted(codes)


class OxigraphMarks:
    """The Marks (kg.stores.sqlite_timeline_cache) of the embedded store `store()` returns."""

    def __init__(self, store: Callable[[], ox.Store]) -> None:
        self._store = store

    def touched(self, names: list[str]) -> list[str] | None:
        return touched_pairs(self._store(), names)

    def has_events(self) -> bool:
        return bool(self._store().query(ANY_EVENT_QUERY, use_default_graph_as_union=True))

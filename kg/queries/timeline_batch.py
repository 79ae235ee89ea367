"""Several pair timelines read from the record at once (the end of `kg ingest` and `kg warm`,
through kg.queries.cached_queries): each pair's events as `SparqlQueries.timeline` finds
them, then the events' links and the linked nodes read once for all the pairs, not once per
pair. A run's pairs share most of their articles and many events (500 articles of one
outlet: 11,334 node reads for 3,982 nodes), so the shared reads cost a third of the
pair-by-pair ones (issue 31). Each pair's answer is what `timeline` would answer: the same
rows, built the same way."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kg.queries import sparql_details as sd
from kg.queries import sparql_event_builders as qe
from kg.queries.models import EventPublic
from kg.queries.sparql_rows import event_models, sources_by_fact
from kg.stores.base import RecordStore

MOST_ROWS = 2000  # event rows read before their links are: bounds a query's VALUES block
Rows = list[dict[str, str]]


def read_timelines(store: RecordStore, codes: Sequence[str]) -> Iterator[tuple[str, list[EventPublic]]]:  # fmt: skip
    """Each pair's (a dyad code, 'CHN|PRK') whole timeline, read MOST_ROWS event rows at
    a time."""
    group: dict[str, Rows] = {}
    for code in codes:
        group[code] = store.select(qe.event_keys_query(code.split("|")))
        if sum(map(len, group.values())) >= MOST_ROWS:
            yield from _events(store, group)
            group = {}
    yield from _events(store, group)


def _events(store: RecordStore, keys: dict[str, Rows]) -> Iterator[tuple[str, list[EventPublic]]]:
    """Each pair's events from its event rows, with links and nodes read once for all."""
    iris = {code: list(dict.fromkeys(r["e"] for r in rows)) for code, rows in keys.items()}
    every = list(dict.fromkeys(e for found in iris.values() for e in found))
    links = sd.by_subject(store.select(sd.props_query(every, sd.LINKS))) if every else {}
    linked = sd.linked_nodes(links)
    nodes = sd.by_subject(store.select(sd.props_query(linked, sd.NODE_PROPS))) if linked else {}
    for code, rows in keys.items():
        people = sd.people_rows(iris[code], links, nodes)
        sources = sources_by_fact(sd.source_rows(iris[code], links, nodes))
        yield code, event_models(rows, people, sources) if iris[code] else []

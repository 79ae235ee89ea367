"""Any GraphQueries with its pair timelines read through a TimelineCache (kg.stores.
timeline_cache): the read-through is written here once, for the cache beside the record
(SQLite), the one in Neo4j and a running server's, and each backend's `timeline` stays the
query and nothing else. Every other query goes to the backend as it is."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date

from kg.queries.base import GraphQueries, Ranked, Row
from kg.queries.checks import timeline_dyad
from kg.queries.models import (
    AlliancePublic,
    AllyPublic,
    EntityPublic,
    EventPublic,
    LeaderTermPublic,
    Neighbourhood,
    RelationSummary,
    StatePublic,
)
from kg.queries.search_models import SearchResult
from kg.queries.sparql_queries import SparqlQueries
from kg.stores.base import RecordStore
from kg.stores.timeline_cache import CachedEvent, PageFilter, TimelineCache, page_indexes
from ontology.dates import PartialDate

NOTHING = PageFilter(limit=0)  # what asks a cache whether it holds a pair


def cached_event(event: EventPublic) -> CachedEvent:
    """An event of a pair's timeline as a timeline cache keeps it."""
    return CachedEvent(event.earliest, event.latest, event.type, event.model_dump_json())


def page_filter(
    event_type: str | None,
    start: PartialDate | None,
    end: PartialDate | None,
    limit: int | None,
    offset: int,
) -> PageFilter:
    """What a timeline request keeps of a pair's cached events: its type, the days its
    period spans (ISO), and its page."""
    return PageFilter(
        event_type,
        start.earliest.isoformat() if start else None,
        end.latest.isoformat() if end else None,
        limit,
        offset,
    )


def record_queries(store: RecordStore, owns_store: bool = False) -> GraphQueries:
    """SPARQL over the store of record, its pair timelines through the cache kept beside it
    (kg.stores.record_caches) when it keeps one; `close()` closes the store if `owns_store`."""
    queries = SparqlQueries(store, owns_store=owns_store)
    caches = store.caches()
    if caches is None or caches.timelines is None:
        return queries
    return CachedQueries(queries, caches.timelines, owns_cache=False)


class CachedQueries(GraphQueries):
    """`inner`'s answers, pair timelines through `cache`: a pair the cache holds is a page of
    it; one it lacks is read whole from `inner` once and kept (unless a write overtook the
    read), then paged. `close()` closes `inner`, and `cache` when `owns_cache`."""

    def __init__(self, inner: GraphQueries, cache: TimelineCache, owns_cache: bool = True) -> None:
        self.inner = inner
        self.cache = cache
        self._owns_cache = owns_cache

    def on_write(self, graph_names: Sequence[str] | None) -> AbstractContextManager[None]:
        """Around a write of these graphs (None: of anything) to what `inner` reads: the
        pairs it may change are marked stale before it and after it."""
        return self.cache.writing(graph_names)

    def close(self) -> None:
        if self._owns_cache:
            self.cache.close()
        close = getattr(self.inner, "close", None)  # the backend's store or driver, if its own
        if callable(close):
            close()

    def timeline(
        self,
        a: str,
        b: str,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        event_type: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EventPublic]:
        dyad = timeline_dyad(a, b, start, end, event_type, limit, offset)
        keep = page_filter(event_type, start, end, limit, offset)
        found = self.cache.page(dyad, keep)
        if found.events is not None:
            return [EventPublic.model_validate_json(body) for body in found.events]
        if found.ticket is not None:  # read the whole pair once, keep it, page it here
            whole = self.inner.timeline(a, b)
            events = [cached_event(e) for e in whole]
            if self.cache.keep(dyad, events, found.ticket):
                return [whole[i] for i in page_indexes(events, keep)]
        # not kept: no ticket (a write runs), or a write overtook the read
        return self.inner.timeline(a, b, start, end, event_type, limit, offset)

    def read_pairs(self, dyads: Sequence[str]) -> int:
        """Read into the cache each of these pairs it lacks, together (the backend's
        whole_timelines), keeping none that a write overtook; how many were read."""
        tickets: dict[str, int] = {}
        for dyad in dyads:
            found = self.cache.page(dyad, NOTHING)
            if found.events is None and found.ticket is not None:
                tickets[dyad] = found.ticket
        for dyad, events in self.inner.whole_timelines(list(tickets)).items():
            self.cache.keep(dyad, [cached_event(e) for e in events], tickets[dyad])
        return len(tickets)

    def whole_timelines(self, dyads: Sequence[str]) -> dict[str, list[EventPublic]]:
        return self.inner.whole_timelines(dyads)

    def dyads(self) -> list[str]:
        return self.inner.dyads()

    def states(self) -> list[StatePublic]:
        return self.inner.states()

    def state(self, code: str) -> StatePublic | None:
        return self.inner.state(code)

    def leaders(self, state: str, at: PartialDate | None = None) -> list[LeaderTermPublic]:
        return self.inner.leaders(state, at)

    def alliances(
        self, state: str, at: PartialDate | None = None, obligation: str | None = None
    ) -> list[AlliancePublic]:
        return self.inner.alliances(state, at, obligation)

    def allies(self, state: str, at: PartialDate | None = None) -> list[AllyPublic]:
        return self.inner.allies(state, at)

    def relation_summary(self, a: str, b: str) -> RelationSummary:
        return self.inner.relation_summary(a, b)

    def events(
        self,
        state: str | None = None,
        event_type: str | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[EventPublic]:
        return self.inner.events(state, event_type, start, end, limit, offset)

    def neighbourhood(self, code: str, at: PartialDate, years: int = 10) -> Neighbourhood | None:
        return self.inner.neighbourhood(code, at, years)

    def search(self, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
        return self.inner.search(text, limit, offset)

    def entity(self, key: str) -> EntityPublic | None:
        return self.inner.entity(key)

    def entity_matches(self, key: str, most: int = 10) -> tuple[list[EntityPublic], int]:
        return self.inner.entity_matches(key, most)

    # The steps of the queries above, which `inner` answers whole.
    def _relation_rows(self, code: str) -> list[Row]:
        return self.inner._relation_rows(code)

    def _counterpart_rows(self, code: str, start: date, end: date) -> list[Row]:
        return self.inner._counterpart_rows(code, start, end)

    def _entity_rows(self, codes: list[str]) -> list[Row]:
        return self.inner._entity_rows(codes)

    def _ranked(self, key: str) -> Ranked:
        return self.inner._ranked(key)

    def _entity_at(self, iri: str) -> EntityPublic:
        return self.inner._entity_at(iri)

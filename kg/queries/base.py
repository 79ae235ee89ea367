"""The domain query interface: implemented once in SPARQL (embedded Oxigraph) and once in
Cypher (Neo4j); one contract suite checks that both give the same answers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from datetime import date

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
from kg.queries.neighbourhood import build, entity_nodes, event_counts, event_window
from kg.queries.search_models import SearchResult
from ontology.dates import PartialDate

NAME_PART = 3  # the rank of a match by the first or last words of a name
Ranked = list[tuple[int, int, str]]  # (rank, type priority, IRI)
Row = dict[str, str]


class GraphQueries(ABC):
    """Every question users ask of the graph. Dates are PartialDate: a query 'at 2024' means
    any day of 2024 (periods that overlap it); codes are upper-case state/org codes.

    Ordering contract (both backends): lists are sorted deterministically: leaders by start,
    alliances by name, allies by state code, events by (earliest, latest, type, iri)."""

    @abstractmethod
    def states(self) -> list[StatePublic]: ...

    @abstractmethod
    def state(self, code: str) -> StatePublic | None: ...

    @abstractmethod
    def leaders(self, state: str, at: PartialDate | None = None) -> list[LeaderTermPublic]: ...

    @abstractmethod
    def alliances(
        self, state: str, at: PartialDate | None = None, obligation: str | None = None
    ) -> list[AlliancePublic]: ...

    @abstractmethod
    def allies(self, state: str, at: PartialDate | None = None) -> list[AllyPublic]: ...

    @abstractmethod
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
        """Events with both `a` and `b` as participants (found from their dyad), optionally
        of one type and overlapping [start, end]; `limit` events from `offset` (None: all)."""

    def whole_timelines(self, dyads: Sequence[str]) -> dict[str, list[EventPublic]]:
        """Each pair's whole timeline, by dyad code ('CHN|PRK'), as `timeline` answers it
        (a backend may read several pairs at once: kg.queries.timeline_batch)."""
        pairs = {dyad: dyad.split("|") for dyad in dyads}
        return {dyad: self.timeline(a, b) for dyad, (a, b) in pairs.items()}

    @abstractmethod
    def dyads(self) -> list[str]:
        """The code of every pair that has a dyad ('CHN|PRK'), sorted."""

    @abstractmethod
    def relation_summary(self, a: str, b: str) -> RelationSummary: ...

    @abstractmethod
    def events(
        self,
        state: str | None = None,
        event_type: str | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[EventPublic]: ...

    def neighbourhood(self, code: str, at: PartialDate, years: int = 10) -> Neighbourhood | None:
        """The state, organization or non-state actor `code` at `at` as nodes and edges (the
        graph explorer): its relations holding then, the alliances it belongs to then, and
        its counterparts in the events of the `years` (1-100) before, counted by type. None
        when no entity has the code; a ValueError for what is not a code or a bad `years`."""
        centre = code.strip().upper()
        start, end = event_window(at, years)
        relations = self._relation_rows(centre)
        counts = event_counts(self._counterpart_rows(centre, start, end))
        codes = {centre} | {r["actor"] for r in relations} | set(counts)
        entities = entity_nodes(self._entity_rows(sorted(codes)))
        if centre not in entities:
            return None
        parts = (relations, counts, self.alliances(centre, at))
        return build(centre, at, years, entities, parts)

    @abstractmethod
    def _relation_rows(self, code: str) -> list[Row]:
        """(r, type, actor, since?, until?, published?) of each relation with `code` at one
        end: a row per actor code (both ends) and per article date (geo:source's published)."""

    @abstractmethod
    def _counterpart_rows(self, code: str, start: date, end: date) -> list[Row]:
        """(code, type, n): how many events (refined ones left out) overlapping [start, end]
        have `code` and another participant of that code, by type."""

    @abstractmethod
    def _entity_rows(self, codes: list[str]) -> list[Row]:
        """(code, x, kind, name?) of each state, organization, alliance, person or
        non-state actor with one of `codes`: its IRI, a type IRI, a name."""

    @abstractmethod
    def search(self, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
        """Full-text search of the evidence sentences of events, article titles and entity
        names (kg.queries.search_words: every word, stemmed); `limit` hits from `offset`, in
        the order of kg.queries.search_hits, and how many there are. ValueError for text with
        no word to search or too long, and for a page out of range."""

    def entity(self, key: str) -> EntityPublic | None:
        """The best match for `key`: its IRI, then code ('CHN', 'NATO'), then name or alias
        (any case); else the one entity whose name begins or ends with its words ('Putin').
        None when nothing fits, or when those words fit several entities ('Kim')."""
        ranked = self._ranked(key)
        if not ranked or (ranked[0][0] == NAME_PART and len(ranked) > 1):
            return None
        return self._entity_at(ranked[0][2])

    def entity_matches(self, key: str, most: int = 10) -> tuple[list[EntityPublic], int]:
        """The entities `key` may mean, best first as `entity` ranks them (at most `most`),
        and how many there are: what to show someone whose words fit several."""
        ranked = self._ranked(key)
        return [self._entity_at(iri) for _, _, iri in ranked[:most]], len(ranked)

    @abstractmethod
    def _ranked(self, key: str) -> Ranked:
        """(rank, type priority, IRI) of each entity `key` matches, at its best and sorted:
        rank 0 IRI, 1 code, 2 name or alias; NAME_PART matches only when there are none."""

    @abstractmethod
    def _entity_at(self, iri: str) -> EntityPublic:
        """Types, code, names and aliases of one entity."""


def best_per_iri(matches: Iterable[tuple[int, int, str]]) -> Ranked:
    """Each IRI once, with its best (lowest) rank and priority, sorted."""
    best: dict[str, tuple[int, int, str]] = {}
    for match in matches:
        iri = match[2]
        if iri not in best or match < best[iri]:
            best[iri] = match
    return sorted(best.values())

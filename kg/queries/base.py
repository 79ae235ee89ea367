"""The domain query interface: implemented once in SPARQL (embedded Oxigraph) and once in
Cypher (Neo4j); one contract suite checks that both give the same answers."""

from __future__ import annotations

from abc import ABC, abstractmethod

from kg.queries.models import (
    AlliancePublic,
    AllyPublic,
    EntityPublic,
    EventPublic,
    LeaderTermPublic,
    RelationSummary,
    StatePublic,
)
from ontology.dates import PartialDate


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

    @abstractmethod
    def entity(self, key: str) -> EntityPublic | None:
        """Look up by code ('CHN', 'NATO'), full IRI, or name/alias (case-insensitive)."""

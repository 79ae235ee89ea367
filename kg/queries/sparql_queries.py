"""The domain queries in SPARQL over the store of record (the union of its named graphs); the
query text comes from pure builders, the rows become the shared pydantic models here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kg.queries import sparql_builders as qb
from kg.queries import sparql_details as sd
from kg.queries import sparql_event_builders as qe
from kg.queries import sparql_neighbourhood as qn
from kg.queries.base import NAME_PART, GraphQueries, Ranked, Row, best_per_iri
from kg.queries.checks import check_pair, check_period, diplomatic_since
from kg.queries.models import (
    AlliancePublic,
    AllyPublic,
    EntityPublic,
    EventPublic,
    LeaderTermPublic,
    RelationPublic,
    RelationSummary,
    StatePublic,
)
from kg.queries.search_models import SearchResult
from kg.queries.search_sparql import sparql_search
from kg.queries.sparql_rows import (
    alliance_names,
    alliance_rows,
    co_membership,
    entity_from_rows,
    event_models,
    leader_terms,
    overlaps,
    relation_models,
    sources_by_fact,
    state_model,
)
from kg.queries.timeline_batch import read_timelines
from kg.stores.base import RecordStore
from ontology.dates import PartialDate
from ontology.namespace import GEO_IRI

LATEST_EVENTS = 5  # how many of the pair's most recent events relation_summary shows
DYADS_QUERY = qb.PREFIXES + "SELECT DISTINCT ?code WHERE { ?d a geo:Dyad ; geo:code ?code }"


class SparqlQueries(GraphQueries):
    """GraphQueries over a RecordStore; `close()` closes the store when this object owns it."""

    def __init__(self, store: RecordStore, owns_store: bool = False) -> None:
        self.store = store
        self._owns_store = owns_store

    def close(self) -> None:
        if self._owns_store:
            self.store.close()

    def states(self) -> list[StatePublic]:
        return [state_model(r) for r in self.store.select(qb.states_query())]

    def state(self, code: str) -> StatePublic | None:
        """The state with this code; None also for text that cannot be a code."""
        if not code.strip():
            return None  # states_query('') would list every state
        try:
            sparql = qb.states_query(code)
        except ValueError:
            return None
        rows = self.store.select(sparql)
        return state_model(rows[0]) if rows else None

    def _existed(self, code: str, at: PartialDate | None) -> bool:
        """False when the state is unknown, or did not exist on any day of `at`."""
        found = self.state(code)
        return found is not None and (at is None or overlaps(found.start, found.end, at))

    def leaders(self, state: str, at: PartialDate | None = None) -> list[LeaderTermPublic]:
        if not self._existed(state, at):
            return []
        return leader_terms(self.store.select(qb.leaders_query(state, at)), state.upper())

    def alliances(
        self, state: str, at: PartialDate | None = None, obligation: str | None = None
    ) -> list[AlliancePublic]:
        if not self._existed(state, at):
            return []
        rows = self.store.select(qb.alliances_query(state, at, obligation))
        details = self._alliance_details({r["al"] for r in rows})
        found = alliance_rows(rows, details)
        if at is not None:
            found = [a for a in found if overlaps(a.start, a.end, at)]
        return found

    def _alliance_details(self, iris: set[str]) -> list[dict[str, str]]:
        if not iris:
            return []
        return self.store.select(qb.alliance_details_query(sorted(iris)))

    def allies(self, state: str, at: PartialDate | None = None) -> list[AllyPublic]:
        if not self._existed(state, at):
            return []
        rows = self.store.select(qb.allies_query(state, at))
        names = alliance_names(self._alliance_details({r["al"] for r in rows}))
        allies: dict[str, AllyPublic] = {}
        for r in rows:
            ally = allies.setdefault(
                r["code"], AllyPublic(state=r["code"], name=r.get("name", r["code"]), via=[])
            )
            name = names.get(r["al"], r["al"])
            if name not in ally.via:
                ally.via.append(name)
        for ally in allies.values():
            ally.via.sort()
        return [allies[c] for c in sorted(allies)]

    def _events(self, sparql: str) -> list[EventPublic]:
        keys = self.store.select(sparql)
        iris = list(dict.fromkeys(r["e"] for r in keys))
        if not iris:
            return []
        links = sd.by_subject(self.store.select(sd.props_query(iris, sd.LINKS)))
        nodes = sd.by_subject(
            self.store.select(sd.props_query(sd.linked_nodes(links), sd.NODE_PROPS))
        )
        people = sd.people_rows(iris, links, nodes)
        return event_models(keys, people, sources_by_fact(sd.source_rows(iris, links, nodes)))

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
        check_pair(a, b)
        check_period(start, end)
        return self._events(qe.event_keys_query((a, b), event_type, start, end, limit, offset))

    def whole_timelines(self, dyads: Sequence[str]) -> dict[str, list[EventPublic]]:
        return dict(read_timelines(self.store, dyads))

    def dyads(self) -> list[str]:
        return sorted(r["code"] for r in self.store.select(DYADS_QUERY))

    def events(
        self,
        state: str | None = None,
        event_type: str | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[EventPublic]:
        check_period(start, end)
        who = (state,) if state else ()
        return self._events(qe.event_keys_query(who, event_type, start, end, limit, offset))

    def relation_summary(self, a: str, b: str) -> RelationSummary:
        check_pair(a, b, "a relation summary")
        a, b = a.strip().upper(), b.strip().upper()
        relations = self._relations(a, b)
        counts = {r["type"]: int(r["n"]) for r in self.store.select(qe.event_counts_query(a, b))}
        latest = self._events(qe.event_keys_query((a, b), limit=LATEST_EVENTS, newest_first=True))
        return RelationSummary(
            a=a,
            b=b,
            diplomatic_relations_since=self._diplomatic_since(relations, a, b),
            relations=relations,
            alliances=co_membership(self.alliances(a), self.alliances(b)),
            event_counts=counts,
            latest_events=list(reversed(latest)),
        )

    def _relations(self, a: str, b: str) -> list[RelationPublic]:
        rows = self.store.select(qe.relations_query(a, b))
        iris = sorted({r["r"] for r in rows})
        sources = sources_by_fact(self.store.select(qe.sources_query(iris))) if iris else {}
        return relation_models(rows, sources)

    def _diplomatic_since(self, relations: list[RelationPublic], a: str, b: str) -> str | None:
        established = self._events(qe.event_keys_query((a, b), "diplomatic_relations_established"))
        return diplomatic_since(relations, [e.date for e in established if e.date])

    def _relation_rows(self, code: str) -> list[Row]:
        return self.store.select(qn.relations_of_query(code))

    def _counterpart_rows(self, code: str, start: date, end: date) -> list[Row]:
        return self.store.select(qn.counterparts_query(code, start, end))

    def _entity_rows(self, codes: list[str]) -> list[Row]:
        return self.store.select(qn.entities_query(codes))

    def search(self, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
        return sparql_search(self.store, text, limit, offset)

    def _ranked(self, key: str) -> Ranked:
        key = key.strip()
        if not key:
            return []
        priority = {f"{GEO_IRI}{t}": i for i, t in enumerate(qe.ENTITY_TYPES)}
        rows = self.store.select(qe.entity_candidates_query(key))
        if not rows:  # the first or last words of a name
            parts = self.store.select(qe.entity_name_part_query(key))
            rows = [{**r, "rank": str(NAME_PART)} for r in parts]
        return best_per_iri((int(r["rank"]), priority.get(r["kind"], 99), r["x"]) for r in rows)

    def _entity_at(self, iri: str) -> EntityPublic:
        rows = self.store.select(qe.entity_details_query(iri))
        person = any(r["prop"] == "type" and r["value"] == f"{GEO_IRI}Person" for r in rows)
        roles = self.store.select(qe.reported_roles_query(iri)) if person else []
        return entity_from_rows(iri, rows, roles)

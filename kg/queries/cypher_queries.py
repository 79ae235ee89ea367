"""The domain queries in Cypher over the Neo4j projection, each in a READ transaction. The
Cypher returns raw property values; they are turned into rows of lexical strings shaped like
the SPARQL side's and go through the same row -> model functions (kg.queries.sparql_rows), so
ordering and tie-breaking are identical on both backends."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kg.queries import cypher_texts as ct
from kg.queries.base import GraphQueries, Ranked
from kg.queries.checks import check_pair, check_period, diplomatic_since
from kg.queries.cypher_entities import entity_at, ranked_entities
from kg.queries.cypher_events import event_query_args, events_from_page, source_rows, sources_of
from kg.queries.cypher_neighbourhood import CypherNeighbourhoodRows
from kg.queries.cypher_rows import (
    Row,
    at_bounds,
    code_param,
    expand,
    first,
    is_code,
    obligation_param,
    texts,
)
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
from kg.queries.search_cypher import cypher_search
from kg.queries.search_models import SearchResult
from kg.queries.sparql_queries import LATEST_EVENTS
from kg.queries.sparql_rows import (
    alliance_names,
    alliance_rows,
    co_membership,
    leader_terms,
    overlaps,
    relation_models,
    state_model,
)
from ontology.dates import PartialDate

DYADS_CYPHER = "MATCH (d:Dyad) WHERE d.code IS NOT NULL RETURN DISTINCT d.code AS code"


class CypherQueries(CypherNeighbourhoodRows, GraphQueries):
    """GraphQueries over a Neo4j projection; `driver` is a neo4j.Driver, owned by the caller
    unless `owns_driver` (the pair timelines kept in Neo4j: kg.queries.cached_queries)."""

    def __init__(self, driver: Any, database: str | None = None, owns_driver: bool = False) -> None:
        self.driver = driver
        self.database = database
        self._owns_driver = owns_driver

    def close(self) -> None:
        """Close the driver when this object owns it (kg.wiring.open_queries)."""
        if self._owns_driver:
            self.driver.close()

    def _read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """One auto-commit query in a fresh READ session: a single round trip, where a managed
        transaction (execute_query, execute_read) adds a COMMIT round trip (~0.6 ms here). One
        retry on a retryable error (a leader change, a transient lock), as a managed
        transaction would have given."""
        try:
            return self._read_once(cypher, params)
        except Exception as exc:
            retryable = getattr(exc, "is_retryable", None)
            if not (callable(retryable) and retryable()):
                raise
        return self._read_once(cypher, params)

    def _read_once(self, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        # a session is cheap and not thread-safe, hence one per query; the bookmark manager
        # keeps reads causally after writes made through execute_query
        with self.driver.session(
            database=self.database,
            default_access_mode="READ",
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        ) as session:
            return [record.data() for record in session.run(cypher, params)]

    def states(self) -> list[StatePublic]:
        return [state_model(r) for r in self._state_rows(None)]

    def state(self, code: str) -> StatePublic | None:
        """The state with this code; None also for text that cannot be a code."""
        if not is_code(code):
            return None
        rows = self._state_rows(code_param(code))
        return state_model(rows[0]) if rows else None

    def _state_rows(self, code: str | None) -> list[Row]:
        rows = []
        for r in self._read(ct.STATES, code=code):
            for c in sorted(set(texts(r["code"]))):
                row = {"s": r["s"], "code": c}
                fields = {"name": min, "former": max, "start": min, "end": min}
                row.update({k: pick(texts(r[k])) for k, pick in fields.items() if texts(r[k])})
                rows.append(row)
        return sorted(rows, key=lambda row: (row["code"], row["s"]))

    def _existed(self, code: str, at: PartialDate | None) -> bool:
        found = self.state(code)
        return found is not None and (at is None or overlaps(found.start, found.end, at))

    def leaders(self, state: str, at: PartialDate | None = None) -> list[LeaderTermPublic]:
        if not self._existed(state, at):
            return []
        rows: list[Row] = []
        for r in self._read(ct.LEADERS, code=code_param(state), **at_bounds(at)):
            base = {"term": r["term"], "person": r["person"]}
            rows += expand(
                base,
                name=r["name"],
                role=r["role"],
                office=r["offices"],
                start=r["start"],
                end=r["end"],
                earliest=r["earliest"],
            )
        order = ("earliest", "name", "person", "term", "role", "office", "start", "end")
        rows.sort(key=lambda row: tuple(row.get(k, "") for k in order))
        return leader_terms(rows, state.upper())

    def alliances(
        self, state: str, at: PartialDate | None = None, obligation: str | None = None
    ) -> list[AlliancePublic]:
        if not self._existed(state, at):
            return []
        params = {
            "code": code_param(state),
            "obligation": obligation_param(obligation),
            **at_bounds(at),
        }
        rows: list[Row] = []
        for r in self._read(ct.ALLIANCES, **params):
            rows += expand({"al": r["al"], "m": r["m"]}, since=r["since"], until=r["until"])
        rows.sort(key=lambda row: (row["al"], row.get("since", ""), row["m"]))
        found = alliance_rows(rows, self._alliance_details({r["al"] for r in rows}))
        if at is not None:
            found = [a for a in found if overlaps(a.start, a.end, at)]
        return found

    def _alliance_details(self, iris: set[str]) -> list[Row]:
        if not iris:
            return []
        rows: list[Row] = []
        for r in self._read(ct.ALLIANCE_DETAILS, iris=sorted(iris)):
            rows.append({"al": r["al"]})
            for key in ("name", "org", "obligation", "start", "end"):
                rows += [{"al": r["al"], key: value} for value in sorted(set(texts(r[key])))]
        return rows

    def allies(self, state: str, at: PartialDate | None = None) -> list[AllyPublic]:
        if not self._existed(state, at):
            return []
        rows: list[Row] = []
        for r in self._read(ct.ALLIES, code=code_param(state), **at_bounds(at)):
            for c in texts(r["code"]):
                rows += expand({"code": c, "al": r["al"]}, name=first(r["name"]))
        names = alliance_names(self._alliance_details({r["al"] for r in rows}))
        allies: dict[str, AllyPublic] = {}
        for r in sorted(rows, key=lambda row: (row["code"], row["al"], row.get("name", ""))):
            ally = allies.setdefault(
                r["code"], AllyPublic(state=r["code"], name=r.get("name", r["code"]), via=[])
            )
            name = names.get(r["al"], r["al"])
            if name not in ally.via:
                ally.via.append(name)
        for ally in allies.values():
            ally.via.sort()
        return [allies[c] for c in sorted(allies)]

    def _events(
        self,
        codes: Sequence[str] = (),
        event_type: str | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[EventPublic]:
        """One page of events with their participants and sources, in one round trip."""
        pair, params = event_query_args(codes, event_type, start, end, limit, offset)
        cypher = ct.event_page(newest_first, len(params["codes"]), pair)
        return events_from_page(self._read(cypher, **params))

    def _sources(self, iris: Iterable[str]) -> dict[str, list[Any]]:
        rows = self._read(ct.SOURCES, iris=list(iris))
        return sources_of(
            row for r in rows for row in source_rows(r["e"], r["sources"], r["evidence"])
        )

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
        return self._events((a, b), event_type, start, end, limit, offset)

    def dyads(self) -> list[str]:
        return sorted(r["code"] for r in self._read(DYADS_CYPHER))

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
        return self._events(who, event_type, start, end, limit, offset)

    def relation_summary(self, a: str, b: str) -> RelationSummary:
        check_pair(a, b, "a relation summary")
        a, b = a.strip().upper(), b.strip().upper()
        relations = self._relations(code_param(a), code_param(b))
        counts: dict[str, int] = {}
        pair, params = event_query_args((a, b))
        for r in self._read(ct.pair_events(len(params["codes"]), pair), **params):
            for kind in set(texts(r["type"])):
                counts[kind] = counts.get(kind, 0) + 1
        latest = self._events((a, b), limit=LATEST_EVENTS, newest_first=True)
        return RelationSummary(
            a=a,
            b=b,
            diplomatic_relations_since=self._diplomatic_since(relations, a, b),
            relations=relations,
            alliances=co_membership(self.alliances(a), self.alliances(b)),
            event_counts=dict(sorted(counts.items())),
            latest_events=list(reversed(latest)),
        )

    def _relations(self, a: str, b: str) -> list[RelationPublic]:
        rows: list[Row] = []
        for r in self._read(ct.RELATIONS, a=a, b=b):
            rows += expand(
                {"r": r["r"]}, type=r["type"], actor=r["actor"], since=r["since"], until=r["until"]
            )
        order = ("type", "since", "r", "actor", "until")
        rows.sort(key=lambda row: tuple(row.get(k, "") for k in order))
        iris = sorted({r["r"] for r in rows})
        return relation_models(rows, self._sources(iris) if iris else {})

    def _diplomatic_since(self, relations: list[RelationPublic], a: str, b: str) -> str | None:
        established = self._events((a, b), "diplomatic_relations_established")
        return diplomatic_since(relations, [e.date for e in established if e.date])

    def search(self, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
        return cypher_search(self._read, text, limit, offset)

    def _ranked(self, key: str) -> Ranked:
        return ranked_entities(self._read, key)

    def _entity_at(self, iri: str) -> EntityPublic:
        return entity_at(self._read, iri)

"""Each pair's whole timeline kept inside Neo4j, as the Cypher timeline last answered it, so a
timeline costs one node read instead of the few thousand record reads behind its events
(27 ms for a whole pair at 1 M events; docs/neo4j-projection.md, "The timeline cache").

It is a cache, never the projection: `(:TimelineCache {dyad})` nodes, outside `Resource`,
each holding a pair's events as JSON in timeline order with their sort and filter keys while
it is also `:TimelineKept`, and one `{dyad: '*'}` node with a version and a `writing` flag.
Every projection write raises the flag and the version before it starts, and after it ends
makes the pairs it changed stale (all of them when it touched anything but events and their
sources: their events dropped, the node left to say the pair is worth reading again) and
lowers the flag; an entry is served only while no write runs, and kept only if no write
began since its read. A write that dies half-way leaves the flag up: timelines are then read
from the graph until the next projection write ends (`kg sync` redoes the unfinished
graphs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError, TransientError

from kg.stores.timeline_cache import (
    CachedEvent,
    CachedPage,
    PageFilter,
    TimelineCache,
    page_indexes,
)
from kg.stores.timeline_keys import EVENT_SIDE_TYPES

LABEL = "TimelineCache"
KEPT = "TimelineKept"  # an entry whose events are current (else stale: to be read again)
EVERY = "*"  # the dyad key of the node every write marks
SCHEMA_CYPHER = (
    f"CREATE CONSTRAINT timeline_cache_dyad IF NOT EXISTS FOR (c:{LABEL}) REQUIRE c.dyad IS UNIQUE"
)
READ_CYPHER = f"""OPTIONAL MATCH (w:{LABEL} {{dyad: '{EVERY}'}})
OPTIONAL MATCH (c:{LABEL} {{dyad: $dyad}})
RETURN coalesce(w.version, 0) AS version, coalesce(w.writing, false) AS writing,
  CASE WHEN c:{KEPT} THEN c.bodies END AS bodies,
  c.earliest AS earliest, c.latest AS latest, c.types AS types"""
# The lock first (Neo4j's own recipe against lost updates: held until the commit, though the
# property is gone at once), then the check: a write that began after the read has raised
# the version.
KEEP_CYPHER = f"""MERGE (w:{LABEL} {{dyad: '{EVERY}'}})
SET w._lock = true REMOVE w._lock
WITH w WHERE coalesce(w.version, 0) = $version AND NOT coalesce(w.writing, false)
MERGE (c:{LABEL} {{dyad: $dyad}})
SET c:{KEPT}, c.bodies = $bodies, c.earliest = $earliest, c.latest = $latest, c.types = $types
RETURN count(c) AS kept"""
# A write in one transaction needs no flag (no one sees it raised): the version moves at its
# commit, and what a reader kept before then is still there to make stale.
BUMP_CYPHER = f"""MERGE (w:{LABEL} {{dyad: '{EVERY}'}})
SET w.version = coalesce(w.version, 0) + 1
RETURN EXISTS {{ MATCH (:{KEPT}) }} AS kept"""
KEPT_CYPHER = f"""OPTIONAL MATCH (w:{LABEL} {{dyad: '{EVERY}'}})
WITH coalesce(w.writing, false) AS writing
UNWIND $dyads AS dyad
MATCH (c:{LABEL} {{dyad: dyad}}) WHERE c:{KEPT} AND NOT writing
RETURN count(c) AS kept"""
STALE_CYPHER = f"""OPTIONAL MATCH (w:{LABEL} {{dyad: '{EVERY}'}})
WITH coalesce(w.writing, false) AS writing
MATCH (c:{LABEL}) WHERE c.dyad <> '{EVERY}' AND NOT c:{KEPT} AND NOT writing
RETURN c.dyad AS dyad ORDER BY dyad"""
BEGIN_CYPHER = f"""MERGE (w:{LABEL} {{dyad: '{EVERY}'}})
SET w.version = coalesce(w.version, 0) + 1, w.writing = true
RETURN EXISTS {{ MATCH (:{KEPT}) }} AS kept"""
_SIDE = " OR ".join(f"s:{name}" for name in EVENT_SIDE_TYPES)
# Per subject of the graphs: whether it is an event or a source of one, and the pairs of the
# events it is (or is linked to, in either direction; a dyad: its own pair, not those of the
# other pairs its events have).
AFFECTED_CYPHER = f"""UNWIND $graphs AS graph
MATCH (:ProjectedGraph {{iri: graph}})-[:ASSERTS]->(s)
WITH DISTINCT s
RETURN {_SIDE} AS side, COLLECT {{
  MATCH (s)-[:dyad]->(d) RETURN d.code AS code
  UNION MATCH (s)--(:Event)-[:dyad]->(d) WHERE NOT s:Dyad RETURN d.code AS code
  UNION MATCH (s:Dyad) RETURN s.code AS code
}} AS codes"""
# The kept pairs a write made stale (all of them, or those of $dyads, found by the index).
_STALE_MATCH = {
    True: f"MATCH (c:{KEPT})",
    False: f"UNWIND $dyads AS dyad MATCH (c:{LABEL} {{dyad: dyad}}) WHERE c:{KEPT}",
}
END_CYPHER = {
    every: f"""CALL () {{
  {match}
  REMOVE c:{KEPT}, c.bodies, c.earliest, c.latest, c.types
}}
MATCH (w:{LABEL} {{dyad: '{EVERY}'}})
SET w.version = w.version + 1, w.writing = false"""
    for every, match in _STALE_MATCH.items()
}


@dataclass(frozen=True)
class CachedPair:
    """What the cache holds for one pair: the version to hand back to keep(), and the pair's
    events when an entry may be served (None: read the graph)."""

    version: int
    writing: bool
    events: list[CachedEvent] | None


class Neo4jTimelineCache(TimelineCache):
    """The pair timelines kept in one Neo4j database; the driver is the caller's."""

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        self.driver = driver
        self.database = database
        self.may_keep = True  # False once the server refused a keep (a read-only user)

    def _run(
        self, cypher: str, mode: str, tx: ManagedTransaction | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """In `tx` when given (its own writes visible), else in a session of its own."""
        if tx is not None:
            return tx.run(cypher, params).data()
        with self.driver.session(
            database=self.database,
            default_access_mode=mode,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        ) as session:
            return [record.data() for record in session.run(cypher, params)]

    def ensure_schema(self) -> None:
        self._run(SCHEMA_CYPHER, "WRITE")

    def read(self, dyad: str) -> CachedPair:
        """The pair's kept events (None when not kept, or while a write runs)."""
        row = self._run(READ_CYPHER, "READ", dyad=dyad)[0]
        events = None
        if row["bodies"] is not None and not row["writing"]:
            keys = zip(row["earliest"], row["latest"], row["types"], row["bodies"], strict=True)
            events = [CachedEvent(*key) for key in keys]
        return CachedPair(int(row["version"]), bool(row["writing"]), events)

    def page(self, dyad: str, keep: PageFilter) -> CachedPage:
        """The events `keep` selects of the pair, when kept and no write runs; the version
        as the ticket (None while a write runs: nothing read then is kept)."""
        kept = self.read(dyad)
        ticket = None if kept.writing else kept.version
        if kept.events is None:
            return CachedPage(None, ticket)
        return CachedPage([kept.events[i].body for i in page_indexes(kept.events, keep)], ticket)

    def ticket(self) -> int | None:
        return 0  # a pair is kept or not: nothing to settle after a read of all of them

    def complete(self, ticket: int, dyads: Sequence[str]) -> bool:
        return self.kept(dyads) == len(dyads)

    def forget(self) -> None:
        with self.writing(None):  # every kept pair made stale
            pass

    def keep(self, dyad: str, events: Sequence[CachedEvent], version: int) -> bool:
        """Keep a pair's whole timeline read at `version`; False when a write began since,
        or the server refuses the write (the answer stands, unkept)."""
        if not self.may_keep:
            return False
        columns = {
            "bodies": [e.body for e in events],
            "earliest": [e.earliest for e in events],
            "latest": [e.latest for e in events],
            "types": [e.type for e in events],
        }
        try:
            rows = self._run(KEEP_CYPHER, "WRITE", None, dyad=dyad, version=version, **columns)
        except TransientError:  # a lock taken by a write: that write makes the pair stale anyway
            return False
        except ClientError as exc:
            if not (exc.code or "").startswith(
                ("Neo.ClientError.Security", "Neo.ClientError.Cluster")
            ):
                raise
            self.may_keep = False
            return False
        return bool(rows and rows[0]["kept"])

    def stale(self) -> list[str]:
        """The pairs kept once that a write changed since: worth reading again (none while
        a write runs)."""
        return [row["dyad"] for row in self._run(STALE_CYPHER, "READ")]

    def kept(self, dyads: Sequence[str]) -> int:
        """How many of these pairs are kept and served now."""
        rows = self._run(KEPT_CYPHER, "READ", dyads=list(dyads))
        return int(rows[0]["kept"]) if rows else 0

    def affected(
        self, graphs: Sequence[str], tx: ManagedTransaction | None = None
    ) -> set[str] | None:
        """The pairs whose timelines what these graphs assert (as projected now) reaches;
        None when that may be any pair (a state, a person, anything but events and their
        sources)."""
        if not graphs:
            return set()
        dyads: set[str] = set()
        for row in self._run(AFFECTED_CYPHER, "READ", tx, graphs=list(graphs)):
            if not row["side"]:
                return None
            dyads.update(code for code in row["codes"] if isinstance(code, str))
        return dyads

    def begin(self) -> bool:
        """Raise the write flag and the version; whether any pair is kept (else the end of
        the write has nothing to make stale)."""
        return bool(self._run(BEGIN_CYPHER, "WRITE")[0]["kept"])

    def mark_in(self, tx: ManagedTransaction, names: list[str]) -> None:
        """At the end of a write of graphs never projected before, made in `tx` alone: move
        the version and make stale the kept pairs the graphs reach (one statement when none is
        kept)."""
        if self._run(BUMP_CYPHER, "WRITE", tx)[0]["kept"]:
            self.end(True, names, set(), tx)

    def end(
        self,
        kept: bool,
        names: list[str] | None,
        before: set[str] | None,
        tx: ManagedTransaction | None = None,
    ) -> None:
        """Make stale the kept pairs the write of `names` reached (`before` it, and as they
        stand now; every pair when `names` or either side is None) and lower the flag."""
        dyads = None
        if kept and names is not None and before is not None:
            after = self.affected(names, tx)
            dyads = None if after is None else before | after
        every = kept and dyads is None
        self._run(END_CYPHER[every], "WRITE", tx, dyads=sorted(dyads or ()))

    @contextmanager
    def writing(self, graphs: Iterable[str] | None) -> Iterator[None]:
        """Around a projection write of `graphs` (None: of anything, e.g. a clear) made of
        several transactions: no entry is served or kept meanwhile, and those the write
        changed are made stale after it. A write that fails still does so for what it reached; when
        that fails too, its error is the one raised (the flag stays up: safe)."""
        names = None if graphs is None else sorted(set(graphs))
        kept = self.begin()
        before = self.affected(names) if kept and names is not None else None
        try:
            yield
        except BaseException:
            with suppress(Exception):  # the write's own error says more
                self.end(kept, names, before)
            raise
        self.end(kept, names, before)
